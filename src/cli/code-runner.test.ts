import { describe, expect, it } from "vitest";
import { AIMessageChunk, AsyncQueue, HumanMessage } from "../core/index.ts";
import { LambdaRuntimeError, LambdaTimeoutError, createNodeCodeRunner } from "./code-runner.ts";

const runner = createNodeCodeRunner({ timeoutMs: 2000 });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* from<T>(values: T[]): AsyncGenerator<T> {
  for (const v of values) yield await Promise.resolve(v);
}

describe("node code runner", () => {
  it("calls a plain function with the whole input", async () => {
    const fn = runner.load("function reverse_word(word) {\n  return word.split('').reverse().join('');\n}");
    expect(fn.isGenerator).toBe(false);
    expect(fn.name).toBe("reverse_word");
    expect(await fn.call("hello")).toBe("olleh");
  });

  it("awaits async functions and takes arrows, anonymous ones without a name", async () => {
    const fn = runner.load("async (x) => { await null; return { doubled: x.n * 2 }; }");
    expect(fn.name).toBeUndefined();
    expect(await fn.call({ n: 21 })).toEqual({ doubled: 42 });
  });

  it("transforms the input stream chunk by chunk with an async function*", async () => {
    const fn = runner.load(
      "async function* upper(chunks) {\n  for await (const c of chunks) yield c.toUpperCase();\n}",
    );
    expect(fn.isGenerator).toBe(true);
    const input = new AsyncQueue<string>();
    const out = fn.transform(input)[Symbol.asyncIterator]();
    input.push("ab");
    // The first output arrives before the input has ended: it streams.
    expect(await out.next()).toEqual({ value: "AB", done: false });
    input.push("c");
    input.close();
    expect(await out.next()).toEqual({ value: "C", done: false });
    expect((await out.next()).done).toBe(true);
  });

  it("keeps state across chunks and may yield after the input ends", async () => {
    const fn = runner.load(
      "async function* count(chunks) { let n = 0; for await (const c of chunks) n += c.length; yield n; }",
    );
    expect(await collect(fn.transform(from(["ab", "cde"])))).toEqual([5]);
  });

  it("gives lambdas JavaScript's built-ins only: no process, require, timers, network or eval", async () => {
    const fn = runner.load(
      "function probe() { return [typeof process, typeof require, typeof setTimeout, typeof fetch, typeof module, typeof JSON, typeof Math.max]; }",
    );
    expect(await fn.call(null)).toEqual([
      "undefined",
      "undefined",
      "undefined",
      "undefined",
      "undefined",
      "object",
      "function",
    ]);
    const evil = runner.load("function f() { return eval('1 + 1'); }");
    await expect(evil.call(null)).rejects.toThrow(/Code generation from strings disallowed/);
    const escape = runner.load("function f() { return this.constructor.constructor('return process')(); }");
    await expect(escape.call(null)).rejects.toThrow();
  });

  it("gives each lambda a fresh context", async () => {
    const a = runner.load("function a() { globalThis.shared = 1; return typeof shared; }");
    const b = runner.load("function b() { return typeof shared; }");
    expect(await a.call(null)).toBe("number");
    expect(await b.call(null)).toBe("undefined");
  });

  it("reports errors with the lambda's own line and column", async () => {
    const fn = runner.load("function f(x) {\n  const y = 1;\n  return x.missing.deeper + y;\n}");
    const err = await fn.call({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LambdaRuntimeError);
    expect((err as LambdaRuntimeError).name).toBe("TypeError");
    expect((err as LambdaRuntimeError).line).toBe(3);
    expect((err as Error).message).toMatch(/reading 'deeper'\) \(line 3, column \d+\)$/);
    const thrower = runner.load(
      "async function* g(chunks) {\n  for await (const c of chunks) {\n    throw new RangeError('bad ' + c);\n  }\n}",
    );
    await expect(collect(thrower.transform(from(["x"])))).rejects.toThrow("bad x (line 3, column 11)");
    const stringy = runner.load("function f() { throw 'just text'; }");
    await expect(stringy.call(null)).rejects.toThrow("the lambda threw just text");
  });

  it("refuses code that is not one function, naming the line", () => {
    expect(() => runner.load("function f() {\n  return 1 +;\n}")).toThrow(LambdaRuntimeError);
    expect(() => runner.load("function f() {\n  return 1 +;\n}")).toThrow(/line 2, column 13/);
    expect(() => runner.load("1 + 1")).toThrow(/must be one function/);
  });

  it("stops a call that runs too long, sync or after an await", async () => {
    const fast = createNodeCodeRunner({ timeoutMs: 100 });
    const started = Date.now();
    await expect(fast.load("function spin() { for (;;) {} }").call(null)).rejects.toThrow(LambdaTimeoutError);
    await expect(fast.load("async function spin() { await null; for (;;) {} }").call(null)).rejects.toThrow(
      /ran longer than 100 ms/,
    );
    const gen = fast.load(
      "async function* spin(chunks) { for await (const c of chunks) { yield c; for (;;) {} } }",
    );
    await expect(collect(gen.transform(from([1, 2])))).rejects.toThrow(LambdaTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("does not count the time a generator waits for its input", async () => {
    const fast = createNodeCodeRunner({ timeoutMs: 50 });
    const fn = fast.load("async function* echo(chunks) { for await (const c of chunks) yield c; }");
    async function* slow() {
      for (const c of ["a", "b", "c"]) {
        await new Promise((r) => setTimeout(r, 40));
        yield c;
      }
    }
    expect(await collect(fn.transform(slow()))).toEqual(["a", "b", "c"]);
  });

  it("fails at once on a promise that can never settle", async () => {
    const fn = runner.load("async function wait() { await new Promise(() => {}); }");
    await expect(fn.call(null)).rejects.toThrow(/can never settle/);
  });

  it("honours the abort signal", async () => {
    const controller = new AbortController();
    controller.abort();
    const fn = runner.load("function id(x) { return x; }");
    await expect(fn.call(1, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    const gen = runner.load("async function* g(chunks) { for await (const c of chunks) yield c; }");
    await expect(collect(gen.transform(from([1]), controller.signal))).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("passes values as JSON: messages in as their JSON form, message-shaped results back as messages", async () => {
    const fn = runner.load(
      "function f(m) { return { type: 'ai', content: m.type + ':' + m.content.toUpperCase() }; }",
    );
    const out = await fn.call(new HumanMessage("hi"));
    expect(out).toBeInstanceOf(AIMessageChunk);
    expect((out as AIMessageChunk).content).toBe("human:HI");
    const list = runner.load("function f(x) { return [x, { nested: new Map() }, undefined]; }");
    expect(await list.call({ a: [1, 2] })).toEqual([{ a: [1, 2] }, { nested: {} }, null]);
    expect(await runner.load("function f() {}").call(null)).toBeUndefined();
  });

  it("sends console output to the log callback", async () => {
    const lines: string[] = [];
    const logged = createNodeCodeRunner({
      log: (level, text, name) => lines.push(`${name} ${level} ${text}`),
    });
    await logged
      .load("function greet(x) { console.log('hello', x, { a: 1 }); console.error('oops'); return x; }")
      .call(7);
    expect(lines).toEqual(['greet log hello 7 {"a":1}', "greet error oops"]);
  });
});
