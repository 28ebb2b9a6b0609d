import { describe, expect, it } from "vitest";
import type { ProviderId } from "./server.ts";
import {
  ANTHROPIC_HEADERS,
  mock,
  ndjson,
  parseSse,
  paths,
  post,
  readUntilError,
  reads,
  sseJson,
  streamRequest,
  text,
} from "./test-helpers.ts";

const PROVIDERS: ProviderId[] = ["openai", "anthropic", "gemini", "ollama"];
type Obj = Record<string, unknown>;

describe("httpError: provider-shaped bodies and headers", () => {
  it("OpenAI: pretty {error:{message,type,param,code}} with retry-after and retry-after-ms", async () => {
    const m = await mock();
    m.script({ httpError: { status: 429, retryAfterSec: 2, retryAfterMs: 1500 } });
    const res = await streamRequest(m, "openai");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("retry-after-ms")).toBe("1500");
    expect(await text(res)).toBe(
      '{\n  "error": {\n    "message": "Rate limit reached for requests.",\n    "type": "requests",\n    "param": null,\n    "code": "rate_limit_exceeded"\n  }\n}',
    );
  });

  it("OpenAI: type and code overrides (insufficient_quota)", async () => {
    const m = await mock();
    m.script({
      httpError: { status: 429, type: "insufficient_quota", code: "insufficient_quota", message: "Quota" },
    });
    const body = JSON.parse(await text(await streamRequest(m, "openai"))) as Obj;
    expect(body).toEqual({
      error: { message: "Quota", type: "insufficient_quota", param: null, code: "insufficient_quota" },
    });
  });

  it("Anthropic: {type:error, error:{type,message}, request_id} with the status's type", async () => {
    const m = await mock();
    m.script({ httpError: { status: 529, retryAfterSec: 3 } });
    const res = await streamRequest(m, "anthropic");
    expect(res.status).toBe(529);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    const body = JSON.parse(await text(res)) as Obj;
    expect(body).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(body.request_id).toBe(res.headers.get("request-id"));
  });

  it("Gemini: {error:{code,message,status,details}} with RetryInfo in the body, no retry-after", async () => {
    const m = await mock();
    m.script({ httpError: { status: 429, retryAfterMs: 12_771 } });
    const res = await streamRequest(m, "gemini");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeNull();
    const raw = await text(res);
    expect(raw.startsWith('{\n  "error": {\n    "code": 429,')).toBe(true);
    const error = (JSON.parse(raw) as { error: Obj }).error;
    expect(error.status).toBe("RESOURCE_EXHAUSTED");
    expect(error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "12.771s",
    });
  });

  it("Ollama: {error: string}", async () => {
    const m = await mock();
    m.script({ httpError: { status: 404 } });
    const res = await streamRequest(m, "ollama");
    expect(res.status).toBe(404);
    expect(await text(res)).toBe(`{"error":"model 'llama3.2' not found"}`);
  });

  it("carries scenario headers on errors too", async () => {
    const m = await mock();
    m.script({ httpError: { status: 429 }, headers: { "x-ratelimit-remaining-requests": "0" } });
    const res = await streamRequest(m, "openai");
    expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("0");
  });
});

describe("auth refusals", () => {
  it("Anthropic wants x-api-key and anthropic-version", async () => {
    const m = await mock();
    const body = { model: "c", max_tokens: 1, messages: [], stream: true };
    const noKey = await post(m.url + paths.anthropic, body, { "anthropic-version": "2023-06-01" });
    expect(noKey.status).toBe(401);
    expect(await text(noKey)).toContain('"message":"x-api-key header is required"');
    const noVersion = await post(m.url + paths.anthropic, body, { "x-api-key": "k" });
    expect(noVersion.status).toBe(400);
    expect(m.requests).toHaveLength(2);
  });

  it("Gemini wants a key in x-goog-api-key or ?key=, checks it when configured", async () => {
    const m = await mock({ apiKeys: { gemini: "right" } });
    const url = m.url + "/v1beta/models/g:streamGenerateContent?alt=sse";
    expect((await post(url, {})).status).toBe(403);
    const wrong = await post(url, {}, { "x-goog-api-key": "wrong" });
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain('"reason": "API_KEY_INVALID"');
    expect((await post(url + "&key=right", {})).status).toBe(200);
  });

  it("OpenAI needs no key unless one is configured, then exactly that Bearer key", async () => {
    const open = await mock();
    expect((await streamRequest(open, "openai")).status).toBe(200);
    const m = await mock({ apiKeys: { openai: "sk-right-key" } });
    const missing = await streamRequest(m, "openai");
    expect(missing.status).toBe(401);
    const wrong = await post(
      m.url + paths.openai,
      { stream: true },
      { authorization: "Bearer sk-wrong-key" },
    );
    expect((JSON.parse(await text(wrong)) as { error: Obj }).error.code).toBe("invalid_api_key");
    const right = await post(
      m.url + paths.openai,
      { stream: true },
      { authorization: "Bearer sk-right-key" },
    );
    expect(right.status).toBe(200);
  });
});

