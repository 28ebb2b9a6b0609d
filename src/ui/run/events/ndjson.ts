import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { safeStringify } from "./safe-json.ts";

/** An event as exported: `t` (ms since the run's start, to the microsecond) first, then the event. */
export function exportedEvent({ t, event }: TimedEvent): { t: number } & StreamEvent {
  return { t: Math.round(t * 1000) / 1000, ...event };
}

/** The selected event for the detail view and Copy. */
export function eventJson(timed: TimedEvent): string {
  return safeStringify(exportedEvent(timed), 2);
}

/**
 * Newline-delimited JSON, one event per line, in run order. With `indices`, only those events
 * (the filtered list); without, every event up to `count`.
 */
export function eventsToNdjson(
  events: readonly TimedEvent[],
  count: number,
  indices?: readonly number[],
): string {
  const lines: string[] = [];
  if (indices) {
    for (const i of indices) {
      const e = events[i];
      if (e) lines.push(safeStringify(exportedEvent(e)));
    }
  } else {
    for (let i = 0; i < Math.min(count, events.length); i++)
      lines.push(safeStringify(exportedEvent(events[i] as TimedEvent)));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
