/** Retry math and wait hints (pure functions). */
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  isRetryableStatus,
  parseDuration,
  retryAfterFromHeaders,
  retryAfterFromText,
  retryDelay,
  shouldRetryHeader,
} from "./retry.ts";

const NOW = Date.parse("2025-01-01T00:00:00Z");
const now = () => NOW;

describe("retry hints", () => {
  it("reads retry-after-ms first, then retry-after as seconds or an HTTP date", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(retryAfterFromHeaders(h({ "retry-after-ms": "1500.5", "retry-after": "9" }), now)).toBe(1500.5);
    expect(retryAfterFromHeaders(h({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterFromHeaders(h({ "retry-after": "0.25" }), now)).toBe(250);
    expect(retryAfterFromHeaders(h({ "retry-after": "Wed, 01 Jan 2025 00:00:07 GMT" }), now)).toBe(7000);
    expect(retryAfterFromHeaders(h({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(0);
    expect(retryAfterFromHeaders(h({ "retry-after": "-4" }), now)).toBe(0);
    expect(retryAfterFromHeaders(h({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterFromHeaders(h({}), now)).toBeUndefined();
  });

  it("copes with headers hidden by CORS (get returns null)", () => {
    expect(retryAfterFromHeaders({ get: () => null }, now)).toBeUndefined();
    expect(shouldRetryHeader({ get: () => null })).toBeUndefined();
  });

  it("reads x-should-retry", () => {
    expect(shouldRetryHeader(new Headers({ "x-should-retry": "true" }))).toBe(true);
    expect(shouldRetryHeader(new Headers({ "x-should-retry": "FALSE" }))).toBe(false);
  });

  it("parses Gemini's RetryInfo durations and 'try again in' texts", () => {
    expect(parseDuration("37s")).toBe(37_000);
    expect(parseDuration("12.771204034s")).toBe(12_771);
    expect(parseDuration("5m")).toBeUndefined();
    expect(parseDuration(5)).toBeUndefined();
    expect(retryAfterFromText("Rate limit reached. Please try again in 5.289s. Visit ...")).toBe(5289);
    expect(retryAfterFromText("Please try again in 120ms.")).toBe(120);
    expect(retryAfterFromText("Please try again later.")).toBeUndefined();
  });
});

describe("backoff", () => {
  const o = { baseMs: 500, maxMs: 8000, random: () => 0 };

  it("doubles from the base and stops at the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((r) => backoffDelay(r, o))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("jitters down by up to 25 %", () => {
    expect(backoffDelay(1, { ...o, random: () => 0.5 })).toBe(875);
    expect(backoffDelay(1, { ...o, random: () => 0.999999 })).toBe(750);
  });

  it("uses the server's wait when it has one, and refuses a wait over the limit", () => {
    const limits = { ...o, maxRetryAfterMs: 60_000 };
    expect(retryDelay(undefined, 2, limits)).toBe(2000);
    expect(retryDelay(1234, 2, limits)).toBe(1234);
    expect(retryDelay(0, 0, limits)).toBe(0);
    expect(retryDelay(60_001, 0, limits)).toBeUndefined();
  });

  it("retries the statuses the SDKs retry, plus 529", () => {
    expect([408, 409, 429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 402, 403, 404, 413, 422, 501].some(isRetryableStatus)).toBe(false);
    expect(isRetryableStatus(undefined)).toBe(false);
  });
});
