import { describe, expect, it } from "vitest";
import {
  type Runnable,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  RunnableSequence,
  ScriptedChatModel,
  type StreamEvent,
  StrOutputParser,
} from "../index.ts";
import { mergeConfigs } from "../config.ts";

async function runs(runnable: Runnable<string, unknown>, input = "x", config = {}) {
  const events: StreamEvent[] = [];
  for await (const e of runnable.streamEvents(input, { version: "v2", ...config })) events.push(e);
  const byRun = new Map<string, StreamEvent>();
  for (const e of events) if (!byRun.has(e.run_id)) byRun.set(e.run_id, e);
  return [...byRun.values()].map((e) => ({ name: e.name, tags: e.tags, metadata: e.metadata }));
}

/** A pass-through lambda with a given run name (the function's name). */
const identity = (name: string) =>
  RunnableLambda.from(Object.defineProperty<(x: unknown) => unknown>((x) => x, "name", { value: name }));

describe("tags and metadata", () => {
  it("withConfig tags and metadata reach every descendant; step tags only the direct children, first", async () => {
    const chain = RunnableSequence.from([identity("a"), identity("b")]).withConfig({
      tags: ["mine"],
      metadata: { owner: "me" },
    });
    expect(await runs(chain)).toEqual([
      { name: "RunnableSequence", tags: ["mine"], metadata: { owner: "me" } },
      { name: "a", tags: ["seq:step:1", "mine"], metadata: { owner: "me" } },
      { name: "b", tags: ["seq:step:2", "mine"], metadata: { owner: "me" } },
    ]);
  });

  it("a named inner sequence is one step; its own steps are numbered again", async () => {
    const inner = RunnableSequence.from([identity("c"), identity("d")], { name: "inner" });
    const chain = RunnableSequence.from([identity("a"), inner]);
    const tags = Object.fromEntries((await runs(chain, "x", { tags: ["t"] })).map((r) => [r.name, r.tags]));
    expect(tags).toEqual({
      RunnableSequence: ["t"],
      a: ["seq:step:1", "t"],
      inner: ["seq:step:2", "t"],
      c: ["seq:step:1", "t"],
      d: ["seq:step:2", "t"],
    });
  });

  it("unnamed sequences piped together flatten into one", () => {
    const chain = identity("a")
      .pipe(identity("b"))
      .pipe(identity("c").pipe(identity("d")));
    expect((chain as RunnableSequence).steps.map((s) => s.getName())).toEqual(["a", "b", "c", "d"]);
  });

  it("map branches get map:key:K, the steps inside a branch do not", async () => {
    const map = RunnableParallel.from({
      left: identity("l"),
      right: RunnableSequence.from([identity("r1"), identity("r2")]),
    });
    const tags = Object.fromEntries((await runs(map)).map((r) => [r.name, r.tags]));
    expect(tags).toEqual({
      "RunnableParallel<left,right>": [],
      l: ["map:key:left"],
      RunnableSequence: ["map:key:right"],
      r1: ["seq:step:1"],
      r2: ["seq:step:2"],
    });
  });

  it("tags are de-duplicated, keeping the first place", async () => {
    const chain = identity("a").withConfig({ tags: ["x", "y"] });
    expect((await runs(chain, "x", { tags: ["y", "z"] }))[0]?.tags).toEqual(["x", "y", "z"]);
  });

  it("withConfig twice: the newer config wins, the tags of both are kept", async () => {
    const twice = identity("a")
      .withConfig({ tags: ["first"], metadata: { k: 1, a: 1 }, runName: "first" })
      .withConfig({ tags: ["second"], metadata: { k: 2 }, runName: "second" });
    expect(await runs(twice)).toEqual([
      { name: "second", tags: ["first", "second"], metadata: { k: 2, a: 1 } },
    ]);
  });

  it("a chat model adds its ls_* metadata after the inherited keys, to its own run", async () => {
    const model = new ScriptedChatModel({ responses: ["hi"], model: "m-1" });
    const chain = model.pipe(new StrOutputParser()).withConfig({ metadata: { user: "u" } });
    const [, modelRun, parserRun] = await runs(chain);
    expect(Object.keys(modelRun!.metadata)).toEqual([
      "user",
      "ls_provider",
      "ls_model_name",
      "ls_model_type",
    ]);
    expect(modelRun?.metadata).toMatchObject({
      ls_provider: "scripted",
      ls_model_name: "m-1",
      ls_model_type: "chat",
    });
    expect(parserRun?.metadata).toEqual({ user: "u" });
  });
});

