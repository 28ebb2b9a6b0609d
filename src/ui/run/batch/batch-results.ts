import Papa from "papaparse";
import type { UsageMetadata } from "../../../core/index.ts";
import { type RunState, sumUsage } from "../../../stores/index.ts";
import { formatValue } from "../../format-value.ts";

export type RowStatus = "pending" | "running" | "done" | "error" | "cancelled" | "skipped";

/** One batch row as the table and the downloads show it. */
export interface BatchRow {
  /** 1-based, as the table numbers rows. */
  number: number;
  input: unknown;
  status: RowStatus;
  /** The row's own run, once it has ended: what "Open" copies into the main run store. */
  run?: RunState;
  /** The chain's final output, present when the row ran to the end. */
  output?: unknown;
  hasOutput: boolean;
  error?: string;
  durationMs?: number;
  tokens?: UsageMetadata;
}

/** What a finished run yields for the table: status, final output, error, duration and tokens. */
export function summariseRun(run: RunState): Omit<BatchRow, "number" | "input"> {
  const status: RowStatus = run.status === "idle" || run.status === "running" ? "running" : run.status;
  const final = finalOutput(run);
  const row: Omit<BatchRow, "number" | "input"> = { status, run, hasOutput: final.found };
  if (final.found) row.output = final.value;
  if (run.error) row.error = run.error.message;
  if (run.startedAt !== undefined && run.endedAt !== undefined) row.durationMs = run.endedAt - run.startedAt;
  const tokens = sumUsage(Object.values(run.nodes).map((n) => n.usage));
  if (tokens) row.tokens = tokens;
  return row;
}

/**
 * The chain's result: the root run's `on_chain_end` output. Without it (an error, a stop), the
 * streamed output so far stands in, joined when it is text.
 */
export function finalOutput(run: RunState): { found: true; value: unknown } | { found: false } {
  const rootId = run.events[0]?.event.run_id;
  for (let i = run.events.length - 1; i >= 0; i--) {
    const { event } = run.events[i]!;
    if (event.run_id === rootId && event.event === "on_chain_end")
      return { found: true, value: (event.data as { output: unknown }).output };
  }
  const chunks = run.output.slice(0, run.outputCount);
  if (chunks.length === 0) return { found: false };
  if (chunks.every((c) => typeof c === "string")) return { found: true, value: chunks.join("") };
  return { found: true, value: chunks[chunks.length - 1] };
}

export interface BatchProgress {
  total: number;
  /** Rows that ran to an end of their own: done or failed. */
  finished: number;
  failed: number;
  /** Stopped while running, or never started because of Stop. */
  cancelled: number;
  running: number;
}

export function batchProgress(rows: readonly BatchRow[]): BatchProgress {
  const count = (...s: RowStatus[]) => rows.filter((r) => s.includes(r.status)).length;
  return {
    total: rows.length,
    finished: count("done", "error"),
    failed: count("error"),
    cancelled: count("cancelled", "skipped"),
    running: count("running"),
  };
}

/** "12 / 40 done, 1 failed" (failed rows count as done: they are finished). */
export function progressText(p: BatchProgress): string {
  const parts = [`${p.finished} / ${p.total} done`];
  if (p.failed > 0) parts.push(`${p.failed} failed`);
  if (p.cancelled > 0) parts.push(`${p.cancelled} cancelled`);
  return parts.join(", ");
}

/** The output as text for the table and the CSV: strings as they are, messages as text, else JSON. */
export function outputText(row: BatchRow): string {
  return row.hasOutput ? formatValue(row.output) : "";
}

/** One JSON object per row; the output keeps its structure. */
export function toJsonl(rows: readonly BatchRow[]): string {
  return rows
    .map((r) =>
      JSON.stringify({
        row: r.number,
        input: r.input,
        status: r.status,
        output: r.hasOutput ? plain(r.output) : null,
        error: r.error ?? null,
        duration_ms: r.durationMs ?? null,
        tokens: r.tokens ?? null,
      }),
    )
    .join("\n")
    .concat(rows.length > 0 ? "\n" : "");
}

/** A flat table: the input as JSON, the output as text, the token total. */
export function toCsv(rows: readonly BatchRow[]): string {
  return Papa.unparse({
    fields: ["row", "input", "status", "output", "error", "duration_ms", "tokens"],
    data: rows.map((r) => [
      r.number,
      JSON.stringify(r.input),
      r.status,
      outputText(r),
      r.error ?? "",
      r.durationMs === undefined ? "" : Math.round(r.durationMs),
      r.tokens?.total_tokens ?? "",
    ]),
  });
}

/** Messages and prompt values serialise as their text; plain data stays as it is. */
function plain(value: unknown): unknown {
  return typeof value === "object" && value !== null && !isPlainData(value) ? formatValue(value) : value;
}

function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}
