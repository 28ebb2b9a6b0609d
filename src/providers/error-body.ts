/**
 * Reads the facts out of a provider's error payload, whatever its shape: OpenAI and compatibles
 * `{error: {message, type, code}}` (code a string or a number), old vLLM `{object: "error", message}`,
 * Anthropic `{type: "error", error: {type, message}}`, Gemini `{error: {code, message, status, details}}`
 * (sometimes inside an array), Ollama `{error: "text"}`, or a gateway's HTML page.
 */
import { parseDuration, retryAfterFromText } from "./retry.ts";

export interface ErrorFacts {
  type?: string;
  code?: string | number;
  providerMessage?: string;
  /** Wait hint from the body (Gemini RetryInfo, "try again in 5s"). */
  retryAfterMs?: number;
  /** Gemini ErrorInfo reason, e.g. API_KEY_INVALID. */
  reason?: string;
  /** Gemini QuotaFailure quota id, e.g. GenerateRequestsPerDayPerProjectPerModel-FreeTier. */
  quotaId?: string;
  /** Anthropic `error.details.error_code`, e.g. enforced_spend_limit_reached. */
  detailCode?: string;
  requestId?: string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Parses JSON, or returns undefined: a malformed payload is the caller's to report. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Facts from an error response body (any status). */
export function factsFromBody(text: string): ErrorFacts {
  const json = parseJson(text);
  const facts = json === undefined ? {} : factsFromPayload(json);
  if (facts.providerMessage === undefined) {
    const snippet = textSnippet(text);
    if (snippet) facts.providerMessage = snippet;
  }
  return facts;
}

/** Facts from a parsed error payload: a whole body, or an in-stream error event. */
export function factsFromPayload(payload: unknown): ErrorFacts {
  const root = Array.isArray(payload) ? (payload[0] as unknown) : payload;
  if (!isObj(root)) return {};
  const facts: ErrorFacts = {};
  const requestId = str(root.request_id);
  if (requestId) facts.requestId = requestId;
  const error = root.error;
  if (typeof error === "string") {
    facts.providerMessage = error;
    return facts;
  }
  // Old vLLM and some proxies put the fields at the top level.
  const e = isObj(error) ? error : root.object === "error" ? root : undefined;
  if (!e) return facts;
  const message = str(e.message);
  if (message) facts.providerMessage = message;
  // Gemini names its canonical code `status` ("RESOURCE_EXHAUSTED"); others use `type`.
  const type = str(e.type) ?? str(e.status);
  if (type) facts.type = type;
  if (typeof e.code === "string" || typeof e.code === "number") facts.code = e.code;
  readDetails(e.details, facts);
  const hint = facts.retryAfterMs ?? retryAfterFromText(message);
  if (hint !== undefined) facts.retryAfterMs = hint;
  return facts;
}

function readDetails(details: unknown, facts: ErrorFacts): void {
  if (isObj(details)) {
    const code = str(details.error_code);
    if (code) facts.detailCode = code;
    return;
  }
  if (!Array.isArray(details)) return;
  for (const d of details) {
    if (!isObj(d)) continue;
    const kind = str(d["@type"]) ?? "";
    if (kind.endsWith("RetryInfo")) {
      const ms = parseDuration(d.retryDelay);
      if (ms !== undefined) facts.retryAfterMs = ms;
    } else if (kind.endsWith("ErrorInfo")) {
      const reason = str(d.reason);
      if (reason) facts.reason = reason;
    } else if (kind.endsWith("QuotaFailure") && Array.isArray(d.violations)) {
      const first: unknown = d.violations[0];
      const quotaId = isObj(first) ? str(first.quotaId) : undefined;
      if (quotaId) facts.quotaId = quotaId;
    }
  }
}

/** A short readable line from a non-JSON body: an HTML page's title, or the first line of text. */
function textSnippet(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  if (plain === "") return undefined;
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Anthropic and Gemini error types, and what HTTP status each stands for (for in-stream errors). */
const TYPE_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
  server_error: 500,
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/**
 * The status an in-stream error stands for: its numeric code (vLLM, OpenRouter, Gemini) or its type.
 * A 200 stream cannot change its status, so retries and messages need this one.
 */
export function semanticStatus(facts: ErrorFacts): number | undefined {
  if (typeof facts.code === "number" && facts.code >= 400 && facts.code < 600) return facts.code;
  return facts.type === undefined ? undefined : TYPE_STATUS[facts.type];
}
