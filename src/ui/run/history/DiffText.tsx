import type { DiffPart } from "./text-diff.ts";

/**
 * One side of a comparison. Text only this side has is marked: struck through on the older side,
 * underlined on the newer, as `<del>` and `<ins>` so screen readers announce it too.
 */
export function DiffText({ parts, side, label }: { parts: DiffPart[]; side: "old" | "new"; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-48 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
    >
      {parts.map((p, i) =>
        !p.changed ? (
          <span key={i}>{p.text}</span>
        ) : side === "old" ? (
          <del
            key={i}
            className="rounded-sm bg-red-100 text-red-900 decoration-red-700/60 dark:bg-red-950 dark:text-red-200 dark:decoration-red-300/60"
          >
            {p.text}
          </del>
        ) : (
          <ins
            key={i}
            className="rounded-sm bg-emerald-100 text-emerald-900 decoration-emerald-700/60 dark:bg-emerald-950 dark:text-emerald-200 dark:decoration-emerald-300/60"
          >
            {p.text}
          </ins>
        ),
      )}
    </pre>
  );
}
