/**
 * The sandbox iframe's one script (the bridge). It is turned into source text with `Function
 * .prototype.toString` (see srcdoc.ts), so it must be self-contained: it may use its parameters and
 * the globals of the iframe, never an import or a module-level name — those would not exist in the
 * sandbox. The types below only describe what the function touches.
 */
import type { ErrorInfo, HostMessage, WorkerMessage } from "./protocol.ts";

export interface BridgeWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "error", listener: (event: { message?: unknown }) => void): void;
}

/** What the bridge uses of its window. */
export interface BridgeWindow {
  name: string;
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(
    type: "message",
    listener: (event: { data: unknown; source: unknown; origin: string }) => void,
  ): void;
  readonly Worker: new (url: string, options?: { name?: string }) => BridgeWorker;
  readonly Blob: new (parts: string[], options?: { type?: string }) => Blob;
  readonly URL: { createObjectURL(blob: Blob): string };
}

export interface BridgeDeps {
  workerSource: string;
  parseHostMessage: (data: unknown, token: string) => HostMessage | string;
  parseWorkerMessage: (data: unknown) => WorkerMessage | string;
}

/**
 * The sandbox iframe's script. Reads its token and the page's origin from `window.name` (set by the
 * page on the iframe element), accepts only checked messages from the parent window with that
 * origin and token, keeps each lambda's code, starts its worker on first use (again after a kill),
 * and forwards the worker's checked messages to the page with the lambda id it knows — a lambda
 * cannot speak for another.
 */
export function bridgeMain(win: BridgeWindow, deps: BridgeDeps): void {
  let token = "";
  let origin = "";
  try {
    const config = JSON.parse(win.name) as { token?: unknown; origin?: unknown };
    if (typeof config.token === "string" && typeof config.origin === "string") {
      token = config.token;
      origin = config.origin;
    }
  } catch {
    // No configuration: this frame answers nobody.
  }
  win.name = "";
  if (!token || !origin) return;

  const workerUrl = win.URL.createObjectURL(new win.Blob([deps.workerSource], { type: "text/javascript" }));
  interface Entry {
    code: string;
    sourceUrl: string;
    worker: BridgeWorker | undefined;
    started: boolean;
  }
  const lambdas = new Map<number, Entry>();
  const toHost = (message: Record<string, unknown>) => {
    win.parent.postMessage({ channel: "sluice-sandbox/1", token, ...message }, origin);
  };
  const sandboxError = (message: string): ErrorInfo => ({ name: "SandboxError", message });

  const startWorker = (id: number, entry: Entry): BridgeWorker | undefined => {
    let worker: BridgeWorker;
    try {
      worker = new win.Worker(workerUrl, { name: entry.sourceUrl });
    } catch (err) {
      toHost({ type: "crash", lambda: id, error: sandboxError(`could not start a worker: ${String(err)}`) });
      return undefined;
    }
    entry.worker = worker;
    entry.started = false;
    worker.addEventListener("message", (event) => {
      if (entry.worker !== worker) return;
      const m = deps.parseWorkerMessage(event.data);
      if (typeof m === "string") return;
      if (m.type === "loaded") entry.started = true;
      else toHost({ ...m, lambda: id });
    });
    worker.addEventListener("error", (event) => {
      // After start-up an uncaught error belongs to lambda code (the console shows it); before, the
      // worker itself could not run.
      if (entry.worker !== worker || entry.started) return;
      entry.worker = undefined;
      worker.terminate();
      const reason = typeof event.message === "string" && event.message ? event.message : "unknown error";
      toHost({ type: "crash", lambda: id, error: sandboxError(`the worker failed to start: ${reason}`) });
    });
    worker.postMessage({ type: "load", lambda: id, code: entry.code, sourceUrl: entry.sourceUrl });
    return worker;
  };

  win.addEventListener("message", (event) => {
    if (event.source !== win.parent || (origin !== "*" && event.origin !== origin)) return;
    const m = deps.parseHostMessage(event.data, token);
    if (typeof m === "string") return;
    const entry = lambdas.get(m.lambda);
    if (m.type === "load") {
      if (!entry)
        lambdas.set(m.lambda, { code: m.code, sourceUrl: m.sourceUrl, worker: undefined, started: false });
      return;
    }
    if (m.type === "kill") {
      if (entry?.worker) {
        entry.worker.terminate();
        entry.worker = undefined;
      }
      return;
    }
    if (!entry) {
      toHost({ type: "error", lambda: m.lambda, call: m.call, error: sandboxError("unknown lambda") });
      return;
    }
    // Only a new call starts a worker; the rest of a killed call's messages go nowhere.
    const worker =
      entry.worker ?? (m.type === "call" || m.type === "stream" ? startWorker(m.lambda, entry) : undefined);
    worker?.postMessage(m);
  });
  toHost({ type: "ready" });
}
