import { describe, expect, it } from "vitest";
import {
  ANTHROPIC_HEADERS,
  GEMINI_HEADERS,
  mock,
  ndjson,
  paths,
  post,
  sseJson,
  text,
} from "./test-helpers.ts";

const msgs = [{ role: "user", content: "hi" }];
const usage = { input: 100, output: 30, reasoning: 10, cacheRead: 40, cacheWrite: 5 };
const weather = { id: "call_w1", name: "get_weather", args: { city: "Paris", units: "c" } };

// Loose JSON views of the wire objects for assertions.
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => v as Obj;

describe("OpenAI content", () => {
  const url = (m: { url: string }) => m.url + paths.openai;
  const body = {
    model: "gpt-4o-mini",
    messages: msgs,
    stream: true,
    stream_options: { include_usage: true },
  };

  it("adds usage: null to chunks and a final choices: [] usage chunk before [DONE]", async () => {
    const m = await mock();
    m.script({ text: "ok", usage });
    const chunks = sseJson(await text(await post(url(m), body)));
    expect(chunks.at(-1)).toBe("[DONE]");
    const last = obj(chunks.at(-2));
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: 100,
      completion_tokens: 30,
      total_tokens: 130,
      prompt_tokens_details: { cached_tokens: 40, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 10,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
    expect(chunks.slice(0, -2).every((c) => obj(c).usage === null)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => typeof obj(c).obfuscation === "string")).toBe(true);
  });

  it("streams reasoning as delta.reasoning_content (or reasoning) before content", async () => {
    const m = await mock();
    m.script({ reasoning: "think hard", text: "ok" }, { reasoning: "r", reasoningField: "reasoning" });
    const deltas = (cs: unknown[]) => cs.slice(0, -2).map((c) => obj((obj(c).choices as Obj[])[0]).delta);
    expect(deltas(sseJson(await text(await post(url(m), body)))).slice(1, 4)).toEqual([
      { reasoning_content: "think" },
      { reasoning_content: " hard" },
      { content: "ok" },
    ]);
    expect(deltas(sseJson(await text(await post(url(m), body))))[1]).toEqual({ reasoning: "r" });
  });

  it("streams tool calls as index/id/name then argument pieces, finish_reason tool_calls", async () => {
    const m = await mock();
    m.script({ toolCalls: [weather, { name: "noop", args: {} }] });
    const chunks = sseJson(await text(await post(url(m), body))).slice(0, -2);
    const choices = chunks.map((c) => (obj(c).choices as Obj[])[0]!);
    const first = obj(choices[0]!.delta);
    expect(first).toMatchObject({ role: "assistant", content: null });
    expect(first.tool_calls).toEqual([
      { index: 0, id: "call_w1", type: "function", function: { name: "get_weather", arguments: "" } },
    ]);
    const args = (i: number) =>
      choices
        .flatMap((c) => (obj(c.delta).tool_calls as Obj[] | undefined) ?? [])
        .filter((t) => t.index === i)
        .map((t) => obj(t.function).arguments as string)
        .join("");
    expect(JSON.parse(args(0))).toEqual(weather.args);
    expect(JSON.parse(args(1))).toEqual({});
    expect(choices.at(-1)!.finish_reason).toBe("tool_calls");
  });

  it("answers stream: false with a pretty chat.completion", async () => {
    const m = await mock();
    m.script({ text: "whole", toolCalls: [weather], finishReason: "length" });
    const raw = await text(await post(url(m), { model: "gpt-4o", messages: msgs }));
    expect(raw.startsWith('{\n  "id": "chatcmpl-')).toBe(true);
    const parsed = obj(JSON.parse(raw));
    expect(parsed.object).toBe("chat.completion");
    const choice = (parsed.choices as Obj[])[0]!;
    expect(choice.finish_reason).toBe("length");
    expect(obj(choice.message).content).toBe("whole");
    expect((obj(choice.message).tool_calls as Obj[])[0]).toMatchObject({
      function: { name: "get_weather", arguments: '{"city":"Paris","units":"c"}' },
    });
  });
});

