import type { RunSummary } from "../../../stores/index.ts";
import { formatRunTime } from "./format.ts";
import { RunOutcome } from "./StatusBadge.tsx";

const action =
  "rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-cyan-600 disabled:cursor-not-allowed disabled:opacity-45 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800";

/** One past run: when, how it ended, its input and output at a glance, and what to do with it. */
export function HistoryRow({
  run,
  viewed,
  busy,
  picked,
  onPick,
  onOpen,
  onReplay,
  onDelete,
}: {
  run: RunSummary;
  /** The run store shows this run now. */
  viewed: boolean;
  /** A live run is going on: the store is not free to show another. */
  busy: boolean;
  picked: boolean;
  onPick: (picked: boolean) => void;
  onOpen: () => void;
  onReplay: () => void;
  onDelete: () => void;
}) {
  const when = formatRunTime(run.startedAt);
  const name = `run of ${when}`;
  return (
    <li
      aria-label={`Run of ${when}`}
      aria-current={viewed ? "true" : undefined}
      className={`border-b border-slate-100 py-2 last:border-0 dark:border-slate-800 ${
        viewed ? "-mx-1 rounded bg-cyan-50 px-1 dark:bg-cyan-950/60" : ""
      }`}
    >
      <div className="flex items-center gap-2 text-xs">
        <input
          type="checkbox"
          checked={picked}
          onChange={(e) => onPick(e.target.checked)}
          aria-label={`Compare ${name}`}
          className="focus-visible:outline-2 focus-visible:outline-cyan-600"
        />
        <time
          dateTime={new Date(run.startedAt).toISOString()}
          className="font-mono font-semibold tabular-nums"
        >
          {when}
        </time>
        <RunOutcome run={run} />
      </div>
      <p className="mt-1 truncate text-xs text-slate-600 dark:text-slate-300" title={run.inputPreview}>
        <span className="text-slate-400 dark:text-slate-500">in </span>
        {run.inputPreview || "(no input)"}
      </p>
      <p className="line-clamp-2 text-xs text-slate-500 dark:text-slate-400" title={run.outputPreview}>
        <span className="text-slate-400 dark:text-slate-500">out </span>
        {run.outputPreview || (run.error ? `${run.error.name}: ${run.error.message}` : "(no output)")}
      </p>
      <div className="mt-1 flex gap-1">
        <button type="button" className={action} disabled={busy} onClick={onOpen} aria-label={`Open ${name}`}>
          Open
        </button>
        <button
          type="button"
          className={action}
          disabled={busy}
          onClick={onReplay}
          aria-label={`Replay ${name}`}
        >
          Replay
        </button>
        <button type="button" className={action} onClick={onDelete} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
