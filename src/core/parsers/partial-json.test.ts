import { parsePartialJson as lcParse } from "@langchain/core/output_parsers";
import { describe, expect, it } from "vitest";
import { IncrementalJsonParser, parsePartialJson } from "./partial-json.ts";
import { jsonGenerator, lcSame, rng, splitRandomly, streamAndCheck } from "./partial-json.test-helpers.ts";

// @langchain/core is the oracle: our `undefined` is its `null`.
const oracle = (text: string): unknown => lcParse(text) ?? undefined;

describe("parsePartialJson and IncrementalJsonParser follow LangChain's completion rules", () => {
  const table: [text: string, expected: unknown][] = [
    ["{", {}],
    ["[", []],
    ["[1,", [1]],
    ['{"a": [{"b": {"c": "d', { a: [{ b: { c: "d" } }] }],
    ['{"a', {}],
    ['{"a"', {}],
    ['{"a":', {}],
    ['{"a": ', {}],
    ['{"a": "', { a: "" }],
    ['"str', "str"],
    ['"a\\nb\\t\\"\\\\\\/\\u00e9', 'a\nb\t"\\/é'],
    ['"x\\', "x\\"],
    ['"x\\\\', "x\\"],
    ['"x\\ ', "x\\"],
    ['"\\u00', "u00"],
    ['"\\u', "u"],
    ['"\\u00"', null],
    ['"\\q"', null],
    ['"a ', "a"],
    ["-", -0],
    ["[-]", [-0]],
    ["-.5", -0.5],
    ["[-.", null],
    ["[-. ", null],
    ["[-e", null],
    ["1.", 1],
    ["[1.e3]", [1000]],
    ["1.5e", 1.5],
    ["1.5e-", 1.5],
    ["12", 12],
    ["01", null],
    ["-01", null],
    ["t", true],
    ["fal", false],
    ["nul", null],
    ["[tru ", [true]],
    ["[tru ]", null],
    ["[nu]", null],
    ["tx", null],
    ["[1,]", null],
    ['{"a":1,}', null],
    ['{"a": 1} x', null],
    ['{"a":1}}', null],
    ["[1 2]", null],
    ["'a'", null],
    ["NaN", null],
    ["", null],
    ["  \n", null],
    ["\u00a0[1]\ufeff", [1]],
    ['{"a": 1, "a": 2', { a: 2 }],
  ];
  it.each(table)("%j", (text, expected) => {
    expect(lcParse(text)).toEqual(expected); // the rule is LangChain's...
    expect(parsePartialJson(text)).toEqual(expected); // ...and ours, one-shot
    const parser = new IncrementalJsonParser();
    for (const ch of text) parser.push(ch); // ...and one character at a time
    expect(parser.value).toEqual(expected ?? undefined);
  });

  it("treats exactly LangChain's whitespace as whitespace (code units up to U+3100 and U+FE00-U+FFFF)", () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c = c === 0x3100 ? 0xfe00 : c + 1) {
      const text = `[1${String.fromCharCode(c)}]`;
      if (!lcSame(parsePartialJson(text), lcParse(text))) differ.push(`U+${c.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });

  it("reports failure for good, and ignores what follows", () => {
    const parser = new IncrementalJsonParser();
    expect(parser.push('{"a": 1}')).toBe(true);
    expect(parser.failed).toBe(false);
    expect(parser.push(" x")).toBe(false);
    expect(parser.failed).toBe(true);
    expect(parser.push('{"b": 2}')).toBe(false);
    expect(parser.value).toBeUndefined();
  });

  it("keeps a bare `-.` open: undefined for now, a number once a digit follows", () => {
    const parser = new IncrementalJsonParser();
    streamAndCheck(parser, ["[-", ".", "0", "5", "]"], oracle);
    expect(parser.failed).toBe(false);
  });
});

describe("the JSDoc examples", () => {
  it("IncrementalJsonParser", () => {
    const p = new IncrementalJsonParser();
    expect([p.push('{"name": "Fr'), p.value]).toEqual([true, { name: "Fr" }]);
    expect([p.push('ance", "po'), p.value]).toEqual([true, { name: "France" }]);
    expect([p.push('p": 674'), p.value]).toEqual([true, { name: "France", pop: 674 }]);
    expect(p.push("  ")).toBe(false);
  });

  it("parsePartialJson", () => {
    expect(parsePartialJson('{"a": [1, {"b": "x')).toEqual({ a: [1, { b: "x" }] });
    expect(parsePartialJson("[1,]")).toBeNull();
    expect(Object.isFrozen(parsePartialJson("[[1]]"))).toBe(false); // one-shot results are plain
  });
});

describe("emission (push returns true exactly when LangChain would emit)", () => {
  it("ignores whitespace, partial keys, colons and closing brackets; emits number prefixes", () => {
    const chunks = ["{", ' "po', 'p"', ":", " 674", "130", "00", ".0", "}", "  \n"];
    const parser = new IncrementalJsonParser();
    expect(chunks.map((c) => parser.push(c))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(parser.value).toEqual({ pop: 67413000 });
  });

  it("does not emit when an escape completes a shown backslash, or a string closes", () => {
    const parser = new IncrementalJsonParser();
    expect([parser.push('["a\\'), parser.push("\\"), parser.push('"')]).toEqual([true, false, false]);
    expect(parser.value).toEqual(["a\\"]);
  });

  it("compares a duplicate key's new value with the old one", () => {
    for (const text of [
      '{"a": 1, "a": 1}',
      '{"a": "x", "a": "xy", "b": [1]}',
      '{"a": {"b": [1]}, "a": {"b": [1]}}',
    ])
      for (let size = 1; size <= 7; size++) {
        const chunks = text.match(new RegExp(`[^]{1,${size}}`, "g")) ?? [];
        streamAndCheck(new IncrementalJsonParser(), chunks, oracle);
      }
  });
});

describe("random documents, random chunks: every push agrees with LangChain", () => {
  it("valid documents", () => {
    const random = rng(7);
    const gen = jsonGenerator(random);
    for (let n = 0; n < 400; n++) {
      const doc = gen.document();
      expect(JSON.parse(doc)).toEqual(lcParse(doc)); // the generator writes valid JSON
      streamAndCheck(new IncrementalJsonParser(), splitRandomly(doc, random), oracle);
    }
  });

  it("invalid documents: trailing garbage, trailing commas, random damage", () => {
    const random = rng(11);
    const gen = jsonGenerator(random);
    const damage = ["x", "}", "]", ",", " 1", '"', "\\", "-", ".", "e", "0", ":", "\u00a0", "`", "'", "nul"];
    for (let n = 0; n < 600; n++) {
      let doc = gen.document();
      const at = Math.floor(random() * (doc.length + 1));
      const kind = random();
      if (kind < 0.2) doc += gen.pick(damage);
      else if (kind < 0.35)
        doc = doc.replace(/(\S)(\s*[\]}])/, "$1,$2"); // a trailing comma
      else if (kind < 0.7) doc = doc.slice(0, at) + gen.pick(damage) + doc.slice(at + 1);
      else doc = doc.slice(0, at) + gen.pick(damage) + doc.slice(at);
      streamAndCheck(new IncrementalJsonParser(), splitRandomly(doc, random), oracle);
    }
  });
});

