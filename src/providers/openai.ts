/**
 * OpenAI Chat Completions and OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, OpenRouter, Groq,
 * Azure-style gateways): `data: {chunk}` events ending with `data: [DONE]`.
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
import { blockedError, endedEarlyError } from "./failure-text.ts";
import type { Frame } from "./sse.ts";

class OpenAIDecoder implements StreamDecoder {
  complete = false;
  private readonly s = new ChunkState();

  constructor(private readonly ctx: ErrorContext) {}

  push(frame: Frame): AIMessageChunk[] {
    if (frame.data === "[DONE]") {
      this.complete = true;
      return [];
    }
    const json = this.s.json(frame);
    if (!isObj(json)) return [];
    // Errors arrive as `{error: {...}}` (OpenAI, vLLM, llama.cpp, OpenRouter), as a flat
    // `{object: "error"}` (old vLLM) or as an SSE event named error.
    if (
      (json.error !== undefined && json.error !== null) ||
      json.object === "error" ||
      frame.event === "error"
    ) {
      throw streamError(this.ctx, factsFromPayload(json));
    }
    this.s.id ??= str(json.id);
    this.s.model = str(json.model) ?? this.s.model;
    // Usage rides on a `choices: []` chunk, on the finish chunk, or in Groq's x_groq: keep the last.
    const groq = isObj(json.x_groq) ? json.x_groq.usage : undefined;
    const usage = isObj(json.usage) ? json.usage : isObj(groq) ? groq : undefined;
    if (usage)
      this.s.setUsage(num(usage.prompt_tokens), num(usage.completion_tokens), num(usage.total_tokens));
    const choices = Array.isArray(json.choices) ? json.choices : [];
    const choice: unknown = choices.find((c) => isObj(c) && (c.index ?? 0) === 0);
    if (!isObj(choice)) return [];
    // A later chunk with finish_reason null must not erase it.
    this.s.finishReason = str(choice.finish_reason) ?? this.s.finishReason;
    const delta = isObj(choice.delta) ? choice.delta : {};
    const refusal = str(delta.refusal);
    return this.s.delta({
      content: str(delta.content),
      // vLLM, DeepSeek and LM Studio say reasoning_content; OpenRouter and newer vLLM say reasoning.
      reasoning: str(delta.reasoning_content) ?? str(delta.reasoning),
      toolCalls: toolChunks(delta.tool_calls),
      kwargs: refusal ? { refusal } : undefined,
    });
  }

  finish(): AIMessageChunk {
    // No [DONE] is fine after a finish_reason and a clean close (some servers omit it).
    if (!this.complete && this.s.finishReason === undefined) throw endedEarlyError(this.ctx, "[DONE]");
    if (this.s.finishReason === "content_filter") throw blockedError(this.ctx, "content_filter", "answer");
    return this.s.final();
  }
}

function toolChunks(raw: unknown): ToolCallChunk[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: ToolCallChunk[] = [];
  raw.forEach((t: unknown, i) => {
    if (!isObj(t)) return;
    const fn = isObj(t.function) ? t.function : {};
    const chunk: ToolCallChunk = { index: typeof t.index === "number" ? t.index : i };
    const id = str(t.id);
    const name = str(fn.name);
    if (id !== undefined) chunk.id = id;
    if (name !== undefined) chunk.name = name;
    chunk.args = typeof fn.arguments === "string" ? fn.arguments : "";
    out.push(chunk);
  });
  return out;
}

/**
 * The OpenAI adapter. The official API gets `max_completion_tokens` (reasoning models refuse
 * `max_tokens`); compatible servers get `max_tokens`, which they all understand.
 */
export const openaiAdapter: ProviderAdapter = {
  framing: "sse",
  defaultBaseUrl: () => "https://api.openai.com/v1",
  buildRequest(config, baseUrl, messages) {
    const p = config.params ?? {};
    const headers: Record<string, string> = { "content-type": "application/json" };
    // No key, no header: local servers must not see an empty "Bearer ".
    if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
    const maxKey = config.provider === "openai" ? "max_completion_tokens" : "max_tokens";
    const body = defined({
      model: config.model,
      messages: messages.map((m) => ({ role: chatRole(m), content: m.content })),
      stream: true,
      // Obfuscation padding only guards untrusted networks; compatible servers may not know the option.
      stream_options:
        config.provider === "openai"
          ? { include_usage: true, include_obfuscation: false }
          : { include_usage: true },
      temperature: p.temperature,
      top_p: p.topP,
      [maxKey]: p.maxTokens,
      stop: p.stop && p.stop.length > 0 ? p.stop : undefined,
    });
    return { url: endpoint(baseUrl, "/chat/completions"), headers, body };
  },
  createDecoder: (ctx) => new OpenAIDecoder(ctx),
};
