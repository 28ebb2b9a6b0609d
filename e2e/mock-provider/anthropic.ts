/**
 * Anthropic Messages: named SSE events (message_start, content_block_*, ping, message_delta,
 * message_stop), `event: error` inside streams, `{type:"error", error:{type, message}}` bodies, and the
 * browser rule: a request with an Origin must carry anthropic-dangerous-direct-browser-access: true.
 */
import type { HttpErrorSpec, StreamErrorSpec } from "./scenario.ts";
import type { HttpReply, ProviderAdapter, Reply, RequestInfo, StreamFormat, WireEvent } from "./types.ts";

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ["invalid_request_error", "Invalid request."],
  401: ["authentication_error", "invalid x-api-key"],
  402: ["billing_error", "Your credit balance is too low to access the Anthropic API."],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "Not found."],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."],
  500: ["api_error", "Internal server error"],
  504: ["timeout_error", "Request timed out."],
  529: ["overloaded_error", "Overloaded"],
};

const JSON_TYPE = { "content-type": "application/json" };

function requestId(r: Reply | string): string {
  return `req_${typeof r === "string" ? r : r.id}`;
}

function errorReply(status: number, type: string, message: string, id: string): HttpReply {
  const body = JSON.stringify({ type: "error", error: { type, message }, request_id: id });
  return { status, headers: { ...JSON_TYPE, "request-id": id }, body };
}

function ev(type: string, payload: Record<string, unknown>): WireEvent {
  return { event: type, data: JSON.stringify({ type, ...payload }) };
}

function startUsage(r: Reply): Record<string, unknown> {
  return {
    // input_tokens excludes the cached parts of the prompt.
    input_tokens: Math.max(0, r.usage.input - r.usage.cacheRead - r.usage.cacheWrite),
    cache_creation_input_tokens: r.usage.cacheWrite,
    cache_read_input_tokens: r.usage.cacheRead,
    output_tokens: Math.min(1, r.usage.output),
    service_tier: "standard",
  };
}

function message(r: Reply, content: unknown[], stopReason: string | null, usage: Record<string, unknown>) {
  return {
    id: r.id,
    type: "message",
    role: "assistant",
    model: r.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

/** A text block is sent unless the answer is tool calls only, so every stream has a first block. */
const hasText = (r: Reply): boolean => r.textPieces.length > 0 || r.toolCalls.length === 0;

function events(r: Reply): WireEvent[] {
  const out: WireEvent[] = [ev("message_start", { message: message(r, [], null, startUsage(r)) })];
  let index = 0;
  const block = (start: Record<string, unknown>, deltas: Record<string, unknown>[]): void => {
    out.push(ev("content_block_start", { index, content_block: start }));
    // The API sends its ping right after the first block opens.
    if (index === 0) out.push(ev("ping", {}));
    for (const delta of deltas) out.push(ev("content_block_delta", { index, delta }));
    out.push(ev("content_block_stop", { index }));
    index++;
  };
  if (r.reasoningPieces.length > 0)
    block({ type: "thinking", thinking: "", signature: "" }, [
      ...r.reasoningPieces.map((thinking) => ({ type: "thinking_delta", thinking })),
      { type: "signature_delta", signature: "bW9jay1zaWduYXR1cmU=" },
    ]);
  if (hasText(r))
    block(
      { type: "text", text: "" },
      r.textPieces.map((text) => ({ type: "text_delta", text })),
    );
  for (const t of r.toolCalls)
    block({ type: "tool_use", id: t.id, name: t.name, input: {} }, [
      // The first input_json_delta is typically empty.
      { type: "input_json_delta", partial_json: "" },
      ...t.argPieces.map((partial_json) => ({ type: "input_json_delta", partial_json })),
    ]);
  out.push(
    ev("message_delta", {
      delta: { stop_reason: r.finish, stop_sequence: null },
      usage: { output_tokens: r.usage.output },
    }),
  );
  out.push(ev("message_stop", {}));
  return out;
}

function json(r: Reply): HttpReply {
  const content: unknown[] = [];
  if (r.reasoningPieces.length > 0)
    content.push({
      type: "thinking",
      thinking: r.reasoningPieces.join(""),
      signature: "bW9jay1zaWduYXR1cmU=",
    });
  if (hasText(r)) content.push({ type: "text", text: r.textPieces.join("") });
  for (const t of r.toolCalls) content.push({ type: "tool_use", id: t.id, name: t.name, input: t.args });
  const usage = { ...startUsage(r), output_tokens: r.usage.output };
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify(message(r, content, r.finish, usage)) };
}

function refuse(req: RequestInfo, expected: string | undefined): HttpReply | null {
  const id = requestId("mock-refused");
  if (req.headers.origin !== undefined && req.headers["anthropic-dangerous-direct-browser-access"] !== "true")
    return errorReply(
      401,
      "authentication_error",
      "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
      id,
    );
  const key = req.headers["x-api-key"];
  if (key === undefined) return errorReply(401, "authentication_error", "x-api-key header is required", id);
  if (expected !== undefined && key !== expected)
    return errorReply(401, "authentication_error", "invalid x-api-key", id);
  if (req.headers["anthropic-version"] === undefined)
    return errorReply(400, "invalid_request_error", "anthropic-version: header is required", id);
  return null;
}

function httpError(r: Reply, spec: HttpErrorSpec): HttpReply {
  const [type, message] = ERROR_TYPES[spec.status] ?? ["api_error", "Mock error."];
  const reply = errorReply(spec.status, spec.type ?? type, spec.message ?? message, requestId(r));
  if (spec.retryAfterSec !== undefined) reply.headers["retry-after"] = String(spec.retryAfterSec);
  if (spec.retryAfterMs !== undefined) reply.headers["retry-after-ms"] = String(spec.retryAfterMs);
  return reply;
}

function streamError(r: Reply, spec: StreamErrorSpec): WireEvent[] {
  const error = { type: spec.type ?? "overloaded_error", message: spec.message ?? "Overloaded" };
  return [{ event: "error", data: JSON.stringify({ type: "error", error, request_id: requestId(r) }) }];
}

export const anthropic: ProviderAdapter = {
  id: "anthropic",
  match: (pathname) => (pathname === "/v1/messages" ? {} : null),
  defaultModel: "claude-sonnet-4-5",
  idPrefix: "msg_",
  toolIdPrefix: "toolu_",
  finishMap: { stop: "end_turn", length: "max_tokens", tool_calls: "tool_use", content_filter: "refusal" },
  refuse,
  streamFormat(req): StreamFormat | null {
    const stream = (req.body as { stream?: unknown } | undefined)?.stream === true;
    return stream
      ? { framing: "sse", contentType: "text/event-stream; charset=utf-8", lineEnding: "lf" }
      : null;
  },
  responseHeaders: (r) => ({ "request-id": requestId(r), "cache-control": "no-cache" }),
  events,
  streamError,
  httpError,
  json,
};
