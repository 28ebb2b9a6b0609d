import type { RemoteProviderId } from "./types.ts";

/**
 * What went wrong, independent of the provider:
 * - `http_error`: the server answered with a non-2xx status before streaming.
 * - `api_error`: the provider reported an error inside a 200 stream.
 * - `stream_ended_early`: the body ended without the provider's completion signal.
 * - `blocked`: a safety or content filter stopped the prompt or the answer.
 * - `network`: the server could not be reached, or the connection broke mid-stream.
 * - `cors`: the browser refused to let the page read the answer (the server is up).
 * - `timeout`: no first byte in time, or the stream went silent for too long.
 * - `aborted`: the caller stopped the run (`name` is then "AbortError").
 */
export type ProviderErrorKind =
  "http_error" | "api_error" | "stream_ended_early" | "blocked" | "network" | "cors" | "timeout" | "aborted";

export interface ProviderErrorFields {
  provider: RemoteProviderId;
  kind: ProviderErrorKind;
  /** The human message: names the provider and status and says what to do. */
  message: string;
  status?: number | undefined;
  type?: string | undefined;
  code?: string | number | undefined;
  providerMessage?: string | undefined;
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/**
 * The one error type every provider model throws. Chunks streamed before it stay delivered; the error
 * says why the rest is missing.
 *
 * @example
 * try { await model.invoke("hi") } catch (e) {
 *   if (e instanceof ProviderError && e.kind === "http_error" && e.status === 401) showSettings(e.provider);
 * }
 */
export class ProviderError extends Error {
  readonly provider: RemoteProviderId;
  readonly kind: ProviderErrorKind;
  /** HTTP status; for in-stream errors the status the error type stands for (overloaded 529), if any. */
  readonly status: number | undefined;
  /** The provider's error type (`rate_limit_error`, `RESOURCE_EXHAUSTED`, ...). */
  readonly type: string | undefined;
  /** The provider's error code (`invalid_api_key`, 503, ...). */
  readonly code: string | number | undefined;
  /** The provider's own error text, unchanged. */
  readonly providerMessage: string | undefined;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /** The wait the server asked for (retry-after-ms, retry-after, Gemini RetryInfo). */
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  /** Requests made in total, retries included. */
  attempts = 1;

  constructor(fields: ProviderErrorFields) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    // core recognises aborts by name, exactly like the platform's own AbortError.
    this.name = fields.kind === "aborted" ? "AbortError" : "ProviderError";
    this.provider = fields.provider;
    this.kind = fields.kind;
    this.status = fields.status;
    this.type = fields.type;
    this.code = fields.code;
    this.providerMessage = fields.providerMessage;
    this.retryable = fields.retryable ?? false;
    this.retryAfterMs = fields.retryAfterMs;
    this.requestId = fields.requestId;
  }

  /** A plain object for logs and the CLI; never contains a key. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of ["provider", "kind", "status", "type", "code", "providerMessage"] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    out.retryable = this.retryable;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    out.attempts = this.attempts;
    return out;
  }
}

/**
 * @example
 * if (isProviderError(err) && err.kind === "cors") showCorsHelp(err.provider, err.message);
 */
export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** Display names used in every message. */
export const PROVIDER_LABELS: Record<RemoteProviderId, string> = {
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible server",
  anthropic: "Anthropic",
  google: "Google Gemini",
  ollama: "Ollama",
};
