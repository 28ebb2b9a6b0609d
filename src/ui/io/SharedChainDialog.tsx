import type { ImportResult } from "../../graph/index.ts";
import { Dialog } from "../Dialog.tsx";
import { ImportErrors } from "./ImportErrors.tsx";

/**
 * A share link asks before it imports: the chain's name and size, and every lambda's code in full,
 * because opening a stranger's chain means its code may run when you press Run.
 */
export function SharedChainDialog({
  shared,
  onOpen,
  onClose,
}: {
  shared: ImportResult;
  onOpen: () => void;
  onClose: () => void;
}) {
  if (!shared.ok)
    return <ImportErrors fileName="the shared link" problems={shared.problems} onClose={onClose} />;
  const doc = shared.document;
  const lambdas = doc.nodes.filter((n) => n.type === "lambda");
  return (
    <Dialog
      title={`Open shared chain “${doc.name ?? "Untitled chain"}”?`}
      open
      onClose={onClose}
      actions={
        <button
          type="button"
          onClick={onOpen}
          className="h-8 rounded-md bg-cyan-700 px-3 text-sm font-medium text-white hover:bg-cyan-800"
        >
          Open as a new chain
        </button>
      }
    >
      <p className="mb-3">
        It has {doc.nodes.length} node{doc.nodes.length === 1 ? "" : "s"} and will open as a new chain; your
        chains are not changed.
      </p>
      {lambdas.length > 0 && (
        <>
          <p className="mb-2 font-medium text-amber-700 dark:text-amber-400">
            It contains code ({lambdas.length} lambda{lambdas.length > 1 ? "s" : ""}). Read it before you run
            the chain: it runs in an isolated sandbox without access to your keys, but it can still use CPU
            and the network.
          </p>
          {lambdas.map((n) => (
            <figure key={n.id} className="mb-2">
              <figcaption className="text-xs font-semibold">{n.name ?? n.id}</figcaption>
              <pre
                aria-label={`Code of ${n.name ?? n.id}`}
                className="max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
              >
                {(n.data as { code: string }).code}
              </pre>
            </figure>
          ))}
        </>
      )}
    </Dialog>
  );
}
