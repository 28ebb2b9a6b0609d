import type { TimedEvent } from "../../../stores/index.ts";
import { safeStringify } from "./safe-json.ts";

// Events never change once recorded, so each one's text is built once, however often the user types.
const cache = new WeakMap<TimedEvent, string>();

/** The lower-cased text free-text search looks in: event name, run name, the data as JSON. */
export function eventSearchText(timed: TimedEvent): string {
  let text = cache.get(timed);
  if (text === undefined) {
    const { event } = timed;
    text = `${event.event}\n${event.name}\n${safeStringify(event.data)}`.toLowerCase();
    cache.set(timed, text);
  }
  return text;
}
