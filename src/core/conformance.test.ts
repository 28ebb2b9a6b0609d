/**
 * Conformance: the guide's examples (src/core/testing/scenarios.ts) run through @langchain/core
 * 1.4.0 and through Sluice, compared as plain data. Rows marked "differ" in shared/SEMANTICS.md
 * are normalized away here and tested on their own in semantics-differ.test.ts.
 */
import { describe, expect, it } from "vitest";
import { Document } from "@langchain/core/documents";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { JsonOutputParser, StringOutputParser } from "@langchain/core/output_parsers";
import type { ChatGenerationChunk } from "@langchain/core/outputs";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { BaseRetriever } from "@langchain/core/retrievers";
import {
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  RunnableSequence,
} from "@langchain/core/runnables";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import type { AnyRunnable, DocumentFields, Lib, Observation } from "./testing/conformance-harness.ts";
import { sluiceLib } from "./testing/sluice-lib.ts";
import * as scenarios from "./testing/scenarios.ts";

/* ---------------------------------------------------------------------------------------------- */
/* LangChain's side of the Lib                                                                     */
/* ---------------------------------------------------------------------------------------------- */

/** Same class name as Sluice's StaticRetriever, so both runs are named alike. */
class StaticRetriever extends BaseRetriever {
  override lc_namespace = ["sluice", "test"];
  constructor(private readonly docs: DocumentFields[]) {
    super();
  }
  override _getRelevantDocuments(): Promise<Document[]> {
    return Promise.resolve(this.docs.map((d) => new Document(d)));
  }
}

/** FakeStreamingChatModel that throws after `failAfter` chunks (its `thrownErrorString` only fails up front). */
class FailingStreamingChatModel extends FakeStreamingChatModel {
  constructor(
    chunks: string[],
    private readonly failAfter: number,
    private readonly message: string,
  ) {
    super({ chunks: chunks.map((c) => new AIMessageChunk(c)) });
  }
  override _generate(): never {
    throw new Error(this.message);
  }
  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    let i = 0;
    for await (const chunk of super._streamResponseChunks(messages, options, runManager)) {
      if (i++ === this.failAfter) throw new Error(this.message);
      yield chunk;
    }
    if (i === this.failAfter) throw new Error(this.message);
  }
}

const any = (r: unknown) => r as AnyRunnable;

const langchainLib: Lib = {
  name: "langchain",
  ChatPromptTemplate: {
    fromTemplate: (t) => any(ChatPromptTemplate.fromTemplate(t)),
    fromMessages: (m) => any(ChatPromptTemplate.fromMessages(m)),
  },
  StrOutputParser: StringOutputParser,
  JsonOutputParser: JsonOutputParser,
  RunnableLambda: { from: (fn) => any(RunnableLambda.from(fn as never)) },
  RunnableParallel: { from: (steps) => any(RunnableParallel.from(steps as never)) },
  RunnablePassthrough: RunnablePassthrough,
  RunnableSequence: { from: (steps) => any(RunnableSequence.from(steps as never)) },
  AIMessageChunk: AIMessageChunk as unknown as Lib["AIMessageChunk"],
  // `responses` only serves invoke(), which FakeStreamingChatModel answers without streaming.
  model: (chunks) =>
    any(
      new FakeStreamingChatModel({
        chunks: chunks.map((c) => new AIMessageChunk(c)),
        responses: [new AIMessage(chunks.join(""))],
      }),
    ),
  failingModel: (chunks, failAfter, message) =>
    any(new FailingStreamingChatModel(chunks, failAfter, message)),
  retriever: (docs) => any(new StaticRetriever(docs)),
  canonicalName: (name) =>
    name === "FakeStreamingChatModel" || name === "FailingStreamingChatModel"
      ? "<model>"
      : name === "RunnableMap"
        ? "<map>"
        : name,
};

/** Runs a scenario on both libraries, LangChain first; returns [langchain, sluice]. */
async function both<T>(scenario: (lib: Lib) => T | Promise<T>): Promise<[T, T]> {
  const lc = await scenario(langchainLib);
  const sl = await scenario(sluiceLib);
  return [lc, sl];
}