describe("streamError: the provider's own in-stream error", () => {
  it("OpenAI: data: {error} and no [DONE]; thenDone adds it like vLLM", async () => {
    const m = await mock();
    m.script(
      { streamError: { afterChunks: 2 } },
      { streamError: { afterChunks: 1, code: 500, thenDone: true } },
    );
    const events = sseJson(await text(await streamRequest(m, "openai")));
    expect(events).toHaveLength(3);
    expect(events[2]).toEqual({
      error: {
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        param: null,
        code: null,
      },
    });
    const vllm = sseJson(await text(await streamRequest(m, "openai")));
    expect(vllm.slice(1)).toEqual([{ error: expect.objectContaining({ code: 500 }) as unknown }, "[DONE]"]);
  });

  it("Anthropic: event: error and no message_stop", async () => {
    const m = await mock();
    m.script({ streamError: { afterChunks: 4 } });
    const events = parseSse(await text(await streamRequest(m, "anthropic")));
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "error",
    ]);
    expect(JSON.parse(events[4]!.data)).toMatchObject({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
  });

  it("Gemini: data: {error:{code,message,status}}; Ollama: {error} line", async () => {
    const m = await mock();
    m.script(
      { provider: "gemini", streamError: { afterChunks: 1 } },
      { provider: "ollama", streamError: { afterChunks: 1 } },
    );
    const gem = await text(await streamRequest(m, "gemini"));
    expect(gem.split("\r\n\r\n")[1]).toBe(
      'data: {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}',
    );
    const lines = ndjson(await text(await streamRequest(m, "ollama")));
    expect(lines[1]).toEqual({ error: "an error was encountered while running the model: unexpected EOF" });
  });
});

describe("connection faults", () => {
  it.each(PROVIDERS)("abruptClose ends %s cleanly without its completion signal", async (p) => {
    const m = await mock();
    m.script({ abruptClose: { afterChunks: 2 } });
    const body = await text(await streamRequest(m, p));
    expect(body).not.toMatch(/\[DONE\]|message_stop|"done":true|finishReason/);
    const count = p === "ollama" ? ndjson(body).length : parseSse(body).length;
    expect(count).toBe(2);
  });

  it.each(PROVIDERS)("reset destroys the %s socket mid-body", async (p) => {
    const m = await mock();
    m.script({ reset: { afterChunks: 1 } });
    const { received, error } = await readUntilError(await streamRequest(m, p));
    expect(error).toBeInstanceOf(TypeError);
    expect(received.length).toBeGreaterThan(0);
  });

  it("malformedLine sends one half JSON event, then carries on", async () => {
    const m = await mock();
    m.script(
      { malformedLine: { afterChunks: 1 }, text: "a b" },
      { provider: "ollama", malformedLine: { afterChunks: 0 } },
    );
    const events = parseSse(await text(await streamRequest(m, "openai")));
    expect(events).toHaveLength(6);
    expect(() => JSON.parse(events[1]!.data) as unknown).toThrow();
    expect(events[1]!.data.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(events.at(-1)!.data).toBe("[DONE]");
    const lines = (await text(await streamRequest(m, "ollama"))).split("\n");
    expect(() => JSON.parse(lines[0]!) as unknown).toThrow();
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({ done: true });
  });

  it("stall pauses for ms, then resumes", async () => {
    const m = await mock();
    m.script({ stall: { afterChunks: 1, ms: 200 }, text: "a b c", delayMs: 1 });
    const { chunks, times } = await reads(await streamRequest(m, "anthropic"));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(180);
    expect(Buffer.concat(chunks).toString()).toContain("message_stop");
  });

  it("stall without ms holds the connection until the client leaves", async () => {
    const m = await mock();
    m.script({ stall: { afterChunks: 0 } }, { stall: { afterChunks: 0 } });
    const ctl = new AbortController();
    const res = await streamRequest(m, "gemini", ctl.signal);
    setTimeout(() => ctl.abort(), 100);
    await expect(res.text()).rejects.toThrow();
    // Non-streamed answers stall the same way.
    const ctl2 = new AbortController();
    setTimeout(() => ctl2.abort(), 100);
    await expect(
      post(m.url + paths.anthropic, { model: "c", max_tokens: 1 }, ANTHROPIC_HEADERS, ctl2.signal),
    ).rejects.toThrow();
  });
});
