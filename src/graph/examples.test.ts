import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../core/index.ts";
import { compileDocument } from "./compile.ts";
import {
  COUNTRIES_QUESTION,
  EXAMPLE_NAMES,
  type ExampleName,
  GUIDE_COUNTRIES_STREAM,
  exampleInput,
  withoutDelays,
} from "./fixtures/examples.ts";
import { collect } from "./fixtures/plain-events.ts";
import { testCodeRunner } from "./fixtures/test-code-runner.ts";
import { exportDocument, importDocument } from "./io.ts";
import type { ChainDocument, NodeOfType } from "./schema.ts";

const dir = new URL("../../examples/", import.meta.url);
const text = (name: string) => readFileSync(new URL(`${name}.json`, dir), "utf8");

function load(name: ExampleName): ChainDocument {
  const r = importDocument(text(name));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.document;
}

async function run(name: ExampleName, filters: Record<string, string[]> = {}) {
  const doc = withoutDelays(load(name));
  const chain = compileDocument(doc, { codeRunner: testCodeRunner() });
  const input = exampleInput(doc);
  const chunks = await collect(chain.stream(input));
  const events = await collect(chain.streamEvents(input, { version: "v2", ...filters }));
  return { doc, chunks, events, output: await chain.invoke(input) };
}

const NODE_WIDTH = 260;
const NODE_HEIGHT = 120;

describe("examples/", () => {
  it("holds exactly the guide's chains", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(EXAMPLE_NAMES.map((n) => `${n}.json`).sort());
  });

  describe.each(EXAMPLE_NAMES)("%s", (name) => {
    it("imports without problems, with a name, a description and an example input", () => {
      const r = importDocument(text(name));
      expect(r.ok && r.warnings).toEqual([]);
      const doc = load(name) as ChainDocument & { description?: unknown };
      expect(doc.name).toBeTruthy();
      expect(typeof doc.description).toBe("string");
      expect(exampleInput(doc)).toBeDefined();
    });

    it("is stored as export writes it", () => {
      const stored = JSON.parse(text(name)) as unknown;
      expect(JSON.stringify(stored)).toBe(JSON.stringify(JSON.parse(exportDocument(load(name)))));
    });

    it("is laid out left to right without overlapping nodes", () => {
      const doc = load(name);
      const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
      for (const e of doc.edges) {
        expect(at.get(e.source)!.x + NODE_WIDTH, `${e.source} → ${e.target}`).toBeLessThan(
          at.get(e.target)!.x,
        );
      }
      for (const a of doc.nodes)
        for (const b of doc.nodes) {
          if (a === b) continue;
          const apart =
            Math.abs(a.position.x - b.position.x) >= NODE_WIDTH + 40 ||
            Math.abs(a.position.y - b.position.y) >= NODE_HEIGHT + 40;
          expect(apart, `${a.id} and ${b.id}`).toBe(true);
        }
      expect(Math.min(...doc.nodes.map((n) => n.position.x))).toBe(0);
      expect(Math.min(...doc.nodes.map((n) => n.position.y))).toBe(0);
    });

    it("streams with delays a person can watch (removed in tests)", () => {
      for (const node of load(name).nodes) {
        if (node.type !== "model") continue;
        expect(node.data.provider).toBe("scripted");
        expect(node.data.script?.tokensPerSecond).toBeGreaterThan(0);
      }
    });
  });
});

const streamed = (events: StreamEvent[], event: string, name?: string) =>
  events.filter((e) => e.event === event && (name === undefined || e.name === name)).map((e) => e.data);

