import type { FinishedRunStatus } from "../../../stores/index.ts";
import { formatDuration } from "./format.ts";
import { formatCount } from "../../format-count.ts";

const STYLES: Record<FinishedRunStatus, string> = {
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  error: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/** How a past run ended, as a small coloured word. */
function StatusBadge({ status }: { status: FinishedRunStatus }) {
  return <span className={`rounded px-1.5 py-px text-[11px] font-medium ${STYLES[status]}`}>{status}</span>;
}

/** How a past run ended, how long it took and the tokens it used: one line in the list and in Compare. */
export function RunOutcome({
  run,
}: {
  run: { status: FinishedRunStatus; duration: number; tokens?: number | undefined };
}) {
  return (
    <>
      <StatusBadge status={run.status} />
      <span className="text-slate-500 dark:text-slate-400">
        {formatDuration(run.duration)}
        {run.tokens !== undefined && ` · ${formatCount(run.tokens)} tok`}
      </span>
    </>
  );
}
