/** Shared shapes between the server core and the per-provider encoders. */
import type { HttpErrorSpec, LineEnding, StreamErrorSpec } from "./scenario.ts";

export type ProviderId = "openai" | "anthropic" | "gemini" | "ollama";
export const PROVIDER_IDS: readonly ProviderId[] = ["openai", "anthropic", "gemini", "ollama"];

/** One unit on the wire: an SSE event, an NDJSON line, or a raw text piece (Gemini's JSON array mode). */
export interface WireEvent {
  event?: string;
  data: string;
}

/** How a stream is framed on the wire. */
export interface StreamFormat {
  framing: "sse" | "ndjson" | "raw";
  contentType: string;
  lineEnding: LineEnding;
}

/** A complete non-streamed HTTP answer. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the server knows about an incoming request when it hands it to an adapter. */
export interface RequestInfo {
  method: string;
  pathname: string;
  query: URLSearchParams;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when absent or not JSON. */
  body: unknown;
  rawBody: string;
}

export interface ToolCall {
  id: string;
  /** True when the scenario named the id: Gemini and Ollama put ids on the wire only then. */
  explicitId: boolean;
  name: string;
  args: Record<string, unknown>;
  argPieces: string[];
}

export interface Usage {
  /** Whole prompt, cached parts included (OpenAI prompt_tokens semantics). */
  input: number;
  /** Whole output, reasoning included. */
  output: number;
  reasoning: number;
  cacheRead: number;
  cacheWrite: number;
}

/** A scenario resolved against one request: everything an encoder needs, nothing optional. */
export interface Reply {
  provider: ProviderId;
  id: string;
  model: string;
  /** Epoch milliseconds from the server clock (the `now` option). */
  nowMs: number;
  textPieces: string[];
  reasoningPieces: string[];
  toolCalls: ToolCall[];
  usage: Usage;
  /** Already mapped to the provider's own vocabulary. */
  finish: string;
  /** OpenAI: `stream_options.include_usage`. */
  includeUsage: boolean;
  /** OpenAI: `stream_options.include_obfuscation` (defaults to true like the real API). */
  obfuscation: boolean;
  reasoningField: "reasoning_content" | "reasoning";
}

/** Route information an adapter extracts from the path. */
export interface RouteMatch {
  /** Gemini carries the model in the path. */
  model?: string;
  /** Gemini: false for `:generateContent`. Others decide from the body. */
  streamMethod?: boolean;
}

export interface ProviderAdapter {
  id: ProviderId;
  match(pathname: string): RouteMatch | null;
  defaultModel: string;
  idPrefix: string;
  toolIdPrefix: string;
  /** Maps the normalised finish reasons to the provider's words. */
  finishMap: Record<"stop" | "length" | "tool_calls" | "content_filter", string>;
  /** An auth or protocol refusal (missing key, missing version header, CORS header rule), else null. */
  refuse(req: RequestInfo, expectedKey: string | undefined): HttpReply | null;
  /** The stream format for this request, or null for a non-streamed JSON answer. */
  streamFormat(req: RequestInfo, route: RouteMatch): StreamFormat | null;
  /** Headers every successful answer carries (request ids and the like). */
  responseHeaders(reply: Reply): Record<string, string>;
  events(reply: Reply, format: StreamFormat): WireEvent[];
  streamError(reply: Reply, spec: StreamErrorSpec, format: StreamFormat): WireEvent[];
  httpError(reply: Reply, spec: HttpErrorSpec): HttpReply;
  json(reply: Reply): HttpReply;
}
