import { describe, expect, it } from "vitest";
import { mapToRecord, toPlainJson } from "./plain-json.ts";

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

  it("turns a Map into a record with string keys", () => {
    expect(
      mapToRecord(
        new Map<unknown, unknown>([
          [1, "a"],
          ["b", 2],
        ]),
      ),
    ).toEqual({ 1: "a", b: 2 });
  });
});
