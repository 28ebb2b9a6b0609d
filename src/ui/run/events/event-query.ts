import { type EventFilters, makeEventFilter, parseEventName } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { eventSearchText } from "./event-search.ts";

/** What the events list shows: `streamEvents` filters, free text and the canvas's node selection. */
export interface EventQuery {
  filters: EventFilters;
  /** Case-insensitive text looked for in the event name, the run name and the data's JSON. */
  search: string;
  /** When not empty, only events of these nodes (`TimedEvent.nodeId`). */
  nodeIds: readonly string[];
}

export type FacetKind = "name" | "type" | "tag";
export type FilterMode = "include" | "exclude";

const FILTER_KEYS: Record<FacetKind, Record<FilterMode, keyof EventFilters>> = {
  name: { include: "includeNames", exclude: "excludeNames" },
  type: { include: "includeTypes", exclude: "excludeTypes" },
  tag: { include: "includeTags", exclude: "excludeTags" },
};

export const FACET_KINDS: readonly FacetKind[] = ["type", "name", "tag"];

/** One active filter, for the removable chips. */
export interface FilterRule {
  kind: FacetKind;
  value: string;
  mode: FilterMode;
}

/** Whether `value` is included, excluded or not filtered on. */
export function modeOf(filters: EventFilters, kind: FacetKind, value: string): FilterMode | undefined {
  if (filters[FILTER_KEYS[kind].include]?.includes(value)) return "include";
  if (filters[FILTER_KEYS[kind].exclude]?.includes(value)) return "exclude";
  return undefined;
}

/** A copy of `filters` with `value` in `mode` (or in neither list). */
export function setMode(
  filters: EventFilters,
  kind: FacetKind,
  value: string,
  mode: FilterMode | undefined,
): EventFilters {
  const next: EventFilters = { ...filters };
  for (const m of ["include", "exclude"] as const) {
    const key = FILTER_KEYS[kind][m];
    const rest = (filters[key] ?? []).filter((v) => v !== value);
    const list = m === mode ? [...rest, value] : rest;
    if (list.length > 0) next[key] = list;
    else delete next[key];
  }
  return next;
}

/** A chip's click: not filtered → include → exclude → not filtered. */
export function nextMode(mode: FilterMode | undefined): FilterMode | undefined {
  return mode === undefined ? "include" : mode === "include" ? "exclude" : undefined;
}

export function activeRules(filters: EventFilters): FilterRule[] {
  const rules: FilterRule[] = [];
  for (const kind of FACET_KINDS) {
    for (const mode of ["include", "exclude"] as const) {
      for (const value of filters[FILTER_KEYS[kind][mode]] ?? []) rules.push({ kind, value, mode });
    }
  }
  return rules;
}

export function isUnfiltered(query: EventQuery): boolean {
  return activeRules(query.filters).length === 0 && query.search.trim() === "" && query.nodeIds.length === 0;
}

/**
 * The predicate for one query. Filters follow `makeEventFilter` exactly (includes OR'd, excludes
 * win), so the list shows what `streamEvents` with the same options would have streamed.
 */
export function makeEventMatcher(query: EventQuery): (e: TimedEvent) => boolean {
  const passesFilters = makeEventFilter(query.filters);
  const nodes = query.nodeIds.length > 0 ? new Set(query.nodeIds) : undefined;
  const needle = query.search.trim().toLowerCase();
  return (timed) => {
    const { event } = timed;
    if (nodes && (timed.nodeId === undefined || !nodes.has(timed.nodeId))) return false;
    if (!passesFilters(event.name, parseEventName(event.event)[0], event.tags)) return false;
    return needle === "" || eventSearchText(timed).includes(needle);
  };
}
