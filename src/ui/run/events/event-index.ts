import { parseEventName } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";

/**
 * The positions in a run's append-only `events` that match one query, extended as the run grows:
 * each event is tested once, so a streamed token costs one predicate call, not a re-filter of
 * everything. A new query or a new run (a new `events` array) starts a new index.
 */
export class FilteredEvents {
  /** Ascending indices into `events`. Append-only. */
  readonly indices: number[] = [];
  private scanned = 0;

  constructor(
    private readonly events: readonly TimedEvent[],
    private readonly matches: (e: TimedEvent) => boolean,
  ) {}

  /** Tests the events up to `count`; idempotent, so calling it during render is safe. */
  advance(count: number): number {
    const end = Math.min(count, this.events.length);
    for (; this.scanned < end; this.scanned++) {
      if (this.matches(this.events[this.scanned] as TimedEvent)) this.indices.push(this.scanned);
    }
    return this.indices.length;
  }
}

/** The run names, run types and tags present in a run, for the filter choices. Grows like `FilteredEvents`. */
export class EventFacets {
  readonly names = new Set<string>();
  readonly types = new Set<string>();
  readonly tags = new Set<string>();
  private scanned = 0;

  constructor(private readonly events: readonly TimedEvent[]) {}

  /** Returns a number that changes whenever a new value appeared (the total of distinct values). */
  advance(count: number): number {
    const end = Math.min(count, this.events.length);
    for (; this.scanned < end; this.scanned++) {
      const { event } = this.events[this.scanned] as TimedEvent;
      this.names.add(event.name);
      this.types.add(parseEventName(event.event)[0]);
      for (const tag of event.tags) this.tags.add(tag);
    }
    return this.names.size + this.types.size + this.tags.size;
  }
}

/**
 * Where event `eventIndex` sits in the ascending `indices`, or where it would be inserted
 * (binary search: the list can hold tens of thousands).
 */
export function positionOf(indices: readonly number[], eventIndex: number): { at: number; found: boolean } {
  let lo = 0;
  let hi = indices.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((indices[mid] as number) < eventIndex) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: indices[lo] === eventIndex };
}

/** The filtered position after moving `step` rows from the selected event (clamped to the list). */
export function movedPosition(
  indices: readonly number[],
  selected: number | undefined,
  step: number,
): number | undefined {
  if (indices.length === 0) return undefined;
  if (selected === undefined) return step > 0 ? 0 : indices.length - 1;
  const { at, found } = positionOf(indices, selected);
  // A selected event hidden by the filters: moving starts from where it would be.
  const from = found ? at : step > 0 ? at - 1 : at;
  return Math.max(0, Math.min(indices.length - 1, from + step));
}

/** Rows PageUp/PageDown move by. */
const PAGE_ROWS = 10;

/** The filtered position a navigation key moves the selection to; undefined for other keys. */
export function keyTarget(
  key: string,
  indices: readonly number[],
  selected: number | undefined,
): number | undefined {
  if (indices.length === 0) return undefined;
  switch (key) {
    case "ArrowDown":
      return movedPosition(indices, selected, 1);
    case "ArrowUp":
      return movedPosition(indices, selected, -1);
    case "PageDown":
      return movedPosition(indices, selected, PAGE_ROWS);
    case "PageUp":
      return movedPosition(indices, selected, -PAGE_ROWS);
    case "Home":
      return 0;
    case "End":
      return indices.length - 1;
    default:
      return undefined;
  }
}
