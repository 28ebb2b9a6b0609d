import { describe, expect, it } from "vitest";
import { plainRecord, toPlainJson } from "./plain-json.ts";

/** The simplest `object` callback: arrays and records walked part by part. */
const plain = (value: object, walk: (part: unknown) => unknown): unknown =>
  Array.isArray(value)
    ? value.map((v) => walk(v) ?? null)
    : Object.fromEntries(
        Object.entries(value)
          .map(([k, v]) => [k, walk(v)])
          .filter(([, v]) => v !== undefined),
      );

describe("toPlainJson", () => {
  it("treats primitives as JSON.stringify does, bigints as strings", () => {
    const value = { s: "a", b: true, n: 1.5, inf: Infinity, nan: NaN, big: 10n, u: undefined, f: () => 1 };
    expect(toPlainJson(value, plain)).toEqual({ s: "a", b: true, n: 1.5, inf: null, nan: null, big: "10" });
    expect(toPlainJson([undefined, Symbol("x")], plain)).toEqual([null, null]);
  });

  it("writes a value met again inside itself as [Circular], but a shared one twice", () => {
    const shared = { x: 1 };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop.self = loop;
    expect(toPlainJson(loop, plain)).toEqual({ shared: { x: 1 }, again: { x: 1 }, self: "[Circular]" });
  });

  it("plainRecord: keys as strings, parts walked, undefined left out, __proto__ kept as a key", () => {
    const walk = (part: unknown) => (typeof part === "number" ? part * 2 : undefined);
    const map = new Map<unknown, unknown>([
      [1, 1],
      ["b", 2],
      ["f", () => 1],
    ]);
    expect(plainRecord(map, walk)).toEqual({ 1: 2, b: 4 });
    const record = plainRecord(Object.entries(JSON.parse('{"__proto__": 3, "ok": 4}') as object), walk);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__", "ok"]);
    expect(JSON.stringify(record)).toBe('{"__proto__":6,"ok":8}');
  });
});