describe("Anthropic content", () => {
  const send = (m: { url: string }, stream = true) =>
    post(
      m.url + paths.anthropic,
      { model: "claude-x", max_tokens: 9, messages: msgs, stream },
      ANTHROPIC_HEADERS,
    );

  it("streams thinking, text and tool_use blocks with cumulative usage", async () => {
    const m = await mock();
    m.script({ reasoning: "hmm", text: "ok", toolCalls: [weather], usage });
    const events = sseJson(await text(await send(m))).map(obj);
    expect(events.map((e) => e.type)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      ...Array<string>(1 + 4).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(obj(events[3]!.delta)).toEqual({ type: "thinking_delta", thinking: "hmm" });
    expect(obj(events[4]!.delta).type).toBe("signature_delta");
    expect(obj(events[9]!.content_block)).toEqual({
      type: "tool_use",
      id: "call_w1",
      name: "get_weather",
      input: {},
    });
    const json = events
      .map((e) => e.delta as Obj | undefined)
      .filter((d) => d?.type === "input_json_delta")
      .map((d) => d!.partial_json as string);
    expect(json[0]).toBe("");
    expect(JSON.parse(json.join(""))).toEqual(weather.args);
    expect(obj(obj(events[0]!.message).usage)).toMatchObject({
      input_tokens: 55,
      cache_creation_input_tokens: 5,
      cache_read_input_tokens: 40,
    });
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { output_tokens: 30 } });
  });

  it("answers without stream with a message object", async () => {
    const m = await mock();
    m.script({ text: "whole", finishReason: "length" });
    const body = obj(JSON.parse(await text(await send(m, false))));
    expect(body).toMatchObject({
      type: "message",
      content: [{ type: "text", text: "whole" }],
      stop_reason: "max_tokens",
    });
  });
});

describe("Gemini content", () => {
  const stream = (m: { url: string }) => post(m.url + paths.gemini, { contents: [] }, GEMINI_HEADERS);

  it("streams thought parts, text and a functionCall part with running usage", async () => {
    const m = await mock();
    m.script({ reasoning: "a b", text: "c", toolCalls: [{ name: "f", args: { x: 1 } }], usage });
    const chunks = sseJson(await text(await stream(m))).map(obj);
    const parts = chunks.map((c) => obj((c.candidates as Obj[])[0]!.content).parts);
    expect(parts).toEqual([
      [{ text: "a", thought: true }],
      [{ text: " b", thought: true }],
      [{ text: "c" }],
      [{ functionCall: { name: "f", args: { x: 1 } } }],
    ]);
    const meta = chunks.map((c) => obj(c.usageMetadata));
    expect(meta[0]).not.toHaveProperty("candidatesTokenCount");
    expect(meta.map((u) => u.thoughtsTokenCount)).toEqual([5, 10, 10, 10]);
    expect(meta.at(-1)).toMatchObject({
      promptTokenCount: 100,
      candidatesTokenCount: 20,
      totalTokenCount: 130,
    });
    expect(chunks.map((c) => (c.candidates as Obj[])[0]!.finishReason)).toEqual([
      undefined,
      undefined,
      undefined,
      "STOP",
    ]);
  });

  it("streams a JSON array without alt=sse and answers :generateContent with one object", async () => {
    const m = await mock();
    m.script({ text: "x y" }, { text: "x y" });
    const base = m.url + "/v1beta/models/gemini-2.5-pro:";
    const array = JSON.parse(
      await text(await post(base + "streamGenerateContent", {}, GEMINI_HEADERS)),
    ) as Obj[];
    expect(array).toHaveLength(2);
    expect(array[0]!.modelVersion).toBe("gemini-2.5-pro");
    const single = obj(JSON.parse(await text(await post(base + "generateContent", {}, GEMINI_HEADERS))));
    expect((single.candidates as Obj[])[0]).toMatchObject({
      content: { parts: [{ text: "x y" }] },
      finishReason: "STOP",
    });
  });
});

describe("Ollama content", () => {
  const send = (m: { url: string }, extra: Obj = {}) =>
    post(m.url + paths.ollama, { model: "qwen3", messages: msgs, ...extra });

  it("streams message.thinking, content and tool_calls, counters on the done line", async () => {
    const m = await mock();
    m.script({ reasoning: "hm", text: "ok", toolCalls: [{ name: "f", args: { a: "<b>" } }], usage });
    const raw = await text(await send(m));
    expect(raw).toContain('"\\u003cb\\u003e"');
    const lines = ndjson(raw).map(obj);
    expect(lines.map((l) => l.message)).toEqual([
      { role: "assistant", content: "", thinking: "hm" },
      { role: "assistant", content: "ok" },
      { role: "assistant", content: "", tool_calls: [{ function: { name: "f", arguments: { a: "<b>" } } }] },
      { role: "assistant", content: "" },
    ]);
    expect(lines.at(-1)).toMatchObject({
      done: true,
      done_reason: "stop",
      prompt_eval_count: 100,
      eval_count: 30,
    });
  });

  it("omits zero counters and answers stream: false with one JSON object", async () => {
    const m = await mock();
    m.script({ text: "whole", usage: { input: 0, output: 2 } });
    const res = await send(m, { stream: false });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = obj(JSON.parse(await text(res)));
    expect(body).toMatchObject({
      message: { role: "assistant", content: "whole" },
      done: true,
      eval_count: 2,
    });
    expect(body).not.toHaveProperty("prompt_eval_count");
  });
});