describe("snapshots", () => {
  it("are never changed by later pushes, and are frozen", () => {
    const random = rng(3);
    const doc = JSON.stringify({
      items: Array.from({ length: 30 }, (_, i) => ({
        id: i,
        name: `item ${i}`,
        tags: ["a", { deep: [i, "x"] }],
      })),
      note: "a long string ".repeat(20),
    });
    const parser = new IncrementalJsonParser();
    const kept: [value: unknown, copy: unknown][] = [];
    for (const chunk of splitRandomly(doc, random, 5))
      if (parser.push(chunk)) kept.push([parser.value, structuredClone(parser.value)]);
    for (const [value, copy] of kept) expect(value).toEqual(copy);
    const frozenDeep = (v: unknown): boolean =>
      typeof v !== "object" || v === null || (Object.isFrozen(v) && Object.values(v).every(frozenDeep));
    expect(kept.every(([value]) => frozenDeep(value))).toBe(true);
    expect(parser.value).toEqual(JSON.parse(doc));
  });

  it("stay the same object while nothing changes", () => {
    const parser = new IncrementalJsonParser();
    parser.push('{"a": [1, 2');
    const first = parser.value;
    expect(parser.value).toBe(first);
    parser.push("  ");
    expect(parser.value).toBe(first);
  });

  it("keep `__proto__` as an own key, as JSON.parse does (LangChain's partial path sets the prototype)", () => {
    const value = parsePartialJson('{"__proto__": {"x": 1}, "b": 2') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "b"]);
  });
});
