import { describe, expect, it } from "vitest";
import { type ChainInputShape, type ParsedBatch, detectFormat, parseBatch } from "./batch-input.ts";

const topic: ChainInputShape = { kind: "variables", names: ["topic"] };

function values(r: ParsedBatch): unknown[] {
  if (!r.ok) throw new Error(`expected a parse, got: ${r.message}`);
  return r.inputs.map((i) => i.value);
}

describe("detectFormat", () => {
  it("takes JSON objects per line as JSON lines", () => {
    expect(detectFormat('{"topic":"a"}\n{"topic":"b"}')).toBe("jsonl");
    expect(detectFormat('\n  \n["a", 1]\n')).toBe("jsonl");
  });

  it("takes a header row of names as CSV, even when the data rows look like JSON", () => {
    expect(detectFormat("topic\nparrots\ncats")).toBe("csv");
    expect(detectFormat("n\n1\n2")).toBe("csv");
    expect(detectFormat("topic,mood\nparrots,happy")).toBe("csv");
  });

  it("takes a column of JSON scalars as JSON lines", () => {
    expect(detectFormat('"parrots"\n"cats"')).toBe("jsonl");
  });
});

describe("JSON lines", () => {
  it("parses one value per line, skipping blank lines, and remembers each line", () => {
    const r = parseBatch('{"topic":"a"}\n\n"plain"\r\n[1,2]\n', "jsonl", { kind: "value" });
    expect(values(r)).toEqual([{ topic: "a" }, "plain", [1, 2]]);
    expect(r.ok && r.inputs.map((i) => i.line)).toEqual([1, 3, 4]);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("names the line of a syntax error", () => {
    const r = parseBatch('{"topic":"a"}\n\n{"topic": oops}\n{"topic":"c"}', "jsonl", topic);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.line).toBe(3);
    expect(!r.ok && r.message).toMatch(/^Line 3: /);
  });

  it("warns when lines lack the chain's variables", () => {
    const r = parseBatch('{"topic":"a"}\n{"subject":"b"}\n"c"', "jsonl", topic);
    expect(r.ok && r.warnings).toEqual(["2 lines lack the chain's variables (topic), first on line 2."]);
  });
});

describe("CSV", () => {
  it("turns rows into objects keyed by the header", () => {
    const r = parseBatch("topic,mood\nparrots,happy\ncats,grumpy\n", "csv", {
      kind: "variables",
      names: ["topic", "mood"],
    });
    expect(values(r)).toEqual([
      { topic: "parrots", mood: "happy" },
      { topic: "cats", mood: "grumpy" },
    ]);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("keeps commas, doubled quotes and newlines inside quoted fields", () => {
    const text = 'topic,mood\n"cats, mostly","a ""quoted"" word"\n"two\nlines",ok\r\nlast,one';
    const r = parseBatch(text, "csv", { kind: "variables", names: ["topic", "mood"] });
    expect(values(r)).toEqual([
      { topic: "cats, mostly", mood: 'a "quoted" word' },
      { topic: "two\nlines", mood: "ok" },
      { topic: "last", mood: "one" },
    ]);
    // A row starts on the line its text starts on, multi-line fields included.
    expect(r.ok && r.inputs.map((i) => i.line)).toEqual([2, 3, 5]);
  });

  it("skips blank lines and reads a tab-separated paste from a spreadsheet", () => {
    const r = parseBatch("topic\tmood\n\nparrots\thappy, very\n", "csv", {
      kind: "variables",
      names: ["topic", "mood"],
    });
    expect(values(r)).toEqual([{ topic: "parrots", mood: "happy, very" }]);
  });

  it("names the line of a row with the wrong number of fields", () => {
    const r = parseBatch('topic,mood\na,b\n"multi\nline",c\n\nx,y,z\n', "csv", {
      kind: "variables",
      names: ["topic", "mood"],
    });
    expect(r).toMatchObject({ ok: false, line: 6, message: "Line 6: 3 fields, but the header has 2" });
  });

  it("names the line of a quoted field that is never closed", () => {
    const r = parseBatch('topic\nparrots\n"cats\nand dogs\n', "csv", topic);
    expect(r).toMatchObject({ ok: false, line: 3 });
    expect(!r.ok && r.message).toContain("never closed");
  });

  it("names the line of a quoted field with text after its closing quote", () => {
    const r = parseBatch('topic,mood\nfine,ok\n"a"b,c\n', "csv", topic);
    expect(r).toMatchObject({ ok: false, line: 3 });
    expect(!r.ok && r.message).toContain("after its closing quote");
  });

  it("rejects a header column without a name", () => {
    const r = parseBatch("topic,,mood\na,b,c", "csv", topic);
    expect(r).toMatchObject({ ok: false, line: 1, message: "Line 1: column 2 of the header has no name" });
  });

  it("warns about columns the chain lacks and columns it does not use", () => {
    const r = parseBatch("subject,tone\na,b", "csv", { kind: "variables", names: ["topic", "tone"] });
    expect(r.ok && r.warnings).toEqual([
      "Missing column for the chain: topic.",
      "Column the chain does not use: subject.",
    ]);
  });

  it("warns that a chain taking one value gets each row as an object", () => {
    const r = parseBatch("text\nhello", "csv", { kind: "value" });
    expect(values(r)).toEqual([{ text: "hello" }]);
    expect(r.ok && r.warnings[0]).toMatch(/takes one value/);
  });

  it("gives no inputs for a header alone", () => {
    expect(values(parseBatch("topic\n", "csv", topic))).toEqual([]);
  });
});
