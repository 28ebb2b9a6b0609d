import { Panel, EmptyNote } from "../Panel.tsx";
import { useRun } from "../services.tsx";

const SHOWN = 400;

/** Every event of the run (the newest part while the list is not yet virtualised). */
export function EventsPanel() {
  const count = useRun((s) => s.eventCount);
  const events = useRun((s) => s.events);
  const shown = events.slice(Math.max(0, count - SHOWN), count);
  return (
    <Panel label="Events">
      {count === 0 ? (
        <EmptyNote>Every streamed event, filterable.</EmptyNote>
      ) : (
        <ol className="space-y-0.5 font-mono text-[11px]" aria-label="Event list">
          {shown.map((e, i) => (
            <li key={count - shown.length + i} className="flex gap-2 text-slate-600 dark:text-slate-300">
              <span className="w-14 shrink-0 text-right text-slate-400">{e.t.toFixed(0)} ms</span>
              <span className={e.event.event.endsWith("error") ? "text-red-600" : ""}>{e.event.event}</span>
              <span className="truncate text-slate-500">{e.event.name}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
