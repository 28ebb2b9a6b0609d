import { createStore } from "zustand/vanilla";
import type { EventsVersion } from "../core/index.ts";

/**
 * How the user is looking at a run, shared by the canvas, the timeline and the events list. Node
 * selection lives in the document store (the canvas owns it); selecting a node filters the
 * timeline and the events. Selecting an event or a timeline bar highlights its node.
 */
export interface RunViewState {
  /** Index into the run store's `events`. */
  selectedEvent: number | undefined;
  /** The node of the selected event or bar, drawn with a ring on the canvas. */
  highlightedNode: string | undefined;
  /** Show chunk boundaries as `|` in streamed text, like the guide. */
  showBoundaries: boolean;
  /** The `streamEvents` schema the next run records (v2 adds `parent_ids`). */
  eventsVersion: EventsVersion;
  selectEvent(index: number | undefined, nodeId: string | undefined): void;
  setShowBoundaries(show: boolean): void;
  setEventsVersion(version: EventsVersion): void;
  /** A new run starts: selections from the previous one no longer mean anything. */
  reset(): void;
}

export type RunViewStore = ReturnType<typeof createRunViewStore>;

export function createRunViewStore() {
  return createStore<RunViewState>()((set) => ({
    selectedEvent: undefined,
    highlightedNode: undefined,
    showBoundaries: false,
    eventsVersion: "v2",
    selectEvent: (selectedEvent, highlightedNode) => set({ selectedEvent, highlightedNode }),
    setShowBoundaries: (showBoundaries) => set({ showBoundaries }),
    setEventsVersion: (eventsVersion) => set({ eventsVersion }),
    reset: () => set({ selectedEvent: undefined, highlightedNode: undefined }),
  }));
}
