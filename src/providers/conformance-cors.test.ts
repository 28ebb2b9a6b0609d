/**
 * Conformance, part 5: what a browser adds. Node's fetch neither preflights nor sends Origin, so these
 * tests do both by hand against the mock, which answers with each provider's CORS rules: the preflight
 * for exactly the headers each adapter sends, and the real request carrying a page's Origin (real
 * fetch plus one header; nothing is stubbed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "../../e2e/mock-provider/server.ts";
import { HumanMessage } from "../core/messages/base.ts";
import { anthropicAdapter } from "./anthropic.ts";
import { CASES, KEYS, collect, modelFor, providerRequests } from "./conformance.harness.ts";
import { googleAdapter } from "./google.ts";
import { ollamaAdapter } from "./ollama.ts";
import { openaiAdapter } from "./openai.ts";

const PAGE = "http://localhost:5173";
const ADAPTERS = {
  openai: openaiAdapter,
  "openai-compatible": openaiAdapter,
  anthropic: anthropicAdapter,
  google: googleAdapter,
  ollama: ollamaAdapter,
};
/** Headers a browser sends without asking (content-type is not: application/json needs a preflight). */
const SAFELISTED = new Set(["accept", "accept-language", "content-language"]);

/** A real fetch that adds the Origin header a browser would add. */
function fromPage(origin: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("origin", origin);
    return fetch(input, { ...init, headers });
  };
}

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ apiKeys: KEYS });
});
afterAll(() => mock.close());

describe.each(CASES)("$provider from a browser page", (c) => {
  it("asks only for headers the provider's preflight allows", async () => {
    mock.reset();
    const adapter = ADAPTERS[c.provider];
    const config = { provider: c.provider, model: "m", apiKey: "k" };
    const req = adapter.buildRequest(config, c.base(mock.url), [new HumanMessage("hi")]);
    const asked = Object.keys(req.headers).filter((h) => !SAFELISTED.has(h.toLowerCase()));
    const res = await fetch(req.url, {
      method: "OPTIONS",
      headers: {
        origin: PAGE,
        "access-control-request-method": "POST",
        "access-control-request-headers": asked.join(","),
      },
    });
    expect(res.status).toBeLessThan(300);
    expect([PAGE, "*"]).toContain(res.headers.get("access-control-allow-origin"));
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/\s*,\s*/);
    for (const h of asked) expect(allowed).toContain(h.toLowerCase());
  });

  it("streams when the request carries the page's Origin", async () => {
    mock.reset();
    const { message, error } = await collect(modelFor(c, mock, { fetch: fromPage(PAGE) }));
    expect(error).toBeUndefined();
    expect(message.content).toMatch(/^Hello from the mock/);
    expect(providerRequests(mock)[0]!.headers.origin).toBe(PAGE);
  });
});

describe("browser refusals the server can still explain", () => {
  it("Ollama refuses a page origin outside OLLAMA_ORIGINS: the message says how to allow it", async () => {
    mock.reset();
    const model = modelFor(CASES[4]!, mock, { fetch: fromPage("https://sluice.example.com") });
    const { error } = await collect(model);
    // A browser hides this 403 (no Access-Control-Allow-Origin) and throws a TypeError instead; the
    // network/cors classification then applies (network.test.ts). Here the status is visible.
    expect(error).toMatchObject({ kind: "http_error", status: 403, retryable: false });
    expect((error as Error).message).toContain("OLLAMA_ORIGINS");
  });
});
