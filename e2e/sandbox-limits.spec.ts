// The lambda sandbox in real Chromium: time limits and cancellation.
// `window.sluiceSandboxHarness` comes from the harness page (see sandbox-helpers.ts and docs/sandbox.md).
import { expect, test } from "./fixtures.ts";
import { openHarness } from "./sandbox-helpers.ts";

test("an infinite loop is stopped at the time limit while the page stays responsive", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner({ timeoutMs: 1500 });
    const code = 'function maybeSpin(x) {\n  while (x === "spin") {}\n  return x;\n}';
    let frames = 0;
    const tick = () => {
      frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const spinning = h.invoke(runner, code, "spin");
    await sleep(300);
    const early = frames;
    await sleep(700);
    const later = frames;
    const other = await h.invoke(runner, "function quick(x) { return x + 1; }", 1);
    const spun = await spinning;
    const after = await h.invoke(runner, code, "fresh worker");
    return { framesDuringLoop: later - early, other, spun, after };
  });
  // ~40 animation frames in 700 ms: the page kept painting while the worker spun.
  expect(r.framesDuringLoop).toBeGreaterThan(10);
  // Other lambdas have their own workers and keep working meanwhile.
  expect(r.other).toMatchObject({ ok: true, value: 2 });
  expect(r.spun).toMatchObject({
    ok: false,
    error: {
      name: "LambdaTimeoutError",
      message: 'Lambda "maybeSpin" ran longer than its time limit of 1.5 s and was stopped.',
    },
  });
  expect(r.spun.ms).toBeGreaterThanOrEqual(1490);
  expect(r.spun.ms).toBeLessThan(4000);
  // The same code again: had its spinning worker not been terminated and replaced, this call would
  // queue behind the loop forever.
  expect(r.after).toMatchObject({ ok: true, value: "fresh worker" });
});

test("abort cancels a call inside the worker", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    // Worker globals persist between calls of the same code: the second call reports what the first saw.
    const waiter = `async function waiter(mode, config) {
      if (mode === "report") return globalThis.log ?? [];
      globalThis.log = [];
      await new Promise((resolve) => config.signal.addEventListener("abort", resolve));
      globalThis.log.push("plain call saw abort: " + config.signal.aborted);
      return "too late";
    }`;
    // Start the sandbox and this lambda's worker first: an abort before the call reached the worker
    // would just drop the queued call.
    await h.invoke(runner, waiter, "report");
    const aborted = await h.invoke(runner, waiter, "wait", { abortAfterMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const plainLog = await h.invoke(runner, waiter, "report");

    const echo = `async function* echo(xs) {
      if (globalThis.log) return yield globalThis.log;
      globalThis.log = [];
      try {
        for await (const x of xs) yield x;
      } catch (e) {
        globalThis.log.push("generator input failed with " + e.name);
      } finally {
        globalThis.log.push("generator finally ran");
      }
    }`;
    const stream = h.openStream(runner, echo);
    h.push(stream, "a");
    const first = await h.next(stream);
    const pending = h.next(stream);
    h.abort(stream);
    const afterAbort = await pending;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = h.openStream(runner, echo);
    h.end(again);
    const report = await h.next(again);
    return { aborted, plainLog, first, afterAbort, report };
  });
  expect(r.aborted).toMatchObject({ ok: false, error: { name: "AbortError" } });
  expect(r.aborted.ms).toBeLessThan(1000);
  expect(r.plainLog).toMatchObject({ ok: true, value: ["plain call saw abort: true"] });
  expect(r.first).toEqual({ done: false, value: "a" });
  expect(r.afterAbort).toMatchObject({ error: { name: "AbortError" } });
  // The pending input read failed inside the worker, and the generator's `finally` ran.
  expect(r.report).toEqual({
    done: false,
    value: ["generator input failed with AbortError", "generator finally ran"],
  });
});

test("a generator's time limit pauses while it waits for input", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner({ timeoutMs: 500 });
    const stream = h.openStream(runner, "async function* echo(xs) { for await (const x of xs) yield x; }");
    const started = performance.now();
    const out: unknown[] = [];
    for (const chunk of ["a", "b", "c", "d"]) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      h.push(stream, chunk);
      out.push(await h.next(stream));
    }
    h.end(stream);
    out.push(await h.next(stream));
    return { out, ms: performance.now() - started };
  });
  expect(r.ms).toBeGreaterThan(1000);
  expect(r.out).toEqual([
    { done: false, value: "a" },
    { done: false, value: "b" },
    { done: false, value: "c" },
    { done: false, value: "d" },
    { done: true },
  ]);
});
