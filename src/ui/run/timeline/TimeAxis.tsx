import { memo } from "react";
import type { AxisTick } from "./axis.ts";
import { AXIS_HEIGHT, BAR_PAD, NAME_WIDTH } from "./layout.ts";
import { type TimeRange, timeToX } from "./zoom.ts";

/** The shared time axis above the rows: tick labels from the run's start. */
export const TimeAxis = memo(function TimeAxis({
  ticks,
  range,
  width,
  barsRef,
}: {
  ticks: AxisTick[];
  range: TimeRange;
  width: number;
  /** Receives the bars column, whose width every row draws into. */
  barsRef: (el: HTMLDivElement | null) => void;
}) {
  const inner = Math.max(1, width - 2 * BAR_PAD);
  return (
    <div
      className="sticky top-0 z-10 flex border-b border-slate-200 bg-white text-[10px] text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400"
      style={{ height: AXIS_HEIGHT }}
    >
      <div className="shrink-0 px-1 leading-[22px] font-medium" style={{ width: NAME_WIDTH }}>
        Run
      </div>
      <div ref={barsRef} className="relative min-w-0 flex-1 overflow-hidden" aria-hidden>
        {ticks.map((tick) => (
          <span
            key={tick.t}
            className="absolute bottom-0.5 -translate-x-1/2 whitespace-nowrap tabular-nums"
            style={{ left: BAR_PAD + timeToX(tick.t, range, inner) }}
          >
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
});

/** Faint vertical lines under the rows at the axis ticks: one element per tick, not per row. */
export const GridLines = memo(function GridLines({
  ticks,
  range,
  width,
}: {
  ticks: AxisTick[];
  range: TimeRange;
  width: number;
}) {
  const inner = Math.max(1, width - 2 * BAR_PAD);
  return (
    <div aria-hidden className="pointer-events-none absolute inset-y-0 right-0" style={{ left: NAME_WIDTH }}>
      {ticks.map((tick) => (
        <div
          key={tick.t}
          className="absolute inset-y-0 w-px bg-slate-100 dark:bg-slate-800"
          style={{ left: BAR_PAD + Math.round(timeToX(tick.t, range, inner)) }}
        />
      ))}
    </div>
  );
});
