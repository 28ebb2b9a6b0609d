/**
 * The rows of shared/SEMANTICS.md marked "differ": Sluice's behavior, each with LangChain.js 1.4.0's
 * alongside where that is cheap to show, so a test fails if either side moves.
 * The last block pins differences observed by the conformance suite that SEMANTICS.md does not list.
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk as LcChunk } from "@langchain/core/messages";
import { JsonOutputParser as LcJson, StringOutputParser as LcStr } from "@langchain/core/output_parsers";
import { RunnableLambda as LcLambda, RunnableParallel as LcParallel } from "@langchain/core/runnables";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import {
  AIMessageChunk,
  ChatPromptTemplate,
  JsonOutputParser,
  type Runnable,
  type RunnableConfig,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  ScriptedChatModel,
  type StreamEvent,
  StrOutputParser,
} from "./index.ts";
import { COUNTRIES_CHUNKS, COUNTRIES_QUESTION, JOKE, jsonChunks } from "./testing/scenarios.ts";
import { StaticRetriever } from "./testing/sluice-lib.ts";

const model = (chunks: string[], extra: Partial<ConstructorParameters<typeof ScriptedChatModel>[0]> = {}) =>
  new ScriptedChatModel({ responses: [chunks], usage: false, ...extra });
const lcModel = (chunks: string[]) =>
  new FakeStreamingChatModel({ chunks: chunks.map((c) => new LcChunk(c)) });

async function events<I>(
  runnable: Runnable<I, unknown>,
  input: I,
  options: Parameters<Runnable["streamEvents"]>[1] = { version: "v2" },
  filters: Parameters<Runnable["streamEvents"]>[2] = {},
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const out: StreamEvent[] = [];
  try {
    for await (const e of runnable.streamEvents(input, options, filters)) out.push(e);
    return { events: out, error: undefined };
  } catch (error) {
    return { events: out, error };
  }
}

interface LooseEvent {
  event: string;
  name: string;
  run_id: string;
  data: Record<string, unknown>;
}

async function lcEvents(
  runnable: { streamEvents: (...args: never[]) => AsyncIterable<unknown> },
  input: unknown,
  options: Record<string, unknown> = { version: "v2" },
  filters: Record<string, unknown> = {},
): Promise<LooseEvent[]> {
  const out: LooseEvent[] = [];
  const stream = (runnable.streamEvents as (...a: unknown[]) => AsyncIterable<LooseEvent>)(
    input,
    options,
    filters,
  );
  for await (const e of stream) out.push(e);
  return out;
}

const brief = (e: { event: string; name: string }) => `${e.event} ${e.name}`;

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const jokeChain = () =>
  ChatPromptTemplate.fromTemplate("tell me a joke about {topic}")
    .pipe(model(JOKE))
    .pipe(new StrOutputParser());

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

  describe("a plain function after a streaming step receives its final output, and yields one chunk", () => {
    const DOC = '{"title": "Hello world", "score": 1234}';

    it("after a JSON parser: the parser's last value (LangChain: a concat of the partial objects)", async () => {
      const received: unknown[] = [];
      const chain = model(jsonChunks(DOC))
        .pipe(new JsonOutputParser())
        .pipe((doc: unknown) => {
          received.push(doc);
          return doc;
        });
      expect(await drain(await chain.stream("go"))).toEqual([{ title: "Hello world", score: 1234 }]);
      expect(received).toEqual([{ title: "Hello world", score: 1234 }]);

      const lcReceived: unknown[] = [];
      const lcChain = lcModel(jsonChunks(DOC))
        .pipe(new LcJson())
        .pipe((doc: unknown) => {
          lcReceived.push(doc);
          return doc;
        });
      await drain(await lcChain.stream("go"));
      expect(lcReceived).toHaveLength(1);
      expect(lcReceived[0]).not.toEqual({ title: "Hello world", score: 1234 });
    });

    it("after a string parser: the concatenated text; after a model: the concatenated message", async () => {
      const texts: string[] = [];
      const joined = await drain(
        await model(JOKE)
          .pipe(new StrOutputParser())
          .pipe((t: string) => {
            texts.push(t);
            return t.length;
          })
          .stream("x"),
      );
      expect(joined).toEqual([JOKE.join("").length]);
      expect(texts).toEqual([JOKE.join("")]);

      const messages: unknown[] = [];
      await drain(
        await model(["a", "b", "c"])
          .pipe((m: AIMessageChunk) => {
            messages.push(m);
            return m.content;
          })
          .stream("x"),
      );
      expect(messages).toHaveLength(1);
      expect(messages[0]).toBeInstanceOf(AIMessageChunk);
      expect((messages[0] as AIMessageChunk).content).toBe("abc");
    });

    it("in streamEvents, the function's start and end show the final value", async () => {
      const chain = model(jsonChunks(DOC))
        .pipe(new JsonOutputParser<{ title: string; score: number }>())
        .pipe(function pick(doc: { title: string }) {
          return doc.title;
        });
      const { events: evs } = await events(chain, "go");
      const pick = evs.filter((e) => e.name === "pick");
      expect(pick.map((e) => [e.event, e.data])).toEqual([
        ["on_chain_start", { input: { title: "Hello world", score: 1234 } }],
        ["on_chain_stream", { chunk: "Hello world" }],
        ["on_chain_end", { input: { title: "Hello world", score: 1234 }, output: "Hello world" }],
      ]);
    });
  });

  describe("an async generator function transforms the input stream", () => {
    async function* extract_country_names_streaming(inputs: AsyncIterable<unknown>) {
      const seen = new Set<string>();
      for await (const input of inputs) {
        const countries = (input as { countries?: { name?: string; population?: number }[] }).countries;
        if (!Array.isArray(countries)) continue;
        for (const c of countries) {
          // A name is final once the population after it has started.
          if (c.name && c.population !== undefined && !seen.has(c.name)) {
            seen.add(c.name);
            yield c.name;
          }
        }
      }
    }
    const chain = () =>
      model(COUNTRIES_CHUNKS).pipe(new JsonOutputParser()).pipe(extract_country_names_streaming);

    it("stream() yields each name as soon as it is known", async () => {
      expect(await drain(await chain().stream(COUNTRIES_QUESTION))).toEqual(["France", "Spain", "Japan"]);
      expect(await chain().invoke(COUNTRIES_QUESTION)).toBe("FranceSpainJapan");
    });

    it("streaming continues through it: its chunks interleave with the model's", async () => {
      const { events: evs } = await events(chain(), COUNTRIES_QUESTION);
      const gen = evs.filter((e) => e.name === "extract_country_names_streaming");
      expect(gen.map((e) => e.event)).toEqual([
        "on_chain_start",
        "on_chain_stream",
        "on_chain_stream",
        "on_chain_stream",
        "on_chain_end",
      ]);
      // France is out long before the model has finished.
      const france = evs.findIndex(
        (e) => e.name === "extract_country_names_streaming" && e.event === "on_chain_stream",
      );
      const modelEnd = evs.findIndex((e) => e.event === "on_chat_model_end");
      const modelChunksBefore = evs.slice(0, france).filter((e) => e.event === "on_chat_model_stream").length;
      expect(france).toBeLessThan(modelEnd);
      expect(modelChunksBefore).toBeLessThan(COUNTRIES_CHUNKS.length / 2);
      // Transform-style: no input at start; at the end, the parser's final value and the joined names.
      expect(gen[0]?.data).toEqual({});
      expect(gen.at(-1)?.data).toEqual({
        input: JSON.parse(COUNTRIES_CHUNKS.join("")),
        output: "FranceSpainJapan",
      });
    });

    it("a generator yielding non-strings ends with its last value", async () => {
      const counts = RunnableLambda.from(async function* counts(inputs: AsyncIterable<string>) {
        let n = 0;
        for await (const s of inputs) yield { n: (n += s.length) };
      });
      const { events: evs } = await events(model(["ab", "c"]).pipe(new StrOutputParser()).pipe(counts), "x");
      expect(evs.find((e) => e.event === "on_chain_end" && e.name === "counts")?.data).toMatchObject({
        output: { n: 3 },
      });
    });

    it("LangChain.js: the generator gets the gathered input, not a stream", async () => {
      const got: unknown[] = [];
      const lcChain = lcModel(["a", "b"])
        .pipe(new LcStr())
        .pipe(
          LcLambda.from(async function* (input: unknown) {
            got.push(input);
            yield await Promise.resolve("done");
          }),
        );
      await drain(await lcChain.stream("x"));
      expect(got).toEqual(["ab"]);
    });
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

/* ---------------------------------------------------------------------------------------------- */

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
