/** The errors a sandboxed lambda call can end with (docs/sandbox.md#errors). */

/** How a lambda is named in messages: `lambda "reverse"`, or `the anonymous lambda`. */
export function lambdaLabel(name: string | undefined): string {
  return name ? `lambda "${name}"` : "the anonymous lambda";
}

/** `30 s`, `1.5 s`, `250 ms`. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${Math.round(ms)} ms`;
}

/** The lambda's own code threw. `line`/`column` (1-based) point into the lambda's source when known. */
export class LambdaError extends Error {
  override name = "LambdaError";
  constructor(
    message: string,
    /** The thrown error's own name, e.g. `TypeError`. */
    readonly errorName: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

/** A call ran longer than the runner's time limit; its worker was terminated. */
export class LambdaTimeoutError extends Error {
  override name = "LambdaTimeoutError";
  constructor(
    label: string,
    readonly timeoutMs: number,
  ) {
    super(
      `${capitalize(label)} ran longer than its time limit of ${formatDuration(timeoutMs)} and was stopped.`,
    );
  }
}

/** The sandbox itself failed: it did not start, was closed, or a value could not cross. */
export class SandboxError extends Error {
  override name = "SandboxError";
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
