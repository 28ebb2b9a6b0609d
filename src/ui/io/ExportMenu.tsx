import { useCallback, useRef, useState } from "react";
import { type ChainDocument, exportDocument } from "../../graph/index.ts";
import { useServices } from "../services.tsx";
import { downloadText, fileNameFor } from "./download.ts";
import { useCloseOnOutsidePointer } from "../use-close-on-outside-pointer.ts";

export interface ExportExtras {
  /** LangChain.js code for the document. */
  exportCode?: (doc: ChainDocument) => string;
  /** A share link carrying the document in its fragment. */
  shareLink?: (doc: ChainDocument) => Promise<string>;
}

/** Export: JSON download, copy to clipboard, LangChain.js code, share link. */
export function ExportMenu({ extras }: { extras: ExportExtras }) {
  const { documents } = useServices();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [note, setNote] = useState<string>();
  const menu = useRef<HTMLDivElement>(null);
  useCloseOnOutsidePointer(menu, open, closeMenu);
  const doc = () => documents.getState().doc;
  const act = async (what: () => Promise<string | void>) => {
    setOpen(false);
    try {
      const msg = await what();
      if (msg) setNote(msg);
    } catch (err) {
      setNote(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    setTimeout(() => setNote(undefined), 2500);
  };
  const items: [string, () => Promise<string | void>][] = [
    [
      "Download JSON",
      () => Promise.resolve(downloadText(fileNameFor(doc().name, "json"), exportDocument(doc()))),
    ],
    ["Copy JSON", async () => (await navigator.clipboard.writeText(exportDocument(doc())), "JSON copied")],
  ];
  const { exportCode, shareLink } = extras;
  if (exportCode) {
    items.push([
      "Download LangChain.js code",
      () =>
        Promise.resolve(downloadText(fileNameFor(doc().name, "ts"), exportCode(doc()), "text/typescript")),
    ]);
  }
  if (shareLink)
    items.push([
      "Copy share link",
      async () => (await navigator.clipboard.writeText(await shareLink(doc())), "Share link copied"),
    ]);
  return (
    <div ref={menu} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
      >
        Export
      </button>
      {open && (
        <div
          role="menu"
          aria-label="Export"
          className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-800"
        >
          {items.map(([label, run]) => (
            <button
              key={label}
              type="button"
              role="menuitem"
              onClick={() => void act(run)}
              className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-700"
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {note && (
        <p
          role="status"
          className="absolute right-0 z-20 mt-1 rounded bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white"
        >
          {note}
        </p>
      )}
    </div>
  );
}
