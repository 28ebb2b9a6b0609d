import { describe, expect, it } from "vitest";
import {
  chain,
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
import { validateDocument } from "./io.ts";
import type { ChainDocument } from "./schema.ts";
import { joke } from "./validation.test-helpers.ts";

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
