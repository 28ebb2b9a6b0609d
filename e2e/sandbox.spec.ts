// The lambda sandbox in real Chromium: what a lambda computes and how its errors read.
// `window.sluiceSandboxHarness` comes from the harness page (see sandbox-helpers.ts and docs/sandbox.md).
import { expect, test } from "./fixtures.ts";
import { openHarness } from "./sandbox-helpers.ts";

test("the sandbox is an opaque-origin iframe, created on the first call and shared", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    const loaded = h.load(runner, "function double(x) { return x * 2; }");
    const before = { frames: h.frames(), started: h.started(runner) };
    const results = await Promise.all([
      h.invoke(runner, "function double(x) { return x * 2; }", 21),
      h.invoke(
        runner,
        "async function later(x) { await new Promise((r) => setTimeout(r, 50)); return x; }",
        "b",
      ),
      h.invoke(runner, "(x) => x.length", "abc"),
    ]);
    const iframe = document.querySelector<HTMLIFrameElement>("iframe[data-sluice-sandbox]")!;
    let windowAccess = "allowed";
    try {
      void iframe.contentWindow!.document;
    } catch (e) {
      windowAccess = (e as Error).name;
    }
    return {
      loaded,
      before,
      results: results.map((x) => (x.ok ? x.value : x.error)),
      frames: h.frames(),
      sandbox: iframe.getAttribute("sandbox"),
      contentDocument: iframe.contentDocument,
      windowAccess,
      csp: iframe.srcdoc.includes("connect-src 'none'"),
    };
  });
  expect(r.loaded).toEqual({ ok: true, isGenerator: false, name: "double" });
  expect(r.before).toEqual({ frames: 0, started: false });
  expect(r.results).toEqual([42, "b", 3]);
  expect(r.frames).toBe(1);
  expect(r.sandbox).toBe("allow-scripts");
  expect(r.contentDocument).toBeNull();
  expect(r.windowAccess).toBe("SecurityError");
  expect(r.csp).toBe(true);
});

test("a plain lambda gets the whole input and its awaited result comes back", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    const reverse = await h.invoke(
      runner,
      'async function reverse(text) {\n  await null;\n  return text.split("").reverse().join("");\n}',
      "sluice",
    );
    // A message arrives as a plain object with `content`; one returned comes back as a message.
    const message = await h.invoke(
      runner,
      'function shout(m) { return { type: m.type, content: m.content.toUpperCase() + "!", seen: Object.keys(m).join(",") }; }',
      "hello",
      { asMessage: true },
    );
    const asMessage = await h.invoke(
      runner,
      'function toMessage(m) { return { type: "ai", content: `${m.type}:${m.content}` }; }',
      "hi",
      { asMessage: true },
    );
    return { reverse, message, asMessage };
  });
  expect(r.reverse).toMatchObject({ ok: true, value: "eciuls" });
  expect(r.message).toMatchObject({
    ok: true,
    value: { type: "ai", content: "HELLO!", seen: "type,content" },
  });
  expect(r.asMessage).toMatchObject({
    ok: true,
    value: { type: "ai", content: "ai:hi" },
    messageClass: "AIMessageChunk",
  });
});

test("a generator lambda streams chunk by chunk, before its input ends", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    const stream = h.openStream(
      runner,
      "async function* upper(chunks) {\n  for await (const c of chunks) yield c.toUpperCase();\n}",
    );
    const seen: unknown[] = [];
    h.push(stream, "hel");
    seen.push(await h.next(stream)); // the input has not ended: this value streamed through
    h.push(stream, "lo ");
    seen.push(await h.next(stream));
    h.push(stream, "world");
    seen.push(await h.next(stream));
    h.end(stream);
    seen.push(await h.next(stream));
    return seen;
  });
  expect(r).toEqual([
    { done: false, value: "HEL" },
    { done: false, value: "LO " },
    { done: false, value: "WORLD" },
    { done: true },
  ]);
});

test("exceptions report the lambda's own line and column", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    const parse = await h.invoke(
      runner,
      "function parse(text) {\n  const data = JSON.parse(text);\n  return data.items.map((item) => item.name.toUpperCase());\n}",
      '{"items":[{}]}',
    );
    const check = await h.invoke(
      runner,
      'function check(x) {\n  if (typeof x !== "number") {\n    // refuse\n    throw new RangeError(`not a number: ${x}`);\n  }\n  return x;\n}',
      "seven",
    );
    const syntax = h.load(runner, "function broken(x) {\n  return x +;\n}");
    const stream = h.openStream(
      runner,
      'async function* guarded(xs) {\n  for await (const x of xs) {\n    if (x < 0) throw new Error("negative");\n    yield x;\n  }\n}',
    );
    h.push(stream, 1);
    const first = await h.next(stream);
    h.push(stream, -1);
    const failed = await h.next(stream);
    return { parse, check, syntax, first, failed };
  });
  expect(r.parse).toMatchObject({
    ok: false,
    error: {
      name: "LambdaError",
      message:
        "TypeError in lambda \"parse\" at line 3, column 45: Cannot read properties of undefined (reading 'toUpperCase')",
      line: 3,
      column: 45,
    },
  });
  expect(r.check).toMatchObject({
    ok: false,
    error: {
      message: 'RangeError in lambda "check" at line 4, column 11: not a number: seven',
      line: 4,
      column: 11,
    },
  });
  expect(r.syntax).toMatchObject({
    ok: false,
    error: {
      name: "LambdaCodeError",
      message: expect.stringMatching(/^syntax error at line 2, column 13: /),
    },
  });
  expect(r.first).toEqual({ done: false, value: 1 });
  expect(r.failed).toMatchObject({
    error: {
      line: 3,
      column: 22,
      message: expect.stringMatching(/^Error in lambda "guarded" at line 3, column 22: negative$/),
    },
  });
});
