import { memo } from "react";
import type { TimedEvent } from "../../../stores/index.ts";
import { PHASE_CLASSES, eventPreview, formatEventTime, phaseOf } from "./event-format.ts";

/** Every row has this height, so the list finds its window by arithmetic (use-fixed-rows.ts), measuring nothing. */
export const ROW_HEIGHT = 36;

export function eventRowId(index: number): string {
  return `event-row-${index}`;
}

interface Props {
  timed: TimedEvent;
  /** Index into the run's events. */
  index: number;
  /** 1-based position in the shown list, and its length, for assistive technology. */
  position: number;
  setSize: number;
  top: number;
  selected: boolean;
  nodeName: string | undefined;
  onSelect: (index: number) => void;
}

/** One event: time, name coloured by phase, run name, node, and what it carries. */
export const EventRow = memo(function EventRow({
  timed,
  index,
  position,
  setSize,
  top,
  selected,
  nodeName,
  onSelect,
}: Props) {
  const { event, t } = timed;
  return (
    <div
      id={eventRowId(index)}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      onClick={() => onSelect(index)}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className={`absolute top-0 left-0 w-full cursor-default border-l-2 px-2 py-0.5 font-mono text-[11px] leading-4 ${
        selected
          ? "border-cyan-600 bg-cyan-50 dark:border-cyan-400 dark:bg-cyan-950/60"
          : "border-transparent hover:bg-slate-50 dark:hover:bg-slate-800/60"
      }`}
    >
      <div className="flex items-baseline gap-2">
        <span className="w-16 shrink-0 text-right text-slate-400 tabular-nums dark:text-slate-500">
          {formatEventTime(t)}
        </span>
        <span className={`shrink-0 ${PHASE_CLASSES[phaseOf(event)]}`}>{event.event}</span>
        <span className="min-w-0 truncate text-slate-700 dark:text-slate-200">{event.name}</span>
        {nodeName !== undefined && (
          <span className="ml-auto max-w-[35%] shrink-0 truncate rounded bg-slate-100 px-1 font-sans text-[10px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {nodeName}
          </span>
        )}
      </div>
      <div className="flex gap-2">
        <span className="w-16 shrink-0" />
        <span className="min-w-0 truncate text-slate-500 dark:text-slate-400">{eventPreview(event)}</span>
      </div>
    </div>
  );
});
