/** Error mapping (pure): payload shapes, categories, messages, the ProviderError contract. */
import { describe, expect, it } from "vitest";
import { factsFromBody, factsFromPayload, semanticStatus } from "./error-body.ts";
import { type ErrorContext, httpError, streamError } from "./error-text.ts";
import { ProviderError } from "./errors.ts";
import { abortedError, blockedError, endedEarlyError, timeoutError } from "./failure-text.ts";
import type { RemoteProviderId } from "./types.ts";

const ctx = (provider: RemoteProviderId, hasKey = true): ErrorContext => ({
  provider,
  model: "m-1",
  baseUrl: "http://host/v1",
  hasKey,
});

describe("factsFromBody", () => {
  it("reads OpenAI, vLLM (numeric code, flat), Anthropic, Ollama and OpenRouter shapes", () => {
    const openai =
      '{\n  "error": {"message": "Bad key", "type": "invalid_request_error", "code": "invalid_api_key"}\n}';
    expect(factsFromBody(openai)).toEqual({
      providerMessage: "Bad key",
      type: "invalid_request_error",
      code: "invalid_api_key",
    });
    const vllm = '{"object": "error", "message": "too long", "type": "BadRequestError", "code": 400}';
    expect(factsFromBody(vllm)).toMatchObject({
      providerMessage: "too long",
      type: "BadRequestError",
      code: 400,
    });
    const anthropic =
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}';
    expect(factsFromBody(anthropic)).toEqual({
      type: "overloaded_error",
      providerMessage: "Overloaded",
      requestId: "req_1",
    });
    expect(factsFromBody('{"error":"model \'x\' not found"}')).toEqual({
      providerMessage: "model 'x' not found",
    });
    expect(factsFromBody('{"error":{"code":402,"message":"Insufficient credits"}}')).toMatchObject({
      code: 402,
    });
  });

  it("reads Gemini details (RetryInfo, ErrorInfo, QuotaFailure), also inside an array", () => {
    const gemini = JSON.stringify([
      {
        error: {
          code: 429,
          message: "quota",
          status: "RESOURCE_EXHAUSTED",
          details: [
            { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaId: "X-PerDay" }] },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" },
            { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
          ],
        },
      },
    ]);
    expect(factsFromBody(gemini)).toEqual({
      providerMessage: "quota",
      type: "RESOURCE_EXHAUSTED",
      code: 429,
      quotaId: "X-PerDay",
      retryAfterMs: 37_000,
      reason: "API_KEY_INVALID",
    });
  });

  it("takes a gateway page's title, or the first text, when the body is not JSON", () => {
    expect(factsFromBody("<html><title>502 Bad Gateway</title><body>nginx</body></html>")).toEqual({
      providerMessage: "502 Bad Gateway",
    });
    expect(factsFromBody("upstream connect error")).toEqual({ providerMessage: "upstream connect error" });
    expect(factsFromBody("")).toEqual({});
  });

  it("derives the status an in-stream error stands for", () => {
    expect(semanticStatus(factsFromPayload({ type: "error", error: { type: "overloaded_error" } }))).toBe(
      529,
    );
    expect(semanticStatus(factsFromPayload({ error: { code: 503, status: "UNAVAILABLE" } }))).toBe(503);
    expect(semanticStatus(factsFromPayload({ error: { type: "server_error", code: null } }))).toBe(500);
    expect(semanticStatus(factsFromPayload({ error: "unexpected EOF" }))).toBeUndefined();
  });
});

