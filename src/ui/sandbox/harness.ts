/**
 * The sandbox's test harness (`harness/sandbox.html`): the app does not run chains yet, so e2e tests
 * reach `BrowserCodeRunner` through `window.sluiceSandboxHarness` with `page.evaluate`. Everything
 * it returns is JSON-safe. It holds no secrets; tests plant their own.
 */
import { AIMessageChunk, AsyncQueue, BaseMessage, type LoadedLambda } from "../../core/index.ts";
import { BrowserCodeRunner } from "./browser-code-runner.ts";
import { SANDBOX_FRAME_ATTRIBUTE } from "./iframe-frame.ts";

export interface HarnessError {
  name: string;
  message: string;
  line?: number;
  column?: number;
}

export type HarnessOutcome =
  | { ok: true; value: unknown; messageClass?: string; ms: number }
  | { ok: false; error: HarnessError; ms: number };

export type HarnessRead = { done: false; value: unknown } | { done: true } | { error: HarnessError };

export interface SandboxHarness {
  createRunner(options?: { timeoutMs?: number }): number;
  /** Sandbox iframes in the document. */
  frames(): number;
  started(runner: number): boolean;
  load(
    runner: number,
    code: string,
  ): { ok: true; isGenerator: boolean; name: string | null } | { ok: false; error: HarnessError };
  /** Calls a plain function; `asMessage` sends the input as an AIMessageChunk; `abortAfterMs` aborts the call. */
  invoke(
    runner: number,
    code: string,
    input: unknown,
    options?: { asMessage?: boolean; abortAfterMs?: number },
  ): Promise<HarnessOutcome>;
  /** Starts a generator over an input the test feeds with `push`/`end`; returns the stream's id. */
  openStream(runner: number, code: string): number;
  push(stream: number, chunk: unknown): void;
  end(stream: number): void;
  abort(stream: number): void;
  next(stream: number): Promise<HarnessRead>;
  /** Why the runner refused messages so far. */
  rejected(runner: number): string[];
  dispose(runner: number): void;
}

declare global {
  interface Window {
    sluiceSandboxHarness?: SandboxHarness;
  }
}

function describeError(err: unknown): HarnessError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const out: HarnessError = { name: err.name, message: err.message };
  const { line, column } = err as { line?: unknown; column?: unknown };
  if (typeof line === "number") out.line = line;
  if (typeof column === "number") out.column = column;
  return out;
}

function describeValue(value: unknown): { value: unknown; messageClass?: string } {
  if (!(value instanceof BaseMessage)) return { value };
  return {
    value: value.toJSON(),
    messageClass: value instanceof AIMessageChunk ? "AIMessageChunk" : value.type,
  };
}

export function installSandboxHarness(win: Window): void {
  const runners: { runner: BrowserCodeRunner; rejected: string[] }[] = [];
  const streams: {
    input: AsyncQueue<unknown>;
    output: AsyncIterator<unknown>;
    controller: AbortController;
  }[] = [];
  const runnerAt = (id: number) => {
    const entry = runners[id];
    if (!entry) throw new Error(`No runner ${id}.`);
    return entry;
  };
  const streamAt = (id: number) => {
    const entry = streams[id];
    if (!entry) throw new Error(`No stream ${id}.`);
    return entry;
  };
  const load = (runner: number, code: string): LoadedLambda => runnerAt(runner).runner.load(code);

  win.sluiceSandboxHarness = {
    createRunner(options = {}) {
      const rejected: string[] = [];
      const runner = new BrowserCodeRunner({
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        onRejectedMessage: (reason) => rejected.push(reason),
      });
      return runners.push({ runner, rejected }) - 1;
    },
    frames: () => win.document.querySelectorAll(`iframe[${SANDBOX_FRAME_ATTRIBUTE}]`).length,
    started: (runner) => runnerAt(runner).runner.started,
    load(runner, code) {
      try {
        const lambda = load(runner, code);
        return { ok: true, isGenerator: lambda.isGenerator, name: lambda.name ?? null };
      } catch (err) {
        return { ok: false, error: describeError(err) };
      }
    },
    async invoke(runner, code, input, options = {}) {
      const started = performance.now();
      const controller = new AbortController();
      if (options.abortAfterMs !== undefined) setTimeout(() => controller.abort(), options.abortAfterMs);
      try {
        const value = await load(runner, code).call(
          options.asMessage ? new AIMessageChunk(String(input)) : input,
          controller.signal,
        );
        return { ok: true, ...describeValue(value), ms: performance.now() - started };
      } catch (err) {
        return { ok: false, error: describeError(err), ms: performance.now() - started };
      }
    },
    openStream(runner, code) {
      const lambda = load(runner, code);
      const input = new AsyncQueue<unknown>();
      const controller = new AbortController();
      const output = lambda.transform(input, controller.signal)[Symbol.asyncIterator]();
      return streams.push({ input, output, controller }) - 1;
    },
    push: (stream, chunk) => streamAt(stream).input.push(chunk),
    end: (stream) => streamAt(stream).input.close(),
    abort: (stream) => streamAt(stream).controller.abort(),
    async next(stream) {
      try {
        const r = await streamAt(stream).output.next();
        return r.done ? { done: true } : { done: false, ...describeValue(r.value) };
      } catch (err) {
        return { error: describeError(err) };
      }
    },
    rejected: (runner) => [...runnerAt(runner).rejected],
    dispose: (runner) => runnerAt(runner).runner.dispose(),
  };
}
