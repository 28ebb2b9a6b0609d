/**
 * The browser's `CodeRunner`: lambda code runs in a Worker inside a sandboxed, opaque-origin
 * iframe, never in the page (docs/sandbox.md).
 *
 * @example
 * const runner = new BrowserCodeRunner({ timeoutMs: 10_000 });
 * const upper = runner.load("async function* upper(chunks) { for await (const c of chunks) yield c.toUpperCase(); }");
 * for await (const chunk of upper.transform(modelTokens, signal)) show(chunk);
 */
import type { CodeRunner, LoadedLambda } from "../../core/index.ts";
import { analyzeLambda } from "../../graph/lambda-code.ts";
import { SandboxError } from "./errors.ts";
import { type FrameFactory, type LambdaSlot, SandboxHost } from "./host.ts";
import { iframeFrameFactory } from "./iframe-frame.ts";

export interface BrowserCodeRunnerOptions {
  /**
   * How long a call may run before its worker is terminated, in ms (default 30 000). A plain
   * function has this long to return; a generator has this long for each step (to yield, to ask
   * for more input, or to finish).
   */
  timeoutMs?: number;
  /** How long the sandbox frame may take to start, in ms (default 10 000). */
  startupTimeoutMs?: number;
  /** Workers kept alive at once (one per distinct lambda code; default 8); idle ones are retired first. */
  maxWorkers?: number;
  /** The document to put the sandbox frame in (default: the global `document`, looked up on first call). */
  document?: Document;
  /** Told why a message was refused (wrong source, token or shape) — for diagnostics and tests. */
  onRejectedMessage?: (reason: string) => void;
  /** Replaces the iframe (tests run the sandbox's own code in-process with it). */
  frameFactory?: FrameFactory;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number of ms.`);
  return value;
}

export class BrowserCodeRunner implements CodeRunner {
  /** The time limit of one call (or one generator step), in ms. */
  readonly timeoutMs: number;
  private readonly host: SandboxHost;

  /** Creates nothing yet: the sandbox frame appears with the first call. */
  constructor(options: BrowserCodeRunnerOptions = {}) {
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
    const doc = options.document;
    this.host = new SandboxHost({
      timeoutMs: this.timeoutMs,
      startupTimeoutMs: positive(options.startupTimeoutMs, 10_000, "startupTimeoutMs"),
      maxWorkers: Math.max(1, Math.floor(positive(options.maxWorkers, 8, "maxWorkers"))),
      frameFactory: options.frameFactory ?? iframeFrameFactory(() => doc ?? document),
      onRejectedMessage: options.onRejectedMessage,
    });
  }

  /** Whether the sandbox frame exists. */
  get started(): boolean {
    return this.host.started;
  }

  /**
   * Checks `code` (throws `LambdaCodeError` with line and column when it is not one function) and
   * returns the lambda. Nothing runs until it is called.
   */
  load(code: string): LoadedLambda {
    const info = analyzeLambda(code);
    return new SandboxedLambda(this.host, this.host.slot(code, info.name), info.isGenerator, info.name);
  }

  /** Ends pending calls and removes the sandbox frame (and with it every worker). */
  dispose(): void {
    this.host.dispose();
  }
}

class SandboxedLambda implements LoadedLambda {
  constructor(
    private readonly host: SandboxHost,
    private readonly slot: LambdaSlot,
    readonly isGenerator: boolean,
    readonly name: string | undefined,
  ) {}

  call(input: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.isGenerator) {
      return Promise.reject(
        new SandboxError(`${this.slot.label} is an async function*: it transforms a stream (use transform).`),
      );
    }
    return this.host.call(this.slot, input, signal);
  }

  transform(input: AsyncIterable<unknown>, signal?: AbortSignal): AsyncIterable<unknown> {
    if (!this.isGenerator) {
      const error = new SandboxError(
        `${this.slot.label} is a plain function: it needs its whole input (use call).`,
      );
      return {
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
      };
    }
    return this.host.stream(this.slot, input, signal);
  }
}
