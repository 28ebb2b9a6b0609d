import { useMemo } from "react";
import { useStore } from "zustand";
import { Button } from "../../Button.tsx";
import { downloadText, fileNameFor } from "../../io/download.ts";
import { useDocument, useRun, useServices } from "../../services.tsx";
import { rootInputs } from "../run-inputs.ts";
import { BatchInputEditor } from "./BatchInputEditor.tsx";
import { BatchResultsTable } from "./BatchResultsTable.tsx";
import { MAX_CONCURRENCY, MIN_CONCURRENCY, batchControllerFor } from "./batch-controller.ts";
import { detectFormat, parseBatch } from "./batch-input.ts";
import { batchProgress, progressText, toCsv, toJsonl } from "./batch-results.ts";

/** Runs the chain over many inputs (JSON lines or CSV), a few at a time, with a table of results. */
export function BatchPanel() {
  const services = useServices();
  const batch = batchControllerFor(services);
  const text = useStore(batch.state, (s) => s.text);
  const formatChoice = useStore(batch.state, (s) => s.format);
  const concurrency = useStore(batch.state, (s) => s.concurrency);
  const status = useStore(batch.state, (s) => s.status);
  const rows = useStore(batch.state, (s) => s.rows);
  const problem = useStore(batch.state, (s) => s.problem);
  const batchDoc = useStore(batch.state, (s) => s.doc);
  const opened = useStore(batch.state, (s) => s.opened);
  const runNumber = useRun((s) => s.runNumber);
  const doc = useDocument((s) => s.doc);
  const shape = useMemo(() => rootInputs(doc), [doc]);
  const detected = useMemo(() => detectFormat(text), [text]);
  const format = formatChoice === "auto" ? detected : formatChoice;
  const parsed = useMemo(
    () => (text.trim() === "" ? undefined : parseBatch(text, format, shape)),
    [text, format, shape],
  );
  const busy = status === "running" || status === "stopping";
  const progress = batchProgress(rows);
  const download = (ext: "jsonl" | "csv") =>
    downloadText(
      fileNameFor(`${batchDoc?.name ?? "chain"} batch`, ext),
      ext === "jsonl" ? toJsonl(rows) : toCsv(rows),
      ext === "jsonl" ? "application/x-ndjson" : "text/csv",
    );

  return (
    <div className="flex flex-col gap-2">
      <BatchInputEditor
        text={text}
        onText={(t) => batch.setText(t)}
        formatChoice={formatChoice}
        detected={detected}
        onFormat={(f) => batch.setFormat(f)}
        parsed={parsed}
        disabled={busy}
      />
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs text-slate-500 dark:text-slate-400">
          Concurrency
          <input
            type="number"
            min={MIN_CONCURRENCY}
            max={MAX_CONCURRENCY}
            value={concurrency}
            disabled={busy}
            onChange={(e) => batch.setConcurrency(e.target.valueAsNumber)}
            className="h-8 w-16 rounded border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          />
        </label>
        <Button
          variant="primary"
          disabled={busy || !parsed?.ok || parsed.inputs.length === 0}
          onClick={() => {
            if (parsed?.ok) void batch.start(parsed.inputs.map((i) => i.value));
          }}
          className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-cyan-600"
        >
          Run batch
        </Button>
        <Button
          aria-label="Stop batch"
          disabled={status !== "running"}
          onClick={() => batch.stop()}
          className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-cyan-600"
        >
          Stop
        </Button>
        {rows.length > 0 && (
          <p role="status" className="ml-auto text-xs text-slate-600 tabular-nums dark:text-slate-300">
            {progressText(progress)}
            {status === "stopping" && " · stopping…"}
          </p>
        )}
      </div>
      {problem && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
            {opened && opened.runNumber === runNumber && (
              <span className="text-cyan-800 dark:text-cyan-300">Showing batch row {opened.row}</span>
            )}
            {batchDoc && batchDoc !== doc && <span>Ran on an earlier version of the chain.</span>}
            <span className="ml-auto flex gap-2">
              <Button
                disabled={busy}
                onClick={() => download("jsonl")}
                className="h-7 px-2 text-xs focus-visible:outline-2 focus-visible:outline-cyan-600"
              >
                Download JSONL
              </Button>
              <Button
                disabled={busy}
                onClick={() => download("csv")}
                className="h-7 px-2 text-xs focus-visible:outline-2 focus-visible:outline-cyan-600"
              >
                Download CSV
              </Button>
            </span>
          </div>
          <BatchResultsTable
            rows={rows}
            openedRow={opened?.runNumber === runNumber ? opened.row : undefined}
            onOpen={(n) => void batch.open(n)}
          />
        </>
      )}
    </div>
  );
}
