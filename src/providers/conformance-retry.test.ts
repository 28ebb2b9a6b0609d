/** Conformance, part 3: retries (only before the first chunk) and aborts, for every provider. */
import { describe, expect, it } from "vitest";
import { CASES, collect, modelFor, providerRequests, script, until, useMock } from "./conformance.harness.ts";
import { ProviderError } from "./errors.ts";

const TEXT = "Alpha beta gamma delta epsilon zeta eta theta.";

/** Records the waits instead of sleeping them. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

describe.each(CASES)("$provider retries and aborts", (c) => {
  const m = useMock();

  it("retries 503 and 500 with exponential backoff, then streams the answer once", async () => {
    script(c, m.mock, { httpError: { status: 503 } }, { httpError: { status: 500 } }, { text: TEXT });
    const { waits, sleep } = recordingSleep();
    const { message, error } = await collect(modelFor(c, m.mock, { sleep, backoffBaseMs: 100 }));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    // random() is 0 in tests: no jitter, so 100 then 200.
    expect(waits).toEqual([100, 200]);
    expect(providerRequests(m.mock)).toHaveLength(3);
  });

  it("honours the server's wait: retry-after-ms, retry-after, or Gemini's retryDelay", async () => {
    script(
      c,
      m.mock,
      { httpError: { status: 429, retryAfterMs: 1234 } },
      { httpError: { status: 429, retryAfterSec: 2 } },
      { text: TEXT },
    );
    const { waits, sleep } = recordingSleep();
    const { message, error } = await collect(modelFor(c, m.mock, { sleep }));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(waits).toEqual([1234, 2000]);
  });

  it("gives up when the server asks for a longer wait than maxRetryAfterMs, and says how long", async () => {
    script(c, m.mock, { httpError: { status: 429, retryAfterSec: 90 } });
    const { waits, sleep } = recordingSleep();
    const { error } = await collect(modelFor(c, m.mock, { sleep }));
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ kind: "http_error", status: 429, retryAfterMs: 90_000, attempts: 1 });
    expect((error as Error).message).toContain("Wait 90 s");
  });

  it("stops after maxRetries and reports the attempts", async () => {
    script(c, m.mock, ...Array.from({ length: 3 }, () => ({ httpError: { status: 503 } })));
    const { error } = await collect(modelFor(c, m.mock, { maxRetries: 2 }));
    expect(error).toMatchObject({ kind: "http_error", status: 503, attempts: 3 });
    expect((error as Error).message).toContain("Gave up after 3 attempts");
    expect(providerRequests(m.mock)).toHaveLength(3);
  });

  it("does not retry a 400", async () => {
    script(c, m.mock, { httpError: { status: 400 } }, { text: TEXT });
    const { error } = await collect(modelFor(c, m.mock));
    expect(error).toMatchObject({ status: 400, attempts: 1 });
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it("retries a stream cut before its first chunk, then streams the answer once", async () => {
    script(c, m.mock, { text: TEXT, abruptClose: { afterChunks: c.textAt } }, { text: TEXT });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toBeUndefined();
    expect(message.content).toBe(TEXT);
    expect(providerRequests(m.mock)).toHaveLength(2);
  });

  it("never retries after the first chunk: no text is repeated", async () => {
    script(c, m.mock, { text: TEXT, reset: { afterChunks: c.textAt + 1 } }, { text: TEXT });
    const { message, error } = await collect(modelFor(c, m.mock));
    expect(error).toMatchObject({ kind: "network", retryable: true, attempts: 1 });
    expect(message.content).toBe("Alpha");
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it("retries a retryable in-stream error that came before any text (Ollama's carry no status)", async () => {
    script(c, m.mock, { text: TEXT, streamError: { afterChunks: c.textAt } }, { text: TEXT });
    const { message, error } = await collect(modelFor(c, m.mock));
    if (c.streamErrorStatus === undefined) {
      expect(error).toMatchObject({ kind: "api_error", retryable: false });
      expect(providerRequests(m.mock)).toHaveLength(1);
    } else {
      expect(error).toBeUndefined();
      expect(message.content).toBe(TEXT);
      expect(providerRequests(m.mock)).toHaveLength(2);
    }
  });

  it("aborts mid-stream promptly as an AbortError, and the server sees the connection close", async () => {
    script(c, m.mock, { text: TEXT, delayMs: 40 });
    const controller = new AbortController();
    let abortedAt = 0;
    const { chunks, error } = await collect(modelFor(c, m.mock), "hi", controller.signal, (_, i) => {
      if (i === 1) {
        abortedAt = Date.now();
        controller.abort();
      }
    });
    expect(Date.now() - abortedAt).toBeLessThan(200);
    expect(chunks.map((k) => k.content).join("")).toBe("Alpha beta");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ name: "AbortError", kind: "aborted", provider: c.provider });
    const rec = () => providerRequests(m.mock)[0];
    await until(() => rec()?.aborted === true);
    expect(rec()!.abortedAt! - abortedAt).toBeLessThan(500);
  });

  it("aborts while waiting for the first byte, closing the connection", async () => {
    script(c, m.mock, { text: TEXT, stall: { afterChunks: 0 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await collect(modelFor(c, m.mock), "hi", controller.signal);
    expect(error).toMatchObject({ name: "AbortError", kind: "aborted" });
    await until(() => providerRequests(m.mock)[0]?.aborted === true);
  });

  it("aborts during a retry wait without another request", async () => {
    script(c, m.mock, { httpError: { status: 503 } }, { text: TEXT });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const { error } = await collect(modelFor(c, m.mock, { backoffBaseMs: 10_000 }), "hi", controller.signal);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ name: "AbortError", kind: "aborted" });
    expect(providerRequests(m.mock)).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await collect(modelFor(c, m.mock), "hi", controller.signal);
    expect(error).toMatchObject({ name: "AbortError", kind: "aborted" });
    expect(providerRequests(m.mock)).toHaveLength(0);
  });
});
