/**
 * SSE framing traps (docs/providers.md "SSE framing"), through the production decoder: random byte
 * cuts, BOM, CR/LF/CRLF mixed, comments, multi-line data, a cut-off last event, lone CR at the end.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { framesOf } from "./framing.testkit.ts";
import { FramingError, MAX_EVENT_CHARS, sseFrames } from "./sse.ts";

const ENDINGS = ["\n", "\r\n", "\r"] as const;

interface Ev {
  event?: string;
  lines: string[];
  comment: boolean;
}

/** Encodes events with the given line endings, never letting a CR and a blank line's LF merge. */
function encode(events: Ev[], endings: number[], bom: boolean, cutLast: boolean): string {
  let out = bom ? "\uFEFF" : "";
  let k = 0;
  let prev = "";
  const line = (text: string) => {
    let end: string = ENDINGS[endings[k++ % endings.length]! % 3]!;
    if (prev === "\r" && text === "" && end === "\n") end = "\r\n";
    out += text + end;
    prev = end;
  };
  events.forEach((e, i) => {
    if (e.comment) line(": keep-alive");
    if (e.event) line(`event: ${e.event}`);
    for (const l of e.lines) line(`data: ${l}`);
    if (!(cutLast && i === events.length - 1)) line("");
  });
  return out;
}

const text = fc.string({
  unit: fc.constantFrom("a", "é", "日", "🌍", " ", ":", "{", "}", '"', "x"),
  maxLength: 12,
});
const eventArb = fc.record({
  event: fc.option(fc.constantFrom("message_start", "content_block_delta", "error"), { nil: undefined }),
  lines: fc.array(text, { minLength: 1, maxLength: 3 }),
  comment: fc.boolean(),
});

describe("sseFrames", () => {
  it("dispatches exactly the complete events, however the bytes are cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(2), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 30 }),
        async (events, endings, bom, cutLast, cuts) => {
          const body = encode(events as Ev[], endings, bom, cutLast);
          const frames = await framesOf(body, cuts, sseFrames);
          const complete = cutLast ? events.slice(0, -1) : events;
          const expected = complete
            .map((e) => ({ event: e.event, data: e.lines.join("\n") }))
            .filter((e) => e.data !== "");
          expect(frames).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cuts every byte apart: BOM, CRLF pairs and a 4-byte character", async () => {
    const body = '\uFEFFdata: {"t":"🌍"}\r\n\r\n: ping\r\ndata: a\r\ndata: b\r\n\r\n';
    const bytes = new TextEncoder().encode(body);
    const every = Array.from({ length: bytes.length }, (_, i) => i);
    expect(await framesOf(bytes, every, sseFrames)).toEqual([
      { event: undefined, data: '{"t":"🌍"}' },
      { event: undefined, data: "a\nb" },
    ]);
  });

  it("treats a lone CR that ends the body as a line end (a CR-only stream keeps its last event)", async () => {
    expect(await framesOf("data: 1\r\rdata: 2\r\r", [], sseFrames)).toEqual([
      { event: undefined, data: "1" },
      { event: undefined, data: "2" },
    ]);
  });

  it("discards an event not terminated by a blank line, even when its data line is complete", async () => {
    expect(await framesOf("data: 1\n\ndata: 2\n", [], sseFrames)).toEqual([{ event: undefined, data: "1" }]);
    expect(await framesOf("data: 1\n\ndata: 2\r", [], sseFrames)).toEqual([{ event: undefined, data: "1" }]);
  });

  it("keeps a CR at the end of one read and an LF at the start of the next as one line end", async () => {
    const body = 'data: {"a":1,\r\ndata: "b":2}\r\n\r\n';
    const at = body.indexOf("\r\n") + 1;
    expect(await framesOf(body, [at], sseFrames)).toEqual([{ event: undefined, data: '{"a":1,\n"b":2}' }]);
  });

  it("follows the field rules: no space, one space stripped, bare data, unknown fields", async () => {
    const body = "data:x\n\ndata:  y\n\ndata\n\nid: 7\nretry: 10\nfoo: bar\ndata: z\n\n";
    expect(await framesOf(body, [], sseFrames)).toEqual([
      { event: undefined, data: "x" },
      { event: undefined, data: " y" },
      { event: undefined, data: "z" },
    ]);
  });

  it("surfaces old llama.cpp `error:` lines as error events", async () => {
    expect(await framesOf('error: {"message":"boom"}\n\n', [], sseFrames)).toEqual([
      { event: "error", data: '{"message":"boom"}' },
    ]);
  });

  it("refuses an event over the size cap instead of buffering forever", async () => {
    const huge = `data: ${"x".repeat(MAX_EVENT_CHARS + 10)}`;
    await expect(framesOf(huge, [], sseFrames)).rejects.toBeInstanceOf(FramingError);
  });
});