describe("mergeConfigs (withConfig under a call's config)", () => {
  it("bound tags first; the call's metadata, runName and maxConcurrency win", () => {
    const merged = mergeConfigs(
      { tags: ["b"], metadata: { k: "bound", b: 1 }, runName: "bound", maxConcurrency: 1 },
      { tags: ["c", "b"], metadata: { k: "call" }, runName: "call", maxConcurrency: 4 },
    );
    expect(merged).toEqual({
      tags: ["b", "c"],
      metadata: { k: "call", b: 1 },
      runName: "call",
      maxConcurrency: 4,
    });
    expect(mergeConfigs({ runName: "bound", maxConcurrency: 2 }, {})).toEqual({
      runName: "bound",
      maxConcurrency: 2,
    });
  });

  it("either signal aborts", () => {
    const bound = new AbortController();
    const call = new AbortController();
    const merged = mergeConfigs({ signal: bound.signal }, { signal: call.signal });
    expect(merged.signal?.aborted).toBe(false);
    bound.abort();
    expect(merged.signal?.aborted).toBe(true);
  });
});

describe("batch", () => {
  function tracked(fail?: number) {
    const counter = { active: 0, max: 0, calls: 0 };
    const lambda = RunnableLambda.from(async (x: number) => {
      counter.calls++;
      counter.active++;
      counter.max = Math.max(counter.max, counter.active);
      await new Promise((resolve) => setTimeout(resolve, 1));
      counter.active--;
      if (x === fail) throw new Error(`no ${x}`);
      return x + 1;
    });
    return { lambda, counter };
  }

  it.each([
    ["config", { maxConcurrency: 2 }, {}, 2],
    ["options", {}, { maxConcurrency: 3 }, 3],
    ["config before options", { maxConcurrency: 1 }, { maxConcurrency: 4 }, 1],
    ["withConfig", "bound", {}, 2],
    ["nothing (all at once)", {}, {}, 7],
  ] as const)("maxConcurrency from %s", async (_from, config, options, expected) => {
    const { lambda, counter } = tracked();
    const runnable = config === "bound" ? lambda.withConfig({ maxConcurrency: 2 }) : lambda;
    const results = await runnable.batch([1, 2, 3, 4, 5, 6, 7], config === "bound" ? {} : config, options);
    expect(results).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(counter.max).toBe(expected);
  });

  it("without returnExceptions the first failure rejects the batch", async () => {
    const { lambda } = tracked(2);
    await expect(lambda.batch([1, 2, 3])).rejects.toThrow("no 2");
  });

  it("with returnExceptions, a failed slot holds its Error; a sequence skips its later steps", async () => {
    const { lambda } = tracked(2);
    const seen: unknown[] = [];
    const chain = lambda.pipe((x: number) => {
      seen.push(x);
      return x * 10;
    });
    const results = await chain.batch([1, 2, 3], { maxConcurrency: 1 }, { returnExceptions: true });
    expect(results[0]).toBe(20);
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toBe("no 2");
    expect(results[2]).toBe(40);
    expect(seen).toEqual([2, 4]);
    // A non-Error thrown value is wrapped.
    const odd = RunnableLambda.from(() => {
      throw "plain string"; // eslint-disable-line @typescript-eslint/only-throw-error -- what user code may do
    });
    const [slot] = await odd.batch([1], {}, { returnExceptions: true });
    expect(slot).toBeInstanceOf(Error);
    expect((slot as Error).message).toBe("plain string");
  });

  it("an empty batch is an empty result", async () => {
    expect(await new RunnablePassthrough().batch([])).toEqual([]);
  });
});
