/**
 * The Scenario a test queues, and its resolution against one request into a provider-neutral Reply.
 * README.md in this folder documents every field.
 */
import type { ProviderAdapter, ProviderId, Reply, RequestInfo, ToolCall, Usage } from "./types.ts";

export type LineEnding = "lf" | "crlf" | "cr" | "mixed";
export type NormalFinish = "stop" | "length" | "tool_calls" | "content_filter";

export interface ToolCallSpec {
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

export interface UsageSpec {
  /** Whole prompt including cached tokens. */
  input?: number;
  /** Whole output including reasoning tokens. */
  output?: number;
  reasoning?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** Counts wire events (SSE events or NDJSON lines) from the first one, start/ping events included. */
export interface AfterChunks {
  afterChunks: number;
}

export interface HttpErrorSpec {
  status: number;
  /** OpenAI/Anthropic error type, Gemini status string (e.g. "RESOURCE_EXHAUSTED"). */
  type?: string;
  /** OpenAI `code` (e.g. "insufficient_quota"). */
  code?: string | number;
  message?: string;
  retryAfterSec?: number;
  retryAfterMs?: number;
}

export interface StreamErrorSpec extends AfterChunks {
  type?: string;
  /** OpenAI `code`; Gemini numeric `code` (default 503). */
  code?: string | number;
  message?: string;
  /** OpenAI-compatible only: send `data: [DONE]` after the error, as vLLM does. */
  thenDone?: boolean;
}

export interface StallSpec extends AfterChunks {
  /** Omit to stall until the client or close() ends the connection. */
  ms?: number;
}

export interface TokensSpec {
  /** Characters (code points) per content event. */
  chars: number;
  /** Paces every wire event at this rate. */
  perSecond?: number;
}

export interface Scenario {
  /** Which provider's requests this scenario answers; absent or "any" matches all. */
  provider?: ProviderId | "any";
  /** Exact pathname to match, e.g. "/v1/messages". */
  path?: string;

  text?: string;
  reasoning?: string;
  toolCalls?: ToolCallSpec[];
  usage?: UsageSpec;
  /** A NormalFinish is mapped per provider; any other string goes on the wire verbatim. */
  finishReason?: string;
  /** Model name to echo; defaults to the requested model. */
  model?: string;
  /** Response id on the wire (chatcmpl-…, msg_…, responseId); default is a per-server counter. */
  id?: string;
  /** Extra response headers (e.g. x-ratelimit-*), on success and error answers alike. */
  headers?: Record<string, string>;
  /** OpenAI-compatible reasoning field name. Default "reasoning_content". */
  reasoningField?: "reasoning_content" | "reasoning";

  tokens?: TokensSpec;
  pieceBytes?: number;
  delayMs?: number;

  bom?: boolean;
  lineEnding?: LineEnding;
  /** true for ": keep-alive", or the comment text. */
  comments?: boolean | string;
  multiLineData?: boolean;

  httpError?: HttpErrorSpec;
  streamError?: StreamErrorSpec;
  abruptClose?: AfterChunks;
  reset?: AfterChunks;
  malformedLine?: AfterChunks;
  stall?: StallSpec;
}

export function matches(s: Scenario, provider: ProviderId, pathname: string): boolean {
  if (s.provider !== undefined && s.provider !== "any" && s.provider !== provider) return false;
  return s.path === undefined || s.path === pathname;
}

/** Default splitting: one event per word with its leading whitespace, like real tokenisers tend to. */
export function splitTokens(text: string, chars?: number): string[] {
  if (text === "") return [];
  if (chars !== undefined) {
    // Code points, not UTF-16 units: a lone surrogate would not survive JSON round trips.
    const points = Array.from(text);
    const out: string[] = [];
    for (let i = 0; i < points.length; i += chars) out.push(points.slice(i, i + chars).join(""));
    return out;
  }
  const words: string[] = text.match(/\s*\S+/g) ?? [];
  const used = words.join("").length;
  if (used < text.length) {
    const tail = text.slice(used);
    if (words.length > 0) words[words.length - 1] += tail;
    else words.push(tail);
  }
  return words;
}

interface ResolveContext {
  adapter: ProviderAdapter;
  req: RequestInfo;
  routeModel: string | undefined;
  nowMs: number;
  seq: number;
}

function requestModel(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const model = (body as Record<string, unknown>).model;
  return typeof model === "string" ? model : undefined;
}

function streamOption(body: unknown, key: string): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const opts = (body as Record<string, unknown>).stream_options;
  return typeof opts === "object" && opts !== null ? (opts as Record<string, unknown>)[key] : undefined;
}

export function resolveReply(s: Scenario, ctx: ResolveContext): Reply {
  const { adapter, req } = ctx;
  const seq = String(ctx.seq).padStart(6, "0");
  const chars = s.tokens?.chars;
  const toolSpecs = s.toolCalls ?? [];
  const text = s.text ?? (toolSpecs.length > 0 ? "" : `Hello from the mock ${adapter.id}.`);
  const textPieces = splitTokens(text, chars);
  const reasoningPieces = splitTokens(s.reasoning ?? "", chars);
  const toolCalls: ToolCall[] = toolSpecs.map((t, i) => ({
    id: t.id ?? `${adapter.toolIdPrefix}mock${seq}${i}`,
    explicitId: t.id !== undefined,
    name: t.name,
    args: t.args,
    argPieces: splitTokens(JSON.stringify(t.args), chars ?? 8),
  }));
  const argCount = toolCalls.reduce((n, t) => n + t.argPieces.length, 0);
  const usage: Usage = {
    input: s.usage?.input ?? Math.max(1, Math.ceil(req.rawBody.length / 4)),
    output: s.usage?.output ?? Math.max(1, textPieces.length + reasoningPieces.length + argCount),
    reasoning: s.usage?.reasoning ?? reasoningPieces.length,
    cacheRead: s.usage?.cacheRead ?? 0,
    cacheWrite: s.usage?.cacheWrite ?? 0,
  };
  const normal: NormalFinish = toolCalls.length > 0 ? "tool_calls" : "stop";
  const wanted = s.finishReason ?? normal;
  const finish = wanted in adapter.finishMap ? adapter.finishMap[wanted as NormalFinish] : wanted;
  return {
    provider: adapter.id,
    id: s.id ?? `${adapter.idPrefix}mock${seq}`,
    model: s.model ?? ctx.routeModel ?? requestModel(req.body) ?? adapter.defaultModel,
    nowMs: ctx.nowMs,
    textPieces,
    reasoningPieces,
    toolCalls,
    usage,
    finish,
    includeUsage: streamOption(req.body, "include_usage") === true,
    obfuscation: streamOption(req.body, "include_obfuscation") !== false,
    reasoningField: s.reasoningField ?? "reasoning_content",
  };
}
