import { useMemo } from "react";
import type { TimedEvent } from "../../stores/index.ts";
import { EmptyNote, Panel } from "../Panel.tsx";
import { useRun } from "../services.tsx";

interface RunRow {
  id: string;
  name: string;
  depth: number;
  start: number;
  end: number | undefined;
  ticks: number[];
  failed: boolean;
}

/** A row per run, nested by parent, on the run's time axis. */
export function TimelinePanel() {
  const count = useRun((s) => s.eventCount);
  const events = useRun((s) => s.events);
  const endedAt = useRun((s) => s.endedAt);
  const startedAt = useRun((s) => s.startedAt);
  const rows = useMemo(() => buildRows(events.slice(0, count)), [events, count]);
  if (rows.length === 0) {
    return (
      <Panel label="Timeline">
        <EmptyNote>Each node&apos;s runs appear here on a shared time axis.</EmptyNote>
      </Panel>
    );
  }
  const last = events[count - 1]?.t ?? 0;
  const span = Math.max(1, endedAt && startedAt ? endedAt - startedAt : last);
  return (
    <Panel label="Timeline">
      <ol className="space-y-1">
        {rows.map((r) => (
          <li key={r.id} className="flex items-center gap-2 text-[11px]">
            <span
              className="w-36 shrink-0 truncate text-slate-600 dark:text-slate-300"
              style={{ paddingLeft: r.depth * 10 }}
            >
              {r.name}
            </span>
            <div className="relative h-3 flex-1 rounded bg-slate-100 dark:bg-slate-800">
              <div
                className={`absolute top-0 h-3 rounded ${r.failed ? "bg-red-500" : "bg-cyan-500/70"}`}
                style={{
                  left: `${(r.start / span) * 100}%`,
                  width: `${Math.max(0.5, (((r.end ?? last) - r.start) / span) * 100)}%`,
                }}
              />
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function buildRows(events: TimedEvent[]): RunRow[] {
  const rows = new Map<string, RunRow>();
  for (const { t, event } of events) {
    let row = rows.get(event.run_id);
    if (!row) {
      row = {
        id: event.run_id,
        name: event.name,
        depth: event.parent_ids?.length ?? 0,
        start: t,
        end: undefined,
        ticks: [],
        failed: false,
      };
      rows.set(event.run_id, row);
    }
    if (event.event.endsWith("_stream")) row.ticks.push(t);
    else if (event.event.endsWith("_end")) row.end = t;
    else if (event.event.endsWith("_error")) {
      row.end = t;
      row.failed = true;
    }
  }
  return [...rows.values()];
}
