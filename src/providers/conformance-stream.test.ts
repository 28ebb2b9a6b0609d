/** Conformance, part 1: what a successful stream assembles to, for every provider, over real HTTP. */
import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "../core/messages/ai.ts";
import {
  CASES,
  MODEL,
  collect,
  modelFor,
  providerRequests,
  script,
  useMock,
  words,
} from "./conformance.harness.ts";
import { ProviderError } from "./errors.ts";

const TEXT = "The quick brown fox jumps over the lazy dog.";
const UNICODE = "Naïve café — 日本語のテキスト 🌍🚀 👩‍👩‍👧 e\u0301 Ωμέγα ✓";
/** Few events, so byte-by-byte pacing stays fast; 2-, 3- and 4-byte characters. */
const SHORT_UNICODE = "é 日本 🌍👩‍👧";

describe.each(CASES)("$provider streams", (c) => {
  const m = useMock();

  it("assembles a normal stream exactly, in several chunks, with metadata on the final chunk", async () => {
    script(c, m.mock, { text: TEXT });
    const { chunks, message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(chunks.filter((k) => k.content !== "").map((k) => k.content)).toEqual(words(TEXT));
    const last = chunks[chunks.length - 1]!;
    expect(last.content).toBe("");
    expect(last.response_metadata.finish_reason).toBe(c.finish.stop);
    expect(last.response_metadata.model_name).toBe(MODEL);
    expect(message.response_metadata.finish_reason).toBe(c.finish.stop);
    expect(message.additional_kwargs).toEqual({});
    expect(message.tool_calls).toEqual([]);
    if (c.hasId) expect(message.id).toBeTruthy();
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it("keeps unicode intact when characters are split across reads", async () => {
    // The pause makes each 3-byte piece its own read (back-to-back writes coalesce in TCP).
    script(c, m.mock, { text: SHORT_UNICODE, pieceBytes: 3, delayMs: 1 });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(SHORT_UNICODE);
    expect(message.content).not.toContain("\uFFFD");
  }, 15_000);

  it.runIf(c.sse)(
    "passes the SSE traps: BOM and CRLF pairs split across 2-byte reads",
    async () => {
      script(c, m.mock, { text: SHORT_UNICODE, bom: true, lineEnding: "crlf", pieceBytes: 2, delayMs: 1 });
      const { message, error } = await collect(modelFor(c, m.mock));
      expect(error).toBeUndefined();
      expect(message.content).toBe(SHORT_UNICODE);
    },
    15_000,
  );

  it.runIf(c.sse)("passes the SSE traps: lone CR line endings (the last event ends the body)", async () => {
    script(c, m.mock, { text: TEXT, lineEnding: "cr", pieceBytes: 2 });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(message.response_metadata.finish_reason).toBe(c.finish.stop);
  });

  it.runIf(c.sse)("passes the SSE traps: mixed line endings, comments, multi-line data", async () => {
    script(c, m.mock, {
      text: UNICODE,
      lineEnding: "mixed",
      comments: "OPENROUTER PROCESSING",
      multiLineData: true,
      pieceBytes: 3,
    });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(UNICODE);
    expect(message.response_metadata.malformed_events).toBeUndefined();
  });

  it("reports the provider's last usage totals once, on the final chunk", async () => {
    const usage = { input: 40, output: 12, reasoning: 4, cacheRead: 8, cacheWrite: 2 };
    script(c, m.mock, { text: TEXT, reasoning: "a b c d", usage });
    const { chunks, message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    const withUsage = chunks.filter((k) => k.usage_metadata !== undefined);
    expect(withUsage).toEqual([chunks[chunks.length - 1]]);
    expect(message.usage_metadata).toEqual({ input_tokens: 40, output_tokens: 12, total_tokens: 52 });
  });

  it("puts reasoning in additional_kwargs.reasoning_content, never in content", async () => {
    const reasoning = "First, consider the fox. Then the dog.";
    script(c, m.mock, { text: TEXT, reasoning, pieceBytes: 5 });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(message.additional_kwargs.reasoning_content).toBe(reasoning);
  });

  it("assembles tool calls into tool_calls with ids, names and parsed args", async () => {
    const toolCalls = [
      { id: "call_weather_1", name: "get_weather", args: { city: "Zürich", units: "metric", days: 3 } },
      { id: "call_time_2", name: "get_time", args: { zone: "Europe/Zurich", nested: { a: [1, 2] } } },
    ];
    script(c, m.mock, { toolCalls, pieceBytes: 7 });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe("");
    expect(message.tool_calls).toEqual(toolCalls);
    expect(message.response_metadata.finish_reason).toBe(c.finish.tools);
  });

  it("reports a token-limit finish as the provider's own finish_reason", async () => {
    script(c, m.mock, { text: TEXT, finishReason: "length" });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.response_metadata.finish_reason).toBe(c.finish.length);
  });

  it("skips a malformed event without misreading it, counts it, and keeps the text exact", async () => {
    script(c, m.mock, { text: TEXT, malformedLine: { afterChunks: c.textAt + 2 } });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(message.response_metadata.malformed_events).toBe(1);
  });

  it.runIf(c.provider !== "ollama")(
    "reports a content filter stop as blocked, keeping the text",
    async () => {
      script(c, m.mock, { text: TEXT, finishReason: "content_filter" });
      const { message, error } = await collect(modelFor(c, m.mock));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: "blocked", retryable: false });
      expect(message.content).toBe(TEXT);
    },
  );

  it("works through core: invoke, stream and events carry the LangChain model name", async () => {
    const model = modelFor(c, m.mock);
    script(c, m.mock, { text: TEXT }, { text: TEXT }, { text: TEXT });
    const invoked = await model.invoke("hi");
    expect(invoked).toBeInstanceOf(AIMessageChunk);
    expect(invoked.content).toBe(TEXT);
    let streamed = "";
    for await (const chunk of await model.stream("hi")) streamed += chunk.content;
    expect(streamed).toBe(TEXT);
    const names = new Set<string>();
    for await (const ev of model.streamEvents("hi", { version: "v2" })) {
      if (ev.event.startsWith("on_chat_model")) names.add(`${ev.event}:${ev.name}`);
    }
    const name = { google: "ChatGoogleGenerativeAI", anthropic: "ChatAnthropic", ollama: "ChatOllama" }[
      c.provider as string
    ];
    const expected = name ?? "ChatOpenAI";
    expect([...names].sort()).toEqual([
      `on_chat_model_end:${expected}`,
      `on_chat_model_start:${expected}`,
      `on_chat_model_stream:${expected}`,
    ]);
  });
});
