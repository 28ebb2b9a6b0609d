import { useRef, useState } from "react";
import type { ChainDocument } from "../../graph/index.ts";
import { ImportErrors } from "./ImportErrors.tsx";
import { type ImportOutcome, readChainFile } from "./import-file.ts";

/** Import: a file picker; valid chains open as new chains, invalid ones show their problems. */
export function ImportButton({ onImport }: { onImport: (doc: ChainDocument) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<Extract<ImportOutcome, { ok: false }>>();
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Chain file"
        className="hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (!file) return;
          void readChainFile(file).then((r) => (r.ok ? onImport(r.document) : setFailure(r)));
        }}
      />
      {failure && (
        <ImportErrors
          fileName={failure.fileName}
          problems={failure.problems}
          onClose={() => setFailure(undefined)}
        />
      )}
    </>
  );
}
