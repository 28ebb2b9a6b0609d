/**
 * Google Gemini `streamGenerateContent?alt=sse`: `data: {GenerateContentResponse}` + CRLF CRLF, no end
 * sentinel (finishReason on the last chunk is the only completion signal), running usageMetadata,
 * pretty-printed google.rpc error bodies. Without alt=sse the same method streams a JSON array.
 */
import type { HttpErrorSpec, StreamErrorSpec } from "./scenario.ts";
import type { HttpReply, ProviderAdapter, Reply, RequestInfo, StreamFormat, WireEvent } from "./types.ts";

const STATUS: Record<number, [string, string]> = {
  400: ["INVALID_ARGUMENT", "Request contains an invalid argument."],
  401: ["UNAUTHENTICATED", "Request had invalid authentication credentials."],
  403: ["PERMISSION_DENIED", "The caller does not have permission"],
  404: ["NOT_FOUND", "Requested entity was not found."],
  429: [
    "RESOURCE_EXHAUSTED",
    "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
  ],
  500: [
    "INTERNAL",
    "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  ],
  503: ["UNAVAILABLE", "The model is overloaded. Please try again later."],
  504: ["DEADLINE_EXCEEDED", "Deadline expired before operation could complete."],
};

const ERROR_HEADERS = { "content-type": "application/json; charset=UTF-8" };
const ROUTE = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;

/** Google's compact JSON as seen on the wire: a space after each colon, none after commas. */
export function googleJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(googleJson).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${googleJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

type Part = Record<string, unknown>;

function usageMetadata(r: Reply, candidates: number, thoughts: number): Record<string, unknown> {
  const u = r.usage;
  // proto3 JSON omits zero fields, so early snapshots lack the candidate count.
  return {
    promptTokenCount: u.input,
    candidatesTokenCount: candidates > 0 ? candidates : undefined,
    totalTokenCount: u.input + candidates + thoughts,
    cachedContentTokenCount: u.cacheRead > 0 ? u.cacheRead : undefined,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: u.input }],
    thoughtsTokenCount: thoughts > 0 ? thoughts : undefined,
  };
}

function functionCallPart(t: Reply["toolCalls"][number]): Part {
  return { functionCall: { name: t.name, args: t.args, id: t.explicitId ? t.id : undefined } };
}

function response(r: Reply, parts: Part[], finish: boolean, usage: Record<string, unknown>) {
  return {
    candidates: [
      { content: { parts, role: "model" }, finishReason: finish ? r.finish : undefined, index: 0 },
    ],
    usageMetadata: usage,
    modelVersion: r.model,
    responseId: r.id,
  };
}

/** The chunk objects of a stream, usage growing towards the final totals. */
function chunks(r: Reply): ReturnType<typeof response>[] {
  const thoughtParts: Part[][] = r.reasoningPieces.map((text) => [{ text, thought: true }]);
  const visibleParts: Part[][] = r.textPieces.map((text) => [{ text }]);
  if (r.toolCalls.length > 0) visibleParts.push(r.toolCalls.map(functionCallPart));
  if (visibleParts.length === 0) visibleParts.push([{ text: "" }]);
  const thoughtTotal = r.usage.reasoning;
  const visibleTotal = Math.max(0, r.usage.output - r.usage.reasoning);
  const all = [...thoughtParts, ...visibleParts];
  return all.map((parts, k) => {
    const thoughtsSeen = Math.min(k + 1, thoughtParts.length);
    const visibleSeen = Math.max(0, k + 1 - thoughtParts.length);
    const thoughts = Math.round((thoughtTotal * thoughtsSeen) / Math.max(1, thoughtParts.length));
    const candidates = Math.round((visibleTotal * visibleSeen) / visibleParts.length);
    return response(r, parts, k === all.length - 1, usageMetadata(r, candidates, thoughts));
  });
}

function events(r: Reply, format: StreamFormat): WireEvent[] {
  const list = chunks(r);
  if (format.framing === "sse") return list.map((c) => ({ data: googleJson(c) }));
  // JSON array mode: pretty objects separated by ",\r\n", the closing bracket last.
  const out = list.map((c, k) => ({ data: (k === 0 ? "[" : "\n,\r\n") + JSON.stringify(c, null, 2) }));
  out.push({ data: "\n]" });
  return out;
}

