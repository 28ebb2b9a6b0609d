/**
 * Streams JSON documents through IncrementalJsonParser in 3-char chunks, reading `value` after
 * every push that changed it (what JsonOutputParser does), and prints the time per size.
 * LangChain's re-parse-everything approach takes ~72 s at 100 KB (shared/reference §20).
 *
 *   npx tsx bench/partial-json.bench.ts
 */
import { IncrementalJsonParser } from "../src/core/parsers/partial-json.ts";
import { JsonMarkdownStream } from "../src/core/parsers/partial-json-markdown.ts";

const SIZES_KB = [25, 50, 100];
const CHUNK = 3;
const RUNS = 15;

/** Deterministic PRNG (mulberry32) so every run streams the same document. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "the a river city north old bright market quiet famous small coast green harbor".split(" ");

/** A realistic structured model answer: an indented array of records with strings and numbers. */
function productList(bytes: number): string {
  const random = rng(42);
  const sentence = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  const items: unknown[] = [];
  for (let id = 1; JSON.stringify(items, null, 2).length < bytes; id++) {
    items.push({
      id,
      name: `Item ${sentence(2)}`,
      description: `${sentence(12)}.`,
      price: Math.round(random() * 100_000) / 100,
      rating: Math.round(random() * 50) / 10,
      in_stock: random() > 0.3,
      tags: [sentence(1), sentence(1)],
    });
  }
  return JSON.stringify(items, null, 2);
}

interface Streamer {
  push(text: string): boolean;
  readonly value: unknown;
}

/** Streams `text`; with `read`, takes the snapshot after every change, as JsonOutputParser does. */
function stream(text: string, make: () => Streamer, read: boolean) {
  const start = performance.now();
  const parser = make();
  let emitted = 0;
  let last: unknown;
  for (let i = 0; i < text.length; i += CHUNK) {
    if (parser.push(text.slice(i, i + CHUNK))) {
      if (read) last = parser.value;
      emitted++;
    }
  }
  const ms = performance.now() - start;
  return { ms, emitted, last: read ? last : parser.value };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function run(label: string, docFor: (bytes: number) => string, make: () => Streamer, read = true): void {
  const best = SIZES_KB.map((kb) => {
    const doc = docFor(kb * 1024);
    const expected = JSON.stringify(JSON.parse(doc.replace(/^```json\n|\n```$/g, "")));
    for (let w = 0; w < 3; w++) stream(doc, make, read); // warm-up
    const times: number[] = [];
    let emitted = 0;
    for (let r = 0; r < RUNS; r++) {
      const result = stream(doc, make, read);
      if (JSON.stringify(result.last) !== expected) throw new Error(`${label}: wrong final value`);
      times.push(result.ms);
      emitted = result.emitted;
    }
    const chunks = Math.ceil(doc.length / CHUNK);
    const min = Math.min(...times);
    console.log(
      `${label.padEnd(22)} ${String(kb).padStart(3)} KB  ${chunks} chunks  ${emitted} emitted  ` +
        `min ${min.toFixed(1).padStart(5)} ms  median ${median(times).toFixed(1).padStart(5)} ms  ` +
        `${((min * 1000) / chunks).toFixed(2)} µs/chunk`,
    );
    return { min, median: median(times) };
  });
  const first = best[0];
  const last = best.at(-1);
  if (!first || !last) return;
  console.log(
    `${label.padEnd(22)} growth 25 -> 100 KB: x${(last.min / first.min).toFixed(2)} (min), ` +
      `x${(last.median / first.median).toFixed(2)} (median); size x4\n`,
  );
}

console.log(
  `${RUNS} runs after 3 warm-ups (min and median), ${CHUNK}-char chunks, value read after each change\n`,
);
run("array of objects", productList, () => new IncrementalJsonParser());
// The same without taking snapshots: the parser's own cost. The difference is the snapshots: each
// one copies the open top-level array, so their total grows with (changes x array length).
run("same, no value reads", productList, () => new IncrementalJsonParser(), false);
run(
  "same, ```json fenced",
  (b) => "```json\n" + productList(b) + "\n```",
  () => new JsonMarkdownStream(),
);
run(
  "one long string",
  (b) => JSON.stringify({ text: "lorem ipsum dolor ".repeat(b / 18) }),
  () => new IncrementalJsonParser(),
);
