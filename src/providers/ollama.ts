/**
 * Ollama `/api/chat`: NDJSON lines with `message.content` / `message.thinking` / `message.tool_calls`,
 * a final `done: true` line with done_reason and counters (absent when zero), `{"error": "..."}` lines.
 */
import type { AIMessageChunk } from "../core/messages/ai.ts";
import type { ToolCallChunk } from "../core/messages/base.ts";
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
import { endedEarlyError } from "./failure-text.ts";
import type { Frame } from "./sse.ts";

class OllamaDecoder implements StreamDecoder {
  complete = false;
  private readonly s = new ChunkState();
  private tools = 0;

  constructor(private readonly ctx: ErrorContext) {}

  push(frame: Frame): AIMessageChunk[] {
    const json = this.s.json(frame);
    if (!isObj(json)) return [];
    if (json.error !== undefined && json.error !== null) throw streamError(this.ctx, factsFromPayload(json));
    this.s.model = str(json.model) ?? this.s.model;
    const message = isObj(json.message) ? json.message : {};
    const out = this.s.delta({
      content: str(message.content),
      reasoning: str(message.thinking),
      toolCalls: this.toolCalls(message.tool_calls),
    });
    if (json.done === true) {
      this.complete = true;
      this.s.finishReason = str(json.done_reason) ?? "stop";
      // Go's omitempty drops zero counters: missing means 0.
      this.s.setUsage(num(json.prompt_eval_count), num(json.eval_count));
    }
    return out;
  }

  /** Ollama sends each call whole, arguments as an object; ids only from newer servers. */
  private toolCalls(raw: unknown): ToolCallChunk[] | undefined {
    if (!Array.isArray(raw)) return undefined;
    const out: ToolCallChunk[] = [];
    for (const t of raw) {
      const fn = isObj(t) && isObj(t.function) ? t.function : undefined;
      if (!fn) continue;
      const args = typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? {});
      const chunk: ToolCallChunk = { index: this.tools++, args };
      const name = str(fn.name);
      const id = isObj(t) ? str(t.id) : undefined;
      if (name !== undefined) chunk.name = name;
      if (id !== undefined) chunk.id = id;
      out.push(chunk);
    }
    return out;
  }

  finish(): AIMessageChunk {
    if (!this.complete) throw endedEarlyError(this.ctx, 'the "done": true line');
    return this.s.final();
  }
}

/** The Ollama adapter. No key is needed locally; one set in Settings goes out as a Bearer token. */
export const ollamaAdapter: ProviderAdapter = {
  framing: "ndjson",
  defaultBaseUrl: () => "http://localhost:11434",
  buildRequest(config, baseUrl, messages) {
    const p = config.params ?? {};
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
    const options = defined({
      temperature: p.temperature,
      top_p: p.topP,
      num_predict: p.maxTokens,
      stop: p.stop && p.stop.length > 0 ? p.stop : undefined,
    });
    const body = defined({
      model: config.model,
      messages: messages.map((m) => ({ role: chatRole(m), content: m.content })),
      stream: true,
      options: Object.keys(options).length > 0 ? options : undefined,
    });
    return { url: endpoint(baseUrl, "/api/chat"), headers, body };
  },
  createDecoder: (ctx) => new OllamaDecoder(ctx),
};
