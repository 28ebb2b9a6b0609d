import { IncrementalJsonParser } from "./partial-json.ts";
import { deepEqual } from "./partial-json-tree.ts";

const BACKTICK = 0x60;

/**
 * Streams JSON that may be wrapped in a markdown fence, as LangChain's `parseJsonMarkdown` reads
 * the whole text: if the text contains ``` the part after the first fence (minus a `json` tag) up
 * to the next fence is parsed, otherwise all of it (`Here is JSON: {...}` has no value).
 *
 * Divergence: one or two backticks at the end of the fenced part may begin the closing fence, so
 * they are held back until the next character decides. LangChain parses them meanwhile: inside a
 * string it shows them (`{"k": "a` plus two backticks gives {k: "a" + two backticks}, and {k: "a"}
 * again once the third completes the fence), elsewhere they make the text invalid (null, never
 * emitted). Everything else, including a fence or a `json` tag split across pieces, gives
 * LangChain's value after every push.
 *
 * @example
 * const s = new JsonMarkdownStream();
 * s.push("``");          // false: no fence yet, and "``" is not JSON
 * s.push("`json\n{\"a"); // true:  s.value is {}
 * s.push('": 1}\n```');  // true:  {a: 1}; later text is ignored
 */
export class JsonMarkdownStream {
  #parser = new IncrementalJsonParser();
  /** before: no fence yet; tag: right after it; body: inside; after: past the closing fence. */
  #phase: "before" | "tag" | "body" | "after" = "before";
  /** Backticks at the end of the text so far: part of a fence that may be completing. */
  #ticks = 0;
  #tag = "";
  /** The value last reported as changed, while the first fence may still replace the parser. */
  #last: unknown = undefined;
  #switched = false;

  get value(): unknown {
    return this.#parser.value;
  }

  /** True once the value can never become valid again (before a fence, one may still come). */
  get failed(): boolean {
    if (this.#phase === "before") return false;
    return this.#parser.failed || (this.#phase === "after" && this.value === undefined);
  }

  /** Appends text; true when LangChain's JsonOutputParser would emit the new `value`. */
  push(text: string): boolean {
    if (this.#phase === "before") {
      const fenceEnd = this.#findOpeningFence(text);
      if (fenceEnd < 0) {
        const changed = this.#parser.push(text);
        // Kept for the comparison if a fence turns up later. Taking the snapshot here costs nothing
        // extra for JsonOutputParser, which reads every changed value anyway.
        if (changed) this.#last = this.value;
        return changed;
      }
      // The text before the fence stops mattering: parse what follows it with a fresh parser.
      this.#parser = new IncrementalJsonParser();
      this.#phase = "tag";
      this.#switched = true;
      text = text.slice(fenceEnd);
    }
    if (this.#phase === "tag") text = this.#readTag(text);
    let changed = this.#phase === "body" ? this.#readBody(text) : false;
    if (this.#switched && this.value !== undefined) {
      // The first value inside the fence is compared with the last one reported before it.
      this.#switched = false;
      changed = !deepEqual(this.value, this.#last);
    }
    return changed;
  }

  /** Index just past the first ``` (which may have begun in earlier pieces), or -1. */
  #findOpeningFence(text: string): number {
    for (let i = 0; i < text.length; i++) {
      this.#ticks = text.charCodeAt(i) === BACKTICK ? this.#ticks + 1 : 0;
      if (this.#ticks === 3) {
        this.#ticks = 0;
        return i + 1;
      }
    }
    return -1;
  }

  /** Holds the first characters after the fence until it is clear whether they spell `json`. */
  #readTag(text: string): string {
    const take = text.slice(0, 4 - this.#tag.length);
    this.#tag += take;
    if (!"json".startsWith(this.#tag)) {
      this.#phase = "body";
      return this.#tag + text.slice(take.length); // not a tag: it is content
    }
    if (this.#tag.length < 4) return "";
    // LangChain also drops a newline after the tag; leading whitespace is skipped anyway.
    this.#phase = "body";
    return text.slice(take.length);
  }

  /** Feeds the fenced content, stopping at the closing fence and holding back a possible start of it. */
  #readBody(text: string): boolean {
    const held = "`".repeat(this.#ticks) + text;
    const close = held.indexOf("```");
    if (close >= 0) {
      this.#phase = "after";
      return this.#parser.push(held.slice(0, close));
    }
    let keep = held.length;
    while (keep > 0 && held.charCodeAt(keep - 1) === BACKTICK) keep--;
    this.#ticks = held.length - keep;
    return this.#parser.push(held.slice(0, keep));
  }
}
