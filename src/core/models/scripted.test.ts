import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AIMessageChunk } from "../index.ts";
import { ScriptedChatModel, type StreamEvent, StrOutputParser, splitResponse } from "../index.ts";

async function contents(model: ScriptedChatModel, input = "hi"): Promise<string[]> {
  const out: string[] = [];
  for await (const c of await model.stream(input)) out.push(c.content);
  return out;
}

describe("splitResponse", () => {
  it("words: leading whitespace sticks to the next token, punctuation apart", () => {
    expect(splitResponse("The sky appears blue, mostly!")).toEqual([
      "The",
      " sky",
      " appears",
      " blue",
      ",",
      " mostly",
      "!",
    ]);
    expect(splitResponse("a  b \n")).toEqual(["a", "  b", " \n"]);
    expect(splitResponse("")).toEqual([""]);
  });

  it("chars: one code point a chunk (surrogate pairs stay whole)", () => {
    expect(splitResponse("a😀b", "chars")).toEqual(["a", "😀", "b"]);
  });

  it("regex: the matches, with the text between them kept", () => {
    expect(splitResponse("one two  three", { regex: "\\s+" })).toEqual(["one", " ", "two", "  ", "three"]);
    expect(splitResponse("abcdefg", { regex: ".{1,3}" })).toEqual(["abc", "def", "g"]);
  });

  it("every chunking adds back up to the text exactly", () => {
    const chunking = fc.oneof(
      fc.constant("words" as const),
      fc.constant("chars" as const),
      fc.constantFrom({ regex: "\\s+" }, { regex: "[.,!?]" }, { regex: ".{1,4}" }, { regex: "\\b" }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 60 }), chunking, (text, how) => {
        const chunks = splitResponse(text, how);
        expect(chunks.join("")).toBe(text);
        if (text !== "") expect(chunks.every((c) => c !== "")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ScriptedChatModel", () => {
  it("cycles through its responses, one per call", async () => {
    const model = new ScriptedChatModel({ responses: ["one", "two words", ["x", "y"]], usage: false });
    expect((await model.invoke("a")).content).toBe("one");
    expect(await contents(model)).toEqual(["two", " words"]);
    expect(await contents(model)).toEqual(["x", "y"]);
    expect((await model.invoke("a")).content).toBe("one");
  });

  it("streams array responses exactly as given, empty chunks included", async () => {
    const chunks = ["{", "", '"a"', ": 1", "}"];
    const model = new ScriptedChatModel({ responses: [chunks], usage: false });
    expect(await contents(model)).toEqual(chunks);
  });

  it("chunking applies to string responses", async () => {
    const chars = new ScriptedChatModel({ responses: ["abc"], chunking: "chars", usage: false });
    expect(await contents(chars)).toEqual(["a", "b", "c"]);
    const regex = new ScriptedChatModel({ responses: ["a-b-c"], chunking: { regex: "-" }, usage: false });
    expect(await contents(regex)).toEqual(["a", "-", "b", "-", "c"]);
  });

  it("usage on the final chunk only: estimated, given, or none", async () => {
    const stream = async (usage: ConstructorParameters<typeof ScriptedChatModel>[0]["usage"]) => {
      const out: AIMessageChunk[] = [];
      const model = new ScriptedChatModel({
        responses: [["a", "b", "c"]],
        ...(usage === undefined ? {} : { usage }),
      });
      for await (const c of await model.stream("twelve chars")) out.push(c);
      return out;
    };
    const estimated = await stream(undefined);
    expect(estimated.slice(0, -1).every((c) => c.usage_metadata === undefined)).toBe(true);
    expect(estimated.at(-1)?.usage_metadata).toEqual({ input_tokens: 3, output_tokens: 3, total_tokens: 6 });
    expect(estimated.at(-1)?.response_metadata).toEqual({ finish_reason: "stop" });
    const given = { input_tokens: 10, output_tokens: 20, total_tokens: 30 };
    expect((await stream(given)).at(-1)?.usage_metadata).toEqual(given);
    expect((await stream(false)).some((c) => c.usage_metadata !== undefined)).toBe(false);
    // Concatenated, the usage is the final chunk's.
    const model = new ScriptedChatModel({ responses: [["a", "b"]], usage: given });
    expect((await model.invoke("x")).usage_metadata).toEqual(given);
  });

  it("waits firstTokenMs before the first chunk and 1000/tokensPerSecond between the others", async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const model = new ScriptedChatModel({
      responses: [["a", "b", "c"]],
      firstTokenMs: 300,
      tokensPerSecond: 20,
      sleep,
    });
    expect(await contents(model)).toEqual(["a", "b", "c"]);
    expect(waits).toEqual([300, 50, 50]);
    // No pacing: no sleep at all.
    waits.length = 0;
    await contents(new ScriptedChatModel({ responses: ["a b"], sleep }));
    expect(waits).toEqual([]);
  });

  it("the injected sleep receives the run's abort signal", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const model = new ScriptedChatModel({
      responses: [["a"]],
      firstTokenMs: 5,
      sleep: (_ms, signal) => {
        signals.push(signal);
        return Promise.resolve();
      },
    });
    const controller = new AbortController();
    await model.invoke("x", { signal: controller.signal });
    expect(signals).toHaveLength(1);
    controller.abort();
    expect(signals[0]?.aborted).toBe(true);
  });

  it("a scripted failure comes after N chunks, in stream and invoke alike", async () => {
    const model = () =>
      new ScriptedChatModel({
        responses: [["a", "b", "c"]],
        failAfterChunks: 2,
        failMessage: "rate limited",
      });
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const c of await model().stream("x")) got.push(c.content);
      })(),
    ).rejects.toThrow("rate limited");
    expect(got).toEqual(["a", "b"]);
    await expect(model().invoke("x")).rejects.toThrow("rate limited");
    // At (or past) the end: every chunk, then the failure.
    const late = new ScriptedChatModel({ responses: [["a", "b"]], failAfterChunks: 2 });
    const all: string[] = [];
    await expect(
      (async () => {
        for await (const c of await late.stream("x")) all.push(c.content);
      })(),
    ).rejects.toThrow("Scripted failure after 2 chunks.");
    expect(all).toEqual(["a", "b"]);
    // At 0: the stream() call itself rejects.
    await expect(
      new ScriptedChatModel({ responses: ["a"], failAfterChunks: 0 }).stream("x"),
    ).rejects.toThrow();
  });

  it("needs at least one response", () => {
    expect(() => new ScriptedChatModel({ responses: [] })).toThrow(
      "ScriptedChatModel needs at least one response.",
    );
  });

  it("an invoked model still reports every token as an on_chat_model_stream event", async () => {
    const model = new ScriptedChatModel({ responses: [["a", "b"]], usage: false });
    const outer = model.pipe(new StrOutputParser());
    const events: StreamEvent[] = [];
    for await (const e of outer.streamEvents("x", { version: "v2" })) events.push(e);
    const chunks = events.filter((e) => e.event === "on_chat_model_stream").map((e) => e.data);
    expect(chunks).toHaveLength(2);
    // Every chunk carries the run's id, `run-<run_id>`.
    const runId = events.find((e) => e.event === "on_chat_model_start")?.run_id;
    for (const d of chunks) expect((d as { chunk: AIMessageChunk }).chunk.id).toBe(`run-${runId}`);
  });
});

