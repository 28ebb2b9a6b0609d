/**
 * The sandbox document, built from the functions in runtime.ts, protocol.ts and plain-data.ts as
 * source text. It is the same string for every sandbox (the per-sandbox token and the page's origin
 * reach the frame through the iframe's `name`), so a page CSP could allow its one inline script by
 * hash (docs/sandbox.md#csp).
 */
import { toPlainData } from "./plain-data.ts";
import { parseHostMessage, parseWorkerMessage } from "./protocol.ts";
import { bridgeMain, workerMain } from "./runtime.ts";

/**
 * The sandbox document's own policy. Lambda code may evaluate code (`'unsafe-eval'`, as in Node) but
 * reaches no network: `connect-src 'none'` stops fetch, XHR, WebSocket and EventSource, and
 * scripts load only from `blob:` URLs the sandbox made (`importScripts` of any http(s) URL fails).
 * A blob worker inherits this policy from the document that created it.
 */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** A JavaScript string literal that is also safe inside an HTML `<script>` element. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, "\\u003c");
}

/** The worker's script: the runtime, called with the worker's global scope. */
export function workerScript(): string {
  return `"use strict";\n(${workerMain.toString()})(self, { toPlainData: (${toPlainData.toString()}) });\n`;
}

/** The iframe's one script: the bridge, called with the frame's window. */
export function bridgeScript(): string {
  const deps = [
    `workerSource: ${scriptString(workerScript())}`,
    `parseHostMessage: (${parseHostMessage.toString()})`,
    `parseWorkerMessage: (${parseWorkerMessage.toString()})`,
  ].join(",\n");
  return `"use strict";\n(${bridgeMain.toString()})(window, {\n${deps}\n});\n`;
}

let cached: string | undefined;

/** The whole `srcdoc` of the sandbox iframe. */
export function sandboxSrcdoc(): string {
  if (cached) return cached;
  const script = bridgeScript();
  // The script sits in an HTML element: a closing tag or comment opener in it would break out.
  if (/<\/script|<!--/i.test(script)) throw new Error("Sluice sandbox: the bridge script cannot be inlined.");
  cached = [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">`,
    "<title>Sluice lambda sandbox</title></head>",
    `<body><script>${script}</script></body></html>`,
  ].join("");
  return cached;
}
