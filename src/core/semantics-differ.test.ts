/**
 * The rows of shared/SEMANTICS.md marked "differ": Sluice's behavior, each with LangChain.js 1.4.0's
 * alongside where that is cheap to show, so a test fails if either side moves. Event shape, names and
 * batch rows here; failures, plain functions and generators, and the differences SEMANTICS.md does not
 * list yet are in the other semantics-differ*.test.ts files.
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk as LcChunk } from "@langchain/core/messages";
import { JsonOutputParser as LcJson, StringOutputParser as LcStr } from "@langchain/core/output_parsers";
import { RunnableLambda as LcLambda, RunnableParallel as LcParallel } from "@langchain/core/runnables";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import {
  JsonOutputParser,
  type RunnableConfig,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  StrOutputParser,
} from "./index.ts";
import { brief, events, jokeChain, lcEvents, model } from "./semantics-differ.test-helpers.ts";
import { COUNTRIES_CHUNKS, JOKE } from "./testing/scenarios.ts";
import { StaticRetriever } from "./testing/sluice-lib.ts";

const lcModel = (chunks: string[]) =>
  new FakeStreamingChatModel({ chunks: chunks.map((c) => new LcChunk(c)) });

/* ---------------------------------------------------------------------------------------------- */

describe('SEMANTICS.md "differ" rows', () => {
  it("v1 event names: a chat model emits on_chat_model_* (LangChain: on_llm_*)", async () => {
    const chain = model(["a", "b"]).pipe(new StrOutputParser());
    const { events: v1 } = await events(chain, "hi", { version: "v1" });
    expect(v1.map(brief)).toEqual([
      "on_chain_start RunnableSequence",
      "on_chat_model_start ScriptedChatModel",
      "on_chat_model_stream ScriptedChatModel",
      "on_parser_start StrOutputParser",
      "on_parser_stream StrOutputParser",
      "on_chain_stream RunnableSequence",
      "on_chat_model_stream ScriptedChatModel",
      "on_parser_stream StrOutputParser",
      "on_chain_stream RunnableSequence",
      "on_chat_model_end ScriptedChatModel",
      "on_parser_end StrOutputParser",
      "on_chain_end RunnableSequence",
    ]);
    expect(v1.every((e) => e.parent_ids === undefined)).toBe(true);
    // The v1 type filter uses the same type names.
    const { events: typed } = await events(chain, "hi", { version: "v1" }, { includeTypes: ["chat_model"] });
    expect(typed.map((e) => e.event)).toEqual([
      "on_chat_model_start",
      "on_chat_model_stream",
      "on_chat_model_stream",
      "on_chat_model_end",
    ]);

    const lc = await lcEvents(lcModel(["a", "b"]).pipe(new LcStr()), "hi", { version: "v1" });
    expect(lc.filter((e) => e.name === "FakeStreamingChatModel").map((e) => e.event)).toEqual([
      "on_llm_start",
      "on_llm_stream",
      "on_llm_stream",
      "on_llm_end",
    ]);
  });

  it("parent_ids (v2): root first, immediate parent last (LangChain: absent)", async () => {
    const inner = jokeChain();
    const outer = RunnableLambda.from(async function tell_twice(topic: string, config: RunnableConfig) {
      return `${await inner.invoke({ topic }, config)} / again`;
    });
    const { events: evs } = await events(outer, "parrot");
    const idOf = (name: string) => evs.find((e) => e.name === name)!.run_id;
    const [lambda, seq, prompt, chat, parser] = [
      "tell_twice",
      "RunnableSequence",
      "ChatPromptTemplate",
      "ScriptedChatModel",
      "StrOutputParser",
    ].map(idOf);
    const parents = Object.fromEntries(evs.map((e) => [e.name, e.parent_ids]));
    expect(parents).toEqual({
      tell_twice: [],
      RunnableSequence: [lambda],
      ChatPromptTemplate: [lambda, seq],
      ScriptedChatModel: [lambda, seq],
      StrOutputParser: [lambda, seq],
    });
    expect(new Set([lambda, seq, prompt, chat, parser]).size).toBe(5);
    // Every event of a run carries the same parent_ids.
    for (const e of evs) expect(e.parent_ids).toEqual(parents[e.name]);

    const lc = await lcEvents(lcModel(["a"]).pipe(new LcStr()), "hi");
    expect(lc.some((e) => "parent_ids" in e)).toBe(false);
  });

  it("causal order: the model's stream event precedes the parser's and the chain's for the same token", async () => {
    const { events: evs } = await events(jokeChain(), { topic: "parrot" });
    const streams = evs.filter((e) => e.event.endsWith("_stream")).map((e) => e.event);
    expect(streams).toEqual(
      JOKE.flatMap(() => ["on_chat_model_stream", "on_parser_stream", "on_chain_stream"]),
    );
    // The JSON parser: each value is reported right after the model chunk that completed it.
    const { events: json } = await events(model(COUNTRIES_CHUNKS).pipe(new JsonOutputParser()), "go");
    const kinds = json.filter((e) => e.event.endsWith("_stream")).map((e) => e.event);
    expect(kinds[0]).toBe("on_chat_model_stream");
    kinds.forEach((k, i) => {
      if (k === "on_parser_stream") expect(kinds[i - 1]).toBe("on_chat_model_stream");
      if (k === "on_chain_stream") expect(kinds[i - 1]).toBe("on_parser_stream");
    });

    const lc = await lcEvents(lcModel(["a", "b"]).pipe(new LcStr()), "hi");
    expect(lc.filter((e) => e.event.endsWith("_stream")).map((e) => e.event)).toEqual([
      "on_parser_stream",
      "on_chain_stream",
      "on_chat_model_stream",
      "on_parser_stream",
      "on_chain_stream",
      "on_chat_model_stream",
    ]);
  });

  it("lambda run name: the function's name, else RunnableLambda (LangChain: always RunnableLambda)", async () => {
    function reverse_word(word: string) {
      return [...word].reverse().join("");
    }
    const named = RunnableLambda.from(reverse_word);
    const arrow = RunnableLambda.from((w: string) => w);
    expect(named.getName()).toBe("reverse_word");
    expect(arrow.getName()).toBe("RunnableLambda");
    const { events: evs } = await events(named, "hello");
    expect(evs.map(brief)).toEqual([
      "on_chain_start reverse_word",
      "on_chain_stream reverse_word",
      "on_chain_end reverse_word",
    ]);
    expect(evs.at(-1)?.data).toEqual({ output: "olleh" });
    // A function piped in keeps its name too; withConfig({runName}) still wins.
    const chain = model(["x"]).pipe(new StrOutputParser()).pipe(reverse_word);
    const { events: chainEvents } = await events(chain, "hi");
    expect(chainEvents.some((e) => e.name === "reverse_word")).toBe(true);
    const renamed = await events(named.withConfig({ runName: "rev" }), "hello");
    expect(renamed.events.map((e) => e.name)).toEqual(["rev", "rev", "rev"]);

    expect(LcLambda.from(reverse_word).getName()).toBe("RunnableLambda");
  });

  it("parallel map name: RunnableParallel<key1,key2> (LangChain: RunnableMap)", async () => {
    const map = RunnableParallel.from({
      context: new StaticRetriever([]),
      question: new RunnablePassthrough(),
    });
    expect(map.getName()).toBe("RunnableParallel<context,question>");
    const coerced = model(["x"]).pipe({ text: new StrOutputParser(), same: new RunnablePassthrough() });
    const { events: evs } = await events(coerced, "hi");
    expect(evs.filter((e) => e.event === "on_chain_start").map((e) => e.name)).toContain(
      "RunnableParallel<text,same>",
    );
    expect(LcParallel.from({ context: new LcStr(), question: new LcStr() }).getName()).toBe("RunnableMap");
  });

  it("the first yielded v2 event's input is its own (LangChain: the root's input)", async () => {
    const chain = () =>
      model(["[1,", " 2]"])
        .withConfig({ runName: "model" })
        .pipe(new JsonOutputParser().withConfig({ runName: "my_parser" }));
    const byName = await events(chain(), "the question", { version: "v2" }, { includeNames: ["my_parser"] });
    expect(byName.events[0]).toMatchObject({ event: "on_parser_start", data: {} });
    expect(byName.events.at(-1)?.data).toEqual({
      output: [1, 2],
      input: expect.objectContaining({ content: "[1, 2]" }),
    });
    const byType = await events(chain(), "the question", { version: "v2" }, { includeTypes: ["chat_model"] });
    expect(byType.events[0]?.data).toEqual({
      input: { messages: [[expect.objectContaining({ type: "human", content: "the question" })]] },
    });

    const lcChain = lcModel(["[1,", " 2]"])
      .withConfig({ runName: "model" })
      .pipe(new LcJson().withConfig({ runName: "my_parser" }));
    const lc = await lcEvents(lcChain, "the question", { version: "v2" }, { includeNames: ["my_parser"] });
    expect(lc[0]?.data).toEqual({ input: "the question" });
  });

  it("batch with returnExceptions: a failed slot holds its Error and later steps are skipped", async () => {
    const later: unknown[] = [];
    const chain = RunnableLambda.from((x: string) => {
      if (x === "fail") throw new Error(`s1 failed on ${x}`);
      return x.toUpperCase();
    }).pipe((x: unknown) => {
      later.push(x);
      return `got ${String(x)}`;
    });
    const results = await chain.batch(["a", "fail", "c"], {}, { returnExceptions: true });
    expect(results[0]).toBe("got A");
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toBe("s1 failed on fail");
    expect(results[2]).toBe("got C");
    expect(later.sort()).toEqual(["A", "C"]);

    const lcChain = LcLambda.from((x: string) => {
      if (x === "fail") throw new Error(`s1 failed on ${x}`);
      return x.toUpperCase();
    }).pipe((x: unknown) => `got ${String(x)}`);
    expect(await lcChain.batch(["a", "fail"], {}, { returnExceptions: true })).toEqual([
      "got A",
      "got Error: s1 failed on fail",
    ]);
  });
});
