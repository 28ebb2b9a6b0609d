import { useMemo } from "react";
import type { StoredRun } from "../../../stores/index.ts";
import { Dialog } from "../../Dialog.tsx";
import { compareRows } from "./compare-model.ts";
import { DiffText } from "./DiffText.tsx";
import { formatRunTime } from "./format.ts";
import { RunOutcome } from "./StatusBadge.tsx";
import { sideBySide } from "./text-diff.ts";

/**
 * Two past runs side by side, the older on the left: inputs, final outputs and each node both
 * have, with the words that differ marked.
 */
export function CompareDialog({
  runs,
  onClose,
}: {
  runs: [StoredRun, StoredRun] | undefined;
  onClose: () => void;
}) {
  return (
    <Dialog title="Compare runs" wide open={runs !== undefined} onClose={onClose}>
      {runs && <Comparison older={runs[0]} newer={runs[1]} />}
    </Dialog>
  );
}

function Comparison({ older, newer }: { older: StoredRun; newer: StoredRun }) {
  const rows = useMemo(
    () => compareRows(older, newer).map((r) => ({ ...r, diff: sideBySide(r.left, r.right) })),
    [older, newer],
  );
  const oldName = `Run of ${formatRunTime(older.startedAt)}`;
  const newName = `Run of ${formatRunTime(newer.startedAt)}`;
  return (
    <div className="grid grid-cols-2 gap-x-3 gap-y-1">
      <RunHead run={older} name={oldName} />
      <RunHead run={newer} name={newName} />
      {rows.map((row) => (
        <section
          key={row.key}
          aria-label={row.label}
          className="col-span-2 mt-2 grid grid-cols-2 gap-x-3 gap-y-1"
        >
          <h3 className="col-span-2 flex items-baseline gap-2 text-xs font-semibold text-slate-600 dark:text-slate-300">
            {row.label}
            <span className="font-normal text-slate-400 dark:text-slate-500">
              {row.diff.same
                ? "same"
                : row.diff.tooDifferent
                  ? "too different to mark word by word"
                  : "differs"}
            </span>
          </h3>
          <DiffText parts={row.diff.left} side="old" label={`${row.label}, ${oldName}`} />
          <DiffText parts={row.diff.right} side="new" label={`${row.label}, ${newName}`} />
        </section>
      ))}
    </div>
  );
}

function RunHead({ run, name }: { run: StoredRun; name: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <span className="font-semibold">{name}</span>
      <RunOutcome run={run} />
    </div>
  );
}
