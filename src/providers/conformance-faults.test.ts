/** Conformance, part 2: every fault the mock can play, for every provider, over real HTTP. */
import { describe, expect, it } from "vitest";
import { startMockProvider } from "../../e2e/mock-provider/server.ts";
import {
  CASES,
  MODEL,
  collect,
  modelFor,
  providerRequests,
  script,
  until,
  useMock,
  words,
} from "./conformance.harness.ts";
import { PROVIDER_LABELS, ProviderError } from "./errors.ts";

const TEXT = "One two three four five six seven eight.";
/** The first two text events of TEXT: what must survive a fault after them. */
const TWO = words(TEXT).slice(0, 2).join("");

describe.each(CASES)("$provider faults", (c) => {
  const m = useMock();
  const label = PROVIDER_LABELS[c.provider];
  const noRetry = { maxRetries: 0 };

  it.each([400, 401, 403, 404])("maps HTTP %i to a clear, non-retryable http_error", async (status) => {
    script(c, m.mock, { httpError: { status } });
    const { chunks, error } = await collect(modelFor(c, m.mock));
    expect(chunks).toEqual([]);
    expect(error).toBeInstanceOf(ProviderError);
    const e = error as ProviderError;
    expect(e).toMatchObject({ kind: "http_error", status, provider: c.provider, retryable: false });
    expect(e.name).toBe("ProviderError");
    expect(e.providerMessage).toBeTruthy();
    expect(e.message).toContain(label);
    expect(e.message).toContain(`HTTP ${status}`);
    if (status === 401) expect(e.message).toMatch(/key in Settings/);
    if (status === 404) expect(e.message).toContain(MODEL);
    if (status === 404 && c.provider === "ollama") expect(e.message).toContain(`ollama pull ${MODEL}`);
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it("maps HTTP 429 with a retry hint (header, or Gemini's RetryInfo) to retryAfterMs", async () => {
    script(c, m.mock, { httpError: { status: 429, retryAfterSec: 7 } });
    const { error } = await collect(modelFor(c, m.mock, noRetry));
    expect(error).toMatchObject({ kind: "http_error", status: 429, retryable: true, retryAfterMs: 7000 });
    expect((error as Error).message).toMatch(/rate limit.*Wait 7 s/);
  });

  it("maps HTTP 500 to a retryable server error", async () => {
    script(c, m.mock, { httpError: { status: 500 } });
    const { error } = await collect(modelFor(c, m.mock, noRetry));
    expect(error).toMatchObject({ kind: "http_error", status: 500, retryable: true });
    expect((error as Error).message).toContain("server error");
  });

  it("maps overloaded (Anthropic 529, others 503) to a retryable error that says so", async () => {
    const status = c.provider === "anthropic" ? 529 : 503;
    script(c, m.mock, { httpError: { status } });
    const { error } = await collect(modelFor(c, m.mock, noRetry));
    expect(error).toMatchObject({ kind: "http_error", status, retryable: true });
    expect((error as Error).message).toContain(`${label} is overloaded`);
  });

  it("keeps the text before an error inside the stream, and does not retry after it", async () => {
    script(c, m.mock, { text: TEXT, streamError: { afterChunks: c.textAt + 2 } });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(message.content).toBe(TWO);
    expect(error).toMatchObject({ kind: "api_error", status: c.streamErrorStatus, attempts: 1 });
    expect((error as ProviderError).providerMessage).toBeTruthy();
    expect((error as Error).message).toContain("mid-stream");
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it.runIf(c.mock === "openai")("treats an error followed by [DONE] (vLLM) as an error", async () => {
    script(c, m.mock, { text: TEXT, streamError: { afterChunks: c.textAt + 2, thenDone: true, code: 400 } });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(message.content).toBe(TWO);
    expect(error).toMatchObject({ kind: "api_error", status: 400, code: 400, retryable: false });
  });

  it("reports a body that ends before the completion signal as stream_ended_early", async () => {
    script(c, m.mock, { text: TEXT, abruptClose: { afterChunks: c.textAt + 2 } });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(message.content).toBe(TWO);
    expect(message.usage_metadata).toBeUndefined();
    expect(error).toMatchObject({ kind: "stream_ended_early", attempts: 1 });
    expect((error as Error).message).toContain(label);
  });

  it("reports a socket reset mid-stream as network, keeping the text", async () => {
    script(c, m.mock, { text: TEXT, reset: { afterChunks: c.textAt + 2 } });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(message.content).toBe(TWO);
    expect(error).toMatchObject({ kind: "network", retryable: true, attempts: 1 });
    expect((error as Error).message).toContain("mid-stream");
  });

  it("ends a stalled stream with an idle timeout and closes the connection", async () => {
    script(c, m.mock, { text: TEXT, stall: { afterChunks: c.textAt + 2 } });
    const started = Date.now();
    const { message, error } = await collect(modelFor(c, m.mock, { idleTimeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(message.content).toBe(TWO);
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect((error as Error).message).toContain("idle timeout");
    await until(() => providerRequests(m.mock)[0]?.aborted === true);
  });

  it("ends a request with no first byte with a first-byte timeout", async () => {
    script(c, m.mock, { text: TEXT, stall: { afterChunks: 0 } });
    const started = Date.now();
    const { chunks, error } = await collect(modelFor(c, m.mock, { ...noRetry, firstByteTimeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(chunks).toEqual([]);
    expect(error).toMatchObject({ kind: "timeout", attempts: 1 });
    expect((error as Error).message).toContain("first-byte timeout");
    await until(() => providerRequests(m.mock)[0]?.aborted === true);
  });

  it("reports an unreachable server as network, naming the provider and the URL", async () => {
    // A port that was just freed: the connection is refused.
    const gone = await startMockProvider();
    await gone.close();
    const model = modelFor(c, m.mock, { ...noRetry, baseUrl: c.base(gone.url) });
    const { error } = await collect(model);
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect((error as Error).message).toContain(`Could not reach ${label} at ${gone.url}`);
    expect((error as Error).message).toContain("ECONNREFUSED");
    // Node's fetch names the cause, and Node has no CORS: the message does not blame it.
    expect((error as Error).message).not.toContain("CORS");
    expect(providerRequests(m.mock)).toHaveLength(0);
  });
});
