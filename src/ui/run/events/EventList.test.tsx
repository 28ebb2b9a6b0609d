import { Profiler } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TimedEvent } from "../../../stores/index.ts";
import { EventList } from "./EventList.tsx";
import { ROW_HEIGHT, eventRowId } from "./EventRow.tsx";
import { timed } from "./test-events.ts";

// jsdom lays nothing out: a 720 px list shows 20 rows; with 10 rows of overscan each side.
const VIEWPORT = 720;
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(Element.prototype, "clientHeight", { configurable: true, get: () => VIEWPORT });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(Element.prototype, "clientHeight", clientHeight);
});

const N = 50_000;
const events: TimedEvent[] = Array.from({ length: N }, (_, i) =>
  timed("on_chat_model_stream", `model-${i}`, { chunk: i }, { t: i }),
);
const all = Array.from({ length: N }, (_, i) => i);
const noNames = new Map<string, string>();

function list(props: Partial<Parameters<typeof EventList>[0]> = {}) {
  const indices = props.indices ?? all;
  return (
    <EventList
      events={events}
      indices={indices}
      shown={props.shown ?? indices.length}
      selected={props.selected}
      nodeNames={noNames}
      onSelect={props.onSelect ?? (() => {})}
    />
  );
}

const listbox = () => screen.getByRole("listbox", { name: "Event list" });
const rowIds = () => screen.getAllByRole("option").map((r) => r.id);
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => eventRowId(from + i));

describe("EventList", () => {
  it("renders only the rows in view of 50,000, in a box as tall as all of them", () => {
    render(list());
    expect(rowIds()).toEqual(ids(0, 30));
    expect(document.getElementById(eventRowId(30))).toBeNull();
    expect(document.getElementById(eventRowId(N - 1))).toBeNull();
    const content = listbox().firstElementChild as HTMLElement;
    expect(content.style.height).toBe(`${N * ROW_HEIGHT}px`);
  });

  it("moves the window as the list scrolls, placing each row by its position", () => {
    render(list());
    const box = listbox();
    box.scrollTop = 25_000 * ROW_HEIGHT;
    fireEvent.scroll(box);
    expect(rowIds()).toEqual(ids(24_990, 25_030));
    const row = document.getElementById(eventRowId(25_000)) as HTMLElement;
    expect(row.style.transform).toBe(`translateY(${25_000 * ROW_HEIGHT}px)`);
    expect(row.getAttribute("aria-posinset")).toBe("25001");
    expect(row.getAttribute("aria-setsize")).toBe(String(N));
  });

  it("re-renders on scroll only when the rows in view change", () => {
    const commits = vi.fn();
    render(
      <Profiler id="list" onRender={commits}>
        {list()}
      </Profiler>,
    );
    const box = listbox();
    const scrollTo = (top: number) => {
      box.scrollTop = top;
      fireEvent.scroll(box);
    };
    scrollTo(10); // row 20 comes into view: rows 0..20
    commits.mockClear();
    scrollTo(20); // still rows 0..20
    scrollTo(30);
    expect(commits).not.toHaveBeenCalled();
    scrollTo(ROW_HEIGHT * 3);
    expect(commits).toHaveBeenCalled();
    expect(rowIds()[0]).toBe(eventRowId(0)); // the overscan still reaches row 0
    expect(rowIds().at(-1)).toBe(eventRowId(32));
  });

  it("maps window positions to the shown events when filtered", () => {
    const odd = all.filter((i) => i % 2 === 1);
    render(list({ indices: odd }));
    expect(rowIds()).toEqual(odd.slice(0, 30).map(eventRowId));
    expect(document.getElementById(eventRowId(3))?.getAttribute("aria-posinset")).toBe("2");
  });

  it("scrolls a selection out of view into view, and renders its row", () => {
    const { rerender } = render(list());
    rerender(list({ selected: 40_000 }));
    const box = listbox();
    // Below the viewport: its bottom lands on the viewport's bottom.
    expect(box.scrollTop).toBe(40_001 * ROW_HEIGHT - VIEWPORT);
    const row = document.getElementById(eventRowId(40_000));
    expect(row?.getAttribute("aria-selected")).toBe("true");
    expect(box.getAttribute("aria-activedescendant")).toBe(eventRowId(40_000));
    expect(rowIds()).toEqual(ids(39_971, 40_011));
    // Above it: its top lands on the viewport's top.
    rerender(list({ selected: 100 }));
    expect(box.scrollTop).toBe(100 * ROW_HEIGHT);
    expect(document.getElementById(eventRowId(100))?.getAttribute("aria-selected")).toBe("true");
    // Already in view: nothing moves.
    rerender(list({ selected: 105 }));
    expect(box.scrollTop).toBe(100 * ROW_HEIGHT);
    // Selecting stopped following the newest event.
    expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeTruthy();
  });

  it("shows the last rows at once when the list shrinks under a stale offset", () => {
    const { rerender } = render(list());
    const box = listbox();
    box.scrollTop = 25_000 * ROW_HEIGHT;
    fireEvent.scroll(box);
    // A filter leaves 100 rows; the browser clamps the offset to 3600 - 720 before any scroll event.
    rerender(list({ indices: all.slice(0, 100) }));
    expect(rowIds()).toEqual(ids(70, 100));
  });
});
