import type { CodeRunner, Runnable } from "../core/index.ts";
import type { BaseChatModel } from "../core/index.ts";
import type { ChainNode, ModelData, NodeOfType, NodeType } from "./schema.ts";
import type { Port } from "./ports.ts";

/** A problem found in a document: where (a JSON path), what, and which node or edge it concerns. */
export interface Problem {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  severity: "error" | "warning";
}

/** An inspector field, declared once per node type; the UI builds its form from these. */
export interface FieldDecl {
  /** Dotted path inside `data` (e.g. `params.temperature`). */
  key: string;
  label: string;
  kind: "text" | "textarea" | "code" | "select" | "number" | "messages" | "documents" | "string-list" | "url";
  options?: readonly string[];
  help?: string;
  min?: number;
  max?: number;
  step?: number;
  /** Shown only when this returns true for the node's data (provider-aware model fields). */
  visible?: (data: Record<string, unknown>) => boolean;
}

/** What the caller injects into compilation: model providers and the lambda code runner. */
export interface CompileContext {
  createChatModel?: (data: ModelData) => BaseChatModel;
  codeRunner?: CodeRunner;
}

/** One node type: everything the editor, validator and compiler need to know about it. */
export interface NodeDefinition<T extends NodeType = NodeType> {
  type: T;
  /** The palette's name and the default name of a node. */
  label: string;
  description: string;
  defaultData(): NodeOfType<T>["data"];
  inputs(node: NodeOfType<T>): Port[];
  outputs(node: NodeOfType<T>): Port[];
  fields: readonly FieldDecl[];
  /** Problems beyond the schema (template syntax, code syntax, ...). */
  validate(node: NodeOfType<T>, path: string): Problem[];
  /** A one-glance summary for the node's body on the canvas. */
  summary(node: NodeOfType<T>): string;
  compile(node: NodeOfType<T>, ctx: CompileContext): Runnable;
}

export type AnyNodeDefinition = { [T in NodeType]: NodeDefinition<T> }[NodeType];

export function nodeProblem(node: ChainNode, path: string, message: string): Problem {
  return { path, message, nodeId: node.id, severity: "error" };
}
