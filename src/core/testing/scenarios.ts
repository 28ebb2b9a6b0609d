/**
 * Test-only: the examples of the streaming guide (shared/reference/how-to-stream.txt) written once
 * against a `Lib`, so the same code runs on Sluice and on @langchain/core.
 */
import {
  type AnyRunnable,
  type KnownDivergence,
  type Lib,
  collectEvents,
  collectInvoke,
  collectStream,
  dropRunIds,
  normalizeEvents,
  observe,
  toPlain,
} from "./conformance-harness.ts";

export const JOKE = ["Why", " did", " the", " parrot", " cross", " the", " road", "?"];

export const COUNTRIES_QUESTION =
  'output a list of the countries france, spain and japan and their populations in JSON format. Use a dict with an outer key of "countries" which contains a list of countries. Each country should have the key `name` and `population`';

const COUNTRIES_JSON = `{
 "countries": [
 {
 "name": "France",
 "population": 67413000
 },
 {
 "name": "Spain",
 "population": 47351567
 },
 {
 "name": "Japan",
 "population": 125584000
 }
 ]
}`;

/**
 * Model-like chunks of a JSON text: whitespace, punctuation, quotes and words apart, and numbers in
 * groups of three digits from the right, so populations stream as in the guide (67 → 67413 → 67413000).
 */
export function jsonChunks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\s+|\d+|"|[^\s\d"]+?(?=["\s\d]|$)|[^\s\d"]/g)) {
    const piece = m[0];
    if (/^\d+$/.test(piece)) {
      let first = piece.length % 3 || 3;
      for (let i = 0; i < piece.length; i += first, first = 3) out.push(piece.slice(i, i + first));
    } else out.push(piece);
  }
  return out;
}

export const COUNTRIES_CHUNKS = jsonChunks(COUNTRIES_JSON);

/** The guide's parser output for the countries example, one value per line. */
export const COUNTRIES_STREAM: unknown[] = (() => {
  const France = { name: "France", population: 67413000 };
  const Spain = { name: "Spain", population: 47351567 };
  const steps: unknown[][] = [
    [],
    [{}],
    [{ name: "" }],
    [{ name: "France" }],
    [{ name: "France", population: 67 }],
    [{ name: "France", population: 67413 }],
    [France],
    [France, {}],
    [France, { name: "" }],
    [France, { name: "Spain" }],
    [France, { name: "Spain", population: 47 }],
    [France, { name: "Spain", population: 47351 }],
    [France, Spain],
    [France, Spain, {}],
    [France, Spain, { name: "" }],
    [France, Spain, { name: "Japan" }],
    [France, Spain, { name: "Japan", population: 125 }],
    [France, Spain, { name: "Japan", population: 125584 }],
    [France, Spain, { name: "Japan", population: 125584000 }],
  ];
  return [{}, ...steps.map((countries) => ({ countries }))];
})();

/** The guide's `_extract_country_names`, as an anonymous function (names are a "differ" row). */
export const extractCountryNames = (inputs: unknown): unknown => {
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return "";
  const countries = (inputs as { countries?: unknown }).countries;
  if (!Array.isArray(countries)) return "";
  return countries
    .filter((c): c is { name?: unknown } => typeof c === "object" && c !== null)
    .map((c) => c.name);
};

export const DOCS = [
  { pageContent: "harrison worked at kensho", metadata: {} },
  { pageContent: "harrison likes spicy food", metadata: { source: "notes" } },
];

/*
 * Divergences from LangChain.js observed here that SEMANTICS.md does not list yet (each is reported
 * and pinned by a test of Sluice's own behavior in semantics-differ.test.ts).
 */
const JSON_END_INPUT =
  "JsonOutputParser end event input: Sluice the whole message, LangChain only the last chunk";
const LAMBDA_START =
  "a plain lambda in a stream: Sluice starts it with its gathered input, LangChain at the first chunk with {}";
const NESTED_SEQUENCE =
  "a sequence streamed inside a map: Sluice streams through it, LangChain gathers its input (start with input, no stream events)";

const known = (run: string, drop: KnownDivergence["drop"], why: string): KnownDivergence => ({
  run,
  drop,
  why,
});

/* ---------------------------------------------------------------------------------------------- */

