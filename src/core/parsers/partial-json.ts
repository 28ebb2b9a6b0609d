import { SnapshotTree } from "./partial-json-tree.ts";

/*
 * Incremental twin of @langchain/core 1.x parsePartialJson (shared/reference/langchain-js-semantics.md
 * §10-11). LangChain trims the text and parses it with a lenient recursive-descent parser; this
 * state machine reaches the same value one character at a time. Its quirks are LangChain's, on
 * purpose: whitespace is anything `/\s/` matches; raw control characters are allowed in strings; a
 * number is `-`? digits? (`.` digits?)? (e/E [+-]? digits?)? read with parseFloat, so `-`, `1.`,
 * `-.5`, `1e` are numbers; a literal is any prefix of true/false/null at the end of the text.
 * Whitespace is held back until something else arrives, because LangChain trims the end of the text
 * (`"a ` shows "a", and `[tru ` is [true] until the next character fails it).
 *
 * Known divergences: a `__proto__` key is an own property, as JSON.parse makes it (LangChain's
 * lenient path sets the prototype instead). `push` may return true for an unchanged value in one
 * corner: a single push that changes a value and then replaces it with an equal one through a
 * duplicate key (`{"a": 1` + `2, "a": 1`); never a missed change. Numbers are re-read with
 * parseFloat per push, so a number thousands of digits long would cost its length per push.
 */

type Mode = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "colon" | "next" | "string" | "number" | "literal";
/** Where a number is: after `-`, after a leading 0, in the integer/fraction/exponent, or at a bare `-.`. */
type NumberPhase = "sign" | "zero" | "int" | "dot" | "frac" | "exp" | "expSign" | "expDigits";

// Character codes the grammar looks at.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
const LITERALS: Readonly<Record<string, readonly [string, boolean | null]>> = {
  n: ["null", null],
  t: ["true", true],
  f: ["false", false],
};

/**
 * Parses a JSON text that arrives in pieces; each push costs time proportional to the piece, not
 * the text so far. After every push, `value` equals what LangChain's `parsePartialJson` returns for
 * the whole text so far (`null` there is `undefined` here).
 *
 * `value` is a snapshot: frozen, shared with later snapshots where nothing changed, and never
 * mutated by later pushes. Taking one costs the total width of the containers still open (the
 * path to the growing leaf is copied), so streaming a growing top-level array costs its length per
 * read: the floor for plain arrays, since every emitted snapshot is a distinct array.
 *
 * @example
 * const p = new IncrementalJsonParser();
 * p.push('{"name": "Fr'); // true:  p.value is {name: "Fr"}
 * p.push('ance", "po');   // true:  {name: "France"} (the key "po" has no value yet)
 * p.push('p": 674');      // true:  {name: "France", pop: 674}
 * p.push("  ");           // false: whitespace changes nothing
 */
export class IncrementalJsonParser {
  #tree: SnapshotTree;
  #failed = false;
  #mode: Mode = "value";
  /** Whitespace not yet consumed: it only counts once something follows it. */
  #pending = "";
  // The string being read (a key or a value): decoded text, and what an unfinished escape shows.
  #isKey = false;
  #str = "";
  #tail = "";
  #escape: "none" | "start" | "hex" = "none";
  #hex = "";
  // The number being read: its text, its value as last attached, and its phase.
  #num = "";
  #numValue = 0;
  #phase: NumberPhase = "sign";
  // The literal being read and how much of it has arrived.
  #word = "";
  #wordAt = 0;

  /** `freeze: false` skips freezing snapshots, for one-shot parses whose result nobody shares. */
  constructor(options: { freeze?: boolean } = {}) {
    this.#tree = new SnapshotTree(options.freeze ?? true);
  }

