import type { NodeStatus } from "../../stores/index.ts";

/** Colour, icon and word per status: none of them relies on colour alone. */
const STYLES: Record<NodeStatus, { label: string; icon: string; className: string }> = {
  idle: { label: "Idle", icon: "", className: "hidden" },
  waiting: {
    label: "Waiting",
    icon: "○",
    className: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  },
  running: {
    label: "Running",
    icon: "◔",
    className: "bg-cyan-100 text-cyan-800 dark:bg-cyan-950 dark:text-cyan-300",
  },
  streaming: {
    label: "Streaming",
    icon: "●",
    className: "bg-cyan-700 text-white dark:bg-cyan-600",
  },
  done: {
    label: "Done",
    icon: "✓",
    className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
  error: { label: "Error", icon: "✕", className: "bg-red-600 text-white" },
  cancelled: {
    label: "Cancelled",
    icon: "■",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  },
  skipped: {
    label: "Did not run",
    icon: "–",
    className: "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400",
  },
};

/** The top edge of a node's live section, coloured by status. */
export const STATUS_EDGE: Record<NodeStatus, string> = {
  idle: "border-t-slate-200 dark:border-t-slate-700",
  waiting: "border-t-slate-300 dark:border-t-slate-600",
  running: "border-t-cyan-400 dark:border-t-cyan-700",
  streaming: "border-t-cyan-600 dark:border-t-cyan-500",
  done: "border-t-emerald-500 dark:border-t-emerald-600",
  error: "border-t-red-600",
  cancelled: "border-t-amber-500",
  skipped: "border-t-slate-300 border-dashed dark:border-t-slate-600",
};

export function NodeStatusBadge({ status }: { status: NodeStatus }) {
  const { label, icon, className } = STYLES[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase ${className}`}
    >
      {/* No pulse while streaming: the growing text shows it, and an animation per streaming node
          costs a composited layer each (measured with eight models streaming, docs/run.md). */}
      <span aria-hidden className={status === "running" ? "animate-spin" : ""}>
        {icon}
      </span>
      {label}
    </span>
  );
}
