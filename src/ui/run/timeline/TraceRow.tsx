import { memo, useId } from "react";
import { BAR_PAD, NAME_WIDTH, ROW_HEIGHT } from "./layout.ts";
import { CANCELLED_COLOUR, ERROR_COLOUR } from "./run-colours.ts";
import type { ShownOutcome } from "./row-state.ts";
import { tickPath } from "./ticks.ts";
import { type TimeRange, timeToX } from "./zoom.ts";

export interface TraceRowProps {
  domId: string;
  runId: string;
  label: string;
  /** Spoken after the label: timing and outcome, what sighted users read off the bar. */
  description: string;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  selected: boolean;
  active: boolean;
  colour: string;
  outcome: ShownOutcome;
  start: number;
  end: number;
  ticks: readonly number[];
  /** Tick count: `ticks` grows in place, so this is what tells memo the row changed. */
  tickCount: number;
  /** Time of the selected stream event when it is one of this row's ticks. */
  selectedTick: number | undefined;
  range: TimeRange;
  /** Width of the bars area, in px. */
  width: number;
  top: number;
  onToggle: (runId: string) => void;
}

const BAR_TOP = 5;
const BAR_BOTTOM = ROW_HEIGHT - 5;

/** One run: its name in the tree, and its bar with a tick per streamed chunk on the time axis. */
export const TraceRow = memo(function TraceRow(p: TraceRowProps) {
  const stripes = useId();
  const inner = Math.max(1, p.width - 2 * BAR_PAD);
  const x0 = clampX(timeToX(p.start, p.range, inner), inner);
  const x1 = clampX(timeToX(p.end, p.range, inner), inner);
  const colour =
    p.outcome === "error" ? ERROR_COLOUR : p.outcome === "cancelled" ? CANCELLED_COLOUR : p.colour;
  const first = p.ticks[0];
  const firstX = first === undefined ? undefined : timeToX(first, p.range, inner);
  return (
    <div
      role="treeitem"
      id={p.domId}
      aria-level={p.depth + 1}
      aria-expanded={p.hasChildren ? p.expanded : undefined}
      aria-selected={p.selected}
      aria-label={p.label}
      aria-description={p.description}
      data-run={p.runId}
      style={{ top: p.top, height: ROW_HEIGHT }}
      className={`absolute inset-x-0 flex items-center text-[11px] ${
        p.selected ? "bg-cyan-50 dark:bg-cyan-950/60" : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
      } ${p.active ? "group-focus-visible:outline-2 group-focus-visible:-outline-offset-2 group-focus-visible:outline-cyan-600" : ""}`}
    >
      <div
        className="flex h-full shrink-0 items-center gap-0.5 truncate pr-1 text-slate-700 dark:text-slate-200"
        style={{ width: NAME_WIDTH, paddingLeft: 4 + p.depth * 12 }}
      >
        {p.hasChildren ? (
          <span
            aria-hidden
            data-toggle
            className="w-3 shrink-0 cursor-pointer text-center text-slate-400 hover:text-slate-700 dark:hover:text-slate-100"
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(p.runId);
            }}
          >
            {p.expanded ? "▾" : "▸"}
          </span>
        ) : (
          <span className="w-3 shrink-0" />
        )}
        <span className="truncate" title={p.label}>
          {p.label}
        </span>
      </div>
      <div data-bars className="h-full min-w-0 flex-1">
        <svg width={p.width} height={ROW_HEIGHT} aria-hidden className="block">
          {p.outcome === "cancelled" && (
            <pattern
              id={stripes}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="3" height="6" fill={CANCELLED_COLOUR} fillOpacity="0.55" />
            </pattern>
          )}
          <g transform={`translate(${BAR_PAD} 0)`}>
            {p.end >= p.range.start && p.start <= p.range.end && (
              <rect
                x={x0}
                y={BAR_TOP}
                width={Math.max(2, x1 - x0)}
                height={BAR_BOTTOM - BAR_TOP}
                rx="2"
                fill={p.outcome === "cancelled" ? `url(#${stripes})` : colour}
                fillOpacity={p.outcome === "cancelled" ? 1 : 0.28}
                stroke={colour}
                strokeOpacity={p.outcome === "running" ? 0.5 : 0.9}
              />
            )}
            {p.tickCount > 0 && (
              <path
                d={tickPath(p.ticks, p.range, inner, BAR_TOP + 2, BAR_BOTTOM - 2)}
                stroke={colour}
                strokeWidth="1"
              />
            )}
            {firstX !== undefined && firstX >= -4 && firstX <= inner + 4 && (
              // The first token: a diamond over the bar's top edge.
              <path
                d={`M${firstX} ${BAR_TOP - 4}l4 4l-4 4l-4 -4z`}
                className="fill-slate-900 stroke-white dark:fill-white dark:stroke-slate-900"
                strokeWidth="1"
              />
            )}
            {p.selectedTick !== undefined && (
              <line
                x1={timeToX(p.selectedTick, p.range, inner)}
                x2={timeToX(p.selectedTick, p.range, inner)}
                y1={1}
                y2={ROW_HEIGHT - 1}
                strokeWidth="2.5"
                className="stroke-cyan-600 dark:stroke-cyan-300"
              />
            )}
          </g>
        </svg>
      </div>
    </div>
  );
});

/** Keeps a bar's edges just outside the drawn area when they are far off screen (huge zooms). */
function clampX(x: number, inner: number): number {
  return Math.min(Math.max(x, -BAR_PAD - 2), inner + BAR_PAD + 2);
}
