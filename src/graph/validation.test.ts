import { describe, expect, it } from "vitest";
import { chain, clone, retriever } from "./fixtures/builders.ts";
import { importDocument } from "./io.ts";
import type { Problem } from "./node-definition.ts";
import { joke } from "./validation.test-helpers.ts";

/** Tests reach into documents of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
type Loose = Record<string, any>;

/** Applies a change to a JSON copy of a valid document and returns the import's problems. */
function problemsAfter(change: (doc: Loose) => void): Problem[] {
  const doc = clone(joke()) as Loose;
  change(doc);
  const r = importDocument(JSON.stringify(doc));
  expect(r.ok, "the import should fail").toBe(false);
  return r.ok ? [] : r.problems;
}

describe("schema errors: a JSON path and a sentence", () => {
  it.each<[string, (d: Loose) => void, string, string | undefined]>([
    [
      "an unknown parser",
      (d) => (d.nodes[2].data.parser = "xml"),
      'nodes[2].data.parser: expected one of str, json, list, got "xml"',
      "o",
    ],
    [
      "an unknown node type",
      (d) => (d.nodes[1].type = "llm"),
      'nodes[1].type: unknown type "llm": expected one of prompt, model, parser, lambda, passthrough, retriever',
      "m",
    ],
    [
      "a node without a type",
      (d) => delete d.nodes[1].type,
      "nodes[1].type: is missing: expected one of prompt, model, parser, lambda, passthrough, retriever",
      "m",
    ],
    [
      "a coordinate given as text",
      (d) => (d.nodes[0].position.x = "12"),
      "nodes[0].position.x: expected a number, got a string",
      "p",
    ],
    [
      "a missing position",
      (d) => delete d.nodes[0].position,
      "nodes[0].position: expected an object, but it is missing",
      "p",
    ],
    [
      "a temperature out of range",
      (d) => (d.nodes[1].data.params = { temperature: 5 }),
      "nodes[1].data.params.temperature: is too large (at most 2)",
      "m",
    ],
    [
      "a fractional max tokens",
      (d) => (d.nodes[1].data.params = { maxTokens: 1.5 }),
      "nodes[1].data.params.maxTokens: expected a whole number, got the number 1.5",
      "m",
    ],
    [
      "stop sequences given as one string",
      (d) => (d.nodes[1].data.params = { stop: "\n" }),
      "nodes[1].data.params.stop: expected an array, got a string",
      "m",
    ],
    [
      "a base URL that is not http(s)",
      (d) => (d.nodes[1].data.baseUrl = "ftp://example.com"),
      "nodes[1].data.baseUrl: is not a valid http(s) URL",
      "m",
    ],
    [
      "an empty model name",
      (d) => (d.nodes[1].data.model = ""),
      "nodes[1].data.model: must not be empty",
      "m",
    ],
    [
      "a node name that is too long",
      (d) => (d.nodes[2].name = "n".repeat(201)),
      "nodes[2].name: is too long (at most 200 characters)",
      "o",
    ],
    [
      "a script without responses",
      (d) => (d.nodes[1].data.script.responses = []),
      "nodes[1].data.script.responses: needs at least one item",
      "m",
    ],
    [
      "a chunk list with a number in it",
      (d) => (d.nodes[1].data.script.responses = [["a", 1]]),
      "nodes[1].data.script.responses[0][1]: expected a string, got a number",
      "m",
    ],
    [
      "a response that is neither text nor chunks",
      (d) => (d.nodes[1].data.script.responses = [5]),
      "nodes[1].data.script.responses[0]: expected a string or an array, got a number",
      "m",
    ],
    [
      "an unknown message role",
      (d) => (d.nodes[0].data.messages[0].role = "user"),
      'nodes[0].data.messages[0].role: expected one of system, human, ai, placeholder, got "user"',
      "p",
    ],
    [
      "an unknown template format",
      (d) => (d.nodes[0].data.templateFormat = "jinja2"),
      'nodes[0].data.templateFormat: expected one of f-string, mustache, got "jinja2"',
      "p",
    ],
    [
      "nodes that are not a list",
      (d) => (d.nodes = { p: d.nodes[0] }),
      "nodes: expected an array, got an object",
      undefined,
    ],
    [
      "a node that is not an object",
      (d) => d.nodes.push(5),
      "nodes[3]: expected an object, got a number",
      undefined,
    ],
    [
      "an edge without a source",
      (d) => delete d.edges[0].source,
      "edges[0].source: expected a string, but it is missing",
      undefined,
    ],
    [
      "an empty targetHandle",
      (d) => (d.edges[0].targetHandle = ""),
      "edges[0].targetHandle: must not be empty",
      undefined,
    ],
    [
      "a document name that is not text",
      (d) => (d.name = 42),
      "name: expected a string, got a number",
      undefined,
    ],
  ])("%s", (_what, change, message, nodeId) => {
    const problems = problemsAfter(change);
    expect(problems.map((p) => p.message)).toContain(message);
    const problem = problems.find((p) => p.message === message)!;
    expect(message.startsWith(`${problem.path}: `)).toBe(true);
    expect(problem.severity).toBe("error");
    expect(problem.nodeId).toBe(nodeId);
  });

  it("describes retriever data mistakes", () => {
    const doc = clone(chain([retriever("r", ["a"], 2)])) as Loose;
    doc.nodes[0].data.documents[0].metadata = ["not", "an", "object"];
    doc.nodes[0].data.k = 0;
    const r = importDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      "nodes[0].data.documents[0].metadata: expected an object, got an array",
      "nodes[0].data.k: is too small (at least 1)",
    ]);
  });

  it("reports every problem of a document at once, never zod's generic wording", () => {
    const problems = problemsAfter((d) => {
      d.nodes[0].data.messages = "hi";
      d.nodes[1].data.provider = "openai-ish";
      d.nodes[2].position = null;
      d.edges[1].target = 7;
    });
    expect(problems.map((p) => p.path)).toEqual([
      "nodes[0].data.messages",
      "nodes[1].data.provider",
      "nodes[2].position",
      "edges[1].target",
    ]);
    for (const p of problems) {
      expect(p.message.startsWith(`${p.path}: `)).toBe(true);
      expect(p.message).not.toMatch(/Invalid input|received/);
    }
    expect(problems[2]!.message).toBe("nodes[2].position: expected an object, got null");
  });

  it("quotes keys that are not identifiers in paths", () => {
    const problems = problemsAfter((d) => (d.nodes[1].data.script = { "first token": 1 }));
    expect(problems.map((p) => p.message)).toEqual([
      "nodes[1].data.script.responses: expected an array, but it is missing",
    ]);
  });

  it("refuses what is not a document at all", () => {
    for (const [input, message] of [
      ["{not json", /^\(document\): not valid JSON: /],
      ["[1, 2]", /^\(document\): a chain document is a JSON object$/],
      [null, /^\(document\): a chain document is a JSON object$/],
      [42, /^\(document\): a chain document is a JSON object$/],
    ] as const) {
      const r = importDocument(input);
      expect(r.ok).toBe(false);
      expect(r.ok ? "" : r.problems[0]!.message).toMatch(message);
    }
  });
});
