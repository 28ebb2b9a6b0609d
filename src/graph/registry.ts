import type { AnyNodeDefinition, NodeDefinition } from "./node-definition.ts";
import { lambdaNode } from "./nodes/lambda.ts";
import { modelNode } from "./nodes/model.ts";
import { parserNode } from "./nodes/parser.ts";
import { passthroughNode } from "./nodes/passthrough.ts";
import { promptNode } from "./nodes/prompt.ts";
import { retrieverNode } from "./nodes/retriever.ts";
import type { ChainNode, NodeType } from "./schema.ts";

/** Every node type, keyed by type: a missing definition is a compile error. */
export const NODE_DEFINITIONS: { [T in NodeType]: NodeDefinition<T> } = {
  prompt: promptNode,
  model: modelNode,
  parser: parserNode,
  lambda: lambdaNode,
  passthrough: passthroughNode,
  retriever: retrieverNode,
};

/** The palette's order. */
export const NODE_TYPES: NodeType[] = ["prompt", "model", "parser", "lambda", "passthrough", "retriever"];

export function definitionOf(node: ChainNode): AnyNodeDefinition {
  return NODE_DEFINITIONS[node.type];
}

/** Calls a definition's method with the node, keeping the type pairing TypeScript cannot see. */
export function withDefinition<R>(node: ChainNode, fn: (def: NodeDefinition, node: ChainNode) => R): R {
  return fn(NODE_DEFINITIONS[node.type] as unknown as NodeDefinition, node);
}

/** The name a node shows and runs under: its own, or its type's label. */
export function displayName(node: ChainNode): string {
  return node.name ?? NODE_DEFINITIONS[node.type].label;
}
