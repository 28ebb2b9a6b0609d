import type { NodeStatus } from "../../stores/index.ts";

const STYLES: Record<NodeStatus, string> = {
  idle: "hidden",
  waiting: "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400",
  running: "bg-cyan-100 text-cyan-800 dark:bg-cyan-950 dark:text-cyan-300",
  streaming: "bg-cyan-600 text-white animate-pulse",
  done: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  error: "bg-red-600 text-white",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  skipped: "bg-slate-100 text-slate-400 dark:bg-slate-800 dark:text-slate-500",
};

export function NodeStatusBadge({ status }: { status: NodeStatus }) {
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase ${STYLES[status]}`}
    >
      {status === "skipped" ? "did not run" : status}
    </span>
  );
}
