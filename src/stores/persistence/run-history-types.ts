import type { SerializedError } from "../../core/index.ts";
import type { ChainDocument } from "../../graph/index.ts";
import type { NodeRun, TimedEvent } from "../run-store.ts";

/** How a recorded run ended. */
export type FinishedRunStatus = "done" | "error" | "cancelled";

/**
 * One finished run of a chain, as the history keeps it: enough to show it again exactly (its
 * nodes, output and every event with its time) and to tell whether the chain changed since.
 */
export interface RunRecord {
  id: string;
  chainId: string;
  chainName: string;
  status: FinishedRunStatus;
  /** Milliseconds since the epoch when the run started. */
  startedAt: number;
  /** Milliseconds from start to end. */
  duration: number;
  error?: SerializedError | undefined;
  /** The chain as it was run (stored without secrets). */
  doc: ChainDocument;
  input: unknown;
  /** The final per-node state. */
  nodes: Record<string, NodeRun>;
  /** The chain's output chunks. */
  output: unknown[];
  /** Every event, with `t` in milliseconds since the run's start. */
  events: TimedEvent[];
}

/** A line of the history list: the run without its events, plus short previews. */
export interface RunSummary extends Pick<
  RunRecord,
  "id" | "chainId" | "chainName" | "status" | "startedAt" | "duration" | "error"
> {
  /** The input on one line, shortened. */
  inputPreview: string;
  /** The start of the final output on one line. */
  outputPreview: string;
  /** Total tokens the run's models reported, when any did. */
  tokens?: number | undefined;
  eventCount: number;
}

export type StoredRun = RunRecord & RunSummary;

export interface RunHistoryWork {
  /**
   * Awaited between slices of work on a long run (a macrotask, say), so that turning tens of
   * thousands of events into JSON and back never blocks the page for long.
   */
  pause?: () => Promise<void>;
}

/**
 * The last runs of each chain (`RUNS_KEPT_PER_CHAIN`), newest first. Every method rejects with a
 * `PersistenceError` when storage fails. Records are stored as plain JSON data and revived on
 * `get`, so messages come back as message classes.
 *
 * @example
 * await history.save(record); // prunes that chain's runs to the newest 50
 * const runs = await history.list(chainId);
 * const run = await history.get(runs[0].id);
 */
export interface RunHistoryRepository {
  save(run: RunRecord, work?: RunHistoryWork): Promise<RunSummary>;
  /** The chain's runs, newest first, without their events. */
  list(chainId: string): Promise<RunSummary[]>;
  /** The whole run (with its summary's previews), revived; `undefined` when there is none. */
  get(id: string, work?: RunHistoryWork): Promise<StoredRun | undefined>;
  /** A no-op when missing. */
  delete(id: string): Promise<void>;
}
