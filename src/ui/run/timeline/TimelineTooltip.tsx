import { createPortal } from "react-dom";
import type { TimedEvent } from "../../../stores/index.ts";
import { formatValue } from "../../format-value.ts";
import { formatDuration } from "./axis.ts";
import type { ShownOutcome } from "./row-state.ts";
import { type TraceRun, firstTokenDelay } from "./trace.ts";

export interface TooltipProps {
  run: TraceRun;
  label: string;
  kind: string;
  outcome: ShownOutcome;
  end: number;
  /** The hovered stream event, if the pointer is on a tick. */
  tick: TimedEvent | undefined;
  /** Pointer position in the viewport. */
  x: number;
  y: number;
}

const PREVIEW_CHARS = 80;

/**
 * The hovered run's facts, next to the pointer. Portalled to the body: it is placed in viewport
 * coordinates, and the panel's layout containment (LayoutIsland) would make it the reference box.
 */
export function TimelineTooltip({ run, label, kind, outcome, end, tick, x, y }: TooltipProps) {
  const ttft = firstTokenDelay(run);
  // Flip to the pointer's left/top near the window's edges so the box stays on screen.
  const left = x + 260 > window.innerWidth ? x - 252 : x + 12;
  const below = y + 190 <= window.innerHeight;
  return createPortal(
    <div
      role="tooltip"
      style={below ? { left, top: y + 14 } : { left, bottom: window.innerHeight - y + 10 }}
      className="pointer-events-none fixed z-50 w-60 rounded-md border border-slate-200 bg-white px-2.5 py-2 text-[11px] text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
    >
      <p className="truncate font-semibold">{label}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-slate-400">type</dt>
        <dd className="truncate">{kind}</dd>
        <dt className="text-slate-400">start</dt>
        <dd>{formatDuration(run.start)}</dd>
        <dt className="text-slate-400">duration</dt>
        <dd>
          {formatDuration(end - run.start)}
          {outcome === "done" ? "" : ` (${outcome})`}
        </dd>
        <dt className="text-slate-400">chunks</dt>
        <dd>{run.ticks.length}</dd>
        <dt className="text-slate-400">TTFT</dt>
        <dd>{ttft === undefined ? "—" : formatDuration(ttft)}</dd>
      </dl>
      {run.error && outcome === "error" && <p className="mt-1 text-red-600 dark:text-red-400">{run.error}</p>}
      {tick && (
        <div className="mt-1.5 border-t border-slate-200 pt-1 dark:border-slate-700">
          <p className="font-mono">
            {tick.event.event} <span className="text-slate-400">at {formatDuration(tick.t)}</span>
          </p>
          <p className="font-mono break-all text-slate-500 dark:text-slate-400">{preview(tick.event.data)}</p>
        </div>
      )}
    </div>,
    document.body,
  );
}

function preview(data: unknown): string {
  const chunk = (data as { chunk?: unknown }).chunk;
  const text = JSON.stringify(formatValue(chunk)) ?? "";
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}
