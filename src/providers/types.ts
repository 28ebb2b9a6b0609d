/** Public configuration of provider chat models (docs/providers.md). */

/** The providers this layer talks to ("scripted" is the graph's, built with core's ScriptedChatModel). */
export type RemoteProviderId = "openai" | "openai-compatible" | "anthropic" | "google" | "ollama";

export const REMOTE_PROVIDER_IDS: readonly RemoteProviderId[] = [
  "openai",
  "openai-compatible",
  "anthropic",
  "google",
  "ollama",
];

/** Sampling parameters of a model node (`data.params`). */
export interface ModelParams {
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  topP?: number | undefined;
  stop?: string[] | undefined;
}

/** Timer functions, injectable so tests and hosts control time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How requests are made, retried and timed out. Every field has a default. */
export interface TransportOptions {
  /** Defaults to globalThis.fetch (looked up per call, so a later polyfill is seen). */
  fetch?: typeof fetch | undefined;
  /** Retries after the first attempt, only before the first streamed chunk. Default 2. */
  maxRetries?: number | undefined;
  /** From sending the request to the first body byte. Default 60 000 ms; 0 disables it. */
  firstByteTimeoutMs?: number | undefined;
  /** Longest silence between two body reads once bytes flow. Default 30 000 ms; 0 disables it. */
  idleTimeoutMs?: number | undefined;
  /** A server-requested wait longer than this is not waited out: the error is surfaced. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /** First backoff step (doubles each retry, jittered down by up to 25 %). Default 500 ms. */
  backoffBaseMs?: number | undefined;
  /** Backoff ceiling. Default 8 000 ms. */
  backoffMaxMs?: number | undefined;
  /** Timer source for timeouts and the default sleep. Defaults to globalThis's. */
  timers?: Timers | undefined;
  /** Waits between retries; must reject promptly when the signal aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Clock for HTTP-date `retry-after` values. Default Date.now. */
  now?: (() => number) | undefined;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: (() => number) | undefined;
  /**
   * After a bare fetch TypeError (how browsers report both CORS refusals and unreachable servers), send
   * one credential-less `no-cors` GET to the server's origin: an answer means the server is up, so the
   * failure was CORS. Default true.
   */
  probeCors?: boolean | undefined;
}

/**
 * What `createChatModel` takes: a model node's `data` plus the key and transport options.
 * Optional fields accept `undefined` so a node's data can be spread in as it is.
 */
export interface ChatModelConfig extends TransportOptions {
  provider: RemoteProviderId;
  model: string;
  /** The prefix the provider path is appended to (see docs/providers.md); trailing slashes are fine. */
  baseUrl?: string | undefined;
  params?: ModelParams | undefined;
  /** Sent only to this provider's endpoint, in its own header; never logged or put in messages. */
  apiKey?: string | undefined;
}
