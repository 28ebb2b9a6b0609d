/** Conformance, part 4: keys go only to their own endpoint in their own header; request shapes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "../../e2e/mock-provider/server.ts";
import {
  CASES,
  KEYS,
  MODEL,
  collect,
  modelFor,
  providerRequests,
  script,
  useMock,
} from "./conformance.harness.ts";

const KEY_HEADERS = ["authorization", "x-api-key", "x-goog-api-key"];

/** The headers each provider must send, and the only key header it may send. */
const EXPECTED: Record<string, { headers: Record<string, string>; keyHeader: string | undefined }> = {
  openai: { headers: { authorization: `Bearer ${KEYS.openai}` }, keyHeader: "authorization" },
  "openai-compatible": { headers: { authorization: `Bearer ${KEYS.openai}` }, keyHeader: "authorization" },
  anthropic: {
    headers: {
      "x-api-key": KEYS.anthropic,
      "anthropic-version": "2023-06-01",
      "anthropic-dangerous-direct-browser-access": "true",
    },
    keyHeader: "x-api-key",
  },
  google: { headers: { "x-goog-api-key": KEYS.gemini }, keyHeader: "x-goog-api-key" },
  ollama: { headers: {}, keyHeader: undefined },
};

describe.each(CASES)("$provider keys and requests", (c) => {
  const m = useMock();
  const expected = EXPECTED[c.provider]!;

  it("sends the key only to its own endpoint, in its own header, and nothing else", async () => {
    const { error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    const requests = m.mock.requests;
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(c.path);
    expect(req.headers).toMatchObject({ ...expected.headers, "content-type": "application/json" });
    for (const h of KEY_HEADERS) if (h !== expected.keyHeader) expect(req.headers[h]).toBeUndefined();
    // Never in the URL, where it would end up in logs and history.
    expect(req.query.key).toBeUndefined();
    if (c.provider === "google") expect(req.query).toEqual({ alt: "sse" });
    for (const key of Object.values(KEYS)) expect(req.rawBody).not.toContain(key);
  });

  it.runIf(c.apiKey !== undefined)("explains a wrong key and points to Settings", async () => {
    const { error } = await collect(modelFor(c, m.mock, { apiKey: "wrong-key-000000" }));
    expect(error).toMatchObject({ kind: "http_error", retryable: false });
    expect((error as Error).message).toMatch(/rejected the API key.*key in Settings/);
    expect((error as Error).message).not.toContain("wrong-key-000000");
  });

  it.runIf(c.apiKey !== undefined)("explains a missing key, sending no empty key header", async () => {
    const { error } = await collect(modelFor(c, m.mock, { apiKey: undefined }));
    expect(error).toMatchObject({ kind: "http_error", retryable: false });
    expect((error as Error).message).toMatch(/needs an API key.*add your .* key in Settings/);
    const req = providerRequests(m.mock)[0]!;
    for (const h of KEY_HEADERS) expect(req.headers[h]).toBeUndefined();
  });

  it("maps the node's messages and params onto the provider's request body", async () => {
    script(c, m.mock, { text: "ok" });
    const model = modelFor(c, m.mock, {
      params: { temperature: 0.3, maxTokens: 77, topP: 0.9, stop: ["END"] },
    });
    const { error } = await collect(model, "Hello there");
    expect(error).toBeUndefined();
    const body = providerRequests(m.mock)[0]!.body as Record<string, unknown>;
    const user = { role: "user", content: "Hello there" };
    switch (c.provider) {
      case "openai":
      case "openai-compatible":
        expect(body).toMatchObject({ model: MODEL, messages: [user], stream: true, temperature: 0.3 });
        expect(body).toMatchObject({ top_p: 0.9, stop: ["END"], stream_options: { include_usage: true } });
        expect(body[c.provider === "openai" ? "max_completion_tokens" : "max_tokens"]).toBe(77);
        break;
      case "anthropic":
        expect(body).toMatchObject({ model: MODEL, messages: [user], stream: true, max_tokens: 77 });
        expect(body).toMatchObject({ temperature: 0.3, top_p: 0.9, stop_sequences: ["END"] });
        break;
      case "google":
        expect(body).toEqual({
          contents: [{ role: "user", parts: [{ text: "Hello there" }] }],
          generationConfig: { temperature: 0.3, topP: 0.9, maxOutputTokens: 77, stopSequences: ["END"] },
        });
        break;
      case "ollama":
        expect(body).toEqual({
          model: MODEL,
          messages: [user],
          stream: true,
          options: { temperature: 0.3, top_p: 0.9, num_predict: 77, stop: ["END"] },
        });
        break;
    }
  });
});

describe("servers without keys", () => {
  let open: MockProvider;
  beforeAll(async () => {
    open = await startMockProvider();
  });
  afterAll(() => open.close());

  it.each([CASES[1]!, CASES[4]!])("$provider without a key sends no auth header at all", async (c) => {
    open.reset();
    const { error } = await collect(modelFor(c, open, { apiKey: undefined }));
    expect(error).toBeUndefined();
    const req = providerRequests(open)[0]!;
    for (const h of KEY_HEADERS) expect(req.headers[h]).toBeUndefined();
  });

  it("an Ollama key set in Settings (ollama.com, auth proxies) goes out as a Bearer token", async () => {
    open.reset();
    const { error } = await collect(modelFor(CASES[4]!, open, { apiKey: "ollama-key-1" }));
    expect(error).toBeUndefined();
    expect(providerRequests(open)[0]!.headers.authorization).toBe("Bearer ollama-key-1");
  });
});
