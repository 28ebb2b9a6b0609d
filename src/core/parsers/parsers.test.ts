import { describe, expect, it } from "vitest";
import {
  AIMessageChunk,
  CommaSeparatedListOutputParser,
  JsonOutputParser,
  ScriptedChatModel,
  type StreamEvent,
  StrOutputParser,
} from "../index.ts";

const model = (chunks: string[]) => new ScriptedChatModel({ responses: [chunks], usage: false });

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("CommaSeparatedListOutputParser", () => {
  const parser = new CommaSeparatedListOutputParser();

  it("invoke: split on commas, trimmed", async () => {
    expect(await parser.invoke("red, green ,blue")).toEqual(["red", "green", "blue"]);
    expect(await parser.invoke(new AIMessageChunk("a,,b"))).toEqual(["a", "", "b"]);
    expect(await parser.invoke("   ")).toEqual([]);
  });

  it("streams each item as soon as its comma arrives, the last at the end", async () => {
    const chain = model(["red,", " gr", "een, blue", ",", " yel", "low"]).pipe(parser);
    const { events } = await collect(chain, "x");
    const streamed = events.filter((e) => e.event === "on_parser_stream").map((e) => e.data);
    expect(streamed).toEqual([
      { chunk: ["red"] },
      { chunk: ["green"] },
      { chunk: ["blue"] },
      { chunk: ["yellow"] },
    ]);
    // "green" is out before the model has sent "yel".
    const green = events.findIndex((e) => e.event === "on_parser_stream" && String(e.data.chunk) === "green");
    const yel = events.findIndex(
      (e) => e.event === "on_chat_model_stream" && (e.data.chunk as AIMessageChunk).content === " yel",
    );
    expect(green).toBeLessThan(yel);
    expect(events.find((e) => e.event === "on_parser_end")?.data).toMatchObject({
      output: ["red", "green", "blue", "yellow"],
    });
  });

  it("at the top level, stream() parses the whole text as invoke does, in one chunk", async () => {
    expect(await drain(await parser.stream("a, b, c"))).toEqual([["a", "b", "c"]]);
  });

  it("stream and invoke agree, trailing and empty items included", async () => {
    for (const text of ["a, b,", "a,,b", "solo", "x , y", ""]) {
      const streamed = (
        await drain(
          await model([...text])
            .pipe(parser)
            .stream("x"),
        )
      ).flat();
      expect(streamed).toEqual(await parser.invoke(text));
    }
  });
});

describe("JsonOutputParser", () => {
  const parser = new JsonOutputParser();

  it("invoke parses strictly and says why it failed", async () => {
    expect(await parser.invoke('{"a": [1, {"b": null}]}')).toEqual({ a: [1, { b: null }] });
    for (const bad of ['{"a": 1,}', '{"a": 1', "Here is JSON: {}", "", "NaN"]) {
      await expect(parser.invoke(bad)).rejects.toMatchObject({
        name: "OutputParserError",
        message: expect.stringContaining("JsonOutputParser: the output is not valid JSON"),
      });
    }
  });

  it("invoke: the inside of the first ``` fence (with or without `json`), text around it ignored", async () => {
    expect(await parser.invoke('Sure!\n```json\n{"a": 1}\n```\nAnything else?')).toEqual({ a: 1 });
    expect(await parser.invoke("```\n[1, 2]\n```")).toEqual([1, 2]);
    expect(await parser.invoke('  ```json{"open": true}')).toEqual({ open: true });
    expect(await parser.invoke(new AIMessageChunk('```json\n"text"\n```'))).toBe("text");
  });

  it("streaming never throws on bad JSON: the last good value stays, emission stops", async () => {
    expect(await drain(await model(['{"a": 1', "} trailing", '{"b": 2}']).pipe(parser).stream("x"))).toEqual([
      { a: 1 },
    ]);
    expect(await drain(await model(["not json"]).pipe(parser).stream("x"))).toEqual([]);
  });

  it("streaming inside a fence", async () => {
    const chunks = ["```json\n", '{"a": ', '"hi', '"}', "\n```", " bye"];
    expect(await drain(await model(chunks).pipe(parser).stream("x"))).toEqual([{}, { a: "hi" }]);
  });

  it("a value that does not change emits nothing (whitespace, half a key)", async () => {
    const { events } = await collect(model(["{", " ", '"ke', 'y"', ":", " 1", "}"]).pipe(parser), "x");
    expect(
      events.filter((e) => e.event === "on_parser_stream").map((e) => (e.data as { chunk: unknown }).chunk),
    ).toEqual([{}, { key: 1 }]);
  });

  it("a parser at the top level invokes: stream() gives the strict result in one chunk", async () => {
    expect(await drain(await parser.stream('{"a": 1}'))).toEqual([{ a: 1 }]);
    await expect(parser.stream('{"a": 1')).rejects.toMatchObject({ name: "OutputParserError" });
  });

  it("input that is neither text nor a message fails with a clear error", async () => {
    await expect(parser.invoke(42 as never)).rejects.toThrow(
      "JsonOutputParser takes a string or a message, but got number.",
    );
    await expect(new StrOutputParser().invoke(null as never)).rejects.toThrow(
      "StrOutputParser takes a string or a message, but got null.",
    );
  });
});

async function collect(runnable: { streamEvents: ScriptedChatModel["streamEvents"] }, input: string) {
  const events: StreamEvent[] = [];
  for await (const e of runnable.streamEvents(input, { version: "v2" })) events.push(e);
  return { events };
}
