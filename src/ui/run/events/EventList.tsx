import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useCallback, useLayoutEffect, useRef } from "react";
import type { TimedEvent } from "../../../stores/index.ts";
import { EventRow, ROW_HEIGHT, eventRowId } from "./EventRow.tsx";
import { keyTarget, positionOf } from "./event-index.ts";
import { useFollowLatest } from "./use-follow-latest.ts";

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
 * The shown events, virtualised (only the rows on screen exist, so a run of any length scrolls
 * smoothly). Follows the newest event until the user scrolls up; a listbox for the keyboard.
 */
export function EventList({ events, indices, shown, selected, nodeNames, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  // The app is not built with the React Compiler, so nothing memoises the virtualiser's functions.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: shown,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const { following, onScroll, jumpToLatest, pause } = useFollowLatest(
    scroller,
    content,
    () => ({
      content: virtualizer.getTotalSize(),
      viewport: virtualizer.scrollRect?.height ?? 0,
    }),
    ROW_HEIGHT / 2,
  );

  // A selection made anywhere (the timeline, the keyboard, a filter change) is scrolled into view
  // and holds the list still, so arriving events do not carry it away.
  const selectedPos = selected === undefined ? undefined : positionOf(indices, selected);
  const selectedAt = selectedPos?.found ? selectedPos.at : undefined;
  useLayoutEffect(() => {
    if (selectedAt === undefined) return;
    pause();
    virtualizer.scrollToIndex(selectedAt, { align: "auto" });
  }, [selectedAt, indices, virtualizer, pause]);

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
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        role="listbox"
        aria-label="Event list"
        tabIndex={0}
        aria-activedescendant={
          selectedAt !== undefined ? eventRowId(indices[selectedAt] as number) : undefined
        }
        onScroll={(e) => onScroll(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        // The list places rows itself; the browser's scroll anchoring would fight it as rows mount.
        style={{ overflowAnchor: "none" }}
        className="h-full overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:ring-inset"
      >
        <div ref={content} style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
          {virtualizer.getVirtualItems().map((row) => {
            const index = indices[row.index] as number;
            const timed = events[index] as TimedEvent;
            return (
              <EventRow
                key={index}
                timed={timed}
                index={index}
                position={row.index + 1}
                setSize={shown}
                top={row.start}
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
    </div>
  );
}
