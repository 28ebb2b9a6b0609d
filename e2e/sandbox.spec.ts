// The lambda sandbox in real Chromium, through the harness page (harness/sandbox.html), which exposes
// `window.sluiceSandboxHarness` (its type comes from the harness module's global declaration; e2e
// imports nothing from src). docs/sandbox.md describes what is isolated and how.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

async function openHarness(page: Page): Promise<void> {
  await page.goto("/harness/sandbox.html");
  await page.waitForFunction(() => window.sluiceSandboxHarness !== undefined);
}

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

test("lambda code cannot reach the page's keys, storage, cookies, DOM or network", async ({ page }) => {
  await openHarness(page);
  const appOrigin = new URL(page.url()).origin;
  // Plant secrets the way an app would hold them.
  await page.evaluate(async () => {
    localStorage.setItem("sluice.settings", JSON.stringify({ openaiKey: "sk-SECRET-localStorage" }));
    sessionStorage.setItem("sluice.key", "sk-SECRET-session");
    document.cookie = "sluice_session=SECRET-cookie; path=/";
    (window as unknown as Record<string, string>).SLUICE_API_KEY = "sk-SECRET-global";
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("sluice-secrets", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("keys");
      open.onerror = () => reject(open.error!);
      open.onsuccess = () => {
        const tx = open.result.transaction("keys", "readwrite");
        tx.objectStore("keys").put("sk-SECRET-indexedDB", "openai");
        tx.oncomplete = () => resolve();
      };
    });
    const heard: unknown[] = [];
    new BroadcastChannel("sluice").onmessage = (e) => heard.push(e.data);
    (window as unknown as Record<string, unknown>).heardOnBroadcast = heard;
  });
  const thief = `async function thief(appOrigin) {
    const report = {};
    const violations = [];
    self.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective + " " + e.blockedURI));
    const attempt = async (name, fn) => {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 2000));
      try {
        report[name] = "ok: " + String(await Promise.race([fn(), timeout]));
      } catch (e) {
        report[name] = "failed: " + e.name + ": " + e.message;
      }
    };
    await attempt("localStorage", () => localStorage.getItem("sluice.settings"));
    await attempt("sessionStorage", () => sessionStorage.getItem("sluice.key"));
    await attempt("document.cookie", () => document.cookie);
    await attempt("window", () => window.SLUICE_API_KEY);
    await attempt("parent.document", () => parent.document.title);
    await attempt("top", () => top.localStorage.getItem("sluice.settings"));
    await attempt("opener", () => opener.SLUICE_API_KEY);
    await attempt("self.parent", () => self.parent.SLUICE_API_KEY);
    await attempt("global key", () => globalThis.SLUICE_API_KEY);
    await attempt("matching globals", () => Object.getOwnPropertyNames(globalThis).filter((k) => /secret|api_key|sluice/i.test(k)).join(",") || "none");
    await attempt("global object", () => Function("return this")().constructor.name);
    await attempt("origin", () => self.origin);
    await attempt("indexedDB", () => new Promise((resolve, reject) => {
      const open = indexedDB.open("sluice-secrets");
      open.onsuccess = () => resolve(Array.from(open.result.objectStoreNames).join(",") || "empty database");
      open.onerror = () => reject(open.error);
    }));
    await attempt("caches", () => caches.keys());
    await attempt("fetch app", async () => (await fetch(appOrigin + "/harness/sandbox.html")).status);
    await attempt("fetch app no-cors", async () => (await fetch(appOrigin + "/", { mode: "no-cors" })).type);
    await attempt("fetch internet", async () => (await fetch("https://example.com/")).status);
    await attempt("XMLHttpRequest", () => new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open("GET", appOrigin + "/");
      x.onload = () => resolve(x.status);
      x.onerror = () => reject(new Error("XHR failed"));
      x.send();
    }));
    await attempt("WebSocket", () => new Promise((resolve, reject) => {
      const ws = new WebSocket(appOrigin.replace(/^http/, "ws") + "/");
      ws.onopen = () => resolve("open");
      ws.onerror = () => reject(new Error("WebSocket failed"));
    }));
    await attempt("EventSource", () => new Promise((resolve, reject) => {
      const es = new EventSource(appOrigin + "/");
      es.onopen = () => resolve("open");
      es.onerror = () => { es.close(); reject(new Error("EventSource failed")); };
    }));
    await attempt("importScripts", () => importScripts(appOrigin + "/favicon.svg"));
    await attempt("nested Worker", () => new Worker("data:text/javascript,1"));
    await attempt("BroadcastChannel", () => { new BroadcastChannel("sluice").postMessage("sk-stolen?"); return "posted"; });
    await attempt("postMessage spoof", () => {
      postMessage({ channel: "sluice-sandbox/1", token: "guess", type: "result", lambda: 0, call: 999999, value: "spoofed" });
      return "posted";
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { report, violations };
  }`;
  const r = await page.evaluate(
    async ({ code, origin }) => {
      const h = window.sluiceSandboxHarness!;
      const runner = h.createRunner();
      const outcome = await h.invoke(runner, code, origin);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return {
        outcome,
        rejected: h.rejected(runner),
        heard: (window as unknown as { heardOnBroadcast: unknown[] }).heardOnBroadcast,
      };
    },
    { code: thief, origin: appOrigin },
  );
  expect(r.outcome.ok).toBe(true);
  const { report, violations } = (r.outcome.ok ? r.outcome.value : {}) as {
    report: Record<string, string>;
    violations: string[];
  };
  // Nothing secret came back, whichever way the lambda tried.
  expect(JSON.stringify(report)).not.toMatch(/SECRET/);
  expect(report).toMatchObject({
    localStorage: "failed: ReferenceError: localStorage is not defined",
    sessionStorage: "failed: ReferenceError: sessionStorage is not defined",
    "document.cookie": "failed: ReferenceError: document is not defined",
    window: "failed: ReferenceError: window is not defined",
    "parent.document": "failed: ReferenceError: parent is not defined",
    top: "failed: ReferenceError: top is not defined",
    opener: "failed: ReferenceError: opener is not defined",
    "self.parent": "failed: TypeError: Cannot read properties of undefined (reading 'SLUICE_API_KEY')",
    "global key": "ok: undefined",
    "matching globals": "ok: none",
    "global object": "ok: DedicatedWorkerGlobalScope",
    // The worker's origin is opaque: the app origin's storage is out of reach.
    origin: "ok: null",
    // The sandbox CSP (connect-src 'none', scripts only from blob:) stops every request.
    "fetch app": "failed: TypeError: Failed to fetch",
    "fetch app no-cors": "failed: TypeError: Failed to fetch",
    "fetch internet": "failed: TypeError: Failed to fetch",
    XMLHttpRequest: "failed: Error: XHR failed",
    WebSocket: "failed: Error: WebSocket failed",
    EventSource: "failed: Error: EventSource failed",
    "nested Worker": "failed: ReferenceError: Worker is not defined",
    "postMessage spoof": "ok: posted",
  });
  expect(report.indexedDB).toMatch(/^failed: SecurityError: .*access to the Indexed Database API is denied/);
  expect(report.caches).toMatch(/^failed: (ReferenceError|SecurityError)/);
  expect(report.importScripts).toMatch(/^failed: NetworkError: .*failed to load/);
  // It was the sandbox's CSP that refused each request (not a 404 or CORS): the worker saw violations.
  const ws = appOrigin.replace(/^http/, "ws");
  expect(violations).toEqual(
    expect.arrayContaining([
      `connect-src ${appOrigin}/harness/sandbox.html`,
      `connect-src ${appOrigin}/`,
      "connect-src https://example.com/",
      `connect-src ${ws}/`,
      `script-src-elem ${appOrigin}/favicon.svg`,
    ]),
  );
  // The broadcast went to the sandbox's own opaque origin, not the app's channel.
  expect(r.heard).toEqual([]);
  // The spoofed result was checked in the frame, given the lambda's real id, and refused by the page.
  expect(r.rejected).toEqual(["a message for call 999999, which was never made"]);
});

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