  /** The current partial value (a frozen snapshot that later pushes do not change), or undefined. */
  get value(): unknown {
    if (this.#failed || this.#isBareDot()) return undefined;
    const v = this.#tree.snapshot();
    return v === null ? undefined : v;
  }

  /** True once the text can never be valid again; further pushes are ignored. */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Appends text. Returns true exactly when LangChain's JsonOutputParser would emit: the value is
   * defined and differs deeply from the last defined value.
   */
  push(text: string): boolean {
    const n = text.length;
    let i = 0;
    while (i < n && !this.#failed) {
      if (this.#mode === "string" && this.#escape === "none") {
        i = this.#readRun(text, i);
        if (i < n) this.#stringSpecial(text.charCodeAt(i++));
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        let j = i + 1;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (this.#mode === "number") this.#endNumber();
        else if (this.#mode === "string" || this.#mode === "literal") this.#pending += text.slice(i, j);
        i = j;
        continue;
      }
      this.#step(c);
      i++;
    }
    if (this.#mode === "number" && !this.#failed && !this.#isBareDot()) this.#syncNumber();
    // A bare `-.` is undefined for now but may still become a number: keep collecting changes.
    if (this.#failed || this.#isBareDot() || !this.#tree.hasRoot) return false;
    return this.#tree.takeChange() && this.#tree.hasValue;
  }

  /** One non-whitespace character outside a plain string run. */
  #step(c: number): void {
    switch (this.#mode) {
      case "value":
      case "valueOrEnd":
        return this.#startValue(c);
      case "key":
      case "keyOrEnd":
        if (c === QUOTE) return this.#startString(true);
        return c === CLOSE_BRACE && this.#mode === "keyOrEnd" ? this.#close() : this.#fail();
      case "colon":
        if (c === COLON) this.#mode = "value";
        else this.#fail();
        return;
      case "next": {
        const top = this.#tree.top;
        if (top && c === COMMA) this.#mode = top.isArray ? "value" : "key";
        else if (top && c === (top.isArray ? CLOSE_BRACKET : CLOSE_BRACE)) this.#close();
        else this.#fail(); // includes anything after a complete top-level value
        return;
      }
      case "string":
        // Whitespace before an escape's next character makes it invalid (`"x\ y`).
        if (this.#pending !== "") return this.#fail();
        return this.#escape === "start" ? this.#escapeChar(c) : this.#hexDigit(c);
      case "number":
        if (this.#numberChar(c)) return;
        this.#endNumber();
        if (!this.#failed) this.#step(c);
        return;
      case "literal":
        if (this.#pending !== "" || c !== this.#word.charCodeAt(this.#wordAt)) return this.#fail();
        if (++this.#wordAt === this.#word.length) this.#mode = "next";
        return;
    }
  }

  #startValue(c: number): void {
    const ch = String.fromCharCode(c);
    const literal = LITERALS[ch];
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.#tree.open(c === OPEN_BRACKET);
      this.#mode = c === OPEN_BRACKET ? "valueOrEnd" : "keyOrEnd";
    } else if (c === QUOTE) {
      this.#tree.attach("");
      this.#startString(false);
    } else if (c === MINUS || isDigit(c)) {
      this.#num = ch;
      this.#phase = c === MINUS ? "sign" : c === ZERO ? "zero" : "int";
      this.#numValue = c === MINUS ? -0 : c - ZERO;
      this.#tree.attach(this.#numValue);
      this.#mode = "number";
    } else if (literal) {
      [this.#word, this.#wordAt] = [literal[0], 1];
      this.#tree.attach(literal[1]);
      this.#mode = "literal";
    } else if (c === CLOSE_BRACKET && this.#mode === "valueOrEnd") {
      this.#close();
    } else {
      this.#fail(); // also `]` after a comma, and `}` where a value must come
    }
  }

  #close(): void {
    this.#tree.close();
    this.#mode = "next";
  }

  #startString(isKey: boolean): void {
    this.#isKey = isKey;
    this.#str = this.#tail = this.#pending = "";
    this.#escape = "none";
    this.#mode = "string";
  }

  /**
   * Appends the plain characters from `i` up to the next quote or backslash in one go. Trailing
   * whitespace at the end of the piece is held back (LangChain trims it until more text follows).
   * Returns the index of the quote or backslash, or the end of the piece.
   */
  #readRun(text: string, i: number): number {
    let end = i;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === QUOTE || c === BACKSLASH) break;
      end++;
    }
    let keep = end;
    if (end === text.length) while (keep > i && isSpace(text.charCodeAt(keep - 1))) keep--;
    if (keep > i || (end < text.length && this.#pending !== "")) {
      this.#str += this.#pending + text.slice(i, keep);
      this.#pending = "";
      if (!this.#isKey) this.#tree.update(this.#str);
    }
    this.#pending += text.slice(keep, end);
    return end;
  }

  /** A quote ends the string; a backslash starts an escape, shown as a literal `\` until it completes. */
  #stringSpecial(c: number): void {
    if (c === BACKSLASH) {
      this.#escape = "start";
      this.#tail = "\\";
      if (!this.#isKey) this.#tree.update(this.#str + this.#tail);
    } else if (this.#isKey) {
      this.#tree.setKey(this.#str);
      this.#mode = "colon";
    } else {
      this.#mode = "next";
    }
  }

  #escapeChar(c: number): void {
    const decoded = ESCAPES[String.fromCharCode(c)];
    if (decoded !== undefined) {
      this.#str += decoded;
      this.#escape = "none";
      this.#tail = "";
      // `\\` completing a shown trailing backslash leaves the text as it was.
      if (!this.#isKey && decoded !== "\\") this.#tree.update(this.#str);
    } else if (c === 0x75 /* u */) {
      this.#escape = "hex";
      this.#hex = "";
      this.#tail = "u"; // LangChain shows an unfinished \u00 as the letters "u00"
      if (!this.#isKey) this.#tree.update(this.#str + this.#tail);
    } else {
      this.#fail();
    }
  }

  #hexDigit(c: number): void {
    if (!isHexDigit(c)) return this.#fail();
    this.#hex += String.fromCharCode(c);
    if (this.#hex.length < 4) {
      this.#tail = `u${this.#hex}`;
    } else {
      this.#str += String.fromCharCode(Number.parseInt(this.#hex, 16));
      this.#escape = "none";
      this.#tail = "";
    }
    if (!this.#isKey) this.#tree.update(this.#str + this.#tail);
  }

  /** Advances the number's phase; false when `c` is not part of it. Fails on `01`, `-e`, `-.e`. */
  #numberChar(c: number): boolean {
    const digit = isDigit(c);
    const exp = c === 0x65 || c === 0x45; // e or E
    let next: NumberPhase | "invalid" | undefined;
    switch (this.#phase) {
      case "sign":
        next = c === ZERO ? "zero" : digit ? "int" : c === DOT ? "dot" : exp ? "invalid" : undefined;
        break;
      case "zero":
        next = digit ? "invalid" : c === DOT ? "frac" : exp ? "exp" : undefined;
        break;
      case "int":
        next = digit ? "int" : c === DOT ? "frac" : exp ? "exp" : undefined;
        break;
      case "dot": // `-.` needs a digit: parseFloat("-.") and parseFloat("-.e1") are NaN
        next = digit ? "frac" : "invalid";
        break;
      case "frac":
        next = digit ? "frac" : exp ? "exp" : undefined;
        break;
      case "exp":
        next = c === PLUS || c === MINUS ? "expSign" : digit ? "expDigits" : undefined;
        break;
      case "expSign":
      case "expDigits":
        next = digit ? "expDigits" : undefined;
        break;
    }
    if (next === undefined) return false;
    if (next === "invalid") {
      this.#fail();
      return true;
    }
    this.#phase = next;
    this.#num += String.fromCharCode(c);
    return true;
  }

  #endNumber(): void {
    if (this.#isBareDot()) return this.#fail();
    this.#syncNumber();
    this.#mode = "next";
  }

  /** Re-reads the number text (short in practice) and updates the value if it moved. */
  #syncNumber(): void {
    const v = this.#num === "-" ? -0 : Number.parseFloat(this.#num);
    if (v === this.#numValue) return; // 674 -> 674.0 is no change; === as LangChain's comparison
    this.#numValue = v;
    this.#tree.update(v);
  }

  #isBareDot(): boolean {
    return this.#mode === "number" && this.#phase === "dot";
  }

  #fail(): void {
    this.#failed = true;
    this.#tree = new SnapshotTree(false); // drop the partial value
    this.#str = this.#pending = this.#num = "";
  }
}

/**
 * One-shot equivalent of @langchain/core's `parsePartialJson`: the completed value of a possibly
 * unfinished JSON text, or null when it has none (invalid, empty, or the literal `null`).
 *
 * @example
 * parsePartialJson('{"a": [1, {"b": "x'); // {a: [1, {b: "x"}]}
 * parsePartialJson("[1,]"); // null
 */
export function parsePartialJson(text: string): unknown {
  const parser = new IncrementalJsonParser({ freeze: false });
  parser.push(text);
  return parser.value ?? null;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Exactly the characters `/\s/` and String.prototype.trim treat as whitespace. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
