import type { ReactNode } from "react";

/** A titled landmark region; `label` is its accessible name. */
export function Panel({
  label,
  children,
  className = "",
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      aria-label={label}
      className={`flex min-h-0 min-w-0 flex-col bg-white dark:bg-slate-900 ${className}`}
    >
      <h2 className="border-b border-slate-200 px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
        {label}
      </h2>
      <div className="min-h-0 flex-1 overflow-auto p-3 text-sm">{children}</div>
    </section>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="text-slate-400 dark:text-slate-500">{children}</p>;
}
