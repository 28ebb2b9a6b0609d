import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AIMessageChunk, ChatPromptValue, HumanMessage, SystemMessage } from "../../core/index.ts";
import { SandboxError } from "./errors.ts";
import { decodeFromSandbox, encodeForSandbox, toPlainData } from "./plain-data.ts";

describe("toPlainData", () => {
  it("keeps plain data and converts as JSON would", () => {
    expect(toPlainData({ a: [1, "x", true, null], b: { c: -0 } })).toEqual({
      a: [1, "x", true, null],
      b: { c: -0 },
    });
    expect(toPlainData({ f: () => 1, s: Symbol("s"), u: undefined, k: 1 })).toEqual({ k: 1 });
    expect(toPlainData([() => 1, undefined])).toEqual([null, null]);
    expect(toPlainData({ d: new Date(0) })).toEqual({ d: "1970-01-01T00:00:00.000Z" });
    expect(
      toPlainData(
        new (class Point {
          x = 1;
          y = 2;
        })(),
      ),
    ).toEqual({ x: 1, y: 2 });
    expect(toPlainData(undefined)).toBeUndefined();
    expect(toPlainData(NaN)).toBeNaN();
    // An own "__proto__" key stays a key; it does not change the prototype.
    const out = toPlainData(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });

  it("refuses what would be mangled, naming the path", () => {
    expect(() => toPlainData({ a: [{ m: new Map() }] })).toThrow(
      "a Map at $.a[0].m cannot cross the sandbox boundary",
    );
    expect(() => toPlainData(() => 1)).toThrow("a function at $ cannot cross");
    expect(() => toPlainData({ n: 1n })).toThrow("a BigInt at $.n");
    expect(() => toPlainData(/x/)).toThrow("a RegExp at $");
    expect(() => toPlainData(new Uint8Array(2))).toThrow("a Uint8Array at $");
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => toPlainData(loop)).toThrow("a circular reference at $.self");
    let deep: unknown = 1;
    for (let i = 0; i < 150; i++) deep = [deep];
    expect(() => toPlainData(deep)).toThrow(/nesting deeper than 100 levels/);
  });

  it("allows the same object twice when it is not a cycle", () => {
    const shared = { x: 1 };
    expect(toPlainData([shared, shared])).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it("gives JSON's result for JSON-safe values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        // (-0 stays -0 here, where JSON writes 0: compare what JSON makes of both.)
        expect(JSON.stringify(toPlainData(v))).toBe(JSON.stringify(v));
      }),
    );
  });
});

describe("encodeForSandbox / decodeFromSandbox", () => {
  it("serializes messages (tool-call pieces included) and revives them", () => {
    const chunk = new AIMessageChunk({
      content: "",
      id: "run-1",
      tool_call_chunks: [{ index: 0, name: "search", args: '{"q":' }],
    });
    const encoded = encodeForSandbox({ m: chunk, h: new HumanMessage("hi") });
    expect(encoded).toEqual({
      m: {
        type: "ai",
        content: "",
        id: "run-1",
        tool_calls: [{ name: "search", args: {} }],
        tool_call_chunks: [{ index: 0, name: "search", args: '{"q":' }],
      },
      h: { type: "human", content: "hi" },
    });
    const decoded = decodeFromSandbox(structuredClone(encoded), "Lambda") as {
      m: AIMessageChunk;
      h: HumanMessage;
    };
    expect(decoded.m).toBeInstanceOf(AIMessageChunk);
    expect(decoded.m.tool_call_chunks).toEqual(chunk.tool_call_chunks);
    expect(
      decoded.m.concat(new AIMessageChunk({ content: "", tool_call_chunks: [{ index: 0, args: '"x"}' }] }))
        .tool_calls,
    ).toEqual([{ name: "search", args: { q: "x" } }]);
    expect(decoded.h).toBeInstanceOf(HumanMessage);
  });

  it("revives a prompt value, and only exact message shapes", () => {
    const prompt = new ChatPromptValue([new SystemMessage("be brief"), new HumanMessage("hi")]);
    const back = decodeFromSandbox(encodeForSandbox(prompt), "Lambda");
    expect(back).toBeInstanceOf(ChatPromptValue);
    expect((back as ChatPromptValue).toString()).toBe("System: be brief\nHuman: hi");
    expect(decodeFromSandbox({ type: "ai", content: 1 }, "Lambda")).toEqual({ type: "ai", content: 1 });
    expect(decodeFromSandbox({ type: "tool", content: "x" }, "Lambda")).toEqual({
      type: "tool",
      content: "x",
    });
    expect(decodeFromSandbox({ type: "human", content: "x", usage_metadata: {} }, "Lambda")).toEqual({
      type: "human",
      content: "x",
      usage_metadata: {},
    });
    expect(decodeFromSandbox({ messages: [] }, "Lambda")).toEqual({ messages: [] });
  });

  it("refuses non-plain values that a structured clone could carry", () => {
    expect(() => decodeFromSandbox({ when: new Date(0) }, 'Lambda "f"')).toThrow(
      new SandboxError('Lambda "f" sent a Date at $.when, which is not plain data.'),
    );
    expect(() => decodeFromSandbox([new Map()], "Lambda")).toThrow("a Map at $[0]");
    expect(() => decodeFromSandbox(1n, "Lambda")).toThrow("a bigint at $");
    expect(() => encodeForSandbox({ f: new Set() })).toThrow(SandboxError);
  });

  it("round-trips plain data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const back = decodeFromSandbox(structuredClone(encodeForSandbox(v)), "Lambda");
        expect(JSON.stringify(back)).toBe(JSON.stringify(v));
      }),
    );
  });
});
