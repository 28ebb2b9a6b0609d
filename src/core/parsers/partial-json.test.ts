import { parseJsonMarkdown as lcMarkdown, parsePartialJson as lcParse } from "@langchain/core/output_parsers";
import { describe, expect, it } from "vitest";
import { IncrementalJsonParser, parsePartialJson } from "./partial-json.ts";
import { JsonMarkdownStream } from "./partial-json-markdown.ts";

// @langchain/core is the oracle: our `undefined` is its `null`.
const oracle = (text: string): unknown => lcParse(text) ?? undefined;

type Json = Record<string, unknown>;

/** LangChain's emission test (deepCompareStrict from @cfworker/json-schema): === leaves, key order ignored. */
function lcSame(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => lcSame(x, b[i]));
  if (typeof a === "object" && a && b) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && lcSame((a as Json)[k], (b as Json)[k]));
  }
  return a === b;
}

interface Streamer {
  push(text: string): boolean;
  readonly value: unknown;
}

/**
 * Pushes `chunks` and checks after every push that `value` is `expected(textSoFar)` and that push
 * returned true exactly when LangChain's JsonOutputParser would have emitted.
 */
function streamAndCheck(s: Streamer, chunks: string[], expected: (text: string) => unknown): void {
  let text = "";
  let emitted: unknown = undefined;
  for (const chunk of chunks) {
    text += chunk;
    const changed = s.push(chunk);
    const want = expected(text);
    expect(s.value, `value after ${JSON.stringify(text)}`).toEqual(want);
    const shouldEmit = want !== undefined && !lcSame(want, emitted);
    expect(changed, `push result after ${JSON.stringify(text)}`).toBe(shouldEmit);
    if (shouldEmit) emitted = want;
  }
}

