/**
 * NDJSON framing (Ollama): one JSON value per line. Raw CR and LF cannot occur inside a JSON text, so
 * any of LF, CRLF or a lone CR ends a line, and since blank lines are skipped a CRLF split across two
 * reads is harmless. Unterminated text at the end is yielded with `tail: true`: it is either a last
 * object without its newline (it parses) or a line cut off mid-way (it does not, and is dropped).
 */
import type { Frame } from "./sse.ts";
import { FramingError, MAX_EVENT_CHARS } from "./sse.ts";

const LINE_END = /\r\n|\r|\n/;

export async function* ndjsonFrames(texts: AsyncIterable<string>): AsyncGenerator<Frame> {
  let pending = "";
  for await (const text of texts) {
    if (!/[\r\n]/.test(text)) {
      // No line end: just buffer, so a long line arriving in small reads is not re-scanned each time.
      pending += text;
      if (pending.length > MAX_EVENT_CHARS)
        throw new FramingError(`an NDJSON line exceeded ${MAX_EVENT_CHARS} characters`);
      continue;
    }
    const lines = (pending + text).split(LINE_END);
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") yield { data: line };
  }
  if (pending.trim() !== "") yield { data: pending, tail: true };
}
