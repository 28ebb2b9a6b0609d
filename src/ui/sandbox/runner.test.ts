import { describe, expect, it } from "vitest";
import { AIMessageChunk, AsyncQueue, ChatPromptValue, HumanMessage } from "../../core/index.ts";
import { LambdaCodeError } from "../../graph/lambda-code.ts";
import { BrowserCodeRunner, type BrowserCodeRunnerOptions } from "./browser-code-runner.ts";
import { LambdaError, LambdaTimeoutError, SandboxError } from "./errors.ts";
import { inProcessSandbox } from "./in-process-frame.ts";

// The in-process frame runs the generated sandbox scripts in this realm (see in-process-frame.ts):
// lambdas here share the test's globals, which the tests use to observe what ran.
const seen = globalThis as unknown as Record<string, unknown>;

function setup(options: BrowserCodeRunnerOptions = {}) {
  const sandbox = inProcessSandbox();
  const rejected: string[] = [];
  const runner = new BrowserCodeRunner({
    frameFactory: sandbox.factory,
    onRejectedMessage: (reason) => rejected.push(reason),
    ...options,
  });
  return { sandbox, runner, rejected };
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

async function* from(values: unknown[], delayMs = 0): AsyncGenerator<unknown> {
  for (const v of values) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    yield v;
  }
}