/** mulberry32: a small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitRandomly(text: string, random: () => number, max = 7): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(random() * max);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

/** Random JSON text written by hand, so escapes, number forms and whitespace vary. */
function jsonGenerator(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const ws = () => pick(["", "", " ", "\n  ", "\t", "\r\n", "  "]);
  const STRING_PIECES = [
    "a",
    "b",
    "Z",
    " ",
    "hé",
    "中文",
    "😀",
    '"',
    "\\",
    "\n",
    "\t",
    "/",
    "é",
    "\u0001",
    "ab cd",
  ];
  const escape = (ch: string): string => {
    if (ch === '"') return '\\"';
    if (ch === "\\") return "\\\\";
    if (ch === "\n") return pick(["\\n", "\\u000a"]);
    if (ch === "\t") return "\\t";
    if (ch === "\u0001") return "\\u0001";
    if (ch === "/") return pick(["/", "\\/"]);
    if (ch === "é") return pick(["é", "\\u00e9", "\\u00E9"]);
    if (ch === "😀") return pick(["😀", "\\ud83d\\ude00"]);
    return ch;
  };
  const string = (): string => {
    const n = Math.floor(random() * 6);
    let out = '"';
    for (let i = 0; i < n; i++) for (const ch of pick(STRING_PIECES)) out += escape(ch);
    return `${out}"`;
  };
  const digits = (min: number) =>
    Array.from({ length: min + Math.floor(random() * 3) }, () => pick("0123456789".split(""))).join("");
  const number = (): string => {
    const int = random() < 0.3 ? "0" : pick("123456789".split("")) + digits(0);
    const frac = random() < 0.4 ? `.${digits(1)}` : "";
    const exp = random() < 0.25 ? pick(["e", "E"]) + pick(["", "+", "-"]) + digits(1) : "";
    return (random() < 0.3 ? "-" : "") + int + frac + exp;
  };
  const value = (depth: number): string => {
    const r = random();
    if (depth < 4 && r < 0.2) {
      const n = Math.floor(random() * 4);
      const items = Array.from({ length: n }, () => ws() + value(depth + 1) + ws());
      return `[${items.join(",") || ws()}]`;
    }
    if (depth < 4 && r < 0.45) {
      const n = Math.floor(random() * 4);
      const entries = Array.from(
        { length: n },
        () => `${ws()}${string()}${ws()}:${ws()}${value(depth + 1)}${ws()}`,
      );
      return `{${entries.join(",") || ws()}}`;
    }
    if (r < 0.65) return string();
    if (r < 0.85) return number();
    return pick(["true", "false", "null"]);
  };
  return { document: () => ws() + value(0) + ws(), pick };
}

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

  it("JsonMarkdownStream", () => {
    const s = new JsonMarkdownStream();
    expect([s.push("``"), s.value]).toEqual([false, undefined]);
    expect([s.push('`json\n{"a'), s.value]).toEqual([true, {}]);
    expect([s.push('": 1}\n```'), s.value]).toEqual([true, { a: 1 }]);
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

describe("JsonMarkdownStream follows parseJsonMarkdown", () => {
  /** LangChain on the text so far, except for 1-2 trailing backticks inside a fence, which we hold back. */
  const markdownOracle = (text: string): unknown => {
    const open = text.indexOf("```");
    const body = open < 0 ? "" : text.slice(open + 3);
    const held = open >= 0 && !body.includes("```") ? (/`{1,2}$/.exec(body)?.[0].length ?? 0) : 0;
    return lcMarkdown(text.slice(0, text.length - held)) ?? undefined;
  };

  it.each([
    ['Here is JSON: {"a": 1}', undefined],
    ['  {"a": 1}  ', { a: 1 }],
    ['```json\n{"a": 1}\n```', { a: 1 }],
    ['Sure!\n```json\n{"a": [1, 2]}\n```\nanything after', { a: [1, 2] }],
    ['```\n{"a": 1}```', { a: 1 }],
    ['```json{"a": 1', { a: 1 }],
    ['```jsonc\n{"a": 1}```', undefined],
    ['```javascript\n{"a": 1}```', undefined],
    ['{"code": "``` x', undefined],
  ])("%j", (text, expected) => {
    expect(lcMarkdown(text) ?? undefined).toEqual(expected);
    for (let size = 1; size <= 4; size++) {
      const chunks = text.match(new RegExp(`[^]{1,${size}}`, "g")) ?? [];
      const stream = new JsonMarkdownStream();
      streamAndCheck(stream, chunks, markdownOracle);
      expect(stream.value).toEqual(expected);
    }
  });

  it("a fence opening split across chunks", () => {
    const stream = new JsonMarkdownStream();
    expect(stream.push("``")).toBe(false);
    expect(stream.value).toBeUndefined();
    expect(stream.push('`json\n{"a')).toBe(true);
    expect(stream.value).toEqual({});
    expect(stream.push('": "x`')).toBe(true);
    expect(stream.value).toEqual({ a: "x" }); // LangChain shows "x`" here: the held-back backtick
    expect(stream.push("``")).toBe(false);
    expect(stream.value).toEqual({ a: "x" });
    expect(stream.push(' more {"b": 1}')).toBe(false); // after the closing fence: ignored
  });

  it("random fenced and unfenced documents agree after every push", () => {
    const random = rng(5);
    const gen = jsonGenerator(random);
    const wrappers: [string, string][] = [
      ["", ""],
      ["```json\n", "\n```"],
      ["```json", "```"],
      ["```\n", "\n```\nThat is all."],
      ["Here you go:\n```json\n", "\n```"],
      ["Text first ", ""],
      ["```JSON\n", "```"],
    ];
    for (let n = 0; n < 300; n++) {
      const [before, after] = gen.pick(wrappers);
      const text = before + gen.document() + after;
      const stream = new JsonMarkdownStream();
      streamAndCheck(stream, splitRandomly(text, random), markdownOracle);
      expect(stream.value).toEqual(lcMarkdown(text) ?? undefined);
    }
  });

  it("reports failure only once no fence can rescue the text", () => {
    const stream = new JsonMarkdownStream();
    stream.push("Here is JSON:");
    expect(stream.failed).toBe(false); // a fence may still come
    stream.push("\n```json\n{} x");
    expect(stream.failed).toBe(true);
  });
});
