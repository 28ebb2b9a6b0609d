/**
 * SEMANTICS.md "differ" rows on functions in a stream: a plain function gets the final output of the
 * step before it; an async generator function transforms the input stream.
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk as LcChunk } from "@langchain/core/messages";
import { JsonOutputParser as LcJson, StringOutputParser as LcStr } from "@langchain/core/output_parsers";
import { RunnableLambda as LcLambda } from "@langchain/core/runnables";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { AIMessageChunk, JsonOutputParser, RunnableLambda, StrOutputParser } from "./index.ts";
import { drain, events, model } from "./semantics-differ.test-helpers.ts";
import { COUNTRIES_CHUNKS, COUNTRIES_QUESTION, JOKE, jsonChunks } from "./testing/scenarios.ts";

const lcModel = (chunks: string[]) =>
  new FakeStreamingChatModel({ chunks: chunks.map((c) => new LcChunk(c)) });

describe('SEMANTICS.md "differ" rows', () => {
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
});
