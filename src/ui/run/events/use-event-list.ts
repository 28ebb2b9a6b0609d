import { useMemo } from "react";
import type { TimedEvent } from "../../../stores/index.ts";
import { useRunSummary } from "../../services.tsx";
import { EventFacets, FilteredEvents } from "./event-index.ts";
import { type EventQuery, makeEventMatcher } from "./event-query.ts";

export interface EventList {
  events: readonly TimedEvent[];
  /** Every event of the run so far. */
  count: number;
  /** Indices into `events` of the events shown, ascending; append-only while the query holds. */
  indices: readonly number[];
  /** `indices.length`, which changes as the run grows (the array itself is extended in place). */
  shown: number;
}

/**
 * The run's events under `query` (keep it memoised: a new query re-filters every event once). As
 * the run grows only the new events are tested.
 */
export function useEventList(query: EventQuery): EventList {
  const events = useRunSummary((s) => s.events);
  const count = useRunSummary((s) => s.eventCount);
  const filtered = useMemo(() => new FilteredEvents(events, makeEventMatcher(query)), [events, query]);
  const shown = filtered.advance(count);
  return { events, count, indices: filtered.indices, shown };
}

export interface FacetChoices {
  names: string[];
  types: string[];
  tags: string[];
}

/** The names, run types and tags present in the run so far, sorted, for the filter chips. */
export function useFacetChoices(): FacetChoices {
  const events = useRunSummary((s) => s.events);
  const count = useRunSummary((s) => s.eventCount);
  const facets = useMemo(() => new EventFacets(events), [events]);
  const version = facets.advance(count);
  return useMemo(
    () => ({ names: sorted(facets.names), types: sorted(facets.types), tags: sorted(facets.tags) }),
    // `version` changes exactly when a new value arrived; the sets themselves are mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the mutated sets
    [facets, version],
  );
}

function sorted(values: Set<string>): string[] {
  return [...values].sort((a, b) => a.localeCompare(b));
}
