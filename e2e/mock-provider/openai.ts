/**
 * OpenAI Chat Completions (and OpenAI-compatible servers): `data: {chat.completion.chunk}` events,
 * `data: [DONE]`, an extra `choices: []` usage chunk with include_usage, pretty-printed JSON errors.
 */
import type { HttpErrorSpec, StreamErrorSpec } from "./scenario.ts";
import type { HttpReply, ProviderAdapter, Reply, RequestInfo, StreamFormat, WireEvent } from "./types.ts";

const FINGERPRINT = "fp_mock0001";

const DEFAULT_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Forbidden." },
  404: { type: "invalid_request_error", code: "model_not_found", message: "The model does not exist." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests." },
  500: {
    type: "server_error",
    code: null,
    message: "The server had an error while processing your request. Sorry about that!",
  },
  503: {
    type: "server_error",
    code: null,
    message: "The engine is currently overloaded, please try again later.",
  },
};

function errorBody(type: string, code: string | number | null, message: string): string {
  // The API pretty-prints its error bodies.
  return JSON.stringify({ error: { message, type, param: null, code } }, null, 2);
}

function usageJson(r: Reply): Record<string, unknown> {
  const u = r.usage;
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cacheRead, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: u.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The real padding is random; a deterministic stand-in keeps byte-exact tests possible. */
function obfuscation(k: number): string {
  return "m0ck0bfu5cat10n".slice(0, (k * 5) % 16);
}

function chunk(r: Reply, k: number, choices: unknown[], usage?: Record<string, unknown>): WireEvent {
  const obj: Record<string, unknown> = {
    id: r.id,
    object: "chat.completion.chunk",
    created: Math.floor(r.nowMs / 1000),
    model: r.model,
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
    choices,
  };
  if (r.includeUsage) obj.usage = usage ?? null;
  if (r.obfuscation) obj.obfuscation = obfuscation(k);
  return { data: JSON.stringify(obj) };
}

function events(r: Reply): WireEvent[] {
  const deltas: Record<string, unknown>[] = [];
  const onlyTools = r.toolCalls.length > 0 && r.textPieces.length === 0 && r.reasoningPieces.length === 0;
  const role: Record<string, unknown> = { role: "assistant", content: onlyTools ? null : "", refusal: null };
  deltas.push(role);
  for (const piece of r.reasoningPieces) deltas.push({ [r.reasoningField]: piece });
  for (const piece of r.textPieces) deltas.push({ content: piece });
  r.toolCalls.forEach((t, index) => {
    const head = { index, id: t.id, type: "function", function: { name: t.name, arguments: "" } };
    // The real API puts the first call's head on the role chunk when there is no text.
    if (index === 0 && onlyTools) role.tool_calls = [head];
    else deltas.push({ tool_calls: [head] });
    for (const piece of t.argPieces) deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  const out = deltas.map((delta, k) =>
    chunk(r, k, [{ index: 0, delta, logprobs: null, finish_reason: null }]),
  );
  out.push(chunk(r, out.length, [{ index: 0, delta: {}, logprobs: null, finish_reason: r.finish }]));
  if (r.includeUsage) out.push(chunk(r, out.length, [], usageJson(r)));
  out.push({ data: "[DONE]" });
  return out;
}

function json(r: Reply): HttpReply {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: r.textPieces.length > 0 || r.toolCalls.length === 0 ? r.textPieces.join("") : null,
    refusal: null,
    annotations: [],
  };
  if (r.reasoningPieces.length > 0) message[r.reasoningField] = r.reasoningPieces.join("");
  if (r.toolCalls.length > 0)
    message.tool_calls = r.toolCalls.map((t) => ({
      id: t.id,
      type: "function",
      function: { name: t.name, arguments: JSON.stringify(t.args) },
    }));
  const body = {
    id: r.id,
    object: "chat.completion",
    created: Math.floor(r.nowMs / 1000),
    model: r.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: r.finish }],
    usage: usageJson(r),
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
  };
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body, null, 2),
  };
}

function refuse(req: RequestInfo, expected: string | undefined): HttpReply | null {
  // Without an expected key the endpoint behaves like a local OpenAI-compatible server: no auth.
  if (expected === undefined) return null;
  const auth = req.headers.authorization;
  const json = { "content-type": "application/json; charset=utf-8" };
  if (auth === undefined || !auth.startsWith("Bearer ")) {
    const message =
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    return { status: 401, headers: json, body: errorBody("invalid_request_error", null, message) };
  }
  const key = auth.slice("Bearer ".length);
  if (key === expected) return null;
  const masked = `${key.slice(0, 3)}${"*".repeat(Math.max(0, key.length - 7))}${key.slice(-4)}`;
  const message = `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return { status: 401, headers: json, body: errorBody("invalid_request_error", "invalid_api_key", message) };
}

function httpError(r: Reply, spec: HttpErrorSpec): HttpReply {
  const d = DEFAULT_ERRORS[spec.status] ?? { type: "api_error", code: null, message: "Mock error." };
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-request-id": `req_${r.id}`,
  };
  if (spec.retryAfterSec !== undefined) headers["retry-after"] = String(spec.retryAfterSec);
  if (spec.retryAfterMs !== undefined) headers["retry-after-ms"] = String(spec.retryAfterMs);
  return {
    status: spec.status,
    headers,
    body: errorBody(spec.type ?? d.type, spec.code ?? d.code, spec.message ?? d.message),
  };
}

function streamError(_r: Reply, spec: StreamErrorSpec): WireEvent[] {
  const error = {
    message: spec.message ?? "The server had an error while processing your request. Sorry about that!",
    type: spec.type ?? "server_error",
    param: null,
    code: spec.code ?? null,
  };
  const out: WireEvent[] = [{ data: JSON.stringify({ error }) }];
  if (spec.thenDone) out.push({ data: "[DONE]" });
  return out;
}

export const openai: ProviderAdapter = {
  id: "openai",
  match: (pathname) => (pathname === "/v1/chat/completions" ? {} : null),
  defaultModel: "gpt-4o-mini",
  idPrefix: "chatcmpl-",
  toolIdPrefix: "call_",
  finishMap: { stop: "stop", length: "length", tool_calls: "tool_calls", content_filter: "content_filter" },
  refuse,
  streamFormat(req): StreamFormat | null {
    const stream = (req.body as { stream?: unknown } | undefined)?.stream === true;
    return stream
      ? { framing: "sse", contentType: "text/event-stream; charset=utf-8", lineEnding: "lf" }
      : null;
  },
  responseHeaders: (r) => ({
    "x-request-id": `req_${r.id}`,
    "openai-processing-ms": "42",
    "openai-version": "2020-10-01",
  }),
  events,
  streamError,
  httpError,
  json,
};
