import vm from "node:vm";
import { setImmediate as nextTurn } from "node:timers/promises";
import { type CodeRunner, type LoadedLambda, abortError } from "../core/index.ts";
import { LambdaCodeError, analyzeLambda } from "../graph/index.ts";
import { DEFAULT_CODE_TIMEOUT_MS } from "./args.ts";
import { SANDBOX_DRIVER } from "./sandbox-driver.ts";
import { reviveLambdaOutput, toJsonValue } from "./serialize.ts";

export { DEFAULT_CODE_TIMEOUT_MS };

export interface NodeCodeRunnerOptions {
  /** The most time one call of a lambda may spend running its own code (default 30 s). */
  timeoutMs?: number;
  /**
   * Where a lambda's `console.log` and friends go (the CLI: stderr), with the function's name (or
   * "lambda"). Dropped when absent.
   */
  log?: (level: string, text: string, lambda: string) => void;
}

/** An error thrown by lambda code, with the position in the lambda's own source when known. */
export class LambdaRuntimeError extends Error {
  constructor(
    name: string,
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 1})`);
    this.name = name;
  }
}

export class LambdaTimeoutError extends Error {
  override name = "LambdaTimeoutError";
}

interface SandboxError {
  name: string;
  message: string;
  stack: string;
}
type Encoded = { json: string } | { undefined: true };
type Outcome = { value: Encoded } | { error: SandboxError } | { done: true };
interface PollResult {
  outcome?: Outcome;
  needInput: boolean;
  logs: { level: string; text: string }[];
}

const OP = new vm.Script("__sluice.op(__sluice_in)", { filename: "sluice-driver" });
const POLL = new vm.Script("__sluice.poll(__sluice_in)", { filename: "sluice-driver" });
/** Give signals (Ctrl+C) a turn of the event loop at least this often while a generator streams. */
const YIELD_EVERY_MS = 50;

let loadCount = 0;

/**
 * Runs lambda code in Node with `node:vm`: each lambda gets a fresh context with only the
 * JavaScript built-ins (no `process`, `require`, timers, network or environment), values cross in
 * and out as JSON, and a call is stopped when its own running time exceeds the timeout. Errors
 * carry the line and column in the lambda's source.
 *
 * Not a security boundary: `node:vm` isolates globals, not privileges. That is why the CLI runs
 * code only with `--allow-code`.
 *
 * @example
 * const runner = createNodeCodeRunner({ timeoutMs: 5000 });
 * const fn = runner.load("function reverse(s) { return [...s].reverse().join('') }");
 * await fn.call("abc"); // "cba"
 */
export function createNodeCodeRunner(options: NodeCodeRunnerOptions = {}): CodeRunner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CODE_TIMEOUT_MS;
  return { load: (code) => loadLambda(code, timeoutMs, options) };
}

function loadLambda(code: string, timeoutMs: number, options: NodeCodeRunnerOptions): LoadedLambda {
  try {
    analyzeLambda(code);
  } catch (err) {
    // Its message already says where: "syntax error at line 2, column 14: ...".
    if (err instanceof LambdaCodeError)
      throw new LambdaRuntimeError("SyntaxError", err.message, undefined, undefined);
    throw err;
  }
  const filename = `lambda-${++loadCount}.js`;
  // A null-prototype sandbox, so nothing reachable from the lambda's global leads back to the host's
  // constructors; `eval` and `new Function` are off.
  const context = vm.createContext(Object.create(null) as object, {
    name: filename,
    microtaskMode: "afterEvaluate",
    codeGeneration: { strings: false, wasm: false },
  });
  vm.runInContext(SANDBOX_DRIVER, context, { filename: "sluice-driver", timeout: 1000 });
  const sandbox = new Sandbox(context, filename, timeoutMs, options);
  let script: vm.Script;
  try {
    // The wrapper sits on its own line and the offset takes it back out: positions in stack traces
    // are the lambda's own.
    script = new vm.Script(`__sluice.pending(\n${code}\n)`, { filename, lineOffset: -1 });
  } catch (err) {
    throw sandbox.compileError(err);
  }
  sandbox.evaluate(script, undefined, { used: 0 });
  const defined = JSON.parse(sandbox.op({ op: "define", lambda: filename }, { used: 0 }) ?? "{}") as {
    ok: boolean;
    kind?: string;
    name?: string;
  };
  if (!defined.ok) {
    throw new LambdaRuntimeError(
      "TypeError",
      `the lambda code is a ${defined.kind ?? "?"}, not a function`,
      1,
      1,
    );
  }
  if (defined.kind === "generator") {
    throw new LambdaRuntimeError(
      "TypeError",
      "a generator lambda must be an `async function*` (it reads an async input stream)",
      1,
      1,
    );
  }
  sandbox.label = defined.name || "lambda";
  let calls = 0;
  const nextId = () => `${filename}#${++calls}`;
  return {
    isGenerator: defined.kind === "async-generator",
    name: defined.name ? defined.name : undefined,
    call: (input, signal) => sandbox.call(nextId(), input, signal),
    transform: (input, signal) => sandbox.transform(nextId(), input, signal),
  };
}

class Sandbox {
  label = "lambda";

