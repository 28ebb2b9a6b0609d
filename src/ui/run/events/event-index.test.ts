import { describe, expect, it } from "vitest";
import type { TimedEvent } from "../../../stores/index.ts";
import { EventFacets, FilteredEvents, keyTarget, movedPosition, positionOf } from "./event-index.ts";
import { timed } from "./test-events.ts";

function growingRun(n: number): TimedEvent[] {
  return Array.from({ length: n }, (_, i) =>
    timed(
      i % 3 === 0 ? "on_parser_stream" : "on_chat_model_stream",
      i % 3 === 0 ? "P" : "M",
      { chunk: `c${i}` },
      {
        tags: [`tag${i % 4}`],
      },
    ),
  );
}

describe("FilteredEvents", () => {
  it("tests each event once as the run grows and matches a filter over everything", () => {
    const events: TimedEvent[] = [];
    let calls = 0;
    const index = new FilteredEvents(events, (e) => {
      calls += 1;
      return e.event.name === "P";
    });
    for (const e of growingRun(100)) {
      events.push(e);
      // Called twice per growth, as a re-render would: the second call adds nothing.
      index.advance(events.length);
      index.advance(events.length);
    }
    expect(calls).toBe(100);
    expect(index.indices).toEqual(events.flatMap((e, i) => (e.event.name === "P" ? [i] : [])));
  });

  it("never reads past the events it was given", () => {
    const events = growingRun(3);
    expect(new FilteredEvents(events, () => true).advance(10)).toBe(3);
  });
});

describe("EventFacets", () => {
  it("collects names, run types and tags, and reports growth", () => {
    const events = growingRun(2);
    const facets = new EventFacets(events);
    const first = facets.advance(1);
    expect([...facets.names]).toEqual(["P"]);
    const second = facets.advance(2);
    expect(second).toBeGreaterThan(first);
    expect(facets.advance(2)).toBe(second);
    expect([...facets.types].sort()).toEqual(["chat_model", "parser"]);
    expect([...facets.tags].sort()).toEqual(["tag0", "tag1"]);
  });
});

describe("positions", () => {
  const indices = [2, 5, 9, 14];

  it("finds an event in the filtered list or where it would go", () => {
    expect(positionOf(indices, 9)).toEqual({ at: 2, found: true });
    expect(positionOf(indices, 10)).toEqual({ at: 3, found: false });
    expect(positionOf(indices, 0)).toEqual({ at: 0, found: false });
    expect(positionOf(indices, 99)).toEqual({ at: 4, found: false });
  });

  it("moves the selection by rows, clamped, also from a hidden event", () => {
    expect(movedPosition(indices, 5, 1)).toBe(2);
    expect(movedPosition(indices, 5, -1)).toBe(0);
    expect(movedPosition(indices, 14, 1)).toBe(3);
    expect(movedPosition(indices, 2, -10)).toBe(0);
    // 10 is hidden between 9 (position 2) and 14 (position 3).
    expect(movedPosition(indices, 10, 1)).toBe(3);
    expect(movedPosition(indices, 10, -1)).toBe(2);
    expect(movedPosition(indices, undefined, 1)).toBe(0);
    expect(movedPosition(indices, undefined, -1)).toBe(3);
    expect(movedPosition([], 3, 1)).toBeUndefined();
  });

  it("maps navigation keys to positions and ignores the others", () => {
    expect(keyTarget("ArrowDown", indices, 2)).toBe(1);
    expect(keyTarget("ArrowUp", indices, 5)).toBe(0);
    expect(keyTarget("Home", indices, 9)).toBe(0);
    expect(keyTarget("End", indices, 2)).toBe(3);
    expect(keyTarget("PageDown", indices, 2)).toBe(3);
    expect(keyTarget("a", indices, 2)).toBeUndefined();
    expect(keyTarget("ArrowDown", [], undefined)).toBeUndefined();
  });
});
