import { describe, expect, it } from "vitest";
import {
  type AIMessageChunk,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  ScriptedChatModel,
  type StreamEvent,
  StrOutputParser,
} from "./index.ts";

/** A scripted model that records whether its generator was closed. */
class Tracked extends ScriptedChatModel {
  closed = false;
  pulled = 0;
  override async *_streamChunks(...args: Parameters<ScriptedChatModel["_streamChunks"]>) {
    try {
      for await (const chunk of super._streamChunks(...args)) {
        this.pulled++;
        yield chunk;
      }
    } finally {
      this.closed = true;
    }
  }
}

async function collect(it: AsyncIterable<StreamEvent>) {
  const events: StreamEvent[] = [];
  try {
    for await (const e of it) events.push(e);
    return { events, error: undefined as unknown };
  } catch (error) {
    return { events, error };
  }
}

describe("stream() and its consumer", () => {
  it("breaking out of the loop closes the chain down to the model", async () => {
    const model = new Tracked({ responses: [["a", "b", "c", "d"]], usage: false });
    const chain = model.pipe(new StrOutputParser()).pipe(
      RunnableLambda.from(async function* (s: AsyncIterable<string>) {
        for await (const c of s) yield c.toUpperCase();
      }),
    );
    for await (const chunk of await chain.stream("x")) {
      expect(chunk).toBe("A");
      break;
    }
    expect(model.closed).toBe(true);
    expect(model.pulled).toBeLessThanOrEqual(2);
  });

  it("breaking out of a parallel map stops every branch, gathering ones included, and the source", async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `t${i} `);
    const model = new Tracked({ responses: [chunks], usage: false });
    let lengthCalls = 0;
    const chain = model.pipe(new StrOutputParser()).pipe({
      same: new RunnablePassthrough(),
      len: (s: string) => {
        lengthCalls++;
        return s.length;
      },
    });
    for await (const _ of await chain.stream("x")) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(model.closed).toBe(true);
    expect(model.pulled).toBeLessThan(5);
    // The gathering branch stopped without calling its function on a partial input.
    expect(lengthCalls).toBe(0);
  });
});

describe("streamEvents", () => {
  it("config.runId names the root run", async () => {
    const runId = "00000000-0000-4000-8000-000000000001";
    const { events } = await collect(
      new ScriptedChatModel({ responses: ["hi"] })
        .pipe(new StrOutputParser())
        .streamEvents("x", { version: "v2", runId }),
    );
    expect(events[0]?.run_id).toBe(runId);
    expect(events.filter((e) => e.run_id === runId).map((e) => e.event)).toEqual([
      "on_chain_start",
      "on_chain_stream",
      "on_chain_end",
    ]);
    expect(new Set(events.map((e) => e.run_id)).size).toBe(3);
  });

  it("a failing branch of a map: error events for it and its ancestors, not for the other branch", async () => {
    const boom = new Error("branch failed");
    const map = RunnableParallel.from({
      ok: new RunnablePassthrough(),
      bad: function bad() {
        throw boom;
      },
    });
    const chain = new RunnablePassthrough().pipe(map);
    const { events, error } = await collect(chain.streamEvents("x", { version: "v2" }));
    expect(error).toBe(boom);
    expect(events.filter((e) => e.event.endsWith("_error")).map((e) => e.name)).toEqual([
      "bad",
      "RunnableParallel<ok,bad>",
      "RunnableSequence",
    ]);
    expect(events.filter((e) => e.name === "RunnablePassthrough" && e.event.endsWith("_error"))).toEqual([]);
  });

  it("when a branch fails, a branch still gathering its input stops and never starts", async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `t${i} `);
    const model = new Tracked({ responses: [chunks], usage: false });
    let called = false;
    const chain = model.pipe(new StrOutputParser()).pipe({
      bad: RunnableLambda.from(async function* bad(s: AsyncIterable<string>) {
        for await (const c of s) if (c === "t2 ") throw new Error("bad chunk");
        yield "never";
      }),
      whole: function whole(s: string) {
        called = true;
        return s;
      },
    });
    const { events, error } = await collect(chain.streamEvents("x", { version: "v2" }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((error as Error).message).toBe("bad chunk");
    expect(called).toBe(false);
    expect(events.some((e) => e.name === "whole")).toBe(false);
    expect(model.pulled).toBeLessThan(10);
  });

  it("an upstream failure reaches every branch of a map, and surfaces once", async () => {
    const model = new ScriptedChatModel({
      responses: [["a", "b", "c"]],
      failAfterChunks: 2,
      failMessage: "cut",
    });
    const chain = model.pipe(new StrOutputParser()).pipe({
      same: new RunnablePassthrough(),
      whole: (s: string) => s,
      upper: RunnableLambda.from(async function* (s: AsyncIterable<string>) {
        for await (const c of s) yield c.toUpperCase();
      }),
    });
    const { events, error } = await collect(chain.streamEvents("x", { version: "v2" }));
    expect((error as Error).message).toBe("cut");
    expect(events.filter((e) => e.event.endsWith("_error")).map((e) => e.event)).toEqual([
      "on_chat_model_error",
      "on_chain_error",
    ]);
    const chunks: unknown[] = [];
    await expect(
      (async () => {
        for await (const c of await chain.stream("x")) chunks.push(c);
      })(),
    ).rejects.toThrow("cut");
    // The other branches' reads fail too after the map has given up: nothing may go unhandled.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it("events and the final output of a chat model alone", async () => {
    const { events } = await collect(
      new ScriptedChatModel({ responses: [["Hel", "lo"]], usage: false }).streamEvents("hi", {
        version: "v2",
      }),
    );
    expect(events.map((e) => e.event)).toEqual([
      "on_chat_model_start",
      "on_chat_model_stream",
      "on_chat_model_stream",
      "on_chat_model_end",
    ]);
    const end = events.at(-1)!;
    expect((end.data as { output: AIMessageChunk }).output.content).toBe("Hello");
    expect("input" in end.data).toBe(false); // the root's end carries only its output
  });
});
