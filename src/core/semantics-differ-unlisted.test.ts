/**
 * Differences from LangChain.js 1.4.0 observed by the conformance suite that shared/SEMANTICS.md does
 * not list yet: Sluice's behavior pinned with LangChain's alongside, so a test fails if either side moves.
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk as LcChunk } from "@langchain/core/messages";
import { JsonOutputParser as LcJson, StringOutputParser as LcStr } from "@langchain/core/output_parsers";
import { RunnableLambda as LcLambda, RunnableParallel as LcParallel } from "@langchain/core/runnables";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import {
  AIMessageChunk,
  JsonOutputParser,
  RunnableLambda,
  RunnableParallel,
  StrOutputParser,
} from "./index.ts";
import { drain, events, lcEvents, model } from "./semantics-differ.test-helpers.ts";

const lcModel = (chunks: string[]) =>
  new FakeStreamingChatModel({ chunks: chunks.map((c) => new LcChunk(c)) });

describe("differences from LangChain.js seen by the conformance suite, not (yet) in SEMANTICS.md", () => {
  it("a JSON parser's end event input is the whole message (LangChain: only the last chunk)", async () => {
    const { events: evs } = await events(model(['{"a":', " 1}"]).pipe(new JsonOutputParser()), "x");
    const end = evs.find((e) => e.event === "on_parser_end");
    expect(end?.data).toEqual({ output: { a: 1 }, input: expect.objectContaining({ content: '{"a": 1}' }) });

    const lc = await lcEvents(lcModel(['{"a":', " 1}"]).pipe(new LcJson()), "x");
    const lcEnd = lc.find((e) => e.event === "on_parser_end");
    expect((lcEnd?.data.input as LcChunk).content).toBe(" 1}");
  });

  it("a plain function in a stream starts once its input is complete, with it (LangChain: at the first chunk, {})", async () => {
    const chain = model(["a", "b"])
      .pipe(new StrOutputParser())
      .pipe(function upper(s: string) {
        return s.toUpperCase();
      });
    const { events: evs } = await events(chain, "x");
    const start = evs.findIndex((e) => e.event === "on_chain_start" && e.name === "upper");
    expect(evs[start]?.data).toEqual({ input: "ab" });
    expect(start).toBeGreaterThan(evs.findIndex((e) => e.event === "on_parser_end"));

    const lc = await lcEvents(
      lcModel(["a", "b"])
        .pipe(new LcStr())
        .pipe(LcLambda.from((s: string) => s)),
      "x",
    );
    const lcStart = lc.findIndex((e) => e.event === "on_chain_start" && e.name === "RunnableLambda");
    expect(lc[lcStart]?.data).toEqual({});
    expect(lcStart).toBeLessThan(lc.findIndex((e) => e.event === "on_parser_end"));
  });

  it("a sequence inside a map streams through and reports its chunks (LangChain: gathers, no stream events)", async () => {
    const map = RunnableParallel.from({ joke: model(["Why", " not"]).pipe(new StrOutputParser()) });
    const { events: evs } = await events(map, "x");
    const seq = evs.filter((e) => e.name === "RunnableSequence");
    expect(seq.map((e) => [e.event, e.data])).toEqual([
      ["on_chain_start", {}],
      ["on_chain_stream", { chunk: "Why" }],
      ["on_chain_stream", { chunk: " not" }],
      ["on_chain_end", { input: "x", output: "Why not" }],
    ]);

    const lc = await lcEvents(LcParallel.from({ joke: lcModel(["Why", " not"]).pipe(new LcStr()) }), "x");
    expect(lc.filter((e) => e.name === "RunnableSequence").map((e) => e.event)).toEqual([
      "on_chain_start",
      "on_chain_end",
    ]);
  });

  it("a chat model at the root shows {messages} as its start input (LangChain and the guide: the raw input)", async () => {
    const { events: evs } = await events(model(["Hello"]), "hello");
    expect(evs[0]?.data).toEqual({ input: { messages: [[expect.objectContaining({ content: "hello" })]] } });
    const lc = await lcEvents(lcModel(["Hello"]), "hello");
    expect(lc[0]?.data).toEqual({ input: "hello" });
  });

  it("message chunks: model_name is not doubled, tool calls have no `type` (LangChain: m1m1, tool_call)", () => {
    const merged = new AIMessageChunk({ content: "a", response_metadata: { model_name: "m1" } }).concat(
      new AIMessageChunk({ content: "b", response_metadata: { model_name: "m1" } }),
    );
    expect(merged.response_metadata).toEqual({ model_name: "m1" });
    const lcMerged = new LcChunk({ content: "a", response_metadata: { model_name: "m1" } }).concat(
      new LcChunk({ content: "b", response_metadata: { model_name: "m1" } }),
    );
    expect(lcMerged.response_metadata).toEqual({ model_name: "m1m1" });
    const call = new AIMessageChunk({
      content: "",
      tool_call_chunks: [{ index: 0, id: "c", name: "f", args: "{}" }],
    });
    expect(call.tool_calls).toEqual([{ name: "f", args: {}, id: "c" }]);
    const lcCall = new LcChunk({
      content: "",
      tool_call_chunks: [{ index: 0, id: "c", name: "f", args: "{}" }],
    });
    expect(lcCall.tool_calls).toEqual([{ name: "f", args: {}, id: "c", type: "tool_call" }]);
  });

  it("withConfig twice keeps the tags of both (LangChain: only the newer's)", async () => {
    const twice = RunnableLambda.from((x: string) => x)
      .withConfig({ tags: ["first"] })
      .withConfig({ tags: ["second"] });
    const { events: evs } = await events(twice, "x");
    expect(evs[0]?.tags).toEqual(["first", "second"]);
    const lcTwice = LcLambda.from((x: string) => x)
      .withConfig({ tags: ["first"] })
      .withConfig({ tags: ["second"] });
    const lc = await lcEvents(lcTwice, "x");
    expect((lc[0] as unknown as { tags: string[] }).tags).toEqual(["second"]);
  });

  it("stream() outside streamEvents gives chunks an id (LangChain: none)", async () => {
    const [chunk] = await drain(await model(["a"]).stream("x"));
    expect(chunk?.id).toMatch(/^run-/);
    const [lcChunk] = await drain(await lcModel(["a"]).stream("x"));
    expect(lcChunk?.id).toBeUndefined();
  });
});
