import { formatCount } from "../../format-count.ts";

/** How much of a long text a live view renders: enough to read, small enough to redraw every frame. */
export const TAIL_CHARS = 4096;
/**
 * What a node's small box renders while it follows the stream: two boxes full (about seven lines of
 * thirty-five characters show). The rest of TAIL_CHARS comes back as soon as the user stops
 * following to read (`usePinnedTail`). With eight models streaming, sixteen boxes re-laid out
 * 4,096 characters each every frame; 1,024 took the median frame from 50 to 33 ms and 512 the
 * frames drawn in 10 s from about 420 to 465 (docs/run.md#performance).
 */
export const NODE_FOLLOW_CHARS = 512;
/**
 * The tail is drawn as blocks that start at fixed offsets of the whole text (moved forward to just
 * after a line break when there is one within the block). A streamed text only grows, so every
 * block but the last keeps its content from frame to frame: React leaves its DOM alone (a selection
 * inside it survives).
 */
export const BLOCK_CHARS = 256;
/**
 * While the user reads or selects in a tail (it stopped following the stream), its first block is
 * pinned so the text under their eyes and their selection stay put; it still grows at the end, up
 * to this many characters, and then holds still: nothing the user is reading is ever taken away
 * (at 100 KB/s, a 1 MB answer dropped the selection half a second after it was made). Following
 * again shows the latest text; "Show all" shows the whole.
 */
export const PINNED_MAX_CHARS = 65_536;

export interface TextBlock {
  /** The block's number in the whole text: a stable React key. */
  key: number;
  text: string;
}

export interface TextTail {
  blocks: TextBlock[];
  /** Where the rendered part starts in the whole text (0 when all of it is shown). */
  start: number;
  /** Where it ends: `total`, except for a pinned tail that reached PINNED_MAX_CHARS. */
  end: number;
  /** The whole text's length, in characters. */
  total: number;
}

/**
 * The end of a streamed text, with chunk boundaries as `|` after every chunk (as the guide prints
 * them). Costs O(tail + log chunks) however long the text is: boundaries are found by binary search,
 * never by walking the whole text, so a 1 MB stream can be redrawn every frame.
 */
export function textTail(
  text: string,
  boundaries: readonly number[],
  {
    maxChars = TAIL_CHARS,
    showBoundaries = false,
    fromBlock,
  }: { maxChars?: number; showBoundaries?: boolean; fromBlock?: number | undefined } = {},
): TextTail {
  const total = text.length;
  const latest = latestBlock(total, maxChars);
  const first = fromBlock === undefined ? latest : Math.min(latest, fromBlock);
  const blocks: TextBlock[] = [];
  const start = edge(text, first);
  // A pinned tail ends at a block edge, so its blocks' contents never change once it is full.
  const limit = fromBlock === undefined ? total : start + PINNED_MAX_CHARS;
  let end = start;
  let i = showBoundaries ? firstAbove(boundaries, start) : boundaries.length;
  for (let k = first; edge(text, k) < total && edge(text, k) < limit; k++) {
    const from = edge(text, k);
    const to = Math.min(edge(text, k + 1), total);
    end = to;
    let out = "";
    let at = from;
    // A bar belongs to the block holding the character before it; ones past the text's end
    // belong to a later frame.
    for (; i < boundaries.length && boundaries[i]! <= to; i++) {
      out += text.slice(at, boundaries[i]) + "|";
      at = boundaries[i]!;
    }
    blocks.push({ key: k, text: out + text.slice(at, to) });
  }
  return { blocks, start, end, total };
}

/** The first block of a tail of `maxChars` characters of a text of `total` characters. */
export function latestBlock(total: number, maxChars: number): number {
  return Math.floor(Math.max(0, total - maxChars) / BLOCK_CHARS);
}

/**
 * Where block `k` starts: after the first line break at or past k × BLOCK_CHARS (so blocks break
 * where lines do), else at k × BLOCK_CHARS, never inside a surrogate pair. It depends only on text
 * that a growing stream no longer changes, except for the last block's.
 */
function edge(text: string, k: number): number {
  const at = k * BLOCK_CHARS;
  if (at === 0 || at >= text.length) return at;
  // A bounded scan: a megabyte without a line break must not be searched to its end.
  const end = Math.min(text.length, at + BLOCK_CHARS - 1);
  for (let i = at; i < end; i++) if (text.charCodeAt(i) === 10) return i + 1;
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + 1 : at;
}

/** The index of the first boundary greater than `offset` (boundaries ascend). */
export function firstAbove(boundaries: readonly number[], offset: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * "Showing the last 4,096 of 1,048,576 characters" (or "characters 1,025–66,560 of …" for a pinned
 * tail that holds still): exact, so nobody mistakes characters for bytes. `unit` names what is
 * counted: the Output tab's list of partial objects counts chunks.
 */
export function tailNote(
  { start, end, total }: { start: number; end: number; total: number },
  unit: "characters" | "chunks" = "characters",
): string | undefined {
  if (end < total)
    return `Showing ${unit} ${formatCount(start + 1)}–${formatCount(end)} of ${formatCount(total)}`;
  if (start === 0) return undefined;
  return `Showing the last ${formatCount(total - start)} of ${formatCount(total)} ${unit}`;
}

/** The text a tail draws, as one string (for tests and copy). */
export function tailText(tail: TextTail): string {
  return tail.blocks.map((b) => b.text).join("");
}