  constructor(
    private readonly context: vm.Context,
    private readonly filename: string,
    private readonly timeoutMs: number,
    private readonly options: NodeCodeRunnerOptions,
  ) {}

  call(id: string, input: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    try {
      const budget = { used: 0 };
      this.op({ op: "call", lambda: this.filename, id, ...encode(input) }, budget);
      const state = this.poll(id, budget);
      // Everything a lambda awaits settles inside the evaluation (it has no timers or I/O).
      if (!state.outcome) {
        this.op({ op: "close", id }, { used: 0 });
        throw new LambdaRuntimeError("Error", NEVER_SETTLES, undefined, undefined);
      }
      return Promise.resolve(this.settle(state.outcome));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async *transform(id: string, input: AsyncIterable<unknown>, signal: AbortSignal | undefined) {
    const upstream = input[Symbol.asyncIterator]();
    const budget = { used: 0 };
    let upstreamDone = false;
    let lastTurn = Date.now();
    this.op({ op: "start", lambda: this.filename, id }, budget);
    try {
      for (;;) {
        if (signal?.aborted) throw abortError(signal);
        this.op({ op: "next", id }, budget);
        let state = this.poll(id, budget);
        while (!state.outcome && state.needInput) {
          // The lambda waits for its next input chunk: its clock stops meanwhile.
          let r: IteratorResult<unknown>;
          try {
            r = await upstream.next();
          } catch (err) {
            // An upstream failure ends the call with the original error (the run names its node).
            upstreamDone = true;
            throw err;
          }
          if (r.done) upstreamDone = true;
          if (signal?.aborted) throw abortError(signal);
          const feed = r.done ? { end: true } : encode(r.value);
          this.op({ op: "feed", id, ...feed }, budget);
          state = this.poll(id, budget);
        }
        if (!state.outcome) throw new LambdaRuntimeError("Error", NEVER_SETTLES, undefined, undefined);
        if ("done" in state.outcome) return;
        yield this.settle(state.outcome);
        if (Date.now() - lastTurn > YIELD_EVERY_MS) {
          await nextTurn();
          lastTurn = Date.now();
        }
      }
    } finally {
      try {
        this.op({ op: "close", id }, { used: 0 });
      } catch {
        // A lambda that misbehaves while closing changes nothing: the call already ended.
      }
      if (!upstreamDone) await upstream.return?.();
    }
  }

  op(op: Record<string, unknown>, budget: { used: number }): string | undefined {
    return this.evaluate(OP, JSON.stringify(op), budget) as string | undefined;
  }

  private poll(id: string, budget: { used: number }): PollResult {
    const state = JSON.parse(this.evaluate(POLL, id, budget) as string) as PollResult;
    const log = this.options.log;
    if (log) for (const line of state.logs) log(line.level, line.text, this.label);
    return state;
  }

  /** Runs one script in the context (and then its microtasks), charging the time to the call. */
  evaluate(script: vm.Script, arg: string | undefined, budget: { used: number }): unknown {
    const remaining = this.timeoutMs - budget.used;
    if (remaining <= 0) throw this.timeoutError();
    const started = performance.now();
    (this.context as Record<string, unknown>).__sluice_in = arg;
    try {
      // No `breakOnSigint`: Node lifts the process's SIGINT handlers around each such call, so a
      // Ctrl+C could kill the process outright or be lost. A busy lambda yields to Ctrl+C when its
      // time limit stops it.
      return script.runInContext(this.context, { timeout: Math.max(1, Math.ceil(remaining)) }) as unknown;
    } catch (err) {
      if ((err as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw this.timeoutError();
      throw err;
    } finally {
      budget.used += performance.now() - started;
    }
  }

  private settle(outcome: Outcome): unknown {
    if ("error" in outcome) throw this.runtimeError(outcome.error);
    if ("done" in outcome) return undefined;
    return decode(outcome.value);
  }

  private runtimeError(e: SandboxError): LambdaRuntimeError {
    const at = new RegExp(`${this.filename.replace(/\./g, "\\.")}:(\\d+):(\\d+)`).exec(e.stack);
    return new LambdaRuntimeError(
      e.name || "Error",
      e.message,
      at ? Number(at[1]) : undefined,
      at ? Number(at[2]) : undefined,
    );
  }

  compileError(err: unknown): LambdaRuntimeError {
    const stack = err instanceof Error ? (err.stack ?? "") : "";
    const at = new RegExp(`${this.filename.replace(/\./g, "\\.")}:(\\d+)`).exec(stack);
    return new LambdaRuntimeError(
      "SyntaxError",
      errorMessage(err),
      at ? Number(at[1]) : undefined,
      undefined,
    );
  }

  private timeoutError(): LambdaTimeoutError {
    return new LambdaTimeoutError(
      `the lambda ran longer than ${this.timeoutMs} ms (raise the limit with --code-timeout-ms)`,
    );
  }
}

const NEVER_SETTLES =
  "the lambda awaits a promise that can never settle (lambdas have no timers, network or other I/O)";

function encode(value: unknown): Encoded {
  const json = JSON.stringify(toJsonValue(value));
  return json === undefined ? { undefined: true } : { json };
}

function decode(value: Encoded): unknown {
  return "json" in value ? reviveLambdaOutput(JSON.parse(value.json)) : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