function errorObject(code: number, status: string | undefined, message: string | undefined) {
  const d = STATUS[code] ?? ["UNKNOWN", "Unknown error."];
  return { code, message: message ?? d[1], status: status ?? d[0] };
}

function httpError(r: Reply, spec: HttpErrorSpec): HttpReply {
  const details: unknown[] = [];
  if (spec.status === 429)
    details.push({
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
          quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          quotaDimensions: { location: "global", model: r.model },
          quotaValue: "10",
        },
      ],
    });
  // The wait hint lives in the body (RetryInfo), not in a retry-after header.
  const delaySec = spec.retryAfterMs !== undefined ? spec.retryAfterMs / 1000 : spec.retryAfterSec;
  if (delaySec !== undefined)
    details.push({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${delaySec}s` });
  const error = {
    ...errorObject(spec.status, spec.type, spec.message),
    ...(details.length ? { details } : {}),
  };
  return { status: spec.status, headers: ERROR_HEADERS, body: JSON.stringify({ error }, null, 2) };
}

function streamError(_r: Reply, spec: StreamErrorSpec, format: StreamFormat): WireEvent[] {
  const code = typeof spec.code === "number" ? spec.code : 503;
  const error = errorObject(code, spec.type, spec.message);
  if (format.framing === "sse") return [{ data: googleJson({ error }) }];
  return [{ data: "\n,\r\n" + JSON.stringify({ error }, null, 2) }, { data: "\n]" }];
}

function refuse(req: RequestInfo, expected: string | undefined): HttpReply | null {
  const key = req.headers["x-goog-api-key"] ?? req.query.get("key") ?? undefined;
  if (key === undefined) {
    const message =
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    const error = { code: 403, message, status: "PERMISSION_DENIED" };
    return { status: 403, headers: ERROR_HEADERS, body: JSON.stringify({ error }, null, 2) };
  }
  if (expected === undefined || key === expected) return null;
  const error = {
    code: 400,
    message: "API key not valid. Please pass a valid API key.",
    status: "INVALID_ARGUMENT",
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ],
  };
  return { status: 400, headers: ERROR_HEADERS, body: JSON.stringify({ error }, null, 2) };
}

function json(r: Reply): HttpReply {
  const parts: Part[] = [];
  if (r.reasoningPieces.length > 0) parts.push({ text: r.reasoningPieces.join(""), thought: true });
  if (r.textPieces.length > 0 || r.toolCalls.length === 0) parts.push({ text: r.textPieces.join("") });
  parts.push(...r.toolCalls.map(functionCallPart));
  const usage = usageMetadata(r, Math.max(0, r.usage.output - r.usage.reasoning), r.usage.reasoning);
  const body = JSON.stringify(response(r, parts, true, usage), null, 2);
  return { status: 200, headers: { "content-type": "application/json; charset=UTF-8" }, body };
}

export const gemini: ProviderAdapter = {
  id: "gemini",
  match(pathname) {
    const m = ROUTE.exec(pathname);
    if (!m) return null;
    return { model: decodeURIComponent(m[1]!), streamMethod: m[2] === "streamGenerateContent" };
  },
  defaultModel: "gemini-2.5-flash",
  idPrefix: "",
  toolIdPrefix: "",
  finishMap: { stop: "STOP", length: "MAX_TOKENS", tool_calls: "STOP", content_filter: "SAFETY" },
  refuse,
  streamFormat(req, route): StreamFormat | null {
    if (!route.streamMethod) return null;
    return req.query.get("alt") === "sse"
      ? { framing: "sse", contentType: "text/event-stream", lineEnding: "crlf" }
      : { framing: "raw", contentType: "application/json; charset=UTF-8", lineEnding: "crlf" };
  },
  responseHeaders: () => ({ "x-content-type-options": "nosniff", server: "scaffolding on HTTPServer2" }),
  events,
  streamError,
  httpError,
  json,
};
