/** SEMANTICS.md "differ" rows on failures: error events, the error thrown, what streamed before it. */
import { describe, expect, it } from "vitest";
import { AIMessageChunk as LcChunk } from "@langchain/core/messages";
import { RunnableLambda as LcLambda } from "@langchain/core/runnables";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { ChatPromptTemplate, type RunnableConfig, RunnableLambda, StrOutputParser } from "./index.ts";
import { brief, events, model } from "./semantics-differ.test-helpers.ts";
import { JOKE } from "./testing/scenarios.ts";

const lcModel = (chunks: string[]) =>
  new FakeStreamingChatModel({ chunks: chunks.map((c) => new LcChunk(c)) });

describe('SEMANTICS.md "differ" rows', () => {
  describe("failures", () => {
    const failing = () =>
      ChatPromptTemplate.fromTemplate("joke about {topic}")
        .pipe(model(JOKE, { failAfterChunks: 3, failMessage: "connection reset" }))
        .pipe(new StrOutputParser())
        .pipe(function shout(text: string) {
          return text.toUpperCase();
        });

    it("error events for the failing run, then each ancestor; none for bystanders; then the error", async () => {
      const { events: evs, error } = await events(failing(), { topic: "parrot" });
      const errors = evs.filter((e) => e.event.endsWith("_error"));
      expect(errors.map(brief)).toEqual([
        "on_chat_model_error ScriptedChatModel",
        "on_chain_error RunnableSequence",
      ]);
      expect(errors.map((e) => e.data)).toEqual([
        {
          error: { name: "Error", message: "connection reset" },
          input: { messages: [[expect.objectContaining({ content: "joke about parrot" })]] },
        },
        { error: { name: "Error", message: "connection reset" }, input: { topic: "parrot" } },
      ]);
      // The error events come last, and failed runs get no end event.
      expect(evs.slice(-2)).toEqual(errors);
      expect(evs.filter((e) => e.event.endsWith("_end")).map((e) => e.name)).toEqual(["ChatPromptTemplate"]);
      // The parser (downstream, its input broke) started but reports neither end nor error;
      // the lambda never started.
      expect(evs.filter((e) => e.name === "StrOutputParser").map((e) => e.event)).toEqual([
        "on_parser_start",
        "on_parser_stream",
        "on_parser_stream",
        "on_parser_stream",
      ]);
      expect(evs.some((e) => e.name === "shout")).toBe(false);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe("connection reset");
    });

    it("the iterator throws the original error object, after the error events", async () => {
      const boom = new RangeError("out of range");
      const chain = model(["a", "b"])
        .pipe(new StrOutputParser())
        .pipe(() => {
          throw boom;
        });
      const it = chain.streamEvents("x", { version: "v2" });
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const e of it) seen.push(e.event);
        })(),
      ).rejects.toBe(boom);
      expect(seen.slice(-2)).toEqual(["on_chain_error", "on_chain_error"]);
      await expect(chain.invoke("x")).rejects.toBe(boom);
    });

    it("nested runs: the failing inner run and every ancestor up to the root report the error", async () => {
      const inner = model(["a", "b"], { failAfterChunks: 1, failMessage: "inner failed" }).pipe(
        new StrOutputParser(),
      );
      const outer = RunnableLambda.from(function wrapper(x: string, config: RunnableConfig) {
        return inner.invoke(x, config);
      });
      const { events: evs, error } = await events(outer, "x");
      const errors = evs.filter((e) => e.event.endsWith("_error"));
      expect(errors.map(brief)).toEqual([
        "on_chat_model_error ScriptedChatModel",
        "on_chain_error RunnableSequence",
        "on_chain_error wrapper",
      ]);
      expect(errors.map((e) => e.parent_ids?.length)).toEqual([2, 1, 0]);
      expect((error as Error).message).toBe("inner failed");
    });

    it("stream() yields what streamed before the failure, then throws", async () => {
      const chain = model(JOKE, { failAfterChunks: 2, failMessage: "cut" }).pipe(new StrOutputParser());
      const got: string[] = [];
      await expect(
        (async () => {
          for await (const c of await chain.stream("x")) got.push(c);
        })(),
      ).rejects.toThrow("cut");
      expect(got).toEqual(["Why", " did"]);
      // Before the first chunk, the stream() call itself rejects.
      await expect(model(JOKE, { failAfterChunks: 0, failMessage: "early" }).stream("x")).rejects.toThrow(
        "early",
      );
    });

    it("LangChain.js: no error events, the same error thrown", async () => {
      const lcFailing = lcModel(["a"]).pipe(
        LcLambda.from(() => {
          throw new Error("lc failed");
        }),
      );
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const e of lcFailing.streamEvents("x", { version: "v2" })) seen.push(e.event);
        })(),
      ).rejects.toThrow("lc failed");
      expect(seen.some((e) => e.endsWith("_error"))).toBe(false);
    });
  });
});
