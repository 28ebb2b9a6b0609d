/**
 * Test-only conformance scenarios: the guide's chains (message chunks, a model alone, prompt | model |
 * parser, JSON parsing, retrieval), written once against a `Lib`.
 */
import {
  type Lib,
  collectEvents,
  collectInvoke,
  collectStream,
  dropRunIds,
  normalizeEvents,
  observe,
  toPlain,
} from "./conformance-harness.ts";
import { COUNTRIES_CHUNKS, COUNTRIES_QUESTION, DOCS, JOKE, extractCountryNames } from "./scenarios-data.ts";
import { JSON_END_INPUT, LAMBDA_START, known } from "./scenarios-divergences.ts";

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
