import { describe, expect, it } from "vitest";
import {
  BLOCK_CHARS,
  PINNED_MAX_CHARS,
  TAIL_CHARS,
  firstAbove,
  tailNote,
  tailText,
  textTail,
} from "./text-tail.ts";

function streamed(chunks: string[]): { text: string; boundaries: number[] } {
  let text = "";
  const boundaries: number[] = [];
  for (const c of chunks) {
    text += c;
    boundaries.push(text.length);
  }
  return { text, boundaries };
}

describe("textTail", () => {
  it("returns short text whole, with a bar after every chunk when asked", () => {
    const { text, boundaries } = streamed(["Hello", " world", "!"]);
    expect(tailText(textTail(text, boundaries))).toBe(text);
    expect(tailText(textTail(text, boundaries, { showBoundaries: true }))).toBe("Hello| world|!|");
    expect(tailNote(textTail(text, boundaries))).toBeUndefined();
  });

  it("keeps only the last blocks of a long text, with the bars inside them", () => {
    const { text, boundaries } = streamed(Array.from({ length: 2000 }, (_, i) => `c${i};`));
    const tail = textTail(text, boundaries, { maxChars: 10, showBoundaries: true });
    // The tail starts on a block edge, so it holds at least the last 10 characters.
    expect(tail.start % BLOCK_CHARS).toBe(0);
    expect(text.length - tail.start).toBeGreaterThanOrEqual(10);
    expect(text.length - tail.start).toBeLessThan(10 + BLOCK_CHARS);
    const drawn = tailText(tail);
    expect(drawn.endsWith("c1998;|c1999;|")).toBe(true);
    expect(drawn.replaceAll("|", "")).toBe(text.slice(tail.start));
    expect(tailNote(tail)).toBe(
      `Showing the last ${(text.length - tail.start).toLocaleString("en")} of ${text.length.toLocaleString("en")} characters`,
    );
  });

  it("keeps a finished block's text the same while the stream grows, so its DOM is left alone", () => {
    const chunks = Array.from({ length: 600 }, (_, i) => `w${i} `);
    const before = streamed(chunks.slice(0, 400));
    const after = streamed(chunks);
    const a = textTail(before.text, before.boundaries, { showBoundaries: true });
    const b = textTail(after.text, after.boundaries, { showBoundaries: true });
    expect(a.blocks.length).toBeGreaterThan(1);
    for (const block of a.blocks.slice(0, -1)) {
      expect(b.blocks.find((x) => x.key === block.key)?.text).toBe(block.text);
    }
  });

  it("keeps a pinned first block while the text grows, then holds still at the pinned limit", () => {
    const chunks = Array.from({ length: 40_000 }, (_, i) => `w${i} `);
    const reading = streamed(chunks.slice(0, 2_000));
    const pinned = textTail(reading.text, reading.boundaries).blocks[0]!.key;
    const later = streamed(chunks.slice(0, 6_000));
    const kept = textTail(later.text, later.boundaries, { fromBlock: pinned });
    expect(kept.blocks[0]!.key).toBe(pinned);
    expect(kept.total - kept.start).toBeGreaterThan(TAIL_CHARS);
    // Unpinned, the same text shows only its latest part.
    expect(textTail(later.text, later.boundaries).blocks[0]!.key).toBeGreaterThan(pinned);
    // Far past the pin, nothing the user reads goes: the tail stops growing at the pinned limit
    // (plus at most a block) and its blocks no longer change.
    const much = streamed(chunks);
    const capped = textTail(much.text, much.boundaries, { fromBlock: pinned });
    expect(capped.blocks[0]!.key).toBe(pinned);
    expect(capped.end - capped.start).toBeLessThan(PINNED_MAX_CHARS + BLOCK_CHARS);
    expect(capped.end).toBeLessThan(capped.total);
    expect(tailText(capped)).toBe(much.text.slice(capped.start, capped.end));
    const more = streamed([...chunks, ...chunks]);
    expect(textTail(more.text, more.boundaries, { fromBlock: pinned }).blocks).toEqual(capped.blocks);
    expect(tailNote(capped)).toBe(
      `Showing characters ${(capped.start + 1).toLocaleString("en")}–${capped.end.toLocaleString("en")} of ${capped.total.toLocaleString("en")}`,
    );
  });

  it("breaks blocks where lines break, when a line break is near", () => {
    const { text, boundaries } = streamed(Array.from({ length: 300 }, (_, i) => `line ${i} of the stream\n`));
    const tail = textTail(text, boundaries, { maxChars: 4000 });
    for (const block of tail.blocks.slice(0, -1)) expect(block.text.endsWith("\n")).toBe(true);
    expect(tail.blocks.slice(1).every((b) => b.text.startsWith("line "))).toBe(true);
    expect(tailText(tail)).toBe(text.slice(tail.start));
  });

  it("ignores boundaries the text has not caught up with yet", () => {
    expect(tailText(textTail("ab", [1, 2, 5], { showBoundaries: true }))).toBe("a|b|");
  });

  it("never splits a surrogate pair between blocks", () => {
    const text = "x".repeat(BLOCK_CHARS - 1) + "😀" + "y";
    const tail = textTail(text, []);
    expect(tail.blocks.map((b) => b.text.length)).toEqual([BLOCK_CHARS + 1, 1]);
    expect(tailText(tail)).toBe(text);
  });

  it("finds the first boundary past an offset by binary search", () => {
    const b = [2, 4, 4, 9];
    expect(firstAbove(b, 0)).toBe(0);
    expect(firstAbove(b, 4)).toBe(3);
    expect(firstAbove(b, 9)).toBe(4);
  });
});
