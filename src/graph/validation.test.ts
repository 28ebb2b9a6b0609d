import { describe, expect, it } from "vitest";
import {
  chain,
  clone,
  edge,
  lambda,
  model,
  parser,
  passthrough,
  pipeline,
  prompt,
  retriever,
} from "./fixtures/builders.ts";
import { graphProblems } from "./graph-problems.ts";
import { importDocument, validateDocument } from "./io.ts";
import { LambdaCodeError, analyzeLambda } from "./lambda-code.ts";
import type { Problem } from "./node-definition.ts";
import type { ChainDocument } from "./schema.ts";

/** Tests reach into documents of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
type Loose = Record<string, any>;

const joke = () =>
  pipeline(
    prompt("p", "tell me a joke about {topic}"),
    model("m", ["Why did the parrot ..."]),
    parser("o", "str"),
  );

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

function messagesOf(doc: ChainDocument): string[] {
  return graphProblems(doc).map((p) => p.message);
}

describe("graph problems name the nodes", () => {
  it("an empty graph", () => {
    expect(graphProblems(chain([]))).toEqual([
      { path: "nodes", message: "the chain is empty: add at least one node", severity: "error" },
    ]);
    expect(validateDocument(chain([]))).toHaveLength(1);
  });

  it("edges to or from unknown nodes", () => {
    const doc = chain([passthrough("a")], [edge("a", "ghost"), edge("phantom", "a")]);
    const problems = graphProblems(doc);
    expect(problems).toEqual([
      expect.objectContaining({
        path: "edges[0].target",
        message: `edge "${doc.edges[0]!.id}" ends at unknown node "ghost"`,
        edgeId: doc.edges[0]!.id,
      }),
      expect.objectContaining({
        path: "edges[1].source",
        message: `edge "${doc.edges[1]!.id}" starts at unknown node "phantom"`,
      }),
    ]);
  });

  it("duplicate node and edge ids", () => {
    const doc = chain([passthrough("a"), passthrough("b"), passthrough("a")], [edge("a", "b")]);
    doc.edges.push({ ...doc.edges[0]!, target: "b" });
    const problems = graphProblems(doc);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "nodes[2].id", message: 'duplicate node id "a"', nodeId: "a" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "edges[1].id", message: `duplicate edge id "${doc.edges[0]!.id}"` }),
    );
  });

  it("a cycle, listed node by node", () => {
    const doc = chain(
      [
        passthrough("in"),
        lambda("a", "function a(x) { return x; }", { name: "step_a" }),
        lambda("b", "function b(x) { return x; }", { name: "step_b" }),
        lambda("c", "function c(x) { return x; }"),
      ],
      [edge("in", "a", "x"), edge("a", "b"), edge("b", "c"), edge("c", "a", "y")],
    );
    expect(graphProblems(doc)).toEqual([
      {
        path: "edges",
        message: "the chain has a cycle: step_a → step_b → Lambda → step_a",
        nodeId: "a",
        severity: "error",
      },
    ]);
  });

  it("a node connected to itself", () => {
    const doc = chain([passthrough("a", { name: "loop" })], [edge("a", "a")]);
    expect(messagesOf(doc)).toEqual([
      `edge "${doc.edges[0]!.id}" connects "loop" to itself`,
      "the chain has a cycle: loop → loop",
    ]);
  });

  it("a cycle beside an edge to an unknown node (regression: this used to throw)", () => {
    const doc = chain(
      [passthrough("a", { name: "A" }), passthrough("b", { name: "B" })],
      [edge("a", "x"), edge("x", "a"), edge("a", "b", "k"), edge("b", "a", "j")],
    );
    const messages = messagesOf(doc);
    expect(messages).toContain("the chain has a cycle: A → B → A");
    expect(messages.filter((m) => m.includes("unknown node"))).toHaveLength(2);
  });

  it("a prompt variable fed by nothing when the prompt is not a root", () => {
    const doc = chain(
      [
        retriever("r", ["harrison worked at kensho"], 1, { name: "Docs" }),
        prompt("p", "Context: {context}\nQuestion: {question}", { name: "qa_prompt" }),
        model("m", ["ok"]),
      ],
      [edge("r", "p", "context"), edge("p", "m")],
    );
    const problems = graphProblems(doc);
    expect(problems).toEqual([
      {
        path: "nodes[1]",
        message: 'prompt variable "question" of "qa_prompt" is fed by nothing',
        nodeId: "p",
        severity: "error",
      },
    ]);
  });

  it("root prompts, single bare edges and placeholders need no feeding edge per variable", () => {
    expect(graphProblems(joke())).toEqual([]);
    const bare = pipeline(passthrough("in"), prompt("p", "{a} and {b}"), model("m", ["x"]));
    expect(graphProblems(bare)).toEqual([]);
    const history = chain(
      [
        passthrough("q"),
        prompt("p", [
          ["system", "Be brief."],
          ["placeholder", "{history}"],
          ["human", "{question} (his story)"],
        ]),
      ],
      [edge("q", "p", "question")],
    );
    expect(graphProblems(history)).toEqual([]);
  });

  it("a placeholder variable that another message also uses is still optional only as a placeholder", () => {
    // `his` is a substring of the placeholder's `{history}`: it must still be fed.
    const doc = chain(
      [
        passthrough("q"),
        prompt("p", [
          ["placeholder", "{history}"],
          ["human", "{his} {question}"],
        ]),
      ],
      [edge("q", "p", "question")],
    );
    expect(messagesOf(doc)).toEqual(['prompt variable "his" of "Prompt" is fed by nothing']);
  });

  it("several edges without targetHandle into one node", () => {
    const doc = chain(
      [passthrough("a"), passthrough("b"), lambda("join", "function join(x) { return x; }")],
      [edge("a", "join"), edge("b", "join")],
    );
    expect(graphProblems(doc)).toEqual([
      {
        path: "edges[0].targetHandle",
        message:
          '"Lambda" has 2 incoming edges, so each needs a targetHandle naming the key its value enters under',
        nodeId: "join",
        severity: "error",
      },
    ]);
  });

  it("two edges into the same handle", () => {
    const doc = chain(
      [passthrough("a"), passthrough("b"), prompt("p", "{topic}", { name: "joke_prompt" })],
      [edge("a", "p", "topic"), edge("b", "p", "topic")],
    );
    expect(graphProblems(doc)).toEqual([
      {
        path: "edges[1].targetHandle",
        message: 'two edges feed "topic" of "joke_prompt"',
        nodeId: "p",
        severity: "error",
      },
    ]);
  });

  it.each([
    [
      "a prompt into a parser",
      () => pipeline(prompt("p", "{x}"), parser("o")),
      '"Prompt" → "Parser": a prompt output cannot feed a message input',
    ],
    [
      "documents into a model",
      () => pipeline(retriever("r", ["a"]), model("m", ["x"])),
      '"Retriever" → "Model": a documents output cannot feed a prompt input',
    ],
    [
      "a JSON parser into a retriever",
      () => pipeline(model("m", ["{}"]), parser("o", "json"), retriever("r", ["a"])),
      '"Parser" → "Retriever": a JSON output cannot feed a text input',
    ],
    [
      "a handle the prompt does not have",
      () => chain([passthrough("a"), prompt("p", "{topic}")], [edge("a", "p", "subject")]),
      '"Passthrough" → "Prompt": "Prompt" has no input "subject" (its inputs: topic)',
    ],
    [
      "a handle into a node that takes its input as it is",
      () => chain([prompt("p", "{x}"), model("m", ["y"])], [edge("p", "m", "input")]),
      '"Prompt" → "Model": "Model" takes its input as it is, so the edge must not name a targetHandle ("input")',
    ],
    [
      "text into a prompt with two variables, without naming one",
      () => pipeline(model("m", ["x"]), parser("o"), prompt("p", "{a} and {b}")),
      '"Parser" → "Prompt": a text output fills exactly one variable, but "Prompt" has 2 (a, b): connect it to one of them',
    ],
  ])("incompatible ports: %s", (_what, build, message) => {
    const doc = build();
    const problems = graphProblems(doc);
    expect(problems.map((p) => p.message)).toContain(message);
    expect(problems.find((p) => p.message === message)!.path).toMatch(/^edges\[\d+\]$/);
  });

  it("compatible ports raise nothing", () => {
    const doc = chain(
      [
        retriever("r", ["a"]),
        passthrough("q"),
        prompt("p", "{context} {question}"),
        model("m", ["x"]),
        parser("o", "json"),
        lambda("f", "function f(x) { return x; }"),
        lambda("g", "function g(x) { return x; }"),
      ],
      [
        edge("r", "p", "context"),
        edge("q", "p", "question"),
        edge("p", "m"),
        edge("m", "o"),
        edge("o", "f"),
        edge("f", "g", "value"),
      ],
    );
    expect(graphProblems(doc)).toEqual([]);
  });

  it("node validators: scripts, templates, regexes", () => {
    const noScript = joke();
    delete (noScript.nodes[1]!.data as { script?: unknown }).script;
    expect(messagesOf(noScript)).toEqual(["a scripted model needs a script with at least one response"]);

    const badTemplate = pipeline(prompt("p", "tell me about {topic"), model("m", ["x"]));
    expect(graphProblems(badTemplate)).toEqual([
      expect.objectContaining({ path: "nodes[0].data.messages[0].template", nodeId: "p" }),
    ]);
    expect(graphProblems(badTemplate)[0]!.message).toMatch(/Unbalanced "\{"/);

    const placeholder = chain([prompt("p", [["placeholder", "{history} and more"]])]);
    expect(graphProblems(placeholder)).toEqual([
      expect.objectContaining({
        path: "nodes[0].data.messages[0].template",
        message: 'a placeholder is one variable, such as "{history}"',
      }),
    ]);

    const regex = joke();
    (regex.nodes[1]!.data as { script: { chunking: unknown } }).script.chunking = { regex: "([a-z" };
    expect(graphProblems(regex)).toEqual([
      expect.objectContaining({ path: "nodes[1].data.script.chunking.regex", nodeId: "m" }),
    ]);
    expect(graphProblems(regex)[0]!.message).toMatch(/^not a valid regular expression: /);
  });
});

describe("lambda code", () => {
  const problemOf = (code: string) => {
    const problems = graphProblems(chain([lambda("f", code)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "nodes[0].data.code", nodeId: "f", severity: "error" });
    return problems[0]!.message;
  };

  it("reports a syntax error with the line and column of multi-line code", () => {
    const code = ["function f(x) {", "  const y = x +;", "  return y;", "}"].join("\n");
    expect(problemOf(code)).toMatch(/^syntax error at line 2, column 16: Unexpected token$/);
    try {
      analyzeLambda(code);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LambdaCodeError);
      expect(err).toMatchObject({ line: 2, column: 16 });
    }
  });

  it("counts columns from 1 on the first line too", () => {
    // `;` is the 27th character of the line, `{` the 16th.
    expect(problemOf("function f(x) { return x +; }")).toMatch(/^syntax error at line 1, column 27: /);
    expect(problemOf("  function f(x { return x; }")).toMatch(/^syntax error at line 1, column 16: /);
  });

  it("points at an unterminated string on a later line", () => {
    const code = 'async function* g(chunks) {\n  for await (const c of chunks) {\n    yield "oops;\n  }\n}';
    expect(problemOf(code)).toMatch(/^syntax error at line 3, column 11: Unterminated string constant$/);
  });

  it("wants exactly one function", () => {
    for (const code of ["1 + 2", "function a() {}\nfunction b() {}", "0); alert(1); (function f() {}", ""]) {
      expect(problemOf(code), code).toMatch(/must be one function|syntax error/);
    }
    expect(problemOf("function* gen(x) { yield x; }")).toMatch(/must be an `async function\*`/);
  });

  it("accepts declarations, expressions, arrows and async generators", () => {
    for (const code of [
      "function reverse(text) { return [...text].reverse().join(''); }",
      "(x) => x * 2",
      "async (x) => x",
      "async function* upper(chunks) { for await (const c of chunks) yield c.toUpperCase(); }",
      "function f(x) {\n  // a comment at the end\n  return x;\n} // trailing",
    ]) {
      expect(graphProblems(chain([lambda("f", code)])), code).toEqual([]);
    }
    expect(analyzeLambda("async function* upper(c) { yield* c; }")).toEqual({
      isGenerator: true,
      name: "upper",
    });
    expect(analyzeLambda("(x) => x")).toEqual({ isGenerator: false, name: undefined });
  });
});
