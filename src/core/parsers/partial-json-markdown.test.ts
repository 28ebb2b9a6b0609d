import { parseJsonMarkdown as lcMarkdown } from "@langchain/core/output_parsers";
import { describe, expect, it } from "vitest";
import { JsonMarkdownStream } from "./partial-json-markdown.ts";
import { jsonGenerator, rng, splitRandomly, streamAndCheck } from "./partial-json.test-helpers.ts";

describe("the JSDoc examples", () => {
  it("JsonMarkdownStream", () => {
    const s = new JsonMarkdownStream();
    expect([s.push("``"), s.value]).toEqual([false, undefined]);
    expect([s.push('`json\n{"a'), s.value]).toEqual([true, {}]);
    expect([s.push('": 1}\n```'), s.value]).toEqual([true, { a: 1 }]);
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
