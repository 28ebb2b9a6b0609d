/** Transport options with their defaults filled in. */
import type { Timers, TransportOptions } from "./types.ts";

export interface Runtime {
  fetch: typeof fetch;
  maxRetries: number;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetryAfterMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  timers: Timers;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  probeCors: boolean;
}

export const DEFAULTS = {
  maxRetries: 2,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  maxRetryAfterMs: 60_000,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
} as const;

const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/** Resolves after `ms`, or rejects at once when `signal` aborts (the caller maps that to an abort). */
export function timerSleep(timers: Timers): (ms: number, signal?: AbortSignal) => Promise<void> {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error("aborted"));
      const onAbort = () => {
        timers.clearTimeout(handle);
        reject(new Error("aborted"));
      };
      const handle = timers.setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
}

function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function resolveRuntime(o: TransportOptions): Runtime {
  const timers = o.timers ?? globalTimers;
  return {
    // Looked up per call so a fetch installed after module load (polyfill, test server) is used.
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: Math.floor(count(o.maxRetries, DEFAULTS.maxRetries)),
    firstByteTimeoutMs: count(o.firstByteTimeoutMs, DEFAULTS.firstByteTimeoutMs),
    idleTimeoutMs: count(o.idleTimeoutMs, DEFAULTS.idleTimeoutMs),
    maxRetryAfterMs: count(o.maxRetryAfterMs, DEFAULTS.maxRetryAfterMs),
    backoffBaseMs: count(o.backoffBaseMs, DEFAULTS.backoffBaseMs),
    backoffMaxMs: count(o.backoffMaxMs, DEFAULTS.backoffMaxMs),
    timers,
    sleep: o.sleep ?? timerSleep(timers),
    now: o.now ?? Date.now,
    random: o.random ?? Math.random,
    probeCors: o.probeCors ?? true,
  };
}
