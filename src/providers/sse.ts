/**
 * SSE framing over decoded text, with eventsource-parser (WHATWG "Parsing an event stream"): CR, LF
 * and CRLF mixed, a CRLF split across reads, comments, multi-line `data:`, unknown fields, and an
 * unterminated last event discarded. docs/providers.md records what was checked in the library.
 */
import { type EventSourceMessage, createParser } from "eventsource-parser";

/** One SSE event or one NDJSON line. `tail` marks NDJSON text left unterminated at the end of the body. */
export interface Frame {
  event?: string | undefined;
  data: string;
  tail?: boolean;
}

/** A stream that breaks the framing itself (one event over the size cap). */
export class FramingError extends Error {
  override name = "FramingError";
}

/** No real event comes close; this caps memory when a broken server never ends a line. */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * SSE events from text pieces. The text must come from ONE streaming TextDecoder, which also drops
 * the BOM: the library's own BOM check compares the bytes EF BB BF as characters, which never match
 * decoded text, so the decoder is what handles it.
 */
export async function* sseFrames(texts: AsyncIterable<string>): AsyncGenerator<Frame> {
  const queue: Frame[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent(e: EventSourceMessage) {
      // A bare `data` line dispatches empty data: nothing to parse.
      if (e.data !== "") queue.push({ event: e.event, data: e.data });
    },
    onError(err) {
      if (err.type === "max-buffer-size-exceeded") overflow = true;
      // Old llama.cpp builds write `error: {json}`, which WHATWG ignores; surface it as an error event.
      else if (err.type === "unknown-field" && err.field === "error" && err.value)
        queue.push({ event: "error", data: err.value });
    },
  });
  let endsWithCR = false;
  for await (const text of texts) {
    if (text === "") continue;
    parser.feed(text);
    if (overflow) throw new FramingError(`an SSE event exceeded ${MAX_EVENT_CHARS} characters`);
    endsWithCR = text.endsWith("\r");
    if (queue.length > 0) yield* queue.splice(0);
  }
  // The parser holds back a final CR in case an LF follows; at the end of the body it is a line end.
  if (endsWithCR) parser.feed("\n");
  if (queue.length > 0) yield* queue.splice(0);
}
