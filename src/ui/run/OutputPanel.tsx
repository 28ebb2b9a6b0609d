import { useState } from "react";
import { useRun } from "../services.tsx";
import { formatValue } from "../format-value.ts";
import { RunInputs } from "./RunInputs.tsx";

/** The chain's `stream()` output chunk by chunk, so the user sees where streaming stopped. */
export function OutputPanel({ onRun }: { onRun: (input: unknown) => void }) {
  const count = useRun((s) => s.outputCount);
  const output = useRun((s) => s.output);
  const status = useRun((s) => s.status);
  const error = useRun((s) => s.error);
  const [boundaries, setBoundaries] = useState(false);
  const chunks = output.slice(0, count);
  const allText = chunks.every((c) => typeof c === "string");
  return (
    <>
      <RunInputs onRun={onRun} />
      <div className="flex items-center gap-3 py-1 text-xs text-slate-500">
        <span>
          {count} chunk{count === 1 ? "" : "s"}
          {status !== "idle" && ` · ${status}`}
        </span>
        <label className="ml-auto flex items-center gap-1">
          <input type="checkbox" checked={boundaries} onChange={(e) => setBoundaries(e.target.checked)} />{" "}
          Show chunk boundaries
        </label>
      </div>
      {error && status !== "cancelled" && (
        <p
          role="alert"
          className="mb-1 rounded bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error.name}: {error.message}
        </p>
      )}
      <pre
        aria-label="Stream output"
        className="font-mono text-xs whitespace-pre-wrap text-slate-800 dark:text-slate-200"
      >
        {allText
          ? chunks.join(boundaries ? "|" : "")
          : chunks.map((c) => formatValue(c)).join(boundaries ? "\n|\n" : "\n")}
      </pre>
    </>
  );
}
