import { type KeyboardEvent, useCallback, useLayoutEffect, useRef } from "react";
import type { TimedEvent } from "../../../stores/index.ts";
import { EventRow, ROW_HEIGHT, eventRowId } from "./EventRow.tsx";
import { keyTarget, positionOf } from "./event-index.ts";
import { BOUNDARY_BOX, BoundarySlot } from "../../LayoutIsland.tsx";
import { useFixedRows } from "./use-fixed-rows.ts";
import { useFollowLatest } from "./use-follow-latest.ts";

/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 10;

interface Props {
  events: readonly TimedEvent[];
  /** Indices into `events` to show, ascending (extended in place while the run streams). */
  indices: readonly number[];
  shown: number;
  selected: number | undefined;
  nodeNames: ReadonlyMap<string, string>;
  onSelect: (index: number | undefined) => void;
}

/**
 * The shown events, windowed (only the rows on screen exist, so a run of any length scrolls
 * smoothly and an update costs the rows in view). Follows the newest event until the user scrolls
 * up; a listbox for the keyboard.
 */
export function EventList({ events, indices, shown, selected, nodeNames, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const rows = useFixedRows(scroller, { count: shown, rowHeight: ROW_HEIGHT, overscan: OVERSCAN });
  const { scrollToIndex } = rows;

  const { following, onScroll, jumpToLatest, pause } = useFollowLatest(
    scroller,
    content,
    () => ({ content: rows.totalSize, viewport: rows.viewportHeight }),
    ROW_HEIGHT / 2,
  );

  // A selection made anywhere (the timeline, the keyboard, a filter change) is scrolled into view
  // and holds the list still, so arriving events do not carry it away.
  const selectedPos = selected === undefined ? undefined : positionOf(indices, selected);
  const selectedAt = selectedPos?.found ? selectedPos.at : undefined;
  useLayoutEffect(() => {
    if (selectedAt === undefined) return;
    pause();
    scrollToIndex(selectedAt);
  }, [selectedAt, indices, scrollToIndex, pause]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && selected !== undefined) {
      e.preventDefault();
      onSelect(undefined);
      return;
    }
    const at = keyTarget(e.key, indices, selected);
    if (at === undefined) return;
    e.preventDefault();
    onSelect(indices[at]);
  };

  const select = useCallback((index: number) => onSelect(index), [onSelect]);

  return (
    <BoundarySlot className="min-h-0 flex-1">
      <div
        ref={scroller}
        role="listbox"
        aria-label="Event list"
        tabIndex={0}
        aria-activedescendant={
          selectedAt !== undefined ? eventRowId(indices[selectedAt] as number) : undefined
        }
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          rows.onScroll(top);
          onScroll(top);
        }}
        onKeyDown={onKeyDown}
        // The list places rows itself; the browser's scroll anchoring would fight it as rows mount.
        style={{ overflowAnchor: "none" }}
        // A relayout boundary: each new row lays out the list alone, not the page around it.
        className={`${BOUNDARY_BOX} overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:ring-inset`}
      >
        <div ref={content} style={{ height: rows.totalSize }} className="relative w-full">
          {range(rows.start, rows.end).map((at) => {
            const index = indices[at] as number;
            const timed = events[index] as TimedEvent;
            return (
              <EventRow
                key={index}
                timed={timed}
                index={index}
                position={at + 1}
                setSize={shown}
                top={at * ROW_HEIGHT}
                selected={index === selected}
                nodeName={timed.nodeId === undefined ? undefined : nodeNames.get(timed.nodeId)}
                onSelect={select}
              />
            );
          })}
        </div>
      </div>
      {!following && shown > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute right-4 bottom-2 rounded-full bg-cyan-700 px-3 py-1 text-xs font-medium text-white shadow-md hover:bg-cyan-800 focus-visible:ring-2 focus-visible:ring-cyan-300 focus-visible:outline-none dark:bg-cyan-600 dark:hover:bg-cyan-500"
        >
          Jump to latest <span aria-hidden="true">↓</span>
        </button>
      )}
    </BoundarySlot>
  );
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}