/** Message chunks add up: content, first id, usage, metadata (strings, numbers, lists), tool calls. */
export function chunkConcat(lib: Lib) {
  const a = new lib.AIMessageChunk({
    content: "The",
    id: "msg-1",
    usage_metadata: { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
    response_metadata: { logprobs: { content: [{ token: "The" }] }, step: 1, note: "a" },
  });
  const b = new lib.AIMessageChunk({
    content: " sky",
    id: "msg-2",
    response_metadata: { step: 2, note: "b" },
  });
  const c = new lib.AIMessageChunk({
    content: " is blue.",
    usage_metadata: { input_tokens: 0, output_tokens: 3, total_tokens: 3 },
    response_metadata: {
      logprobs: { content: [{ token: " is" }, { token: " blue." }] },
      finish_reason: "stop",
    },
  });
  const call1 = new lib.AIMessageChunk({
    content: "",
    tool_call_chunks: [{ index: 0, id: "call_1", name: "search", args: '{"q": ' }],
  });
  const call2 = new lib.AIMessageChunk({
    content: "",
    tool_call_chunks: [
      { index: 0, args: '"owls"}' },
      { index: 1, id: "call_2", name: "lookup", args: '{"id": 4' },
    ],
  });
  return {
    ab: toPlain(a.concat(b)),
    abc: toPlain(a.concat(b).concat(c)),
    cb: toPlain(c.concat(b)),
    toolCalls: toPlain(call1.concat(call2)),
    partialToolCall: toPlain(call1),
  };
}

/** A model alone: its streamed chunks add up to what invoke returns. */
export async function modelAlone(lib: Lib) {
  const chunks = ["The", " sky", " appears", " blue", "."];
  const stream = await collectStream(() => lib.model(chunks).stream("what color is the sky?"), dropRunIds);
  const invoke = await collectInvoke(() => lib.model(chunks).invoke("what color is the sky?"), dropRunIds);
  const { events } = await collectEvents(
    lib.model(chunks).streamEvents("what color is the sky?", { version: "v2" }),
  );
  const normalized = normalizeEvents(events, {
    canonicalName: (n) => lib.canonicalName(n),
    // LangChain shows a root model's raw input; Sluice shows `{messages}` (reported, not a SEMANTICS row).
    dropFirstRunInput: true,
  });
  return { stream, invoke, events: normalized };
}

/** prompt | model | StrOutputParser. */
export function promptModelParser(lib: Lib) {
  return observe(
    lib,
    () =>
      lib.ChatPromptTemplate.fromTemplate("tell me a joke about {topic}")
        .pipe(lib.model(JOKE))
        .pipe(new lib.StrOutputParser()),
    { topic: "parrot" },
  );
}

/** A system + human prompt with non-string variables (JSON.stringify'd). */
export function promptVariables(lib: Lib) {
  return observe(
    lib,
    () =>
      lib.ChatPromptTemplate.fromMessages([
        ["system", "You answer in {language}. Limits: {limits}"],
        ["human", "{question} {{literal}} {count}"],
      ])
        .pipe(lib.model(["ok"]))
        .pipe(new lib.StrOutputParser()),
    { language: "French", limits: { words: 20, tags: ["a", "b"] }, question: "Why?", count: 3 },
  );
}

/** model | JsonOutputParser: the countries example. */
export function modelJson(lib: Lib) {
  return observe(
    lib,
    () => lib.model(COUNTRIES_CHUNKS).pipe(new lib.JsonOutputParser()),
    COUNTRIES_QUESTION,
    {
      known: [known("JsonOutputParser[seq:step:2]", ["endInput"], JSON_END_INPUT)],
    },
  );
}

/** model | JsonOutputParser | a plain function: streaming stops there, one chunk with the names. */
export function jsonThenFunction(lib: Lib) {
  return observe(
    lib,
    () =>
      lib
        .model(COUNTRIES_CHUNKS)
        .pipe(new lib.JsonOutputParser())
        .pipe((inputs: unknown) => extractCountryNames(inputs)),
    COUNTRIES_QUESTION,
    {
      known: [
        known("JsonOutputParser[seq:step:2]", ["endInput"], JSON_END_INPUT),
        known("RunnableLambda[seq:step:3]", ["startInput"], LAMBDA_START),
      ],
    },
  );
}

/** `{context: retriever, question: passthrough} | prompt | model | parser`. */
export function retrievalChain(lib: Lib) {
  const template =
    "Answer the question based only on the following context:\n{context}\n\nQuestion: {question}\n";
  return observe(
    lib,
    () =>
      lib.RunnableParallel.from({
        context: lib.retriever(DOCS).withConfig({ runName: "Docs" }),
        question: new lib.RunnablePassthrough(),
      })
        .pipe(lib.ChatPromptTemplate.fromTemplate(template))
        .pipe(lib.model(["Based", " on", " the", " context", ",", " Kensho", "."]))
        .pipe(new lib.StrOutputParser()),
    "Where did harrison work? Write 3 made up sentences about this place.",
    { unordered: ["<map>[seq:step:1]"] },
  );
}

/** A retriever does not stream: stream() yields one chunk, the whole list. */
export async function retrieverAlone(lib: Lib) {
  return {
    stream: await collectStream(() => lib.retriever(DOCS).stream("where did harrison work?")),
    invoke: await collectInvoke(() => lib.retriever(DOCS).invoke("where did harrison work?")),
  };
}

/** The guide's filter examples: by name, by type, by tag (with inherited tags and metadata). */
export async function filters(lib: Lib) {
  const named = () =>
    lib
      .model(COUNTRIES_CHUNKS.slice(0, 20))
      .withConfig({ runName: "model" })
      .pipe(new lib.JsonOutputParser().withConfig({ runName: "my_parser" }));
  const tagged = () =>
    lib
      .model(COUNTRIES_CHUNKS.slice(0, 20))
      .pipe(new lib.JsonOutputParser())
      .withConfig({ tags: ["my_chain"], metadata: { user: "u1" } });
  const events = async (build: () => AnyRunnable, f: Record<string, unknown>, parser?: string) => {
    const { events: raw } = await collectEvents(
      build().streamEvents(COUNTRIES_QUESTION, { version: "v2" }, f),
    );
    return normalizeEvents(raw, {
      canonicalName: (n) => lib.canonicalName(n),
      dropFirstRunInput: true,
      known: parser ? [known(parser, ["endInput"], JSON_END_INPUT)] : [],
    });
  };
  const tagParser = "JsonOutputParser[seq:step:2,my_chain]";
  return {
    byName: await events(named, { includeNames: ["my_parser"] }, "my_parser[seq:step:2]"),
    byType: await events(named, { includeTypes: ["chat_model"] }),
    byTag: await events(tagged, { includeTags: ["my_chain"] }, tagParser),
    excludeWins: await events(
      tagged,
      { includeTags: ["my_chain"], excludeTypes: ["chat_model", "chain"] },
      tagParser,
    ),
    orOfIncludes: await events(
      named,
      { includeNames: ["my_parser"], includeTypes: ["chat_model"] },
      "my_parser[seq:step:2]",
    ),
  };
}

/** Inner runs inside a lambda: connected only through the config passed in. */
export async function nestedRuns(lib: Lib) {
  const inner = () =>
    lib.ChatPromptTemplate.fromTemplate("reverse {word}")
      .pipe(lib.model(["ol", "leh"]))
      .pipe(new lib.StrOutputParser());
  const run = async (passConfig: boolean) => {
    const chain = inner();
    const outer = lib.RunnableLambda.from(async (word: string, config?: Record<string, unknown>) => {
      const out = (await (passConfig ? chain.invoke({ word }, config) : chain.invoke({ word }))) as string;
      return out + out;
    });
    const { events } = await collectEvents(outer.streamEvents("hello", { version: "v2" }));
    return normalizeEvents(events, { canonicalName: (n) => lib.canonicalName(n) });
  };
  return { withoutConfig: await run(false), withConfig: await run(true) };
}

/** Failures before and during streaming, and in a step after the stream. */
export async function errors(lib: Lib) {
  const options = { dropErrors: true };
  return {
    beforeFirstChunk: await observe(
      lib,
      () => lib.failingModel(JOKE, 0, "provider down").pipe(new lib.StrOutputParser()),
      "tell me a joke",
      options,
    ),
    duringStream: await observe(
      lib,
      () => lib.failingModel(JOKE, 3, "connection reset").pipe(new lib.StrOutputParser()),
      "tell me a joke",
      options,
    ),
    inLambdaAfterStream: await observe(
      lib,
      () =>
        lib
          .model(JOKE)
          .pipe(new lib.StrOutputParser())
          .pipe((text: string) => {
            throw new TypeError(`cannot handle ${text.length} characters`);
          }),
      "tell me a joke",
      { ...options, known: [known("RunnableLambda[seq:step:3]", ["startInput"], LAMBDA_START)] },
    ),
  };
}

/** batch(): results in input order, maxConcurrency from config or options, returnExceptions. */
export async function batching(lib: Lib) {
  const counter = { active: 0, max: 0 };
  const lambda = lib.RunnableLambda.from(async (x: number) => {
    counter.active++;
    counter.max = Math.max(counter.max, counter.active);
    await new Promise((resolve) => setTimeout(resolve, 1));
    counter.active--;
    if (x === 3) throw new RangeError("three is not allowed");
    return x * 10;
  });
  const maxOf = async (run: () => Promise<unknown>) => {
    counter.max = 0;
    const result = toPlain(await run());
    return { result, maxActive: counter.max };
  };
  const inputs = [1, 2, 4, 5, 6, 7];
  return {
    fromConfig: await maxOf(() => lambda.batch(inputs, { maxConcurrency: 2 })),
    fromOptions: await maxOf(() => lambda.batch(inputs, {}, { maxConcurrency: 3 })),
    unlimited: await maxOf(() => lambda.batch(inputs)),
    bound: await maxOf(() => lambda.withConfig({ maxConcurrency: 2 }).batch(inputs)),
    returnExceptions: await maxOf(() => lambda.batch([1, 3, 5], {}, { returnExceptions: true })),
    // Last: the other calls of a rejected batch keep running.
    rejected: await lambda.batch([1, 3, 5]).then(
      () => undefined,
      (err: unknown) => toPlain(err),
    ),
  };
}

/** Aborting a stream: chunks before the abort, then AbortError. */
export async function abortMidStream(lib: Lib) {
  const controller = new AbortController();
  const chain = lib.model(JOKE).pipe(new lib.StrOutputParser());
  const chunks: unknown[] = [];
  let error: unknown;
  try {
    for await (const chunk of await chain.stream("tell me a joke", { signal: controller.signal })) {
      chunks.push(chunk);
      if (chunks.length === 2) controller.abort();
    }
  } catch (err) {
    error = err;
  }
  const aborted = new AbortController();
  aborted.abort();
  const preAborted = await collectInvoke(() => chain.invoke("tell me a joke", { signal: aborted.signal }));
  return { chunks, error: toPlain(error), preAborted };
}

/** A parallel map streams one single-key object per branch chunk; invoke gives the merged object. */
export async function parallelMap(lib: Lib) {
  const build = () =>
    lib.RunnableParallel.from({
      joke: lib.ChatPromptTemplate.fromTemplate("a joke about {topic}")
        .pipe(lib.model(["Why", " not"]))
        .pipe(new lib.StrOutputParser()),
      // Wrapped so the arrow gets no name from its key (names are a "differ" row).
      topic: lib.RunnableLambda.from((x: { topic: string }) => x.topic.toUpperCase()),
    });
  const obs = await observe(
    lib,
    build,
    { topic: "parrot" },
    {
      unordered: ["<map>[]"],
      known: [
        known("RunnableSequence[map:key:joke]", ["startInput", "stream"], NESTED_SEQUENCE),
        known("RunnableLambda[map:key:topic]", ["startInput"], LAMBDA_START),
      ],
    },
  );
  // Arrival order across branches is a race in both libraries: compare the chunks as a set.
  const sorted = obs.stream.chunks.map((c) => JSON.stringify(c)).sort();
  return { ...obs, stream: { ...obs.stream, chunks: sorted } };
}

/** Tags and metadata: withConfig, call config, inheritance, and step tags on direct children only. */
export async function configInheritance(lib: Lib) {
  const run = async (build: () => AnyRunnable, input: unknown, config: Record<string, unknown>) => {
    const { events } = await collectEvents(build().streamEvents(input, { version: "v2", ...config }));
    return normalizeEvents(events, { canonicalName: (n) => lib.canonicalName(n) }).runs;
  };
  const inner = () =>
    lib.RunnableLambda.from((x: string) => x).withConfig({
      tags: ["bound"],
      metadata: { k: "bound", only_bound: 1 },
    });
  const nested = () => {
    const chain = lib.ChatPromptTemplate.fromTemplate("{x}").pipe(lib.model(["a"]));
    return lib.RunnableLambda.from((x: string, config?: Record<string, unknown>) =>
      chain.invoke({ x }, config),
    );
  };
  return {
    // Bound tags before the call's; the call's metadata wins; step tags first, not inherited.
    layered: await run(
      () =>
        new lib.RunnablePassthrough()
          .pipe(inner())
          .withConfig({ tags: ["outer"], metadata: { k: "outer", user: "u" } }),
      "x",
      { tags: ["call"], metadata: { k: "call" } },
    ),
    // A runName given to the call wins over a bound one.
    runName: await run(() => inner().withConfig({ runName: "bound_name" }), "x", { runName: "call_name" }),
    // Runs started inside a lambda inherit tags and metadata but get no step tag of their own.
    nested: await run(() => new lib.RunnablePassthrough().pipe(nested()), "x", {
      tags: ["t"],
      metadata: { m: 1 },
    }),
    // A map's branches get map:key:K; a branch's own steps get seq:step:N only.
    mapped: await run(
      () =>
        lib.RunnableParallel.from({
          a: lib.RunnableSequence.from([new lib.RunnablePassthrough(), new lib.RunnablePassthrough()]),
        }),
      "x",
      { tags: ["t"] },
    ),
  };
}
