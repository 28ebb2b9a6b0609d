import { describe, expect, it } from "vitest";
import {
  RunnableLambda,
  RunnableParallel,
  RunnableSequence,
  ScriptedChatModel,
  StrOutputParser,
  type StreamEvent,
  tee,
} from "./index.ts";

/** A source that counts how often it is pulled and whether it was closed early. */
function counted<T>(items: T[], failAt?: number) {
  const state = { pulls: 0, closed: false };
  const source: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: () => {
          state.pulls++;
          if (i === failAt) return Promise.reject(new Error(`failed at ${i}`));
          return Promise.resolve(
            i < items.length ? { value: items[i++]!, done: false } : { value: undefined, done: true },
          );
        },
        return: () => {
          state.closed = true;
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
  return { source, state };
}

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("tee", () => {
  it("every consumer sees every item, and the source is read once", async () => {
    const { source, state } = counted([1, 2, 3]);
    const [a, b, c] = tee(source, 3);
    expect(await Promise.all([drain(a!), drain(b!), drain(c!)])).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(state.pulls).toBe(4); // three items and the end
  });

  it("a consumer far behind reads from the buffer, not from the source again", async () => {
    const { source, state } = counted(["x", "y"]);
    const [fast, slow] = tee(source, 2);
    expect(await drain(fast!)).toEqual(["x", "y"]);
    const pulls = state.pulls;
    expect(await drain(slow!)).toEqual(["x", "y"]);
    expect(state.pulls).toBe(pulls);
  });

  it("a failure reaches every consumer after the items before it", async () => {
    const { source } = counted([1, 2, 3], 2);
    const [a, b] = tee(source, 2);
    for (const branch of [a!, b!]) {
      const got: number[] = [];
      await expect(
        (async () => {
          for await (const x of branch) got.push(x);
        })(),
      ).rejects.toThrow("failed at 2");
      expect(got).toEqual([1, 2]);
    }
  });

  it("the source is closed once every consumer has stopped early", async () => {
    const { source, state } = counted([1, 2, 3, 4]);
    const [a, b] = tee(source, 2);
    for await (const _ of a!) break;
    expect(state.closed).toBe(false); // b may still read
    for await (const _ of b!) break;
    expect(state.closed).toBe(true);
  });

  it("in a chain, a step feeding several branches runs once", async () => {
    let calls = 0;
    const model = new ScriptedChatModel({ responses: [["a", "b", "c"]], usage: false });
    const count = RunnableLambda.from(async function* counter(chunks: AsyncIterable<string>) {
      calls++;
      for await (const c of chunks) yield c;
    });
    const chain = RunnableSequence.from([
      model,
      new StrOutputParser(),
      count,
      RunnableParallel.from({
        upper: RunnableLambda.from(async function* (s: AsyncIterable<string>) {
          for await (const c of s) yield c.toUpperCase();
        }),
        same: (s: string) => s,
        len: (s: string) => s.length,
      }),
    ]);
    const events: StreamEvent[] = [];
    for await (const e of chain.streamEvents("x", { version: "v2" })) events.push(e);
    expect(calls).toBe(1);
    expect(events.filter((e) => e.event === "on_chat_model_start")).toHaveLength(1);
    expect(events.filter((e) => e.name === "counter" && e.event === "on_chain_stream")).toHaveLength(3);
    expect(events.at(-1)?.data).toEqual({ output: { upper: "ABC", same: "abc", len: 3 } });
  });
});
