import { readFile } from "node:fs/promises";
import { DocumentError } from "./errors.ts";
import {
  type ChainDocument,
  type ChainNode,
  type Problem,
  analyzeLambda,
  displayName,
  importDocument,
} from "../graph/index.ts";

export interface LoadedDocument {
  document: ChainDocument;
  /** Problems that do not stop a run (severity "warning"), as printable lines. */
  warnings: string[];
}

/**
 * Reads and validates a chain document exactly as the editor's importer does (JSON, safety,
 * migrations, schema, graph). Any error-level problem refuses the document.
 */
export async function loadDocument(file: string): Promise<LoadedDocument> {
  let text: string;
  try {
    text = await readText(file);
  } catch (err) {
    throw new DocumentError([`${file}: cannot read the file (${describeFsError(err)})`]);
  }
  const result = importDocument(text);
  if (!result.ok) throw new DocumentError(result.problems.map((p) => problemLine(file, p)));
  const errors = result.warnings.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new DocumentError(errors.map((p) => problemLine(file, p)));
  return { document: result.document, warnings: result.warnings.map((p) => problemLine(file, p)) };
}

/** `chain.json: nodes[1].data.model: must not be empty` (the path first, then what is wrong). */
export function problemLine(file: string, p: Problem): string {
  const message = p.message.startsWith(p.path) ? p.message : `${p.path}: ${p.message}`;
  const prefix = p.severity === "warning" ? "warning: " : "";
  return `${file}: ${prefix}${oneLine(message)}`;
}

export function lambdaNodes(doc: ChainDocument): ChainNode[] {
  return doc.nodes.filter((n) => n.type === "lambda");
}

/** `"reverse_word" (id l1)`: how messages name a node. */
export function nodeLabel(node: ChainNode): string {
  return `"${nodeTitle(node)}" (id ${node.id})`;
}

/** A node's name as its runs show it: its own, a lambda's function name, else its type's label. */
export function nodeTitle(node: ChainNode): string {
  if (node.name === undefined && node.type === "lambda") {
    try {
      const name = analyzeLambda(node.data.code).name;
      if (name) return name;
    } catch {
      // Invalid code has no name; validation reports it.
    }
  }
  return displayName(node);
}

export async function readText(path: string): Promise<string> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  return readFile(path, "utf8");
}

export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return err instanceof Error ? err.message : String(err);
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
