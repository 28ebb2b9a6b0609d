import { useMemo } from "react";
import type { TimedEvent } from "../../../stores/index.ts";
import { CopyButton } from "../../canvas/live/CopyButton.tsx";
import { PHASE_CLASSES, phaseOf } from "./event-format.ts";
import { eventJson } from "./ndjson.ts";

const small =
  "rounded border border-slate-300 px-2 py-0.5 text-[11px] font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800";

/** The selected event in full: pretty JSON to read, select and copy. */
export function EventDetail({
  timed,
  index,
  onClose,
}: {
  timed: TimedEvent;
  index: number;
  onClose: () => void;
}) {
  const json = useMemo(() => eventJson(timed), [timed]);
  return (
    <section
      aria-label="Event detail"
      className="flex min-h-0 flex-1 flex-col border-t border-slate-200 dark:border-slate-800"
    >
      <div className="flex items-center gap-2 px-3 py-1">
        <h3 className="min-w-0 truncate font-mono text-[11px]">
          <span className="text-slate-400">#{index + 1} </span>
          <span className={PHASE_CLASSES[phaseOf(timed.event)]}>{timed.event.event}</span>
          <span className="text-slate-600 dark:text-slate-300"> {timed.event.name}</span>
        </h3>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <CopyButton getText={() => json} label="Copy" />
          <button type="button" onClick={onClose} className={small} aria-label="Close event detail">
            ×
          </button>
        </div>
      </div>
      <pre
        aria-label="Event JSON"
        tabIndex={0}
        className="min-h-0 flex-1 overflow-auto bg-slate-50 px-3 py-2 font-mono text-[11px] leading-4 whitespace-pre-wrap text-slate-800 select-text focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none focus-visible:ring-inset dark:bg-slate-950 dark:text-slate-200"
      >
        {json}
      </pre>
    </section>
  );
}
