/** Helpers shared by the mock-provider tests: HTTP calls, byte reading, a reference SSE parser. */
import { afterEach } from "vitest";
import type { MockProvider, MockProviderOptions } from "./server.ts";
import { startMockProvider } from "./server.ts";

/** Fixed clock so payload timestamps are byte-stable: 2023-11-14T22:13:20Z. */
export const FIXED_NOW = 1_700_000_000_000;

const open: MockProvider[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});

/** A mock closed automatically after the test. */
export async function mock(options: MockProviderOptions = {}): Promise<MockProvider> {
  const m = await startMockProvider({ now: () => FIXED_NOW, ...options });
  open.push(m);
  return m;
}

export const ANTHROPIC_HEADERS = { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" };
export const GEMINI_HEADERS = { "x-goog-api-key": "gemini-test" };

export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

export function preflight(url: string, origin: string, requestHeaders: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": requestHeaders,
    },
  });
}

/** Every read as it arrived, with its arrival time. */
export async function reads(res: Response): Promise<{ chunks: Uint8Array[]; times: number[] }> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  const times: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, times };
    chunks.push(value);
    times.push(performance.now());
  }
}

export async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

export async function text(res: Response): Promise<string> {
  return (await bytes(res)).toString("utf8");
}

/** Reads until the body fails; returns what arrived and the error. */
export async function readUntilError(res: Response): Promise<{ received: string; error: unknown }> {
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { received: Buffer.concat(parts).toString("utf8"), error: undefined };
      parts.push(value);
    }
  } catch (error) {
    return { received: Buffer.concat(parts).toString("utf8"), error };
  }
}

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * WHATWG "Parsing an event stream" on a complete body: BOM, CR/LF/CRLF, comments, multi-line data,
 * and an unterminated last event discarded.
 */
export function parseSse(body: string): SseEvent[] {
  const lines = body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.pop(); // the text after the last line ending is not a complete line
  const out: SseEvent[] = [];
  let data: string[] = [];
  let event = "";
  for (const line of lines) {
    if (line === "") {
      if (data.length > 0) out.push({ event: event || "message", data: data.join("\n") });
      data = [];
      event = "";
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
  }
  return out;
}

/** Parsed JSON of each SSE event, `[DONE]` kept as the string. */
export function sseJson(body: string): unknown[] {
  return parseSse(body).map((e) => (e.data === "[DONE]" ? e.data : (JSON.parse(e.data) as unknown)));
}

export function ndjson(body: string): unknown[] {
  return body
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as unknown);
}

export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const paths = {
  openai: "/v1/chat/completions",
  anthropic: "/v1/messages",
  gemini: "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
  ollama: "/api/chat",
} as const;

/** A streaming request for each provider, with valid auth. */
export function streamRequest(m: MockProvider, provider: keyof typeof paths, signal?: AbortSignal) {
  const url = m.url + paths[provider];
  const msgs = [{ role: "user", content: "hi" }];
  switch (provider) {
    case "openai":
      return post(url, { model: "gpt-4o-mini", messages: msgs, stream: true }, {}, signal);
    case "anthropic":
      return post(
        url,
        { model: "claude-x", max_tokens: 9, messages: msgs, stream: true },
        ANTHROPIC_HEADERS,
        signal,
      );
    case "gemini":
      return post(url, { contents: [{ role: "user", parts: [{ text: "hi" }] }] }, GEMINI_HEADERS, signal);
    case "ollama":
      return post(url, { model: "llama3.2", messages: msgs }, {}, signal);
  }
}
