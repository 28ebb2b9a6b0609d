import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ChatPromptTemplate,
  JsonOutputParser,
  type Runnable,
  RunnableLambda,
  RunnablePassthrough,
  RunnableSequence,
  ScriptedChatModel,
  type ScriptedChatModelOptions,
  StrOutputParser,
} from "../core/index.ts";
import { dropRunIds, toPlain } from "../core/testing/conformance-harness.ts";
import { loadExample } from "./compile.test-helpers.ts";
import { compileDocument } from "./compile.ts";
import { type ExampleName, exampleInput } from "./fixtures/examples.ts";
import { collect, plainChunks, plainEvents } from "./fixtures/plain-events.ts";
import { testCodeRunner } from "./fixtures/test-code-runner.ts";
import { InMemoryRetriever } from "./nodes/retriever.ts";
import type { ChainDocument, NodeOfType } from "./schema.ts";

const example = (name: ExampleName) => loadExample(name, (url) => readFileSync(url, "utf8"));

/** The scripted model a document's model node describes, built by hand. */
function scriptedModel(doc: ChainDocument, id: string): ScriptedChatModel {
  const node = doc.nodes.find((n) => n.id === id) as NodeOfType<"model">;
  const script = node.data.script!;
  const options: ScriptedChatModelOptions = { responses: script.responses, model: node.data.model };
  if (script.chunking) options.chunking = script.chunking;
  return new ScriptedChatModel(options);
}

/** What the compiler adds to every node's runnable, added by hand. */
const asNode = (r: Runnable, id: string, runName?: string) =>
  r.withConfig(runName ? { runName, metadata: { node_id: id } } : { metadata: { node_id: id } });

// The guide's functions, written in TypeScript against the core API.
function _extract_country_names(inputs: unknown): unknown {
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return "";
  if (!("countries" in inputs)) return "";
  const countries = inputs.countries;
  if (!Array.isArray(countries)) return "";
  return countries
    .filter((c): c is { name?: unknown } => typeof c === "object" && c !== null)
    .map((c) => c.name ?? null);
}

async function* _extract_country_names_streaming(
  input_stream: AsyncIterable<unknown>,
): AsyncGenerator<string> {
  const country_names_so_far = new Set<string>();
  for await (const input of input_stream) {
    if (typeof input !== "object" || input === null || !("countries" in input)) continue;
    const countries = input.countries;
    if (!Array.isArray(countries)) continue;
    for (const country of countries as { name?: string }[]) {
      const name = country?.name;
      if (!name) continue;
      if (!country_names_so_far.has(name)) {
        yield name;
        country_names_so_far.add(name);
      }
    }
  }
}

const countriesPrompt = (doc: ChainDocument) =>
  (doc.nodes.find((n) => n.type === "prompt") as NodeOfType<"prompt">).data.messages[0]!.template;

/** Each guide chain written directly with the core API, as a LangChain user would. */
const HAND_WRITTEN: Record<ExampleName, (doc: ChainDocument) => Runnable> = {
  joke: (doc) =>
    asNode(ChatPromptTemplate.fromTemplate("tell me a joke about {topic}"), "prompt")
      .pipe(asNode(scriptedModel(doc, "model"), "model"))
      .pipe(asNode(new StrOutputParser(), "parser")),
  countries: (doc) =>
    asNode(scriptedModel(doc, "model"), "model").pipe(asNode(new JsonOutputParser(), "parser")),
  "extract-names-plain": (doc) =>
    asNode(scriptedModel(doc, "model"), "model")
      .pipe(asNode(new JsonOutputParser(), "parser"))
      .pipe(asNode(RunnableLambda.from(_extract_country_names), "names")),
  "extract-names-generator": (doc) =>
    asNode(scriptedModel(doc, "model"), "model")
      .pipe(asNode(new JsonOutputParser(), "parser"))
      .pipe(asNode(RunnableLambda.from(_extract_country_names_streaming as never), "names")),
  retrieval: (doc) => {
    const retrieverNode = doc.nodes.find((n) => n.id === "docs") as NodeOfType<"retriever">;
    const docs = retrieverNode.data.documents.map((d) => ({ pageContent: d.pageContent, metadata: {} }));
    const template = (doc.nodes.find((n) => n.id === "prompt") as NodeOfType<"prompt">).data.messages[0]!
      .template;
    return RunnableSequence.from([
      {
        context: asNode(new InMemoryRetriever(docs, retrieverNode.data.k ?? 4), "docs", "Docs"),
        question: asNode(new RunnablePassthrough(), "question"),
      },
      asNode(ChatPromptTemplate.fromTemplate(template), "prompt"),
      asNode(scriptedModel(doc, "model"), "model"),
      asNode(new StrOutputParser(), "parser"),
    ]);
  },
  "nested-lambda": () =>
    asNode(
      RunnableLambda.from(async function reverse_and_double(word: string) {
        const reverse_word = (w: string) => [...w].reverse().join("");
        return Promise.resolve(reverse_word(word).repeat(2));
      }),
      "reverse_and_double",
    ),
  "filter-demo": (doc) =>
    asNode(ChatPromptTemplate.fromTemplate(countriesPrompt(doc)), "prompt", "my_prompt")
      .pipe(asNode(scriptedModel(doc, "model"), "model", "my_model"))
      .pipe(asNode(new JsonOutputParser(), "parser", "my_parser")),
};

async function observe(build: () => Runnable, input: unknown, filters: Record<string, string[]> = {}) {
  return {
    output: toPlain(await build().invoke(input), dropRunIds),
    chunks: plainChunks(await collect(build().stream(input))),
    v2: plainEvents(await collect(build().streamEvents(input, { version: "v2", ...filters }))),
    v1: plainEvents(await collect(build().streamEvents(input, { version: "v1", ...filters }))),
  };
}

describe("a document compiles to what the same chain written with the core API does", () => {
  it.each(Object.keys(HAND_WRITTEN) as ExampleName[])("%s", async (name) => {
    const doc = example(name);
    const input = exampleInput(doc);
    const compiled = await observe(() => compileDocument(doc, { codeRunner: testCodeRunner() }), input);
    const direct = await observe(() => HAND_WRITTEN[name](doc), input);
    expect(compiled.output).toEqual(direct.output);
    expect(compiled.chunks).toEqual(direct.chunks);
    expect(compiled.v2).toEqual(direct.v2);
    expect(compiled.v1).toEqual(direct.v1);
    expect(compiled.chunks.length).toBeGreaterThan(0);
  });

  it.each([
    { includeNames: ["my_parser"] },
    { includeTypes: ["chat_model"] },
    { includeTags: ["seq:step:1"] },
    { includeTypes: ["chat_model", "parser"], excludeNames: ["my_parser"] },
    { excludeTypes: ["chain", "prompt"] },
  ])("with filters %j", async (filters) => {
    const doc = example("filter-demo");
    const input = exampleInput(doc);
    const compiled = await observe(() => compileDocument(doc), input, filters);
    const direct = await observe(() => HAND_WRITTEN["filter-demo"](doc), input, filters);
    expect(compiled.v2).toEqual(direct.v2);
    expect(compiled.v1).toEqual(direct.v1);
    expect(compiled.v2.length).toBeGreaterThan(0);
  });
});
