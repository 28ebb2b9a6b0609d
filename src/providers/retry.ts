/** Retry policy: which failures may be retried, how long to wait, and the wait hints servers send. */

/** Statuses worth retrying (as the OpenAI and Anthropic SDKs do), plus Anthropic's 529 "overloaded". */
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

export function isRetryableStatus(status: number | undefined): boolean {
  return status !== undefined && RETRYABLE_STATUS.has(status);
}

/** A header lookup that tolerates CORS hiding it (`get` returns null then). */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The wait a response asks for: `retry-after-ms` first, then `retry-after` as seconds or an HTTP date.
 *
 * @example
 * retryAfterFromHeaders(new Headers({ "retry-after": "2" }), Date.now) // 2000
 */
export function retryAfterFromHeaders(headers: HeaderSource, now: () => number): number | undefined {
  const ms = parseNumber(headers.get("retry-after-ms"));
  if (ms !== undefined) return Math.max(0, ms);
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return undefined;
  const seconds = parseNumber(raw);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** `x-should-retry: true|false` overrides the status-based decision (OpenAI and Anthropic send it). */
export function shouldRetryHeader(headers: HeaderSource): boolean | undefined {
  const v = headers.get("x-should-retry")?.trim().toLowerCase();
  return v === "true" ? true : v === "false" ? false : undefined;
}

/** A protobuf Duration string as Gemini's RetryInfo sends it ("37s", "12.771204034s"), in ms. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*s\s*$/.exec(value);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** "Please try again in 5.289s" / "in 120ms", as OpenAI and Groq write in 429 messages. */
export function retryAfterFromText(text: string | undefined): number | undefined {
  const m = text ? /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(text) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(m[2]!.toLowerCase() === "ms" ? n : n * 1000);
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/**
 * Exponential backoff with jitter: base·2^retry, capped, then reduced by up to 25 % at random so many
 * clients that failed together do not come back together.
 *
 * @example
 * backoffDelay(0, { baseMs: 500, maxMs: 8000, random: () => 0 }) // 500
 */
export function backoffDelay(retry: number, o: BackoffOptions): number {
  const raw = Math.min(o.maxMs, o.baseMs * 2 ** retry);
  return Math.round(raw * (1 - 0.25 * o.random()));
}

/**
 * The wait before retry number `retry` (0-based), or undefined when the server asked for a longer wait
 * than we are willing to block a run for: the error is surfaced with the wait instead.
 */
export function retryDelay(
  retryAfterMs: number | undefined,
  retry: number,
  o: BackoffOptions & { maxRetryAfterMs: number },
): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(retry, o);
  return retryAfterMs > o.maxRetryAfterMs ? undefined : retryAfterMs;
}

function parseNumber(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
