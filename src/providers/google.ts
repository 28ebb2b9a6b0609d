/**
 * Google Gemini `streamGenerateContent?alt=sse`: `data: {GenerateContentResponse}` events, no end
 * sentinel (a finishReason is the only proof the answer is complete), usage as running snapshots,
 * `thought: true` parts for reasoning, complete `functionCall` parts for tools.
 */
import type { AIMessageChunk } from "../core/messages/ai.ts";
import type { BaseMessage, ToolCallChunk } from "../core/messages/base.ts";
import { ChunkState, type ProviderAdapter, type StreamDecoder, defined, isObj, num, str } from "./adapter.ts";
import { factsFromPayload } from "./error-body.ts";
import { type ErrorContext, streamError } from "./error-text.ts";
import { blockedError, endedEarlyError } from "./failure-text.ts";
import type { Frame } from "./sse.ts";

/** Finish reasons that mean a filter stopped the answer (reported as `blocked`). */
const BLOCKING = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
]);

class GoogleDecoder implements StreamDecoder {
  /**
   * Gemini has no end event: the chunk with a finishReason is the last one (usage rides on it), so
   * reading stops there rather than waiting for the server to close.
   */
  get complete(): boolean {
    return this.s.finishReason !== undefined;
  }
  private readonly s = new ChunkState();
  private tools = 0;

  constructor(private readonly ctx: ErrorContext) {}

  push(frame: Frame): AIMessageChunk[] {
    const json = this.s.json(frame);
    if (!isObj(json)) return [];
    if (json.error !== undefined && json.error !== null) throw streamError(this.ctx, factsFromPayload(json));
    const feedback = isObj(json.promptFeedback) ? json.promptFeedback : {};
    const blockReason = str(feedback.blockReason);
    if (blockReason) throw blockedError(this.ctx, blockReason, "prompt");
    this.s.id ??= str(json.responseId);
    this.s.model = str(json.modelVersion) ?? this.s.model;
    if (isObj(json.usageMetadata)) {
      // A snapshot of the totals so far: the last one wins. Output includes the thinking tokens.
      const u = json.usageMetadata;
      const output = num(u.candidatesTokenCount) + num(u.thoughtsTokenCount);
      this.s.setUsage(num(u.promptTokenCount), output, num(u.totalTokenCount));
    }
    const candidates = Array.isArray(json.candidates) ? json.candidates : [];
    const candidate: unknown = candidates[0];
    if (!isObj(candidate)) return [];
    this.s.finishReason = str(candidate.finishReason) ?? this.s.finishReason;
    const content = isObj(candidate.content) ? candidate.content : {};
    const parts = Array.isArray(content.parts) ? content.parts : [];
    let text = "";
    let reasoning = "";
    const toolCalls: ToolCallChunk[] = [];
    for (const part of parts) {
      if (!isObj(part)) continue;
      if (typeof part.text === "string") {
        if (part.thought === true) reasoning += part.text;
        else text += part.text;
      }
      if (isObj(part.functionCall)) toolCalls.push(this.toolCall(part.functionCall));
    }
    return this.s.delta({ content: text, reasoning, toolCalls });
  }

  /** Gemini sends each call whole; ids only when the API assigns them. */
  private toolCall(call: Record<string, unknown>): ToolCallChunk {
    const chunk: ToolCallChunk = { index: this.tools++, args: JSON.stringify(call.args ?? {}) };
    const name = str(call.name);
    const id = str(call.id);
    if (name !== undefined) chunk.name = name;
    if (id !== undefined) chunk.id = id;
    return chunk;
  }

  finish(): AIMessageChunk {
    const reason = this.s.finishReason;
    if (reason === undefined) throw endedEarlyError(this.ctx, "a chunk with finishReason");
    if (BLOCKING.has(reason)) throw blockedError(this.ctx, reason, "answer");
    return this.s.final();
  }
}

interface Content {
  role: "user" | "model";
  parts: { text: string }[];
}

/** Gemini's contents: user/model turns, consecutive same-role messages merged into one turn. */
function toContents(messages: BaseMessage[]): { contents: Content[]; system: string[] } {
  const system: string[] = [];
  const contents: Content[] = [];
  for (const m of messages) {
    if (m.type === "system") {
      system.push(m.content);
      continue;
    }
    if (m.type !== "human" && m.type !== "ai") {
      throw new Error(`Provider models take system, human and ai messages, not "${m.type}" messages.`);
    }
    const role = m.type === "ai" ? "model" : "user";
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push({ text: m.content });
    else contents.push({ role, parts: [{ text: m.content }] });
  }
  // At least one turn is required: a system-only prompt becomes the user turn.
  if (contents.length === 0)
    contents.push({ role: "user", parts: [{ text: system.splice(0).join("\n\n") }] });
  return { contents, system };
}

/** The Gemini adapter. The key travels in x-goog-api-key (never the URL, which ends up in logs). */
export const googleAdapter: ProviderAdapter = {
  framing: "sse",
  defaultBaseUrl: () => "https://generativelanguage.googleapis.com/v1beta",
  buildRequest(config, baseUrl, messages) {
    const p = config.params ?? {};
    // Only headers Gemini's CORS preflight allows: content-type and x-goog-api-key.
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.apiKey) headers["x-goog-api-key"] = config.apiKey;
    const { contents, system } = toContents(messages);
    const generationConfig = defined({
      temperature: p.temperature,
      topP: p.topP,
      maxOutputTokens: p.maxTokens,
      stopSequences: p.stop && p.stop.length > 0 ? p.stop : undefined,
    });
    const body = defined({
      contents,
      systemInstruction: system.length > 0 ? { parts: [{ text: system.join("\n\n") }] } : undefined,
      generationConfig: Object.keys(generationConfig).length > 0 ? generationConfig : undefined,
    });
    const model = encodeURIComponent(config.model.replace(/^models\//, ""));
    const url = `${baseUrl.replace(/\/+$/, "")}/models/${model}:streamGenerateContent?alt=sse`;
    return { url, headers, body };
  },
  createDecoder: (ctx) => new GoogleDecoder(ctx),
};