describe("running the examples gives the guide's results", () => {
  it("joke: the parser streams the model's tokens, which add up to the joke", async () => {
    const { doc, chunks, output } = await run("joke");
    const script = (doc.nodes.find((n) => n.type === "model") as NodeOfType<"model">).data.script!;
    expect(chunks.length).toBeGreaterThan(100);
    expect(chunks.every((c) => typeof c === "string")).toBe(true);
    expect(chunks.join("")).toBe(script.responses[0]);
    expect(output).toBe(script.responses[0]);
    expect(output).toMatch(/^Here's a joke about a parrot:\n\nA man goes to a pet shop to buy a parrot\./);
    expect(output).toMatch(
      /did you really think I was going to sell you the talking parrot for just \$20\?"$/,
    );
  });

  it("countries: partial JSON objects exactly as the guide prints them", async () => {
    const { chunks, events, output } = await run("countries");
    expect(chunks).toEqual(GUIDE_COUNTRIES_STREAM);
    expect(output).toEqual(GUIDE_COUNTRIES_STREAM.at(-1));
    const tokens = streamed(events, "on_chat_model_stream").map(
      (d) => (d as { chunk: { content: string } }).chunk.content,
    );
    // The guide's first model chunks.
    expect(tokens.slice(0, 17)).toEqual([
      "{",
      "\n  ",
      '"',
      "countries",
      '":',
      " [",
      "\n    ",
      "{",
      "\n      ",
      '"',
      "name",
      '":',
      ' "',
      "France",
      '",',
      "\n      ",
      '"',
    ]);
    expect(tokens).toContain("67");
    expect(events[0]).toMatchObject({ event: "on_chain_start", data: { input: COUNTRIES_QUESTION } });
  });

  it("extract-names-plain: a plain function breaks streaming: one chunk at the end", async () => {
    const { chunks, events } = await run("extract-names-plain");
    expect(chunks).toEqual([["France", "Spain", "Japan"]]);
    // streamEvents still shows the model and the parser streaming.
    expect(streamed(events, "on_parser_stream")).toHaveLength(GUIDE_COUNTRIES_STREAM.length);
    expect(streamed(events, "on_chain_stream", "_extract_country_names")).toEqual([
      { chunk: ["France", "Spain", "Japan"] },
    ]);
    const start = events.find((e) => e.event === "on_chain_start" && e.name === "_extract_country_names");
    expect(start?.data).toEqual({ input: GUIDE_COUNTRIES_STREAM.at(-1) });
  });

  it("extract-names-generator: the generator streams each name as it completes", async () => {
    const { chunks, events, output } = await run("extract-names-generator");
    expect(chunks).toEqual(["France", "Spain", "Japan"]);
    expect(output).toBe("FranceSpainJapan");
    expect(streamed(events, "on_chain_stream", "_extract_country_names_streaming")).toEqual([
      { chunk: "France" },
      { chunk: "Spain" },
      { chunk: "Japan" },
    ]);
    // Each name arrives right after the parser chunk that completed it, long before the JSON ends.
    const order = events
      .filter((e) => e.event === "on_parser_stream" || e.name === "_extract_country_names_streaming")
      .map((e) => (e.event === "on_parser_stream" ? "p" : e.event.slice(9)));
    expect(order.indexOf("stream")).toBeLessThan(order.lastIndexOf("p"));
  });

  it("retrieval: the retriever does not stream; streaming starts at the model", async () => {
    const { doc, chunks, events, output } = await run("retrieval");
    const script = (doc.nodes.find((n) => n.type === "model") as NodeOfType<"model">).data.script!;
    expect(chunks.join("")).toBe(script.responses[0]);
    expect(output).toMatch(
      /^Based on the given context, Harrison worked at Kensho\.\n\nHere are 3 made up sentences/,
    );
    const docs = [
      { pageContent: "harrison worked at kensho", metadata: {} },
      { pageContent: "harrison likes spicy food", metadata: {} },
    ];
    const query = "Where did harrison work? Write 3 made up sentences about this place.";
    expect(events.filter((e) => e.event.startsWith("on_retriever_"))).toMatchObject([
      { event: "on_retriever_start", name: "Docs", data: { input: { query } } },
      { event: "on_retriever_end", name: "Docs", data: { input: { query }, output: docs } },
    ]);
    const prompt = events.find((e) => e.event === "on_prompt_end");
    const messages = (prompt?.data as { output: { messages: { content: string }[] } }).output.messages;
    expect(messages[0]!.content).toBe(
      `Answer the question based only on the following context:\n${JSON.stringify(docs)}\n\nQuestion: ${query}\n`,
    );
    expect(events.some((e) => e.name === "RunnableParallel<context,question>")).toBe(true);
  });

  it("nested-lambda: one run for the lambda and its inner steps", async () => {
    const { chunks, events, output } = await run("nested-lambda");
    expect(output).toBe("43214321");
    expect(chunks).toEqual(["43214321"]);
    expect(events.map((e) => [e.event, e.name, e.data])).toEqual([
      ["on_chain_start", "reverse_and_double", { input: "1234" }],
      ["on_chain_stream", "reverse_and_double", { chunk: "43214321" }],
      ["on_chain_end", "reverse_and_double", { output: "43214321" }],
    ]);
  });

  it("filter-demo: names, types and tags filter events as in the guide", async () => {
    const full = await run("filter-demo");
    expect(full.chunks).toEqual(GUIDE_COUNTRIES_STREAM);
    const only = async (filters: Record<string, string[]>) => [
      ...new Set(
        (await run("filter-demo", filters)).events.map(
          (e) => `${e.event.replace(/_(start|stream|end)$/, "")} ${e.name}`,
        ),
      ),
    ];
    expect(await only({ includeNames: ["my_parser"] })).toEqual(["on_parser my_parser"]);
    expect(await only({ includeTypes: ["chat_model"] })).toEqual(["on_chat_model my_model"]);
    expect(await only({ includeTags: ["seq:step:1"] })).toEqual(["on_prompt my_prompt"]);
    expect(await only({ includeTypes: ["chat_model", "parser"], excludeNames: ["my_parser"] })).toEqual([
      "on_chat_model my_model",
    ]);
    expect(await only({ excludeTypes: ["chain"], excludeTags: ["seq:step:2"] })).toEqual([
      "on_prompt my_prompt",
      "on_parser my_parser",
    ]);
    const parserEvents = (await run("filter-demo", { includeNames: ["my_parser"] })).events;
    expect(parserEvents[0]).toMatchObject({ event: "on_parser_start", tags: ["seq:step:3"], data: {} });
    expect(streamed(parserEvents, "on_parser_stream").map((d) => (d as { chunk: unknown }).chunk)).toEqual(
      GUIDE_COUNTRIES_STREAM,
    );
  });

  it("runs with the example's own delays too", async () => {
    const doc = load("nested-lambda");
    await expect(compileDocument(doc, { codeRunner: testCodeRunner() }).invoke("abc")).resolves.toBe(
      "cbacba",
    );
    const countries = load("countries");
    const script = (countries.nodes[0] as NodeOfType<"model">).data.script!;
    script.tokensPerSecond = 2000;
    script.firstTokenMs = 1;
    await expect(compileDocument(countries).invoke(COUNTRIES_QUESTION)).resolves.toEqual(
      GUIDE_COUNTRIES_STREAM.at(-1),
    );
  });
});
