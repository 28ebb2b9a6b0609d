import { memo, useState } from "react";
import { ms } from "../../canvas/live/node-metrics.ts";
import { inputPreview } from "../../../stores/index.ts";
import { type BatchRow, type RowStatus, outputText } from "./batch-results.ts";
import { formatCount } from "../../format-count.ts";

const STATUS_STYLE: Record<RowStatus, string> = {
  pending: "text-slate-400 dark:text-slate-500",
  running: "text-cyan-700 dark:text-cyan-300",
  done: "text-emerald-700 dark:text-emerald-400",
  error: "text-red-700 dark:text-red-400",
  cancelled: "text-amber-700 dark:text-amber-400",
  skipped: "text-slate-500 dark:text-slate-400",
};

/** One line per input: what went in, how it ended, what came out; each finished row opens as a run. */
export function BatchResultsTable({
  rows,
  openedRow,
  onOpen,
}: {
  rows: readonly BatchRow[];
  openedRow: number | undefined;
  onOpen: (row: number) => void;
}) {
  return (
    <div className="overflow-x-auto p-0.5">
      {/* Fixed layout: the run column is narrow, so input and output share what the rest leaves. */}
      <table
        aria-label="Batch results"
        className="w-full min-w-[20rem] table-fixed border-collapse text-left text-xs"
      >
        <colgroup>
          <col className="w-7" />
          <col className="w-[26%]" />
          <col />
          <col className="w-[4.75rem]" />
          <col className="w-12" />
        </colgroup>
        <thead className="text-slate-500 dark:text-slate-400">
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="px-1 py-1 font-medium">
              #
            </th>
            <th scope="col" className="px-1 py-1 font-medium">
              Input
            </th>
            <th scope="col" className="px-1 py-1 font-medium">
              Output
            </th>
            <th scope="col" className="px-1 py-1 font-medium">
              Status
            </th>
            <th scope="col" className="px-1 py-1">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ResultRow key={row.number} row={row} opened={row.number === openedRow} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Memoised: a row re-renders only when its own entry changes (rows are replaced, not mutated). */
const ResultRow = memo(function ResultRow({
  row,
  opened,
  onOpen,
}: {
  row: BatchRow;
  opened: boolean;
  onOpen: (row: number) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  // Whole, on one line: the cell cuts it to its width and the tooltip shows the rest.
  const input = inputPreview(row.input, Infinity);
  const output = outputText(row);
  const fullId = `batch-row-${row.number}-full`;
  return (
    <>
      <tr
        aria-label={`Row ${row.number}`}
        className={`align-top ${expanded ? "" : "border-b border-slate-100 dark:border-slate-800"} ${
          opened ? "bg-cyan-50 dark:bg-cyan-950/40" : ""
        }`}
      >
        <td className="px-1 py-1 text-slate-400 tabular-nums">{row.number}</td>
        <td className="truncate px-1 py-1 text-slate-700 dark:text-slate-300" title={input}>
          {input}
        </td>
        <td className="px-1 py-1">
          {row.error && <p className="break-words text-red-700 dark:text-red-400">{row.error}</p>}
          {output && (
            // One line here (all of it on hover); the button shows the whole output in a row below.
            <button
              type="button"
              title={output}
              aria-expanded={expanded}
              aria-controls={expanded ? fullId : undefined}
              onClick={() => setExpanded(!expanded)}
              className="flex w-full min-w-0 items-baseline gap-1 rounded text-left text-slate-800 hover:text-cyan-800 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:text-slate-200 dark:hover:text-cyan-300"
            >
              <span aria-hidden className="shrink-0 text-[9px] text-slate-400">
                {expanded ? "▼" : "▶"}
              </span>
              <span className="truncate">{output}</span>
            </button>
          )}
        </td>
        {/* Duration and tokens sit under the status: the column is too narrow for more columns. */}
        <td className="px-1 py-1">
          <span className={`block font-medium ${STATUS_STYLE[row.status]}`}>{row.status}</span>
          <span className="block text-[11px] leading-tight text-slate-500 tabular-nums dark:text-slate-400">
            {row.durationMs !== undefined && <span className="block">{ms(row.durationMs)}</span>}
            {row.tokens && (
              <span
                className="block"
                title={`${formatCount(row.tokens.input_tokens)} in, ${formatCount(row.tokens.output_tokens)} out`}
              >
                {formatCount(row.tokens.total_tokens)} tok
              </span>
            )}
          </span>
        </td>
        <td className="px-1 py-0.5">
          <button
            type="button"
            aria-label={`Open row ${row.number}`}
            disabled={!row.run}
            onClick={() => onOpen(row.number)}
            className="rounded px-1.5 py-0.5 font-medium text-cyan-700 hover:bg-cyan-50 focus-visible:outline-2 focus-visible:outline-cyan-600 disabled:cursor-not-allowed disabled:opacity-40 dark:text-cyan-300 dark:hover:bg-cyan-950"
          >
            Open
          </button>
        </td>
      </tr>
      {expanded && output && (
        <tr id={fullId} className="border-b border-slate-100 dark:border-slate-800">
          <td colSpan={5} className="px-1 pb-2">
            <pre
              aria-label={`Output of row ${row.number}`}
              className="max-h-60 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap text-slate-800 dark:bg-slate-950 dark:text-slate-200"
            >
              {output}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
});
