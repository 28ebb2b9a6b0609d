/**
 * Anthropic Messages: named SSE events (message_start, content_block_*, message_delta, message_stop,
 * ping, error). Only `text_delta` is answer text; thinking goes to reasoning_content.
 */
import type { AIMessageChunk } from "../core/messages/ai.ts";
import {
  ChunkState,
  type ProviderAdapter,
  type StreamDecoder,
  chatRole,
  defined,
  endpoint,
  isObj,
  num,
  str,
} from "./adapter.ts";
import { factsFromPayload } from "./error-body.ts";
import { type ErrorContext, streamError } from "./error-text.ts";
import { blockedError, endedEarlyError } from "./failure-text.ts";
import type { Frame } from "./sse.ts";

/** Anthropic requires max_tokens; this is used when the node sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

type Obj = Record<string, unknown>;

class AnthropicDecoder implements StreamDecoder {
  complete = false;
  private readonly s = new ChunkState();
  /** Content block index -> tool call ordinal, so tool_call_chunks are numbered 0, 1, ... */
  private readonly toolIndex = new Map<number, number>();
  private input = { base: 0, cacheWrite: 0, cacheRead: 0 };
  private output = 0;
  private stopSequence: string | undefined;

  constructor(private readonly ctx: ErrorContext) {}

  push(frame: Frame): AIMessageChunk[] {
    const json = this.s.json(frame);
    if (!isObj(json)) return [];
    // The JSON repeats the event name in `type`; new event types may appear and are ignored.
    switch (str(json.type) ?? frame.event) {
      case "message_start":
        if (isObj(json.message)) this.start(json.message);
        return [];
      case "content_block_start":
        return this.blockStart(num(json.index), isObj(json.content_block) ? json.content_block : {});
      case "content_block_delta":
        return this.blockDelta(num(json.index), isObj(json.delta) ? json.delta : {});
      case "message_delta":
        if (isObj(json.delta)) {
          this.s.finishReason = str(json.delta.stop_reason) ?? this.s.finishReason;
          this.stopSequence = str(json.delta.stop_sequence) ?? this.stopSequence;
        }
        if (isObj(json.usage)) this.readUsage(json.usage);
        return [];
      case "message_stop":
        this.complete = true;
        return [];
      case "error":
        throw streamError(this.ctx, factsFromPayload(json));
      default:
        return [];
    }
  }

  private start(message: Obj): void {
    this.s.id = str(message.id);
    this.s.model = str(message.model);
    if (isObj(message.usage)) this.readUsage(message.usage);
  }

  /** Counters are running totals: each one present replaces the earlier value. */
  private readUsage(u: Obj): void {
    if (typeof u.input_tokens === "number") this.input.base = u.input_tokens;
    if (typeof u.cache_creation_input_tokens === "number")
      this.input.cacheWrite = u.cache_creation_input_tokens;
    if (typeof u.cache_read_input_tokens === "number") this.input.cacheRead = u.cache_read_input_tokens;
    if (typeof u.output_tokens === "number") this.output = u.output_tokens;
    // input_tokens excludes the cached parts; the whole prompt is the sum.
    const input = this.input.base + this.input.cacheWrite + this.input.cacheRead;
    this.s.setUsage(input, this.output);
  }

  private blockStart(index: number, block: Obj): AIMessageChunk[] {
    if (block.type === "tool_use") {
      const ordinal = this.toolIndex.size;
      this.toolIndex.set(index, ordinal);
      const head = { index: ordinal, args: "" };
      return this.s.delta({
        toolCalls: [{ ...head, ...defined({ id: str(block.id), name: str(block.name) }) }],
      });
    }
    if (block.type === "text") return this.s.delta({ content: str(block.text) });
    if (block.type === "thinking") return this.s.delta({ reasoning: str(block.thinking) });
    return [];
  }

  private blockDelta(index: number, delta: Obj): AIMessageChunk[] {
    switch (delta.type) {
      case "text_delta":
        return this.s.delta({ content: str(delta.text) });
      case "thinking_delta":
        return this.s.delta({ reasoning: str(delta.thinking) });
      case "input_json_delta": {
        const ordinal = this.toolIndex.get(index);
        const args = str(delta.partial_json);
        return ordinal === undefined || !args ? [] : this.s.delta({ toolCalls: [{ index: ordinal, args }] });
      }
      default:
        // signature_delta, citations_delta and future delta types carry no answer text.
        return [];
    }
  }

  finish(): AIMessageChunk {
    if (!this.complete) throw endedEarlyError(this.ctx, "message_stop");
    if (this.s.finishReason === "refusal") throw blockedError(this.ctx, "refusal", "answer");
    return this.s.final(defined({ stop_sequence: this.stopSequence }));
  }
}

/** The Anthropic adapter; the browser header is always sent (Anthropic refuses CORS calls without it). */
export const anthropicAdapter: ProviderAdapter = {
  framing: "sse",
  defaultBaseUrl: () => "https://api.anthropic.com/v1",
  buildRequest(config, baseUrl, messages) {
    const p = config.params ?? {};
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
      "anthropic-dangerous-direct-browser-access": "true",
    };
    if (config.apiKey) headers["x-api-key"] = config.apiKey;
    const system = messages.filter((m) => m.type === "system").map((m) => m.content);
    let turns = messages
      .filter((m) => m.type !== "system")
      .map((m) => ({ role: chatRole(m), content: m.content }));
    // The API needs at least one message: a system-only prompt becomes the user turn.
    if (turns.length === 0) turns = [{ role: "user", content: system.splice(0).join("\n\n") }];
    const body = defined({
      model: config.model,
      max_tokens: p.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
      system: system.length > 0 ? system.join("\n\n") : undefined,
      messages: turns,
      stream: true,
      temperature: p.temperature,
      top_p: p.topP,
      stop_sequences: p.stop && p.stop.length > 0 ? p.stop : undefined,
    });
    return { url: endpoint(baseUrl, "/messages"), headers, body };
  },
  createDecoder: (ctx) => new AnthropicDecoder(ctx),
};