describe("abort with real pacing (timers)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborting mid-stream rejects at once with AbortError, and the model produces nothing more", async () => {
    vi.useFakeTimers();
    let produced = 0;
    class Counting extends ScriptedChatModel {
      override async *_streamChunks(...args: Parameters<ScriptedChatModel["_streamChunks"]>) {
        for await (const chunk of super._streamChunks(...args)) {
          produced++;
          yield chunk;
        }
      }
    }
    const model = new Counting({
      responses: [["a", "b", "c", "d", "e", "f"]],
      tokensPerSecond: 2,
      usage: false,
    });
    const chain = model.pipe(new StrOutputParser());
    const controller = new AbortController();
    const it = (await chain.stream("x", { signal: controller.signal }))[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ value: "a", done: false });
    const second = it.next();
    await vi.advanceTimersByTimeAsync(500);
    expect(await second).toEqual({ value: "b", done: false });
    const pending = it.next(); // waiting on the model's 500 ms timer
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    // Rejected with no timer advanced (else this test would time out), and the sleep's timer is gone.
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(produced).toBe(2);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it("streamEvents: aborting the signal ends the iterator with AbortError and stops the model", async () => {
    vi.useFakeTimers();
    const model = new ScriptedChatModel({
      responses: [["a", "b", "c", "d"]],
      tokensPerSecond: 1,
      usage: false,
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const e of model.pipe(new StrOutputParser()).streamEvents("x", {
        version: "v2",
        signal: controller.signal,
      })) {
        seen.push(e.event);
        if (e.event === "on_parser_stream") controller.abort();
      }
    })();
    const outcome = run.then(
      () => "resolved",
      (err: unknown) => (err as Error).name,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(await outcome).toBe("AbortError");
    expect(seen.filter((e) => e === "on_chat_model_stream")).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("breaking out of streamEvents stops the model quietly", async () => {
    vi.useFakeTimers();
    const model = new ScriptedChatModel({
      responses: [["a", "b", "c", "d"]],
      tokensPerSecond: 1,
      usage: false,
    });
    let count = 0;
    for await (const e of model.streamEvents("x", { version: "v2" })) {
      if (e.event === "on_chat_model_stream") {
        count++;
        break;
      }
    }
    expect(count).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
