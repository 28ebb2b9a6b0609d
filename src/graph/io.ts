import { graphProblems } from "./graph-problems.ts";
import { formatPath } from "./json-path.ts";
import { MigrationError, migrate } from "./migrate.ts";
import type { Problem } from "./node-definition.ts";
import { type ChainDocument, chainDocumentSchema } from "./schema.ts";
import { schemaProblems } from "./schema-errors.ts";
import { stripSecrets } from "./secrets.ts";

export type ImportResult =
  { ok: true; document: ChainDocument; warnings: Problem[] } | { ok: false; problems: Problem[] };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 64;

/**
 * Reads a chain document from JSON text or a parsed value: checks it is safe, migrates it, validates
 * it against the schema and as a graph. Problems carry JSON paths.
 *
 * @example
 * const r = importDocument(text); if (!r.ok) show(r.problems);
 */
export function importDocument(input: unknown): ImportResult {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (err) {
      return fail("(document)", `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail("(document)", "a chain document is a JSON object");
  }
  const unsafe = findUnsafeKey(value);
  if (unsafe) return fail(unsafe.path, unsafe.message);
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(value as Record<string, unknown>);
  } catch (err) {
    if (err instanceof MigrationError) return fail(err.message.split(":")[0]!, err.message);
    throw err;
  }
  const parsed = chainDocumentSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, migrated) };
  const document = stripSecrets(parsed.data) as ChainDocument;
  const problems = graphProblems(document);
  const errors = problems.filter((p) => p.severity === "error");
  // A document with graph problems still opens in the editor (to be fixed there); the CLI refuses it.
  return {
    ok: true,
    document,
    warnings: errors.length ? problems : problems.filter((p) => p.severity === "warning"),
  };
}

/** Validates a document fully: schema and graph. An empty list means it can run. */
export function validateDocument(input: unknown): Problem[] {
  const r = importDocument(input);
  return r.ok ? r.warnings.filter((p) => p.severity === "error") : r.problems;
}

function fail(path: string, message: string): ImportResult {
  return {
    ok: false,
    problems: [
      { path, message: message.startsWith(path) ? message : `${path}: ${message}`, severity: "error" },
    ],
  };
}

/** Refuses prototype-polluting keys and absurd nesting before anything copies the value. */
function findUnsafeKey(root: object): { path: string; message: string } | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (path.length > MAX_DEPTH)
      return { path: formatPath(path), message: `nested deeper than ${MAX_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      if (FORBIDDEN_KEYS.has(key))
        return { path: formatPath(at), message: `the key "${key}" is not allowed in a chain file` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return undefined;
}

const KEY_ORDER: Record<string, readonly string[]> = {
  document: ["format", "version", "name", "nodes", "edges"],
  node: ["id", "type", "name", "position", "data"],
  edge: ["id", "source", "target", "targetHandle"],
};

/**
 * Writes a document as deterministic, diff-friendly JSON: known keys in a fixed order, others sorted,
 * two-space indentation, a final newline, and never a secret.
 */
export function exportDocument(doc: ChainDocument): string {
  const clean = stripSecrets(doc) as Record<string, unknown>;
  const ordered = orderKeys(clean, KEY_ORDER.document) as Record<string, unknown>;
  ordered.nodes = (clean.nodes as Record<string, unknown>[]).map((n) => orderKeys(n, KEY_ORDER.node));
  ordered.edges = (clean.edges as Record<string, unknown>[]).map((e) => orderKeys(e, KEY_ORDER.edge));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderKeys(value: unknown, first: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v));
  if (!value || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k] = orderKeys(obj[k]);
  for (const k of Object.keys(obj).sort()) if (!(k in out)) out[k] = orderKeys(obj[k]);
  return out;
}
