import type { ChainDocument } from "../graph/index.ts";
import type { FinishedRunStatus, RunRecord } from "./persistence/index.ts";
import type { RunState } from "./run-store.ts";

/** What the run store cannot know about a run: which chain, which input, when (epoch ms). */
export interface RunIdentity {
  id: string;
  chainId: string;
  chainName: string;
  doc: ChainDocument;
  input: unknown;
  /** Milliseconds since the epoch when the run started. */
  startedAt: number;
}

/**
 * A finished run as the history keeps it, taken from the run store's final state. It shares the
 * store's arrays rather than copying them: a finished run's arrays are never appended to again
 * (the next run starts new ones), and saving turns them into plain data anyway.
 */
export function recordOfRun(state: RunState, run: RunIdentity): RunRecord | undefined {
  if (state.status !== "done" && state.status !== "error" && state.status !== "cancelled") return undefined;
  const status: FinishedRunStatus = state.status;
  const duration =
    state.startedAt !== undefined && state.endedAt !== undefined
      ? Math.max(0, state.endedAt - state.startedAt)
      : (state.events.at(-1)?.t ?? 0);
  const record: RunRecord = {
    ...run,
    status,
    duration,
    nodes: state.nodes,
    output: state.output.slice(0, state.outputCount),
    events: state.events.slice(0, state.eventCount),
  };
  if (state.error) record.error = state.error;
  return record;
}

/**
 * The run store's state showing a stored run as it ended ("open" in the history). Times stay
 * relative to the run's start, so the timeline and node timings read exactly as they did.
 */
export function runStateOfRecord(record: RunRecord, prev: RunState): RunState {
  return {
    status: record.status,
    runNumber: prev.runNumber + 1,
    startedAt: record.startedAt,
    endedAt: record.startedAt + record.duration,
    nodes: record.nodes,
    events: record.events,
    eventCount: record.events.length,
    output: record.output,
    outputCount: record.output.length,
    error: record.error,
    viewing: { runId: record.id, startedAt: record.startedAt, mode: "open" },
  };
}

/** The node ids a recorded run knows: its document's nodes and any node it recorded state for. */
export function nodeIdsOfRecord(record: RunRecord): string[] {
  return [...new Set([...record.doc.nodes.map((n) => n.id), ...Object.keys(record.nodes)])];
}
