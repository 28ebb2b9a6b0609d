/** Test-only helpers shared by the partial-JSON parser tests (partial-json*.test.ts). */
import { expect } from "vitest";

type Json = Record<string, unknown>;

/** LangChain's emission test (deepCompareStrict from @cfworker/json-schema): === leaves, key order ignored. */
export function lcSame(a: unknown, b: unknown): boolean {
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

export interface Streamer {
  push(text: string): boolean;
  readonly value: unknown;
}

/**
 * Pushes `chunks` and checks after every push that `value` is `expected(textSoFar)` and that push
 * returned true exactly when LangChain's JsonOutputParser would have emitted.
 */
export function streamAndCheck(s: Streamer, chunks: string[], expected: (text: string) => unknown): void {
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
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function splitRandomly(text: string, random: () => number, max = 7): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(random() * max);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

/** Random JSON text written by hand, so escapes, number forms and whitespace vary. */
export function jsonGenerator(random: () => number) {
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
