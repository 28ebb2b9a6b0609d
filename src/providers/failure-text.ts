/** Errors that are not the provider's own: connection, CORS, timeouts, aborts, cut streams, blocks. */
import type { ErrorContext } from "./error-text.ts";
import { PROVIDER_LABELS, ProviderError } from "./errors.ts";
import type { RemoteProviderId } from "./types.ts";

/** What makes the browser refuse an answer from each provider, and the fix. */
const CORS_ADVICE: Record<RemoteProviderId, string> = {
  openai:
    "OpenAI itself allows browser calls, so a custom base URL (a proxy) must answer CORS preflights and allow this page's origin.",
  "openai-compatible":
    "The server must allow this page's origin: in LM Studio turn on Enable CORS (Developer → Server Settings, or `lms server start --cors`); vLLM takes `--allowed-origins`; llama.cpp's llama-server allows all origins; OpenRouter and Groq allow browsers.",
  anthropic:
    "Sluice sends anthropic-dangerous-direct-browser-access: true, which Anthropic requires from browsers; a proxy at the base URL must answer CORS preflights and forward that header.",
  google:
    "Gemini allows browsers that send only content-type and x-goog-api-key, which is all Sluice sends; a proxy at the base URL must allow CORS too.",
  ollama:
    "Ollama only allows localhost origins by default: set OLLAMA_ORIGINS to this page's origin (e.g. OLLAMA_ORIGINS=https://sluice.example.com, or * while testing) and restart Ollama.",
};

function reachAdvice(ctx: ErrorContext): string {
  if (ctx.provider === "ollama") return `Is Ollama running at ${ctx.baseUrl} (\`ollama serve\`)?`;
  if (ctx.provider === "openai-compatible") return `Is the server running at ${ctx.baseUrl}?`;
  return "Check your internet connection, VPN, firewall or ad blocker.";
}

/**
 * `fetch` failed before any answer. Browsers report CORS refusals and unreachable servers with the same
 * bare TypeError; `reachable` is what the no-cors probe found (undefined when it was not run).
 */
export function connectError(
  ctx: ErrorContext,
  reachable: boolean | undefined,
  cause: unknown,
): ProviderError {
  const label = PROVIDER_LABELS[ctx.provider];
  const reason = causeText(cause);
  if (reachable === true) {
    return new ProviderError({
      provider: ctx.provider,
      kind: "cors",
      message: `${label} at ${ctx.baseUrl} is reachable, but the browser blocked the request (CORS). ${CORS_ADVICE[ctx.provider]}`,
      cause,
    });
  }
  const probe = reachable === false ? " (a plain probe could not reach it either)" : "";
  // A fetch that names its cause (Node, Deno, Bun) has no CORS: only browsers hide the reason.
  const cors = reason
    ? ""
    : ` If it is up, the browser may be blocking it (CORS): ${CORS_ADVICE[ctx.provider]}`;
  return new ProviderError({
    provider: ctx.provider,
    kind: "network",
    message: `Could not reach ${label} at ${ctx.baseUrl}${reason}${probe}. ${reachAdvice(ctx)}${cors}`,
    retryable: true,
    cause,
  });
}

/** The connection broke after the answer started (reset, proxy drop, offline). */
export function connectionLost(ctx: ErrorContext, cause: unknown): ProviderError {
  return new ProviderError({
    provider: ctx.provider,
    kind: "network",
    message: `The connection to ${PROVIDER_LABELS[ctx.provider]} broke mid-stream${causeText(cause)}. Text streamed so far is kept; run again for a complete answer.`,
    retryable: true,
    cause,
  });
}

export function timeoutError(ctx: ErrorContext, phase: "first_byte" | "idle", ms: number): ProviderError {
  const label = PROVIDER_LABELS[ctx.provider];
  const secs = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
  const message =
    phase === "first_byte"
      ? `${label} did not start answering within ${secs} (first-byte timeout). The server may be overloaded or the model still loading; try again, or raise the timeout.`
      : `${label} stopped sending for ${secs} mid-stream (idle timeout). Text streamed so far is kept; try again.`;
  return new ProviderError({ provider: ctx.provider, kind: "timeout", message, retryable: true });
}

export function abortedError(provider: RemoteProviderId, cause?: unknown): ProviderError {
  return new ProviderError({
    provider,
    kind: "aborted",
    message: `The ${PROVIDER_LABELS[provider]} request was stopped.`,
    cause,
  });
}

/** The body ended without the provider's completion signal: the answer is incomplete. */
export function endedEarlyError(ctx: ErrorContext, missing: string): ProviderError {
  return new ProviderError({
    provider: ctx.provider,
    kind: "stream_ended_early",
    message: `The ${PROVIDER_LABELS[ctx.provider]} stream ended before ${missing} arrived, so the answer is incomplete. Text streamed so far is kept; run again for a complete answer.`,
    retryable: true,
  });
}

/** A safety or content filter stopped the prompt or the answer. */
export function blockedError(ctx: ErrorContext, reason: string, where: "prompt" | "answer"): ProviderError {
  const label = PROVIDER_LABELS[ctx.provider];
  const what = where === "prompt" ? "blocked the prompt" : "stopped the answer";
  return new ProviderError({
    provider: ctx.provider,
    kind: "blocked",
    message: `${label}'s safety filter ${what} (${reason}). Rephrase the prompt; text streamed so far is kept.`,
    type: reason,
  });
}

/** A short " (ECONNREFUSED)" from Node's fetch cause; browsers give no detail. */
function causeText(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause === undefined || cause === null) return "";
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string") return ` (${code})`;
  return cause instanceof Error && cause.message ? ` (${cause.message})` : "";
}
