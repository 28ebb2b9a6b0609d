/**
 * Ollama `/api/chat`: NDJSON lines written by Go's encoder (so `<`, `>`, `&` arrive escaped), streaming
 * by default, a final `done: true` line with done_reason and omitempty counters, `{"error": "..."}`
 * both as an HTTP body and as an in-stream line. No auth; CORS lives in cors.ts.
 */
import type { HttpErrorSpec, StreamErrorSpec } from "./scenario.ts";
import type { HttpReply, ProviderAdapter, Reply, StreamFormat, WireEvent } from "./types.ts";

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

const MESSAGES: Record<number, string> = {
  400: "invalid request",
  401: "unauthorized",
  429: "too many requests",
  500: "internal server error",
  502: "remote model is unavailable",
};

/** encoding/json escapes HTML characters and the JS line separators; these appear only inside strings. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** RFC 3339 with nanoseconds, trailing zeros trimmed, as Go prints time.Now().UTC(). */
export function goTime(ms: number, k: number): string {
  const iso = new Date(ms).toISOString();
  // Fake but deterministic sub-millisecond digits so lines differ like real ones do.
  const nanos = (ms % 1000) * 1_000_000 + ((k * 104_729) % 1_000_000);
  const fraction = String(nanos).padStart(9, "0").replace(/0+$/, "");
  return iso.slice(0, 19) + (fraction === "" ? "" : `.${fraction}`) + "Z";
}

function toolCalls(r: Reply): unknown[] {
  return r.toolCalls.map((t) => ({
    ...(t.explicitId ? { id: t.id } : {}),
    function: { name: t.name, arguments: t.args },
  }));
}

function metrics(r: Reply): Record<string, number> {
  const load = 1_000_000;
  const promptEval = r.usage.input * 250_000;
  const evalDuration = r.usage.output * 20_000_000;
  const out: Record<string, number> = {
    total_duration: load + promptEval + evalDuration + 500_000,
    load_duration: load,
  };
  // omitempty: zero counters are absent, not 0.
  if (r.usage.input > 0)
    Object.assign(out, { prompt_eval_count: r.usage.input, prompt_eval_duration: promptEval });
  if (r.usage.output > 0) Object.assign(out, { eval_count: r.usage.output, eval_duration: evalDuration });
  return out;
}

function line(
  r: Reply,
  k: number,
  message: Record<string, unknown>,
  tail: Record<string, unknown>,
): WireEvent {
  const msg = { role: "assistant", content: "", ...message };
  return { data: goJson({ model: r.model, created_at: goTime(r.nowMs, k), message: msg, ...tail }) };
}

function events(r: Reply): WireEvent[] {
  const messages: Record<string, unknown>[] = [
    ...r.reasoningPieces.map((thinking) => ({ thinking })),
    ...r.textPieces.map((content) => ({ content })),
  ];
  if (r.toolCalls.length > 0) messages.push({ tool_calls: toolCalls(r) });
  const out = messages.map((m, k) => line(r, k, m, { done: false }));
  out.push(line(r, out.length, {}, { done_reason: r.finish, done: true, ...metrics(r) }));
  return out;
}

function json(r: Reply): HttpReply {
  const message: Record<string, unknown> = { content: r.textPieces.join("") };
  if (r.reasoningPieces.length > 0) message.thinking = r.reasoningPieces.join("");
  if (r.toolCalls.length > 0) message.tool_calls = toolCalls(r);
  const body = line(r, 0, message, { done_reason: r.finish, done: true, ...metrics(r) }).data;
  return { status: 200, headers: JSON_TYPE, body };
}

function httpError(r: Reply, spec: HttpErrorSpec): HttpReply {
  const fallback = spec.status === 404 ? `model '${r.model}' not found` : (MESSAGES[spec.status] ?? "error");
  const headers: Record<string, string> = { ...JSON_TYPE };
  // Ollama sends no retry hints itself; pass through what the test asked for.
  if (spec.retryAfterSec !== undefined) headers["retry-after"] = String(spec.retryAfterSec);
  if (spec.retryAfterMs !== undefined) headers["retry-after-ms"] = String(spec.retryAfterMs);
  return { status: spec.status, headers, body: goJson({ error: spec.message ?? fallback }) };
}

function streamError(_r: Reply, spec: StreamErrorSpec): WireEvent[] {
  const message = spec.message ?? "an error was encountered while running the model: unexpected EOF";
  return [{ data: goJson({ error: message }) }];
}

export const ollama: ProviderAdapter = {
  id: "ollama",
  match: (pathname) => (pathname === "/api/chat" ? {} : null),
  defaultModel: "llama3.2",
  idPrefix: "",
  toolIdPrefix: "call_",
  finishMap: { stop: "stop", length: "length", tool_calls: "stop", content_filter: "stop" },
  refuse: () => null,
  streamFormat(req): StreamFormat | null {
    // Ollama streams unless the body says "stream": false.
    const stream = (req.body as { stream?: unknown } | undefined)?.stream !== false;
    return stream ? { framing: "ndjson", contentType: "application/x-ndjson", lineEnding: "lf" } : null;
  },
  responseHeaders: () => ({}),
  events,
  streamError,
  httpError,
  json,
};
