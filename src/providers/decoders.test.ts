/**
 * Decoder cases the mock server does not model (its README lists them): Gemini prompt blocks, Groq's
 * x_groq usage, Azure's empty first chunk, OpenRouter's error chunk, old vLLM errors, no [DONE].
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "../core/messages/ai.ts";
import type { StreamDecoder } from "./adapter.ts";
import { anthropicAdapter } from "./anthropic.ts";
import type { ErrorContext } from "./error-text.ts";
import { googleAdapter } from "./google.ts";
import { ollamaAdapter } from "./ollama.ts";
import { openaiAdapter } from "./openai.ts";

const ctx = (provider: ErrorContext["provider"]): ErrorContext => ({
  provider,
  model: "m",
  baseUrl: "http://h",
  hasKey: true,
});

/** Feeds JSON frames; returns the message they add up to, or throws what the decoder throws. */
function run(decoder: StreamDecoder, frames: (object | string)[]): AIMessageChunk {
  let msg = new AIMessageChunk("");
  for (const f of frames) {
    const data = typeof f === "string" ? f : JSON.stringify(f);
    for (const c of decoder.push({ data })) msg = msg.concat(c);
    if (decoder.complete) break;
  }
  return msg.concat(decoder.finish());
}

const oa = () => openaiAdapter.createDecoder(ctx("openai-compatible"));
const choice = (delta: object, finish: string | null = null) => ({
  id: "c1",
  model: "m",
  choices: [{ index: 0, delta, finish_reason: finish }],
});

describe("OpenAI-compatible quirks", () => {
  it("reads Groq's usage inside x_groq", () => {
    const msg = run(oa(), [
      choice({ content: "hi" }),
      {
        ...choice({}, "stop"),
        x_groq: { usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      },
      "[DONE]",
    ]);
    expect(msg.usage_metadata).toEqual({ input_tokens: 3, output_tokens: 2, total_tokens: 5 });
  });

  it("skips Azure's empty first chunk and keeps a finish_reason against later nulls", () => {
    const azure = { id: "", model: "", choices: [], prompt_filter_results: [{ prompt_index: 0 }] };
    const msg = run(oa(), [azure, choice({ content: "a" }, "stop"), choice({}, null), "[DONE]"]);
    expect(msg.content).toBe("a");
    expect(msg.response_metadata.finish_reason).toBe("stop");
  });

  it("accepts a finish_reason then a clean close without [DONE] (llama.cpp forks)", () => {
    expect(run(oa(), [choice({ content: "a" }), choice({}, "stop")]).content).toBe("a");
    expect(() => run(oa(), [choice({ content: "a" })])).toThrow(/ended before \[DONE\]/);
  });

  it("reports OpenRouter's error chunk and old vLLM's flat error", () => {
    const openrouter = {
      error: { code: 502, message: "Provider down" },
      choices: [{ finish_reason: "error" }],
    };
    expect(() => run(oa(), [choice({ content: "a" }), openrouter])).toThrow(
      expect.objectContaining({ kind: "api_error", status: 502, providerMessage: "Provider down" }),
    );
    const vllm = { object: "error", message: "boom", type: "InternalServerError", code: 500 };
    expect(() => run(oa(), [vllm])).toThrow(expect.objectContaining({ status: 500, retryable: true }));
  });

  it("does not mistake `error: null` for an error", () => {
    expect(run(oa(), [{ ...choice({ content: "a" }, "stop"), error: null }, "[DONE]"]).content).toBe("a");
  });
});

describe("Gemini", () => {
  const g = () => googleAdapter.createDecoder(ctx("google"));

  it("reports a blocked prompt (no candidates) as blocked", () => {
    const blocked = { promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: {} };
    expect(() => run(g(), [blocked])).toThrow(
      expect.objectContaining({ kind: "blocked", type: "PROHIBITED_CONTENT" }),
    );
  });

  it("keeps the last usage snapshot, counting thoughts as output", () => {
    const chunk = (text: string, usage: object, finishReason?: string) => ({
      candidates: [
        { content: { role: "model", parts: [{ text }] }, ...(finishReason ? { finishReason } : {}) },
      ],
      usageMetadata: usage,
    });
    const msg = run(g(), [
      chunk("a", { promptTokenCount: 5, totalTokenCount: 5 }),
      chunk(
        "b",
        { promptTokenCount: 5, candidatesTokenCount: 2, thoughtsTokenCount: 3, totalTokenCount: 10 },
        "STOP",
      ),
    ]);
    expect(msg.usage_metadata).toEqual({ input_tokens: 5, output_tokens: 5, total_tokens: 10 });
  });
});

describe("Anthropic and Ollama details", () => {
  it("Anthropic: later usage counters replace earlier ones, cache counted as input", () => {
    const d = anthropicAdapter.createDecoder(ctx("anthropic"));
    const msg = run(d, [
      {
        type: "message_start",
        message: { id: "msg_1", model: "c", usage: { input_tokens: 4, output_tokens: 1 } },
      },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "hi" } },
      {
        type: "message_delta",
        delta: { stop_reason: "end_turn" },
        usage: { output_tokens: 9, cache_read_input_tokens: 6 },
      },
      { type: "some_future_event" },
      { type: "message_stop" },
    ]);
    expect(msg.usage_metadata).toEqual({ input_tokens: 10, output_tokens: 9, total_tokens: 19 });
    expect(msg.id).toBe("msg_1");
  });

  it("Ollama: missing counters are 0; a complete last line without newline still counts", () => {
    const d = ollamaAdapter.createDecoder(ctx("ollama"));
    expect(d.push({ data: '{"message":{"content":"x"},"done":false}' })).toHaveLength(1);
    d.push({ data: '{"message":{"content":""},"done":true,"done_reason":"stop"}', tail: true });
    expect(d.finish().usage_metadata).toEqual({ input_tokens: 0, output_tokens: 0, total_tokens: 0 });
  });
});
