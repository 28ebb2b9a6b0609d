/** NDJSON framing (Ollama) through the production decoder: random cuts, line endings, the tail. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { framesOf } from "./framing.testkit.ts";
import { ndjsonFrames } from "./ndjson.ts";

const ENDINGS = ["\n", "\r\n", "\r"];

describe("ndjsonFrames", () => {
  it("yields exactly the lines, whatever the cuts and line endings", async () => {
    const value = fc.record({
      content: fc.string({ unit: fc.constantFrom("a", "é", "🌍", "\\", '"', "<") }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(2), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(300), { maxLength: 25 }),
        async (values, endings, cuts) => {
          const lines = values.map((v) => JSON.stringify(v));
          const body = lines.map((l, i) => l + ENDINGS[endings[i % endings.length]!]!).join("");
          const frames = await framesOf(body, cuts, ndjsonFrames);
          expect(frames).toEqual(lines.map((data) => ({ data })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("skips blank lines and yields an unterminated last line as a tail", async () => {
    expect(await framesOf('{"a":1}\n\n\r\n{"b":2}', [3], ndjsonFrames)).toEqual([
      { data: '{"a":1}' },
      { data: '{"b":2}', tail: true },
    ]);
  });

  it("yields a line cut off mid-way at the end as a tail too (the decoder drops it)", async () => {
    expect(await framesOf('{"a":1}\n{"b":', [], ndjsonFrames)).toEqual([
      { data: '{"a":1}' },
      { data: '{"b":', tail: true },
    ]);
  });

  it("keeps a character split across every byte", async () => {
    const body = '{"t":"日本🌍"}\n';
    const bytes = new TextEncoder().encode(body);
    const every = Array.from({ length: bytes.length }, (_, i) => i);
    expect(await framesOf(bytes, every, ndjsonFrames)).toEqual([{ data: '{"t":"日本🌍"}' }]);
  });
});
