/**
 * Maps a stack trace from the sandbox worker to positions in the lambda's own source.
 *
 * The worker evaluates `(` + code + `\n)\n//# sourceURL=lambda-<name>.js` with an indirect eval,
 * so every frame of lambda code names that URL, lines are the lambda's own, and only line 1 is
 * shifted, by the one opening parenthesis.
 */
import type { ErrorInfo } from "./protocol.ts";
import { LambdaError, SandboxError, lambdaLabel } from "./errors.ts";

/** Columns the wrapper adds before the code on line 1. */
export const WRAPPER_PREFIX = "(";

/** The `sourceURL` a lambda's code is evaluated under: `lambda-reverse.js`, `lambda-anonymous.js`. */
export function lambdaSourceUrl(name: string | undefined): string {
  const safe = (name ?? "anonymous").replace(/[^\w$-]/g, "_").slice(0, 80);
  return `lambda-${safe || "anonymous"}.js`;
}

export interface LambdaFrame {
  /** The function's name as the engine reports it; undefined for anonymous code. */
  functionName: string | undefined;
  line: number;
  column: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The frames of `stack` that are in the lambda's code, innermost first, at the lambda's own line
 * and column (1-based). Understands V8's `at fn (url:L:C)` / `at url:L:C` and Firefox/Safari's
 * `fn@url:L:C`.
 */
export function lambdaFrames(stack: string, sourceUrl: string): LambdaFrame[] {
  const url = escapeRegExp(sourceUrl);
  const v8 = new RegExp(`^\\s*at (?:(?:async )?(.*?) \\()?${url}:(\\d+):(\\d+)\\)?\\s*$`);
  const gecko = new RegExp(`^\\s*(.*?)@${url}:(\\d+):(\\d+)\\s*$`);
  const frames: LambdaFrame[] = [];
  for (const text of stack.split("\n")) {
    const m = v8.exec(text) ?? gecko.exec(text);
    if (!m) continue;
    const line = Number(m[2]);
    const column = Number(m[3]) - (line === 1 ? WRAPPER_PREFIX.length : 0);
    // V8 names anonymous functions in evaluated code "eval".
    const fn = m[1] && m[1] !== "eval" ? m[1] : undefined;
    frames.push({ functionName: fn, line, column: Math.max(1, column) });
  }
  return frames;
}

/**
 * The page-side error for an error the lambda threw: `TypeError in lambda "parse" at line 3,
 * column 45: Cannot read properties of undefined`, with a stack of the lambda's own frames.
 * Errors the sandbox runtime raised itself (named `SandboxError`) stay sandbox errors.
 */
export function lambdaErrorFrom(info: ErrorInfo, name: string | undefined, sourceUrl: string): Error {
  const message = info.message.length > 4000 ? `${info.message.slice(0, 4000)}…` : info.message;
  const label = lambdaLabel(name);
  if (info.name === "SandboxError") return new SandboxError(`${label}: ${message}`);
  const frames = info.stack ? lambdaFrames(info.stack.slice(0, 20_000), sourceUrl) : [];
  const top = frames[0];
  const where = top ? ` at line ${top.line}, column ${top.column}` : "";
  const errorName = info.name.slice(0, 100) || "Error";
  const err = new LambdaError(
    `${errorName} in ${label}${where}: ${message}`,
    errorName,
    top?.line,
    top?.column,
  );
  err.stack = [
    `${err.name}: ${err.message}`,
    ...frames
      .slice(0, 20)
      .map((f) => `    at ${f.functionName ?? "<anonymous>"} (line ${f.line}, column ${f.column})`),
  ].join("\n");
  return err;
}