describe("httpError", () => {
  const none = {};

  it("names provider, status and the fix for a bad or missing key", () => {
    const e = httpError(ctx("openai"), 401, { code: "invalid_api_key", providerMessage: "Incorrect" }, none);
    expect(e.message).toBe(
      'OpenAI rejected the API key (HTTP 401, invalid_api_key, "Incorrect"). Check the OpenAI key in Settings.',
    );
    expect(httpError(ctx("anthropic", false), 401, {}, none).message).toContain("No key is set");
    // Gemini: a bad key is 400 API_KEY_INVALID, a missing one 403 "unregistered callers".
    expect(httpError(ctx("google"), 400, { reason: "API_KEY_INVALID" }, none).message).toContain(
      "rejected the API key",
    );
    const missing = { providerMessage: "Method doesn't allow unregistered callers" };
    expect(httpError(ctx("google", false), 403, missing, none).message).toContain("needs an API key");
  });

  it("does not call a permission problem a bad key", () => {
    const facts = { type: "permission_error", providerMessage: "Your API key does not have permission" };
    expect(httpError(ctx("anthropic"), 403, facts, none).message).toContain("refused access");
    expect(httpError(ctx("ollama"), 403, {}, none).message).toContain("OLLAMA_ORIGINS");
  });

  it("never retries exhausted quota, billing or spend caps", () => {
    const cases: [RemoteProviderId, number, object][] = [
      ["openai", 429, { code: "insufficient_quota" }],
      ["anthropic", 402, { type: "billing_error" }],
      ["anthropic", 429, { type: "rate_limit_error", detailCode: "enforced_spend_limit_reached" }],
      ["google", 429, { type: "RESOURCE_EXHAUSTED", quotaId: "GenerateRequestsPerDayPerProjectPerModel" }],
    ];
    for (const [p, status, facts] of cases) {
      const e = httpError(ctx(p), status, facts, none);
      expect(e.retryable).toBe(false);
      expect(e.message).toMatch(/quota|credit/);
    }
  });

  it("explains rate limits with the wait, and lets x-should-retry override", () => {
    const e = httpError(ctx("google"), 429, { type: "RESOURCE_EXHAUSTED", retryAfterMs: 37_000 }, none);
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 37_000 });
    expect(e.message).toContain("Wait 37 s");
    expect(httpError(ctx("openai"), 429, {}, { retryAfterMs: 250 }).message).toContain("Wait 250 ms");
    expect(httpError(ctx("openai"), 400, {}, { shouldRetry: true }).retryable).toBe(true);
    expect(httpError(ctx("openai"), 503, {}, { shouldRetry: false }).retryable).toBe(false);
  });

  it("recognises Anthropic's browser-header and organization CORS refusals", () => {
    const header = {
      providerMessage: "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
    };
    expect(httpError(ctx("anthropic"), 401, header, none).message).toContain("proxy at the base URL");
    const org = {
      providerMessage: "CORS requests are not allowed for this Organization because of its settings",
    };
    expect(httpError(ctx("anthropic"), 401, org, none).message).toContain("Anthropic Console");
  });

  it("points OpenAI-compatible 404s at the model name and the /v1 base", () => {
    expect(httpError(ctx("openai-compatible"), 404, {}, none).message).toContain("base URL ends in /v1");
  });
});

describe("streamError and other failures", () => {
  it("maps in-stream errors to api_error with the status they stand for", () => {
    const e = streamError(ctx("anthropic"), { type: "overloaded_error", providerMessage: "Overloaded" });
    expect(e).toMatchObject({ kind: "api_error", status: 529, retryable: true });
    expect(streamError(ctx("ollama"), { providerMessage: "unexpected EOF" })).toMatchObject({
      status: undefined,
      retryable: false,
    });
  });

  it("makes aborts AbortErrors, everything else ProviderErrors", () => {
    const a = abortedError("openai");
    expect(a).toBeInstanceOf(ProviderError);
    expect(a).toBeInstanceOf(Error);
    expect(a.name).toBe("AbortError");
    expect(endedEarlyError(ctx("google"), "x").name).toBe("ProviderError");
    expect(timeoutError(ctx("ollama"), "idle", 30_000).message).toContain("30 s");
    expect(blockedError(ctx("google"), "SAFETY", "prompt")).toMatchObject({
      kind: "blocked",
      type: "SAFETY",
    });
  });

  it("serialises without the key", () => {
    const e = httpError(
      ctx("openai"),
      401,
      { providerMessage: "Incorrect API key provided: sk-ab***1234" },
      {},
    );
    const json = e.toJSON();
    expect(json).toMatchObject({
      name: "ProviderError",
      provider: "openai",
      kind: "http_error",
      status: 401,
    });
    expect(JSON.stringify(json)).not.toMatch(/sk-ab[^*]/);
  });
});
