// The lambda sandbox in real Chromium: lambda code and other windows cannot reach or fool the page.
// `window.sluiceSandboxHarness` comes from the harness page (see sandbox-helpers.ts and docs/sandbox.md).
import { expect, test } from "./fixtures.ts";
import { openHarness } from "./sandbox-helpers.ts";

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
