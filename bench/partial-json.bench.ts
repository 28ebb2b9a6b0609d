/**
 * Streams JSON documents through IncrementalJsonParser in 3-char chunks, reading `value` after
 * every push that changed it (what JsonOutputParser does), and prints the time per size.
 * LangChain's re-parse-everything approach takes ~72 s at 100 KB (shared/reference §20).
 *
 *   npx tsx bench/partial-json.bench.ts
 */
import { IncrementalJsonParser, JsonMarkdownStream } from "../src/core/parsers/partial-json.ts";

const SIZES_KB = [25, 50, 100];
const CHUNK = 3;
const RUNS = 7;

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

function stream(text: string, make: () => Streamer): { ms: number; emitted: number; last: unknown } {
  const start = performance.now();
  const parser = make();
  let emitted = 0;
  let last: unknown;
  for (let i = 0; i < text.length; i += CHUNK) {
    if (parser.push(text.slice(i, i + CHUNK))) {
      last = parser.value;
      emitted++;
    }
  }
  return { ms: performance.now() - start, emitted, last };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function run(label: string, docFor: (bytes: number) => string, make: () => Streamer): void {
  const results = SIZES_KB.map((kb) => {
    const doc = docFor(kb * 1024);
    for (let w = 0; w < 2; w++) stream(doc, make); // warm-up
    const times: number[] = [];
    let emitted = 0;
    for (let r = 0; r < RUNS; r++) {
      const result = stream(doc, make);
      times.push(result.ms);
      emitted = result.emitted;
      const expected = JSON.stringify(JSON.parse(doc.replace(/^```json\n|\n```$/g, "")));
      if (JSON.stringify(result.last) !== expected) throw new Error(`${label}: wrong final value`);
    }
    const ms = median(times);
    const chunks = Math.ceil(doc.length / CHUNK);
    console.log(
      `${label.padEnd(22)} ${String(kb).padStart(3)} KB  ${chunks} chunks  ${emitted} emitted  ` +
        `${ms.toFixed(1).padStart(6)} ms  ${((ms * 1000) / chunks).toFixed(2)} µs/chunk`,
    );
    return ms;
  });
  const growth = (results.at(-1) ?? NaN) / (results[0] ?? NaN);
  console.log(`${label.padEnd(22)} growth 25 -> 100 KB: x${growth.toFixed(2)} (size x4, linear is x4)\n`);
}

console.log(`median of ${RUNS} runs after 2 warm-ups, ${CHUNK}-char chunks, value read after each change\n`);
run("array of objects", productList, () => new IncrementalJsonParser());
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
