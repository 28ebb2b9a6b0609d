import { useCallback, useRef, useState } from "react";
import { useStore } from "zustand";
import type { ChainDocument } from "../../graph/index.ts";
import { Dialog } from "../Dialog.tsx";
import { useServices } from "../services.tsx";
import { useCloseOnOutsidePointer } from "../use-close-on-outside-pointer.ts";

/** The open chain's name; opens the list of the user's chains and the examples gallery. */
export function ChainsMenu() {
  const { chains, examples, documents } = useServices();
  const list = useStore(chains.state, (s) => s.list);
  const openId = useStore(chains.state, (s) => s.openId);
  const name = useStore(documents, (s) => s.doc.name ?? "Untitled chain");
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [confirmDelete, setConfirmDelete] = useState<{ id: string; name: string }>();
  const [renaming, setRenaming] = useState<string>();
  const panel = useRef<HTMLDivElement>(null);
  useCloseOnOutsidePointer(panel, open, closeMenu);
  const empty = (): ChainDocument => ({
    format: "sluice.chain",
    version: 1,
    name: "Untitled chain",
    nodes: [],
    edges: [],
  });
  return (
    <div ref={panel} className="relative">
      <button
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex max-w-72 items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <span className="truncate">{name}</span>
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <section
          aria-label="Chains"
          className="absolute left-0 z-30 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-2 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="flex items-center justify-between px-1 pb-1">
            <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Your chains</h2>
            <button
              type="button"
              className="rounded bg-cyan-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-cyan-800"
              onClick={() => {
                setOpen(false);
                void chains.openNew(empty());
              }}
            >
              New chain
            </button>
          </div>
          <ul className="max-h-64 overflow-auto" aria-label="Your chains">
            {list.map((c) => (
              <li
                key={c.id}
                className={`group flex items-center gap-1 rounded px-1 ${c.id === openId ? "bg-cyan-50 dark:bg-cyan-950" : ""}`}
              >
                {renaming === c.id ? (
                  <input
                    autoFocus
                    aria-label={`New name for ${c.name}`}
                    defaultValue={c.name}
                    className="flex-1 rounded border border-slate-300 px-1 text-sm dark:border-slate-600 dark:bg-slate-950"
                    onKeyDown={(e) => {
                      if (e.key === "Enter") e.currentTarget.blur();
                      if (e.key === "Escape") setRenaming(undefined);
                    }}
                    onBlur={(e) => {
                      setRenaming(undefined);
                      if (e.target.value.trim() && e.target.value !== c.name)
                        void chains.rename(c.id, e.target.value);
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    className="min-w-0 flex-1 truncate py-1 text-left text-sm"
                    onClick={() => {
                      setOpen(false);
                      void chains.open(c.id);
                    }}
                  >
                    {c.name}
                    <span className="ml-2 text-[11px] text-slate-400">{c.nodeCount} nodes</span>
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Rename ${c.name}`}
                  className="text-xs text-slate-400 hover:text-slate-700"
                  onClick={() => setRenaming(c.id)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  aria-label={`Duplicate ${c.name}`}
                  className="text-xs text-slate-400 hover:text-slate-700"
                  onClick={() => void chains.duplicate(c.id)}
                >
                  Copy
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${c.name}`}
                  className="text-xs text-slate-400 hover:text-red-600"
                  onClick={() => setConfirmDelete(c)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
          <h2 className="px-1 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Examples
          </h2>
          <ul aria-label="Examples" className="grid grid-cols-2 gap-1">
            {examples.map((ex) => (
              <li key={ex.name}>
                <button
                  type="button"
                  title={ex.description}
                  className="w-full rounded border border-slate-200 px-2 py-1 text-left text-xs hover:border-cyan-500 hover:bg-cyan-50 dark:border-slate-700 dark:hover:bg-cyan-950"
                  onClick={() => {
                    setOpen(false);
                    void chains.openNew(structuredClone(ex.doc));
                  }}
                >
                  {ex.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Dialog
        title={`Delete “${confirmDelete?.name ?? ""}”?`}
        open={confirmDelete !== undefined}
        onClose={() => setConfirmDelete(undefined)}
        actions={
          <button
            type="button"
            className="h-8 rounded-md bg-red-600 px-3 text-sm font-medium text-white hover:bg-red-700"
            onClick={() => {
              const target = confirmDelete;
              setConfirmDelete(undefined);
              if (target) void chains.remove(target.id, empty);
            }}
          >
            Delete
          </button>
        }
      >
        <p>
          This deletes the chain and its run history from this browser. Export it first if you may want it
          back.
        </p>
      </Dialog>
    </div>
  );
}
