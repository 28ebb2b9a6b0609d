import type { FinishedRunStatus } from "../../../stores/index.ts";

const STYLES: Record<FinishedRunStatus, string> = {
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  error: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/** How a past run ended, as a small coloured word. */
export function StatusBadge({ status }: { status: FinishedRunStatus }) {
  return <span className={`rounded px-1.5 py-px text-[11px] font-medium ${STYLES[status]}`}>{status}</span>;
}
