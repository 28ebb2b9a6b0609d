import { type ReactNode, useEffect, useRef } from "react";

/** A modal dialog on the native <dialog> element: focus trapping, Escape and backdrop come free. */
export function Dialog({
  title,
  open,
  onClose,
  children,
  actions,
  wide = false,
}: {
  title: string;
  /** For side-by-side content (comparing runs, a full output). */
  wide?: boolean;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className={`m-auto ${wide ? "w-[min(1000px,94vw)]" : "w-[min(560px,92vw)]"} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="flex max-h-[80vh] flex-col">
          <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold dark:border-slate-800">
            {title}
          </h2>
          <div className="min-h-0 flex-1 overflow-auto px-5 py-4 text-sm">{children}</div>
          <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
            {actions}
            <button
              type="button"
              onClick={onClose}
              className="h-8 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
