/** The contract each provider module fulfils, and the bookkeeping their stream decoders share. */
import { AIMessageChunk } from "../core/messages/ai.ts";
import type { BaseMessage, ToolCallChunk, UsageMetadata } from "../core/messages/base.ts";
import { parseJson } from "./error-body.ts";
import type { ErrorContext } from "./error-text.ts";
import type { Frame } from "./sse.ts";
import type { ChatModelConfig, RemoteProviderId } from "./types.ts";

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Turns one response's frames into chunks; throws a ProviderError for in-stream errors. */
export interface StreamDecoder {
  push(frame: Frame): AIMessageChunk[];
  /** The provider's completion signal arrived: stop reading. */
  readonly complete: boolean;
  /** The last chunk (usage, finish reason), or a ProviderError when the answer is incomplete or blocked. */
  finish(): AIMessageChunk;
}

export interface ProviderAdapter {
  framing: "sse" | "ndjson";
  defaultBaseUrl(provider: RemoteProviderId): string;
  buildRequest(config: ChatModelConfig, baseUrl: string, messages: BaseMessage[]): HttpRequest;
  createDecoder(ctx: ErrorContext): StreamDecoder;
}

/**
 * Appends a provider path to a base URL, tolerating trailing slashes and a base that already ends with
 * the path (people paste the full endpoint).
 *
 * @example
 * endpoint("http://localhost:1234/v1/", "/chat/completions") // "http://localhost:1234/v1/chat/completions"
 */
export function endpoint(base: string, path: string): string {
  const trimmed = base.trim().replace(/\/+$/, "");
  return trimmed.endsWith(path) ? trimmed : trimmed + path;
}

/** The role names OpenAI, Anthropic and Ollama share. */
export function chatRole(m: BaseMessage): "system" | "user" | "assistant" {
  switch (m.type) {
    case "system":
      return "system";
    case "human":
      return "user";
    case "ai":
      return "assistant";
    default:
      throw new Error(`Provider models take system, human and ai messages, not "${m.type}" messages.`);
  }
}

/** Copies only the defined entries, so `exactOptionalPropertyTypes` bodies carry no `undefined`s. */
export function defined(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export interface Delta {
  content?: string | undefined;
  reasoning?: string | undefined;
  toolCalls?: ToolCallChunk[] | undefined;
  kwargs?: Record<string, unknown> | undefined;
}

/**
 * What every decoder tracks: the response id and model, the finish reason, the LAST usage report
 * (providers send running totals: replaced, never added), and malformed events skipped.
 */
export class ChunkState {
  id: string | undefined;
  model: string | undefined;
  finishReason: string | undefined;
  usage: UsageMetadata | undefined;
  malformed = 0;

  /** The JSON of a frame, or undefined (counted) when it does not parse. */
  json(frame: Frame): unknown {
    const value = parseJson(frame.data);
    // A cut NDJSON tail is the end of a broken stream, reported by the missing done line instead.
    if (value === undefined && !frame.tail) this.malformed++;
    return value;
  }

  setUsage(input: number, output: number, total?: number): void {
    this.usage = { input_tokens: input, output_tokens: output, total_tokens: total || input + output };
  }

  /** A chunk for the pieces that carry something, else nothing (role-only and keep-alive events). */
  delta(d: Delta): AIMessageChunk[] {
    const kwargs: Record<string, unknown> = { ...d.kwargs };
    if (d.reasoning) kwargs.reasoning_content = d.reasoning;
    const tools = d.toolCalls ?? [];
    if (!d.content && tools.length === 0 && Object.keys(kwargs).length === 0) return [];
    return [
      new AIMessageChunk({
        content: d.content ?? "",
        ...(this.id !== undefined ? { id: this.id } : {}),
        ...(Object.keys(kwargs).length > 0 ? { additional_kwargs: kwargs } : {}),
        ...(tools.length > 0 ? { tool_call_chunks: tools } : {}),
      }),
    ];
  }

  /** The closing chunk: no text, the usage (only here, as concat sums usage) and the metadata. */
  final(extra: Record<string, unknown> = {}): AIMessageChunk {
    const meta = defined({
      finish_reason: this.finishReason,
      model_name: this.model,
      malformed_events: this.malformed > 0 ? this.malformed : undefined,
      ...extra,
    });
    return new AIMessageChunk({
      content: "",
      ...(this.id !== undefined ? { id: this.id } : {}),
      response_metadata: meta,
      ...(this.usage ? { usage_metadata: this.usage } : {}),
    });
  }
}
