import type { ReactNode } from "react";
import { formatDuration } from "./axis.ts";
import type { TimeRange } from "./zoom.ts";

const buttonClass =
  "inline-flex h-6 min-w-6 items-center justify-center rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-cyan-600 aria-pressed:bg-slate-200 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700 dark:aria-pressed:bg-slate-600";

/** Zoom buttons, the visible range, and whether the rows are filtered by the canvas selection. */
export function TimelineToolbar({
  range,
  fit,
  onZoomIn,
  onZoomOut,
  onFit,
  filter,
}: {
  range: TimeRange;
  fit: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  filter: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-1 pb-2 text-[11px]">
      <button
        type="button"
        className={buttonClass}
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={onZoomOut}
      >
        −
      </button>
      <button
        type="button"
        className={buttonClass}
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={onZoomIn}
      >
        +
      </button>
      <button
        type="button"
        className={buttonClass}
        aria-pressed={fit}
        title="Fit the whole run, following it live (0)"
        onClick={onFit}
      >
        Fit
      </button>
      <output aria-label="Visible range" className="ml-1 text-slate-500 tabular-nums dark:text-slate-400">
        {formatDuration(range.start)} – {formatDuration(range.end)}
      </output>
      {filter}
    </div>
  );
}

/** Says the rows are limited to the canvas selection, with a way back to all of them. */
export function FilterNote({ names, onClear }: { names: string[]; onClear: () => void }) {
  const shown = names.length <= 2 ? names.join(", ") : `${names.length} nodes`;
  return (
    <span
      role="status"
      className="ml-auto inline-flex items-center gap-1 rounded-full bg-cyan-50 px-2 py-0.5 text-cyan-800 dark:bg-cyan-950 dark:text-cyan-200"
    >
      Filtered to {shown}
      <button
        type="button"
        className="rounded px-1 underline hover:no-underline focus-visible:outline-2 focus-visible:outline-cyan-600"
        onClick={onClear}
      >
        Show all
      </button>
    </span>
  );
}
