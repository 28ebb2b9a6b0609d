/**
 * Turns WireEvents into bytes: SSE (with the edge-case toggles), NDJSON, or raw text. One Framer per
 * response because "mixed" line endings and the BOM depend on what was already written.
 */
import type { LineEnding } from "./scenario.ts";
import type { StreamFormat, WireEvent } from "./types.ts";

export interface FramerOptions {
  bom?: boolean;
  lineEnding?: LineEnding;
  comments?: boolean | string;
  multiLineData?: boolean;
}

const ENDINGS = { lf: "\n", crlf: "\r\n", cr: "\r" } as const;
const MIXED_CYCLE = ["lf", "crlf", "cr"] as const;

/**
 * Splits compact JSON after top-level commas (outside strings). Joined again with "\n", as an SSE
 * parser joins data lines, it is still valid JSON because "\n" is whitespace between tokens.
 */
export function splitJsonLines(json: string): string[] {
  if (!json.startsWith("{")) return [json];
  const lines: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 1) {
      lines.push(json.slice(start, i + 1));
      start = i + 1;
    }
  }
  lines.push(json.slice(start));
  return lines;
}

export class Framer {
  private lineCount = 0;
  private lastEnding = "";
  private first = true;
  private readonly mode: LineEnding;
  private readonly comment: string | undefined;

  constructor(
    private readonly format: StreamFormat,
    private readonly opts: FramerOptions,
  ) {
    this.mode = opts.lineEnding ?? format.lineEnding;
    this.comment =
      opts.comments === true ? "keep-alive" : typeof opts.comments === "string" ? opts.comments : undefined;
  }

  private ending(line: string): string {
    let name: keyof typeof ENDINGS =
      this.mode === "mixed" ? MIXED_CYCLE[this.lineCount % MIXED_CYCLE.length]! : this.mode;
    // A lone CR followed by an LF-terminated blank line would read as one CRLF and swallow the
    // blank line that dispatches the event: a framing bug, not an edge case, so avoid it.
    if (this.lastEnding === "\r" && line === "" && name === "lf") name = "crlf";
    this.lineCount++;
    this.lastEnding = ENDINGS[name];
    return this.lastEnding;
  }

  private lines(lines: string[]): string {
    let out = "";
    for (const line of lines) out += line + this.ending(line);
    return out;
  }

  private sse(ev: WireEvent): string[] {
    const lines: string[] = [];
    if (this.comment !== undefined) lines.push(`: ${this.comment}`);
    if (ev.event !== undefined) lines.push(`event: ${ev.event}`);
    const dataLines = this.opts.multiLineData ? splitJsonLines(ev.data) : [ev.data];
    for (const d of dataLines) lines.push(`data: ${d}`);
    lines.push("");
    return lines;
  }

  encode(ev: WireEvent): string {
    let out = "";
    if (this.format.framing === "raw") out = ev.data;
    else if (this.format.framing === "ndjson") out = ev.data + "\n";
    else {
      // A comment-only block first: it must dispatch nothing in a conforming parser.
      if (this.first && this.comment !== undefined) out += this.lines([`: ${this.comment}`, ""]);
      out += this.lines(this.sse(ev));
    }
    if (this.first && this.opts.bom && this.format.framing === "sse") out = "\uFEFF" + out;
    this.first = false;
    return out;
  }
}
