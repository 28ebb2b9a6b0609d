/**
 * Tells a CORS refusal from an unreachable server after `fetch` rejects.
 *
 * Browsers reject with a bare `TypeError` ("Failed to fetch", "NetworkError when attempting to fetch
 * resource.", "Load failed") in both cases and hide the reason from the page on purpose. What we can
 * observe: Node and other non-browser fetches attach a `cause` (ECONNREFUSED, ENOTFOUND...), which
 * settles it as a network failure. Otherwise we send one `no-cors` GET to the server's origin, without
 * headers, key or body: a `no-cors` request needs no CORS permission, so if it resolves the server is
 * up and the real request was refused by CORS; if it rejects too, the server is unreachable (or the
 * browser blocks even simple requests to it, e.g. Private Network Access), which we report as network.
 */
import type { ErrorContext } from "./error-text.ts";
import type { ProviderError } from "./errors.ts";
import { connectError } from "./failure-text.ts";
import type { Timers } from "./types.ts";

const PROBE_TIMEOUT_MS = 3000;

export interface ProbeOptions {
  fetch: typeof fetch;
  timers: Timers;
  enabled: boolean;
  signal?: AbortSignal | undefined;
}

export async function classifyFetchFailure(
  ctx: ErrorContext,
  url: string,
  err: unknown,
  o: ProbeOptions,
): Promise<ProviderError> {
  const explained = err instanceof Error && err.cause !== undefined;
  if (explained || !(err instanceof TypeError) || !o.enabled) return connectError(ctx, undefined, err);
  return connectError(ctx, await probeOrigin(url, o), err);
}

/** True when the origin answers a credential-less no-cors GET, false when that fails too. */
export async function probeOrigin(url: string, o: ProbeOptions): Promise<boolean | undefined> {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = o.timers.setTimeout(stop, PROBE_TIMEOUT_MS);
  o.signal?.addEventListener("abort", stop, { once: true });
  try {
    const res = await o.fetch(`${origin}/`, {
      method: "GET",
      mode: "no-cors",
      credentials: "omit",
      cache: "no-store",
      signal: controller.signal,
    });
    void res.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return controller.signal.aborted && o.signal?.aborted ? undefined : false;
  } finally {
    o.timers.clearTimeout(timer);
    o.signal?.removeEventListener("abort", stop);
  }
}