function phases(obs: Observation, run: string): string[] {
  return (obs.events.sequences[run] ?? []).map((e) => e.phase);
}

/* ---------------------------------------------------------------------------------------------- */

describe("conformance with @langchain/core 1.4.0", () => {
  it("the LangChain adapter's fakes behave as the scenarios assume", async () => {
    const chunks: unknown[] = [];
    for await (const c of await langchainLib.model(["a", "b"]).stream("x")) chunks.push(c);
    expect(chunks.map((c) => (c as AIMessageChunk).content)).toEqual(["a", "b"]);
    await expect(langchainLib.failingModel(["a", "b"], 1, "nope").invoke("x")).rejects.toThrow("nope");
    expect(langchainLib.retriever(scenarios.DOCS).getName()).toBe(sluiceLib.retriever([]).getName());
  });

  it("message chunks add up: content, first id, summed usage, merged metadata, tool calls", async () => {
    const [lc, sl] = await both(scenarios.chunkConcat);
    expect(sl).toEqual(lc);
    expect(sl.abc).toEqual({
      type: "ai",
      content: "The sky is blue.",
      id: "msg-1",
      usage_metadata: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
      response_metadata: {
        logprobs: { content: [{ token: "The" }, { token: " is" }, { token: " blue." }] },
        step: 3,
        note: "ab",
        finish_reason: "stop",
      },
    });
    expect(sl.toolCalls).toMatchObject({
      tool_calls: [
        { name: "search", args: { q: "owls" }, id: "call_1" },
        { name: "lookup", args: { id: 4 }, id: "call_2" },
      ],
    });
    expect(sl.partialToolCall).toMatchObject({ tool_calls: [{ name: "search", args: {}, id: "call_1" }] });
  });

  it("a model alone: stream chunks add up to invoke's message; v2 events", async () => {
    const [lc, sl] = await both(scenarios.modelAlone);
    expect(sl).toEqual(lc);
    expect(sl.stream.chunks.map((c) => (c as { content: string }).content).join("")).toBe(
      (sl.invoke.output as { content: string }).content,
    );
    expect(sl.events.sequences["<model>[]"]?.map((e) => e.phase)).toEqual([
      "start",
      ...Array<string>(5).fill("stream"),
      "end",
    ]);
  });

  it("prompt | model | StrOutputParser: invoke, stream and events", async () => {
    const [lc, sl] = await both(scenarios.promptModelParser);
    expect(sl).toEqual(lc);
    expect(sl.invoke.output).toBe(scenarios.JOKE.join(""));
    expect(sl.stream.chunks).toEqual(scenarios.JOKE);
    expect(Object.keys(sl.events.runs).sort()).toEqual([
      "<model>[seq:step:2]",
      "ChatPromptTemplate[seq:step:1]",
      "RunnableSequence[]",
      "StrOutputParser[seq:step:3]",
    ]);
    expect(sl.events.sequences["StrOutputParser[seq:step:3]"]?.[0]).toEqual({ phase: "start", data: {} });
    expect(sl.events.sequences["<model>[seq:step:2]"]?.at(-1)?.data).toMatchObject({
      output: { type: "ai", content: scenarios.JOKE.join(""), id: "run-<<model>[seq:step:2]>" },
      input: { messages: [[{ type: "human", content: "tell me a joke about parrot" }]] },
    });
  });

  it("prompt variables: system + human messages, {{ }} escapes, JSON.stringify of non-strings", async () => {
    const [lc, sl] = await both(scenarios.promptVariables);
    expect(sl).toEqual(lc);
    expect(sl.events.sequences["ChatPromptTemplate[seq:step:1]"]?.at(-1)?.data).toMatchObject({
      output: {
        messages: [
          { type: "system", content: 'You answer in French. Limits: {"words":20,"tags":["a","b"]}' },
          { type: "human", content: "Why? {literal} 3" },
        ],
      },
    });
  });

  it("model | JsonOutputParser streams the guide's countries values", async () => {
    const [lc, sl] = await both(scenarios.modelJson);
    expect(sl).toEqual(lc);
    expect(sl.stream.chunks).toEqual(scenarios.COUNTRIES_STREAM);
    expect(sl.invoke.output).toEqual(scenarios.COUNTRIES_STREAM.at(-1));
  });

  it("a plain function after the JSON parser breaks streaming: one chunk with the names", async () => {
    const [lc, sl] = await both(scenarios.jsonThenFunction);
    expect(sl).toEqual(lc);
    expect(sl.stream.chunks).toEqual([["France", "Spain", "Japan"]]);
    // streamEvents still shows the model and the parser streaming.
    const parser = sl.events.sequences["JsonOutputParser[seq:step:2]"] ?? [];
    expect(parser.filter((e) => e.phase === "stream")).toHaveLength(scenarios.COUNTRIES_STREAM.length);
    expect(phases(sl, "RunnableLambda[seq:step:3]")).toEqual(["start", "stream", "end"]);
  });

  it("retrieval: {context: retriever, question: passthrough} | prompt | model | parser", async () => {
    const [lc, sl] = await both(scenarios.retrievalChain);
    expect(sl).toEqual(lc);
    expect(sl.stream.chunks.join("")).toBe("Based on the context, Kensho.");
    expect(sl.events.runs["Docs[map:key:context]"]).toEqual({
      name: "Docs",
      type: "retriever",
      tags: ["map:key:context"],
      metadata: {},
    });
    const prompt = sl.events.sequences["ChatPromptTemplate[seq:step:2]"]?.at(-1)?.data as {
      output: { messages: { content: string }[] };
    };
    expect(prompt.output.messages[0]?.content).toContain(JSON.stringify(scenarios.DOCS));
  });

  it("a retriever alone yields its documents as one chunk", async () => {
    const [lc, sl] = await both(scenarios.retrieverAlone);
    expect(sl).toEqual(lc);
    expect(sl.stream.chunks).toEqual([scenarios.DOCS]);
    expect(sl.invoke.output).toEqual(scenarios.DOCS);
  });

  it("filters by name, type and tag; includes OR'd, excludes win", async () => {
    const [lc, sl] = await both(scenarios.filters);
    expect(sl).toEqual(lc);
    expect(Object.keys(sl.byName.runs)).toEqual(["my_parser[seq:step:2]"]);
    expect(Object.keys(sl.byType.runs)).toEqual(["model[seq:step:1]"]);
    expect(Object.values(sl.byTag.runs).map((r) => [r.name, r.tags, r.metadata])).toEqual(
      expect.arrayContaining([
        ["RunnableSequence", ["my_chain"], { user: "u1" }],
        ["<model>", ["seq:step:1", "my_chain"], { user: "u1" }],
        ["JsonOutputParser", ["seq:step:2", "my_chain"], { user: "u1" }],
      ]),
    );
    expect(Object.keys(sl.excludeWins.runs)).toEqual(["JsonOutputParser[seq:step:2,my_chain]"]);
    expect(Object.keys(sl.orOfIncludes.runs).sort()).toEqual(["model[seq:step:1]", "my_parser[seq:step:2]"]);
  });

  it("nested runs in a lambda: only through the config passed in", async () => {
    const [lc, sl] = await both(scenarios.nestedRuns);
    expect(sl).toEqual(lc);
    expect(Object.keys(sl.withoutConfig.runs)).toEqual(["RunnableLambda[]"]);
    expect(Object.keys(sl.withConfig.runs).sort()).toEqual([
      "<model>[seq:step:2]",
      "ChatPromptTemplate[seq:step:1]",
      "RunnableLambda[]",
      "RunnableSequence[]",
      "StrOutputParser[seq:step:3]",
    ]);
    // An invoked model still streams its tokens as events; an invoked parser does not.
    expect(sl.withConfig.sequences["<model>[seq:step:2]"]?.map((e) => e.phase)).toEqual([
      "start",
      "stream",
      "stream",
      "end",
    ]);
    expect(sl.withConfig.sequences["StrOutputParser[seq:step:3]"]).toEqual([
      { phase: "start", data: { input: expect.objectContaining({ content: "olleh" }) } },
      { phase: "end", data: { input: expect.objectContaining({ content: "olleh" }), output: "olleh" } },
    ]);
    expect(sl.withConfig.sequences["RunnableLambda[]"]?.at(-1)?.data).toEqual({ output: "olleholleh" });
  });

  it("errors before and during streaming (error events left out: LangChain has none)", async () => {
    const [lc, sl] = await both(scenarios.errors);
    expect(sl).toEqual(lc);
    const before = sl.beforeFirstChunk;
    expect(before.stream).toEqual({
      chunks: [],
      error: { name: "Error", message: "provider down" },
      failedBeforeFirstChunk: true,
    });
    expect(before.eventsError).toEqual({ name: "Error", message: "provider down" });
    const during = sl.duringStream;
    expect(during.stream).toEqual({
      chunks: ["Why", " did", " the"],
      error: { name: "Error", message: "connection reset" },
      failedBeforeFirstChunk: false,
    });
    expect(phases(during, "<model>[seq:step:1]")).toEqual(["start", "stream", "stream", "stream"]);
    expect(sl.inLambdaAfterStream.invoke.error).toEqual({
      name: "TypeError",
      message: "cannot handle 34 characters",
    });
    expect(phases(sl.inLambdaAfterStream, "<model>[seq:step:1]").at(-1)).toBe("end");
  });

  it("batch: input order, maxConcurrency from config then options, returnExceptions on one runnable", async () => {
    const [lc, sl] = await both(scenarios.batching);
    expect(sl).toEqual(lc);
    expect(sl.fromConfig).toEqual({ result: [10, 20, 40, 50, 60, 70], maxActive: 2 });
    expect(sl.fromOptions.maxActive).toBe(3);
    expect(sl.unlimited.maxActive).toBe(6);
    expect(sl.bound.maxActive).toBe(2);
    expect(sl.returnExceptions.result).toEqual([
      10,
      { name: "RangeError", message: "three is not allowed" },
      50,
    ]);
    expect(sl.rejected).toEqual({ name: "RangeError", message: "three is not allowed" });
  });

  it("abort mid-stream: the chunks so far, then AbortError", async () => {
    const [lc, sl] = await both(scenarios.abortMidStream);
    expect(sl).toEqual(lc);
    expect(sl.chunks).toEqual(["Why", " did"]);
    expect(sl.error).toMatchObject({ name: "AbortError" });
    expect(sl.preAborted.error).toMatchObject({ name: "AbortError" });
  });

  it("tags and metadata: withConfig under the call, inheritance, step tags on direct children only", async () => {
    const [lc, sl] = await both(scenarios.configInheritance);
    expect(sl).toEqual(lc);
    expect(sl.layered["RunnableLambda[seq:step:2,bound,outer,call]"]).toEqual({
      name: "RunnableLambda",
      type: "chain",
      tags: ["seq:step:2", "bound", "outer", "call"],
      metadata: { k: "call", only_bound: 1, user: "u" },
    });
    expect(sl.layered["RunnableSequence[outer,call]"]?.metadata).toEqual({ k: "call", user: "u" });
    expect(Object.keys(sl.runName)).toEqual(["call_name[bound]"]);
    expect(Object.values(sl.nested).map((r) => [r.name, r.tags, r.metadata])).toEqual(
      expect.arrayContaining([
        ["RunnableLambda", ["seq:step:2", "t"], { m: 1 }],
        ["RunnableSequence", ["t"], { m: 1 }],
        ["ChatPromptTemplate", ["seq:step:1", "t"], { m: 1 }],
        ["<model>", ["seq:step:2", "t"], { m: 1 }],
      ]),
    );
    expect(Object.keys(sl.mapped).sort()).toEqual([
      "<map>[t]",
      "RunnablePassthrough[seq:step:1,t]",
      "RunnablePassthrough[seq:step:2,t]",
      "RunnableSequence[map:key:a,t]",
    ]);
  });

  it("a parallel map streams single-key chunks and invokes to the merged object", async () => {
    const [lc, sl] = await both(scenarios.parallelMap);
    expect(sl).toEqual(lc);
    expect(sl.invoke.output).toEqual({ joke: "Why not", topic: "PARROT" });
    expect(sl.stream.chunks).toEqual(['{"joke":" not"}', '{"joke":"Why"}', '{"topic":"PARROT"}']);
  });
});
