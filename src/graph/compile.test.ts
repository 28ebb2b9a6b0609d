import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../core/index.ts";
import { loadExample } from "./compile.test-helpers.ts";
import { compileDocument } from "./compile.ts";
import { chain, edge, lambda, model, parser, passthrough, prompt, retriever } from "./fixtures/builders.ts";
import { EXAMPLE_NAMES, type ExampleName, exampleInput } from "./fixtures/examples.ts";
import { collect } from "./fixtures/plain-events.ts";
import { testCodeRunner } from "./fixtures/test-code-runner.ts";

const example = (name: ExampleName) => loadExample(name, (url) => readFileSync(url, "utf8"));

/** The node id of each event's run, and the run name it appeared under. */
function runsByNode(events: StreamEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    const id = e.metadata.node_id;
    if (typeof id !== "string") continue;
    const set = out.get(id) ?? new Set<string>();
    set.add(`${e.name}#${e.run_id}`);
    out.set(id, set);
  }
  return out;
}

const COMPOSITE = /^(RunnableSequence|RunnableParallel<.*>)$/;

describe("compiled runs and their events", () => {
  it.each(EXAMPLE_NAMES)("every event of %s carries the node_id of its node", async (name) => {
    const doc = example(name);
    const events = await collect(
      compileDocument(doc, { codeRunner: testCodeRunner() }).streamEvents(exampleInput(doc), {
        version: "v2",
      }),
    );
    for (const e of events) {
      if (COMPOSITE.test(e.name)) expect(e.metadata.node_id, e.name).toBeUndefined();
      else
        expect(
          doc.nodes.map((n) => n.id),
          `${e.event} ${e.name}`,
        ).toContain(e.metadata.node_id);
    }
    // One run per node, and every node ran.
    const runs = runsByNode(events);
    expect([...runs.keys()].sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const [id, set] of runs) expect(set.size, id).toBe(1);
  });

  it("names runs after nodes, else after the function, else after the class", async () => {
    const doc = chain(
      [
        prompt("p", "{x}", { name: "my_prompt" }),
        model("m", ["hello"]),
        parser("o", "str", { name: "my_parser" }),
        lambda("f", "function shout(text) { return text.toUpperCase(); }"),
        lambda("g", "(text) => text + '!'"),
      ],
      [edge("p", "m"), edge("m", "o"), edge("o", "f"), edge("f", "g")],
    );
    const events = await collect(
      compileDocument(doc, { codeRunner: testCodeRunner() }).streamEvents({ x: 1 }, { version: "v2" }),
    );
    const names = new Map(events.map((e) => [e.metadata.node_id, e.name]));
    expect(Object.fromEntries(names)).toEqual({
      undefined: "RunnableSequence",
      p: "my_prompt",
      m: "ScriptedChatModel",
      o: "my_parser",
      f: "shout",
      g: "RunnableLambda",
    });
  });

  it("a node feeding several others runs once per run (a model whose answers cycle)", async () => {
    const doc = chain(
      [
        prompt("p", "tell me about {topic}"),
        model("m", ["first answer", "second answer", "third answer"]),
        parser("text", "str", { name: "text" }),
        parser("items", "list", { name: "items" }),
      ],
      [edge("p", "m"), edge("m", "text"), edge("m", "items")],
    );
    const compiled = compileDocument(doc);
    await expect(compiled.invoke({ topic: "a" })).resolves.toEqual({
      text: "first answer",
      items: ["first answer"],
    });
    const chunks = await collect(compiled.stream({ topic: "b" }));
    const merged = Object.assign({}, ...chunks.filter((c) => "items" in (c as object)).slice(-1)) as object;
    expect(
      chunks
        .filter((c) => "text" in (c as object))
        .map((c) => (c as { text: string }).text)
        .join(""),
    ).toBe("second answer");
    expect(merged).toEqual({ items: ["second answer"] });
    const events = await collect(compiled.streamEvents({ topic: "c" }, { version: "v2" }));
    expect(events.filter((e) => e.event === "on_chat_model_start")).toHaveLength(1);
    expect(events.filter((e) => e.event === "on_prompt_start")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      event: "on_chain_end",
      name: "RunnableParallel<text,items>",
      data: { output: { text: "third answer", items: ["third answer"] } },
    });
    // Each input of a batch gets one answer, shared by both parsers.
    const batch = (await compiled.batch([{ topic: "d" }, { topic: "e" }])) as {
      text: string;
      items: string[];
    }[];
    for (const out of batch) expect(out.items).toEqual([out.text]);
    expect(batch.map((o) => o.text).sort()).toEqual(["first answer", "second answer"]);
  });

  it("a node feeding several others runs once per run (a counted lambda), diamond included", async () => {
    const runner = testCodeRunner();
    const doc = chain(
      [
        lambda("root", "function counted(x) { return x + 1; }"),
        lambda("a", "function double(x) { return x * 2; }"),
        lambda("b", "function square(x) { return x * x; }"),
        lambda("join", "function join({ d, s }) { return `${d}/${s}`; }", { name: "join" }),
        lambda("tail", "function negate(x) { return -x; }", { name: "negate" }),
      ],
      [
        edge("root", "a"),
        edge("root", "b"),
        edge("a", "join", "d"),
        edge("b", "join", "s"),
        edge("root", "tail"),
      ],
    );
    const compiled = compileDocument(doc, { codeRunner: runner });
    await expect(compiled.invoke(3)).resolves.toEqual({ join: "8/16", negate: -4 });
    expect(runner.calls.get("counted")).toBe(1);
    const chunks = await collect(compiled.stream(4));
    expect(Object.assign({}, ...chunks)).toEqual({ join: "10/25", negate: -5 });
    expect(runner.calls.get("counted")).toBe(2);
    const events = await collect(compiled.streamEvents(5, { version: "v2" }));
    expect(runner.calls.get("counted")).toBe(3);
    expect(events.filter((e) => e.event === "on_chain_start" && e.name === "counted")).toHaveLength(1);
    expect(runner.calls.get("double")).toBe(3);
    expect(runner.loads).toBe(5);
  });

  it("roots receive the chain's input, and targetHandle edges gather into a map keyed by handle", async () => {
    const doc = chain(
      [
        lambda("loud", "function shout(q) { return q.toUpperCase(); }"),
        passthrough("echo"),
        retriever("docs", ["harrison worked at kensho", "bears like honey"], 1, { name: "Docs" }),
        lambda("join", "function join(x) { return x; }"),
      ],
      [edge("loud", "join", "loud"), edge("echo", "join", "echo"), edge("docs", "join", "docs")],
    );
    const compiled = compileDocument(doc, { codeRunner: testCodeRunner() });
    const expected = {
      loud: "WHERE DID HARRISON WORK?",
      echo: "where did harrison work?",
      docs: [{ pageContent: "harrison worked at kensho", metadata: {} }],
    };
    await expect(compiled.invoke("where did harrison work?")).resolves.toEqual(expected);
    const events = await collect(compiled.streamEvents("where did harrison work?", { version: "v2" }));
    const map = events.find((e) => e.event === "on_chain_end" && e.name.startsWith("RunnableParallel"));
    expect(map).toMatchObject({ name: "RunnableParallel<loud,echo,docs>", data: { output: expected } });
    const join = events.find((e) => e.event === "on_chain_start" && e.name === "join");
    expect(join).toMatchObject({ metadata: { node_id: "join" }, data: { input: expected } });
    const retrieverStart = events.find((e) => e.event === "on_retriever_start");
    expect(retrieverStart).toMatchObject({
      name: "Docs",
      data: { input: { query: "where did harrison work?" } },
    });
    const tags = new Map(events.map((e) => [e.name, e.tags]));
    expect(tags.get("shout")).toEqual(["map:key:loud"]);
    expect(tags.get("Docs")).toEqual(["map:key:docs"]);
  });

  it("several sinks give an object keyed by their names; unnamed ones by type, clashes by id", async () => {
    const doc = chain(
      [
        passthrough("in"),
        lambda("a", "function upper(x) { return x.toUpperCase(); }", { name: "upper" }),
        lambda("b", "function lower(x) { return x.toLowerCase(); }", { name: "upper" }),
        passthrough("c"),
        lambda("d", "(x) => x.length", { name: "__proto__" }),
      ],
      [edge("in", "a"), edge("in", "b"), edge("in", "c"), edge("in", "d")],
    );
    const out = await compileDocument(doc, { codeRunner: testCodeRunner() }).invoke("MiXeD");
    expect(out).toEqual({ upper: "MIXED", upper_b: "mixed", Passthrough: "MiXeD", __proto___d: 5 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("a single sink's output is the chain's output, a lone node is the chain", async () => {
    const one = chain([lambda("f", "function id(x) { return x; }")]);
    await expect(compileDocument(one, { codeRunner: testCodeRunner() }).invoke({ a: 1 })).resolves.toEqual({
      a: 1,
    });
    const events = await collect(
      compileDocument(one, { codeRunner: testCodeRunner() }).streamEvents("x", { version: "v2" }),
    );
    expect(events.map((e) => [e.event, e.name, e.parent_ids])).toEqual([
      ["on_chain_start", "id", []],
      ["on_chain_stream", "id", []],
      ["on_chain_end", "id", []],
    ]);
  });

  it("a long linear chain compiles to one flat sequence and runs", async () => {
    const n = 2000;
    const nodes = [passthrough("n0"), ...Array.from({ length: n - 1 }, (_, i) => passthrough(`n${i + 1}`))];
    const doc = chain(
      nodes,
      nodes.slice(1).map((node, i) => edge(nodes[i]!.id, node.id)),
    );
    const compiled = compileDocument(doc);
    await expect(compiled.invoke("through")).resolves.toBe("through");
    const events = await collect(compiled.streamEvents("x", { version: "v2" }));
    expect(events.filter((e) => e.event === "on_chain_start")).toHaveLength(n + 1);
    expect(new Set(events.map((e) => e.parent_ids?.length))).toEqual(new Set([0, 1]));
  });
});
