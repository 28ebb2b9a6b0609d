import type * as z from "zod";
import { formatPath } from "./json-path.ts";
import type { Problem } from "./node-definition.ts";

/** Zod issues as problems with a JSON path and a sentence a person can act on. */
export function schemaProblems(error: z.ZodError, doc: unknown): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = formatPath(issue.path);
    const problem: Problem = { path, message: `${path}: ${describe(issue)}`, severity: "error" };
    const nodeId = nodeIdAt(doc, issue.path);
    if (nodeId !== undefined) problem.nodeId = nodeId;
    return [problem];
  });
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => String(v)).join(", ")}`;
    case "invalid_type":
      return `expected ${article(issue.expected)}${issue.input === undefined ? ", but it is missing" : `, got ${kindOf(issue.input)}`}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator) {
        return `unknown ${String(issue.discriminator)}: expected one of ${(issue as { options?: unknown[] }).options?.map(String).join(", ") ?? "the known ones"}`;
      }
      return "does not match any allowed shape";
    case "too_big":
      return `is too ${issue.origin === "array" ? "long" : "large"} (at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""})`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) === 1
        ? "must not be empty"
        : `is too ${issue.origin === "array" ? "short" : "small"} (at least ${String(issue.minimum)}${issue.origin === "array" ? " items" : ""})`;
    case "invalid_format":
      return `is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return article(typeof value);
}

function nodeIdAt(doc: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== "nodes" || typeof path[1] !== "number") return undefined;
  const nodes = (doc as { nodes?: unknown }).nodes;
  const node = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof node?.id === "string" ? node.id : undefined;
}
