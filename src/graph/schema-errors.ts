import type * as z from "zod";
import { formatPath } from "./json-path.ts";
import type { Problem } from "./node-definition.ts";

type Issue = z.core.$ZodIssue;

/**
 * Zod issues as problems with a JSON path and a sentence a person can act on, such as
 * `nodes[2].data.parser: expected one of str, json, list`. `doc` is the value that was parsed: the
 * sentence names what is actually there (zod's issues do not carry it unless asked).
 */
export function schemaProblems(error: z.ZodError, doc: unknown): Problem[] {
  return error.issues.map((raw) => {
    const issue = narrowUnion(raw);
    const path = formatPath(issue.path);
    const problem: Problem = {
      path,
      message: `${path}: ${describe(issue, valueAt(doc, issue.path))}`,
      severity: "error",
    };
    const nodeId = nodeIdAt(doc, issue.path);
    if (nodeId !== undefined) problem.nodeId = nodeId;
    return problem;
  });
}

const MISSING = Symbol("missing");

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = doc;
  for (const key of path) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, key)) return MISSING;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * A plain union (`string | string[]`) fails with one issue list per branch. When exactly one branch
 * got past the top level (its issues are all deeper), that branch is what the author meant: report
 * its deepest issue, with the full path.
 */
function narrowUnion(issue: Issue): Issue {
  if (issue.code !== "invalid_union" || ("discriminator" in issue && issue.discriminator)) return issue;
  const deeper = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  const branch = deeper.length === 1 ? deeper[0]! : undefined;
  if (!branch) return issue;
  const inner = branch[0]!;
  return narrowUnion({ ...inner, path: [...issue.path, ...inner.path] });
}

function describe(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}${value === MISSING ? ", but it is missing" : `, got ${show(value)}`}`
        : `expected one of ${issue.values.map((v) => String(v)).join(", ")}${value === MISSING ? ", but it is missing" : `, got ${show(value)}`}`;
    case "invalid_type":
      return `expected ${typeName(issue.expected)}${value === MISSING || value === undefined ? ", but it is missing" : `, got ${kindOf(value)}`}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator) {
        const options =
          (issue as { options?: unknown[] }).options?.map(String).join(", ") ?? "the known ones";
        return value === MISSING
          ? `is missing: expected one of ${options}`
          : `unknown ${String(issue.discriminator)} ${show(value)}: expected one of ${options}`;
      }
      return `expected ${unionExpectation(issue)}, got ${kindOf(value)}`;
    case "too_big":
      return issue.origin === "string"
        ? `is too long (at most ${plural(issue.maximum, "character")})`
        : issue.origin === "array"
          ? `has too many items (at most ${String(issue.maximum)})`
          : `is too large (at most ${String(issue.maximum)})`;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) === 1
          ? "must not be empty"
          : `is too short (at least ${plural(issue.minimum, "character")})`;
      if (issue.origin === "array")
        return Number(issue.minimum) === 1
          ? "needs at least one item"
          : `has too few items (at least ${String(issue.minimum)})`;
      return issue.inclusive
        ? `is too small (at least ${String(issue.minimum)})`
        : `must be greater than ${String(issue.minimum)}`;
    case "invalid_format":
      return issue.format === "url" ? "is not a valid http(s) URL" : `is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

/** What the branches of a plain union expected at the top: "a string or an array". */
function unionExpectation(issue: Extract<Issue, { code: "invalid_union" }>): string {
  const names = new Set<string>();
  for (const branch of issue.errors) {
    const top = branch.find((i) => i.path.length === 0);
    names.add(
      top?.code === "invalid_type"
        ? typeName(top.expected)
        : top?.code === "invalid_value"
          ? top.values.map((v) => JSON.stringify(v)).join(" or ")
          : "another shape",
    );
  }
  return [...names].join(" or ");
}

function typeName(expected: string): string {
  if (expected === "int") return "a whole number";
  if (expected === "record") return "an object";
  return article(expected);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function plural(n: unknown, word: string): string {
  return `${String(n)} ${word}${Number(n) === 1 ? "" : "s"}`;
}

function kindOf(value: unknown): string {
  if (value === MISSING || value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "number" && !Number.isInteger(value)) return `the number ${value}`;
  return article(typeof value);
}

/** A short rendering of a wrong value: strings quoted and clipped, others by kind. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return kindOf(value);
}

function nodeIdAt(doc: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== "nodes" || typeof path[1] !== "number") return undefined;
  const nodes = (doc as { nodes?: unknown }).nodes;
  const node = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof node?.id === "string" ? node.id : undefined;
}
