import type { Problem } from "../../graph/index.ts";
import { Dialog } from "../Dialog.tsx";

/** Why a file was not imported, problem by problem with its JSON path. The open chain is untouched. */
export function ImportErrors({
  fileName,
  problems,
  onClose,
}: {
  fileName: string;
  problems: Problem[];
  onClose: () => void;
}) {
  return (
    <Dialog title={`Could not import ${fileName}`} open onClose={onClose}>
      <p className="mb-3 text-slate-600 dark:text-slate-300">
        Your current chain is unchanged. Fix these and import again:
      </p>
      <ul className="space-y-1.5" aria-label="Import problems">
        {problems.map((p, i) => (
          <li
            key={i}
            className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {p.message}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
