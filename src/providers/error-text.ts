/**
 * Turns an HTTP error or an in-stream error into a ProviderError whose message names the provider and
 * status and says what to do about it.
 */
import { type ErrorFacts, semanticStatus } from "./error-body.ts";
import { PROVIDER_LABELS, ProviderError } from "./errors.ts";
import { isRetryableStatus } from "./retry.ts";
import type { RemoteProviderId } from "./types.ts";

/** What messages may mention about the request (never the key itself). */
export interface ErrorContext {
  provider: RemoteProviderId;
  model: string;
  /** The resolved base URL, e.g. http://localhost:11434. */
  baseUrl: string;
  hasKey: boolean;
}

type Category =
  | "auth"
  | "browser_header"
  | "browser_forbidden"
  | "permission"
  | "not_found"
  | "quota"
  | "rate_limit"
  | "overloaded"
  | "too_large"
  | "server"
  | "bad_request"
  | "unknown";

function categorize(ctx: ErrorContext, status: number | undefined, f: ErrorFacts): Category {
  const msg = f.providerMessage ?? "";
  if (ctx.provider === "anthropic" && msg.includes("anthropic-dangerous-direct-browser-access"))
    return "browser_header";
  if (ctx.provider === "anthropic" && /CORS requests are not allowed/i.test(msg)) return "browser_forbidden";
  const quota =
    f.code === "insufficient_quota" ||
    f.type === "insufficient_quota" ||
    f.type === "billing_error" ||
    f.detailCode === "enforced_spend_limit_reached" ||
    status === 402 ||
    (f.quotaId?.includes("PerDay") ?? false);
  if (quota) return "quota";
  // Gemini answers a bad key with 400 API_KEY_INVALID and a missing one with 403 "unregistered callers".
  const badKey = f.reason === "API_KEY_INVALID" || f.code === "invalid_api_key";
  const keyMissing = status === 403 && /unregistered callers|api key not valid|api key expired/i.test(msg);
  if (status === 401 || badKey || keyMissing) return "auth";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limit";
  if (status === 529 || status === 503 || f.type === "overloaded_error") return "overloaded";
  if (status === 413) return "too_large";
  if (status !== undefined && status >= 500) return "server";
  return status === undefined ? "unknown" : "bad_request";
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.ceil(ms / 1000)} s`;
}

const NOT_FOUND_ADVICE: Record<RemoteProviderId, (model: string) => string> = {
  openai: (m) => `Check the model name "${m}" in the node (e.g. gpt-4o-mini).`,
  "openai-compatible": (m) =>
    `Check the model name "${m}" and that the base URL ends in /v1 (e.g. http://localhost:1234/v1).`,
  anthropic: (m) => `Check the model name "${m}" in the node (e.g. claude-sonnet-4-5).`,
  google: (m) => `Check the model name "${m}" in the node (e.g. gemini-2.5-flash).`,
  ollama: (m) => `Pull it first with \`ollama pull ${m}\`, or check the model name.`,
};

function headlineAndAdvice(
  ctx: ErrorContext,
  cat: Category,
  retryAfterMs: number | undefined,
  f: ErrorFacts,
): [string, string] {
  const label = PROVIDER_LABELS[ctx.provider];
  switch (cat) {
    case "auth":
      return ctx.hasKey
        ? ["rejected the API key", `Check the ${label} key in Settings.`]
        : ["needs an API key", `No key is set: add your ${label} key in Settings.`];
    case "browser_header":
      return [
        "refused a browser request",
        "Anthropic needs the anthropic-dangerous-direct-browser-access header. Sluice sends it, so a proxy at the base URL is dropping it.",
      ];
    case "browser_forbidden":
      return [
        "refused a browser request",
        "Your Anthropic organization disallows browser (CORS) requests: change that in the Anthropic Console, or use a proxy as the base URL.",
      ];
    case "permission":
      return [
        "refused access",
        ctx.provider === "ollama"
          ? "Ollama answers 403 to origins it does not allow: set OLLAMA_ORIGINS to this page's origin and restart Ollama."
          : `Your key may lack access to "${ctx.model}", or your organization or region is not allowed.`,
      ];
    case "not_found":
      return [`could not find the model "${ctx.model}"`, NOT_FOUND_ADVICE[ctx.provider](ctx.model)];
    case "quota": {
      const daily = f.quotaId?.includes("PerDay") ?? false;
      return [
        daily ? "daily quota used up" : "quota or credit used up",
        daily
          ? "The daily quota resets tomorrow; enable billing for more. Retrying now will not help."
          : "Check your plan and billing. Retrying will not help.",
      ];
    }
    case "rate_limit":
      return [
        "rate limit reached",
        retryAfterMs !== undefined
          ? `Wait ${seconds(retryAfterMs)} and run again.`
          : "Wait a moment and run again, or run fewer requests at once.",
      ];
    case "overloaded":
      return ["is overloaded", "Try again in a moment, or pick another model."];
    case "too_large":
      return ["refused a request that is too large", "Shorten the prompt."];
    case "server":
      return ["had a server error", "Try again; if it persists, check the provider's status page."];
    case "bad_request":
      return ["rejected the request", "Check the node's model name and parameters."];
    case "unknown":
      return ["reported an error", "Try again; if it keeps happening, check the server's log."];
  }
}

function detail(status: number | undefined, f: ErrorFacts, prefix: string): string {
  const parts: string[] = [];
  if (status !== undefined) parts.push(`${prefix}${status}`);
  const id = [f.type, f.code].filter((v) => v !== undefined && v !== "" && v !== status).join("/");
  if (id) parts.push(id);
  if (f.providerMessage) parts.push(`"${f.providerMessage}"`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

export interface HttpErrorHints {
  retryAfterMs?: number | undefined;
  shouldRetry?: boolean | undefined;
  requestId?: string | undefined;
}

/** A non-2xx answer before any streaming. */
export function httpError(
  ctx: ErrorContext,
  status: number,
  facts: ErrorFacts,
  hints: HttpErrorHints,
): ProviderError {
  const retryAfterMs = hints.retryAfterMs ?? facts.retryAfterMs;
  const cat = categorize(ctx, status, facts);
  const [headline, advice] = headlineAndAdvice(ctx, cat, retryAfterMs, facts);
  const retryable = hints.shouldRetry ?? (cat !== "quota" && isRetryableStatus(status));
  return new ProviderError({
    provider: ctx.provider,
    kind: "http_error",
    message: `${PROVIDER_LABELS[ctx.provider]} ${headline}${detail(status, facts, "HTTP ")}. ${advice}`,
    status,
    type: facts.type,
    code: facts.code,
    providerMessage: facts.providerMessage,
    retryable,
    retryAfterMs,
    requestId: hints.requestId ?? facts.requestId,
  });
}

/** An error the provider reported inside a 200 stream. */
export function streamError(ctx: ErrorContext, facts: ErrorFacts): ProviderError {
  const status = semanticStatus(facts);
  const cat = categorize(ctx, status, facts);
  const [, advice] = headlineAndAdvice(ctx, cat, facts.retryAfterMs, facts);
  const label = PROVIDER_LABELS[ctx.provider];
  return new ProviderError({
    provider: ctx.provider,
    kind: "api_error",
    message: `${label} reported an error mid-stream${detail(status, facts, "status ")}. ${advice} Text streamed before the error is kept.`,
    status,
    type: facts.type,
    code: facts.code,
    providerMessage: facts.providerMessage,
    retryable: cat !== "quota" && isRetryableStatus(status),
    retryAfterMs: facts.retryAfterMs,
    requestId: facts.requestId,
  });
}
