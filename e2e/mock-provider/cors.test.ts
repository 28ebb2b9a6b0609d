import { describe, expect, it } from "vitest";
import { ANTHROPIC_HEADERS, GEMINI_HEADERS, mock, paths, post, preflight, text } from "./test-helpers.ts";

const PAGE = "http://localhost:4783";
const anthropicBody = { model: "c", max_tokens: 5, messages: [], stream: true };

describe("OpenAI and Anthropic CORS", () => {
  it("OpenAI answers the preflight with * and the requested headers", async () => {
    const m = await mock();
    const res = await preflight(m.url + paths.openai, PAGE, "authorization,content-type");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const actual = await post(m.url + paths.openai, { stream: true }, { origin: PAGE });
    expect(actual.headers.get("access-control-allow-origin")).toBe("*");
    expect(actual.headers.get("access-control-expose-headers")).toBeNull();
  });

  it("exposes retry and rate-limit headers only when asked to", async () => {
    const m = await mock({ exposeHeaders: true });
    const res = await post(m.url + paths.openai, { stream: true }, { origin: PAGE });
    expect(res.headers.get("access-control-expose-headers")).toContain("retry-after");
  });

  it("Anthropic preflight allows its headers", async () => {
    const m = await mock();
    const asked = "anthropic-dangerous-direct-browser-access,anthropic-version,content-type,x-api-key";
    const res = await preflight(m.url + paths.anthropic, PAGE, asked);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toBe(asked);
  });

  it("Anthropic refuses a browser request without the direct-browser-access header", async () => {
    const m = await mock();
    const res = await post(m.url + paths.anthropic, anthropicBody, { ...ANTHROPIC_HEADERS, origin: PAGE });
    expect(res.status).toBe(401);
    // Readable from the page: the refusal itself carries CORS headers.
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(JSON.parse(await text(res))).toMatchObject({
      type: "error",
      error: {
        type: "authentication_error",
        message: "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
      },
    });
    m.script({ text: "ok" });
    const allowed = await post(m.url + paths.anthropic, anthropicBody, {
      ...ANTHROPIC_HEADERS,
      origin: PAGE,
      "anthropic-dangerous-direct-browser-access": "true",
    });
    expect(allowed.status).toBe(200);
    expect(await text(allowed)).toContain('"text":"ok"');
  });
});

describe("Gemini CORS", () => {
  it("allows content-type, x-goog-api-key, x-goog-api-client, authorization", async () => {
    const m = await mock();
    const res = await preflight(m.url + paths.gemini, PAGE, "content-type,x-goog-api-key");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type,x-goog-api-key");
    const actual = await post(m.url + paths.gemini, {}, { ...GEMINI_HEADERS, origin: PAGE });
    expect(actual.headers.get("access-control-allow-origin")).toBe(PAGE);
  });

  it("fails the preflight with 403 and no CORS headers for any other header", async () => {
    const m = await mock();
    const res = await preflight(m.url + paths.gemini, PAGE, "content-type,x-goog-api-key,api-revision");
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("Ollama CORS (gin-contrib/cors with OLLAMA_ORIGINS)", () => {
  it("allows localhost and 127.0.0.1 origins on any port by default", async () => {
    const m = await mock();
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:4783", "https://localhost"]) {
      const res = await preflight(m.url + paths.ollama, origin, "content-type");
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-headers")).toContain("Content-Type");
      expect(res.headers.get("access-control-allow-headers")).not.toContain("X-Api-Key");
      expect(res.headers.get("access-control-max-age")).toBe("43200");
    }
    const actual = await post(m.url + paths.ollama, { model: "m" }, { origin: PAGE });
    expect(actual.status).toBe(200);
    expect(actual.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(actual.headers.get("vary")).toBe("Origin");
  });

  it("refuses other origins with an empty 403, preflight and request alike", async () => {
    const m = await mock();
    const res = await preflight(m.url + paths.ollama, "https://app.example.com", "content-type");
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const actual = await post(m.url + paths.ollama, { model: "m" }, { origin: "https://app.example.com" });
    expect(actual.status).toBe(403);
    expect(await text(actual)).toBe("");
    expect(m.requests.map((r) => r.status)).toEqual([403, 403]);
  });

  it("adds allowedOrigins like OLLAMA_ORIGINS, wildcards and * included", async () => {
    const m = await mock({ allowedOrigins: ["https://app.example.com", "chrome-extension://*"] });
    for (const origin of ["https://app.example.com", "chrome-extension://abcdef"]) {
      const res = await post(m.url + paths.ollama, { model: "m" }, { origin });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    }
    const all = await mock({ allowedOrigins: ["*"] });
    const res = await post(all.url + paths.ollama, { model: "m" }, { origin: "https://any.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("treats an Origin equal to the Host as same-origin: no CORS headers", async () => {
    const m = await mock();
    const res = await post(m.url + paths.ollama, { model: "m" }, { origin: m.url });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