test("spoofed and invalid messages posted to the page are ignored", async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const h = window.sluiceSandboxHarness!;
    const runner = h.createRunner();
    const slow =
      'async function slow(x) { await new Promise((r) => setTimeout(r, 400)); return "real " + x; }';
    const pending = h.invoke(runner, slow, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const iframe = document.querySelector<HTMLIFrameElement>("iframe[data-sluice-sandbox]")!;
    // Even with the real token (read from the frame's name, as only the page could), a message from
    // the wrong window is refused.
    const { token } = JSON.parse(iframe.name) as { token: string };
    const fake = { channel: "sluice-sandbox/1", token, type: "result", lambda: 0, call: 1, value: "spoofed" };
    window.postMessage(fake, "*");
    window.postMessage({ ...fake, token: "0".repeat(32) }, "*");
    window.postMessage("garbage", "*");
    // Another opaque-origin frame posting to the page.
    const other = document.createElement("iframe");
    other.setAttribute("sandbox", "allow-scripts");
    other.srcdoc = `<script>parent.postMessage(${JSON.stringify(fake)}, "*");</script>`;
    document.body.append(other);
    // A lambda in the real sandbox posting forged answers for every call id, in and out of shape.
    const forger = `function forger() {
      for (let call = 0; call < 5; call++) {
        postMessage({ type: "result", call, lambda: 0, value: "forged" });
        postMessage({ type: "result", call: String(call), value: "malformed" });
      }
      postMessage({ channel: "sluice-sandbox/1", type: "ready" });
      return "forged";
    }`;
    const forged = await h.invoke(runner, forger, null);
    const result = await pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { result, forged, rejected: h.rejected(runner) };
  });
  expect(r.result).toMatchObject({ ok: true, value: "real 1" });
  expect(r.forged).toMatchObject({ ok: true, value: "forged" });
  // The page's own and the other frame's messages fail the source check; the forger's are checked by
  // the frame (malformed ones dropped there), stamped with the forger's own lambda id, and refused.
  const fromOtherWindows = r.rejected.filter(
    (x) => x === "a message from another window claimed the sandbox channel",
  );
  expect(fromOtherWindows).toHaveLength(3);
  expect(r.rejected).toContain("lambda 1 answered call 1, which belongs to lambda 0");
  expect(r.rejected.some((x) => /^a message for call [34], which was never made$/.test(x))).toBe(true);
  expect(r.rejected.filter((x) => x.includes("malformed"))).toEqual([]);
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