describe("BrowserCodeRunner (in-process frame)", () => {
  it("creates no frame until the first call, then shares one frame between lambdas", async () => {
    const { sandbox, runner } = setup();
    const double = runner.load("function double(x) { return x * 2; }");
    const upper = runner.load(
      "async function* upper(xs) { for await (const x of xs) yield x.toUpperCase(); }",
    );
    expect(sandbox.frames).toBe(0);
    expect(runner.started).toBe(false);
    expect(double).toMatchObject({ isGenerator: false, name: "double" });
    expect(upper).toMatchObject({ isGenerator: true, name: "upper" });

    expect(await double.call(21)).toBe(42);
    expect(await collect(upper.transform(from(["a", "b"])))).toEqual(["A", "B"]);
    expect(sandbox.frames).toBe(1);
    // One worker per lambda code; the runtime removed `Worker` from each worker's scope.
    expect(sandbox.workers).toHaveLength(2);
    expect(sandbox.workers.every((w) => !("Worker" in w.scope))).toBe(true);
  });

  it("refuses code that is not one function at load, with its line and column", () => {
    const { runner, sandbox } = setup();
    expect(() => runner.load("function f(x) {\n  return x +;\n}")).toThrow(LambdaCodeError);
    expect(() => runner.load("function f(x) {\n  return x +;\n}")).toThrow(/line 2, column 13/);
    expect(sandbox.frames).toBe(0);
  });

  it("awaits a plain function's result and runs concurrent calls by id", async () => {
    const { runner, sandbox } = setup();
    const slow = runner.load(
      "async function slow(ms) { await new Promise((r) => setTimeout(r, ms)); return `waited ${ms}`; }",
    );
    const results = await Promise.all([slow.call(30), slow.call(1), slow.call(15)]);
    expect(results).toEqual(["waited 30", "waited 1", "waited 15"]);
    expect(sandbox.workers).toHaveLength(1);
  });

  it("gives messages to lambdas as plain objects and revives serialized messages on the way back", async () => {
    const { runner } = setup();
    const inspect = runner.load(
      "function inspect(m) { return { plain: Object.getPrototypeOf(m) === Object.prototype, type: m.type, content: m.content }; }",
    );
    expect(await inspect.call(new AIMessageChunk({ content: "hi", id: "run-1" }))).toEqual({
      plain: true,
      type: "ai",
      content: "hi",
    });
    const echo = runner.load("function echo(x) { return x; }");
    const back = await echo.call(new AIMessageChunk({ content: "hi", id: "run-1" }));
    expect(back).toBeInstanceOf(AIMessageChunk);
    expect(back).toMatchObject({ content: "hi", id: "run-1" });
    const prompt = await echo.call(new ChatPromptValue([new HumanMessage("tell me a joke")]));
    expect(prompt).toBeInstanceOf(ChatPromptValue);
    expect((prompt as ChatPromptValue).messages[0]).toBeInstanceOf(HumanMessage);
    // Data that merely has other keys stays data.
    expect(await echo.call({ type: "ai", content: "x", extra: 1 })).toEqual({
      type: "ai",
      content: "x",
      extra: 1,
    });
  });

  it("streams a generator chunk by chunk: values come out before the input ends", async () => {
    const { runner } = setup();
    const upper = runner.load(
      "async function* upper(xs) { for await (const x of xs) yield x.toUpperCase(); }",
    );
    const input = new AsyncQueue<string>();
    const out = upper.transform(input)[Symbol.asyncIterator]();
    input.push("hel");
    expect(await out.next()).toEqual({ value: "HEL", done: false });
    input.push("lo");
    expect(await out.next()).toEqual({ value: "LO", done: false });
    input.close();
    expect(await out.next()).toEqual({ value: undefined, done: true });
  });

  it("holds a fast generator to its credit and cancels it when the reader stops", async () => {
    const { runner } = setup();
    seen.sandboxCounted = 0;
    seen.sandboxFinally = false;
    const count = runner.load(`async function* count(xs) {
      try { for (let i = 0; ; i++) { globalThis.sandboxCounted = i; yield i; } }
      finally { globalThis.sandboxFinally = true; }
    }`);
    const out: unknown[] = [];
    for await (const v of count.transform(from([]))) {
      out.push(v);
      if (out.length === 3) {
        await new Promise((r) => setTimeout(r, 30));
        // Nobody read for a while: the worker stopped at its credit instead of running on.
        expect(seen.sandboxCounted).toBeLessThanOrEqual(16);
      }
      if (out.length === 40) break;
    }
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.sandboxFinally).toBe(true);
  });

  it("aborts a plain call at once and aborts the lambda's signal in the worker", async () => {
    const { runner } = setup();
    seen.sandboxAborted = false;
    const wait = runner.load(`function wait(_, config) {
      return new Promise((resolve) => config.signal.addEventListener("abort", () => { globalThis.sandboxAborted = true; resolve("late"); }));
    }`);
    const controller = new AbortController();
    const pending = wait.call(null, controller.signal);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.sandboxAborted).toBe(true);
    await expect(wait.call(null, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });

  it("aborts a generator call: its pending input read fails inside the worker", async () => {
    const { runner } = setup();
    seen.sandboxStreamError = undefined;
    const echo = runner.load(`async function* echo(xs) {
      try { for await (const x of xs) yield x; } catch (e) { globalThis.sandboxStreamError = e.name; throw e; }
    }`);
    const controller = new AbortController();
    const input = new AsyncQueue<string>();
    const out = echo.transform(input, controller.signal)[Symbol.asyncIterator]();
    input.push("a");
    expect(await out.next()).toEqual({ value: "a", done: false });
    const next = out.next();
    controller.abort();
    await expect(next).rejects.toMatchObject({ name: "AbortError" });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.sandboxStreamError).toBe("AbortError");
  });

  it("stops a call at the time limit, terminates its worker and starts a fresh one later", async () => {
    const { runner, sandbox } = setup({ timeoutMs: 80 });
    const maybe = runner.load(
      'async function maybe(x) { if (x === "hang") await new Promise(() => {}); return x; }',
    );
    const started = Date.now();
    const hung = maybe.call("hang");
    const bystander = maybe.call("hang");
    await expect(hung).rejects.toThrow(new LambdaTimeoutError('lambda "maybe"', 80).message);
    await expect(hung).rejects.toBeInstanceOf(LambdaTimeoutError);
    await expect(bystander).rejects.toThrow(/another of its calls ran longer than the time limit of 80 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    await new Promise((r) => setTimeout(r, 10)); // the kill message reaches the frame
    expect(sandbox.workers[0]?.terminated).toBe(true);
    expect(await maybe.call("fine")).toBe("fine");
    expect(sandbox.workers).toHaveLength(2);
  });

  it("pauses a generator's clock while it waits for input, but not while it computes", async () => {
    const { runner } = setup({ timeoutMs: 60 });
    const echo = runner.load("async function* echo(xs) { for await (const x of xs) yield x; }");
    // Five chunks 25 ms apart: longer than the limit in total, never longer per step.
    expect(await collect(echo.transform(from([1, 2, 3, 4, 5], 25)))).toEqual([1, 2, 3, 4, 5]);
    const stuck = runner.load(
      "async function* stuck(xs) { for await (const x of xs) { yield x; await new Promise(() => {}); } }",
    );
    const out: unknown[] = [];
    await expect(
      (async () => {
        for await (const v of stuck.transform(from(["a", "b"]))) out.push(v);
      })(),
    ).rejects.toBeInstanceOf(LambdaTimeoutError);
    expect(out).toEqual(["a"]);
  });

  it("keeps the clock paused for a lambda with two reads pending", async () => {
    const { runner } = setup({ timeoutMs: 60 });
    const pairs = runner.load(`async function* pairs(xs) {
      const it = xs[Symbol.asyncIterator]();
      for (;;) {
        const [a, b] = await Promise.all([it.next(), it.next()]);
        if (a.done || b.done) return;
        yield a.value + b.value;
      }
    }`);
    // Chunks 100 ms apart, longer than the limit: the lambda waits with a read still pending.
    expect(await collect(pairs.transform(from(["a", "b", "c", "d"], 100)))).toEqual(["ab", "cd"]);
  });

  it("reports errors at the lambda's own line and column", async () => {
    const { runner } = setup();
    const parse = runner.load(
      "function parse(text) {\n  const data = JSON.parse(text);\n  return data.items.map((item) => item.name.toUpperCase());\n}",
    );
    const err = await parse.call('{"items":[{}]}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LambdaError);
    expect(err).toMatchObject({ errorName: "TypeError", line: 3, column: 45 });
    expect((err as Error).message).toBe(
      "TypeError in lambda \"parse\" at line 3, column 45: Cannot read properties of undefined (reading 'toUpperCase')",
    );
    expect((err as Error).stack).toContain("at parse (line 3, column 21)");

    const oneLine = runner.load("(x) => x.a.b");
    await expect(oneLine.call({})).rejects.toThrow(/the anonymous lambda at line 1, column 12:/);

    const gen = runner.load(
      'async function* g(xs) {\n  for await (const x of xs) {\n    if (x > 1) throw new RangeError("too big");\n    yield x;\n  }\n}',
    );
    const out: unknown[] = [];
    const failure = await (async () => {
      for await (const v of gen.transform(from([1, 2]))) out.push(v);
    })().catch((e: unknown) => e);
    expect(out).toEqual([1]);
    expect(failure).toMatchObject({ errorName: "RangeError", line: 3, column: 22 });

    await expect(runner.load('function t() { throw "plain"; }').call(1)).rejects.toThrow(
      'Error in lambda "t": threw "plain"',
    );
  });

  it("rethrows the input's own error when the lambda does not handle it, and lets it handle it", async () => {
    const { runner } = setup();
    class UpstreamError extends Error {}
    const original = new UpstreamError("model failed");
    async function* failing() {
      yield "a";
      await Promise.resolve();
      throw original;
    }
    const echo = runner.load("async function* echo(xs) { for await (const x of xs) yield x; }");
    await expect(collect(echo.transform(failing()))).rejects.toBe(original);
    const recover = runner.load(
      "async function* recover(xs) { try { for await (const x of xs) yield x; } catch (e) { yield `recovered from ${e.message}`; } }",
    );
    expect(await collect(recover.transform(failing()))).toEqual(["a", "recovered from model failed"]);
  });

  it("closes the upstream when the generator finishes early", async () => {
    const { runner } = setup();
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield await Promise.resolve(i);
      } finally {
        closed = true;
      }
    }
    const firstTwo = runner.load(
      "async function* firstTwo(xs) { let n = 0; for await (const x of xs) { yield x; if (++n === 2) return; } }",
    );
    expect(await collect(firstTwo.transform(endless()))).toEqual([0, 1]);
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });

  it("lets only plain data cross, naming where the rest was", async () => {
    const { runner } = setup();
    const map = runner.load("function map() { return { ok: [1, { m: new Map() }] }; }");
    await expect(map.call(null)).rejects.toThrow(SandboxError);
    await expect(map.call(null)).rejects.toThrow(/a Map at \$\.ok\[1\]\.m cannot cross the sandbox boundary/);
    const fn = runner.load("function fn() { return () => 1; }");
    await expect(fn.call(null)).rejects.toThrow(/a function at \$ cannot cross/);
    const echo = runner.load("function echo(x) { return x; }");
    await expect(echo.call({ when: new Set([1]) })).rejects.toThrow(/A lambda's input: a Set at \$\.when/);
    expect(await echo.call({ d: new Date(0), u: undefined, n: NaN })).toEqual({
      d: "1970-01-01T00:00:00.000Z",
      n: NaN,
    });
  });

  it("refuses the wrong entry point for the kind of function", async () => {
    const { runner } = setup();
    const gen = runner.load("async function* g(xs) { yield* xs; }");
    await expect(gen.call(1)).rejects.toThrow(/async function\*: it transforms a stream/);
    const plain = runner.load("function p(x) { return x; }");
    await expect(collect(plain.transform(from([1])))).rejects.toThrow(
      /plain function: it needs its whole input/,
    );
  });

  it("ignores malformed, wrongly signed and spoofed messages, and says why", async () => {
    const { runner, sandbox, rejected } = setup();
    const wait = runner.load(
      'async function wait(x) { await new Promise((r) => setTimeout(r, 40)); return "real " + x; }',
    );
    const pending = wait.call(1);
    await new Promise((r) => setTimeout(r, 10));
    sandbox.fromFrame({
      channel: "sluice-sandbox/1",
      token: "guessed-token-000",
      type: "result",
      lambda: 0,
      call: 1,
      value: "spoofed",
    });
    sandbox.fromFrame("not an object");
    sandbox.fromFrame({ channel: "sluice-sandbox/1", type: "result" });
    expect(await pending).toBe("real 1");
    expect(rejected).toEqual([
      "a malformed message (wrong token)",
      "a malformed message (not an object)",
      "a malformed message (wrong token)",
    ]);
  });

  it("retires the least recently used idle worker beyond maxWorkers", async () => {
    const { runner, sandbox } = setup({ maxWorkers: 1 });
    expect(await runner.load("function a() { return 1; }").call(null)).toBe(1);
    expect(await runner.load("function b() { return 2; }").call(null)).toBe(2);
    expect(sandbox.workers.map((w) => w.terminated)).toEqual([true, false]);
    expect(await runner.load("function a() { return 1; }").call(null)).toBe(1);
    expect(sandbox.workers).toHaveLength(3);
  });

  it("fails calls clearly when the frame never starts, and when it is disposed", async () => {
    const never = inProcessSandbox({ neverReady: true });
    const runner = new BrowserCodeRunner({ frameFactory: never.factory, startupTimeoutMs: 50 });
    await expect(runner.load("function f() {}").call(null)).rejects.toThrow(
      /did not start within 50 ms\. A Content-Security-Policy/,
    );
    const { runner: other } = setup();
    const pending = other.load("async function f() { await new Promise(() => {}); }").call(null);
    await new Promise((r) => setTimeout(r, 10));
    other.dispose();
    await expect(pending).rejects.toThrow("The lambda sandbox was closed.");
    await expect(other.load("function g() {}").call(null)).rejects.toThrow("The lambda sandbox was closed.");
  });

  it("checks its options", () => {
    expect(() => new BrowserCodeRunner({ timeoutMs: 0 })).toThrow(RangeError);
    expect(new BrowserCodeRunner().timeoutMs).toBe(30_000);
  });
});
