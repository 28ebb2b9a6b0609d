/**
 * What a host injects into the runtime: how lambda code runs (a browser sandbox, or the CLI's
 * runner when `--allow-code` is given). The graph compiles lambda nodes through this interface and
 * never evaluates code itself.
 */

/** A loaded lambda: a plain function (needs its whole input) or an async generator (transforms a stream). */
export interface LoadedLambda {
  readonly isGenerator: boolean;
  /** The function's own name, or undefined for an anonymous one. */
  readonly name: string | undefined;
  /** Calls a plain function with the whole input. */
  call(input: unknown, signal?: AbortSignal): Promise<unknown>;
  /** Runs a generator function over the input stream, chunk by chunk. */
  transform(input: AsyncIterable<unknown>, signal?: AbortSignal): AsyncIterable<unknown>;
}

export interface CodeRunner {
  /** Prepares `code` (the source of one function). Throws a clear error when the code is not one function. */
  load(code: string): LoadedLambda;
}
