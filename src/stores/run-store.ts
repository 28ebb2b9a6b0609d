import { createStore } from "zustand/vanilla";
import type { SerializedError, StreamEvent, UsageMetadata } from "../core/index.ts";

export type NodeStatus =
  "idle" | "waiting" | "running" | "streaming" | "done" | "error" | "cancelled" | "skipped";
export type RunStatus = "idle" | "running" | "done" | "error" | "cancelled";

/** What one node did in the current run; replaced (not mutated) when it changes. */
export interface NodeRun {
  status: NodeStatus;
  runId?: string;
  /** Milliseconds since the run's start. */
  startedAt?: number;
  /**
   * The node started as another run's chunk arrived (the event before its start was a stream event
   * of another run): it consumes a stream, so its own time to first token says nothing.
   * Absent in runs recorded before this was kept.
   */
  startedOnChunk?: boolean;
  firstChunkAt?: number;
  endedAt?: number;
  chunks: number;
  /** The text streamed so far (strings and message contents). */
  text: string;
  /** Where each chunk ended in `text`, for the chunk-boundary view. */
  boundaries: number[];
  /** The latest structured value: a JSON parser's partial object, a prompt's messages, documents, ... */
  value?: unknown;
  hasValue: boolean;
  reasoning?: string;
  usage?: UsageMetadata;
  error?: SerializedError;
}

export interface TimedEvent {
  /** Milliseconds since the run's start. */
  t: number;
  event: StreamEvent;
  nodeId: string | undefined;
}

export interface RunState {
  status: RunStatus;
  /** Increments with every run, so views can tell runs apart. */
  runNumber: number;
  startedAt: number | undefined;
  endedAt: number | undefined;
  nodes: Record<string, NodeRun>;
  /**
   * Every event with its time. Append-only during a run (never copied per event); `eventCount`
   * changes when it grows, which is what views subscribe to.
   */
  events: TimedEvent[];
  eventCount: number;
  /** The chain's `stream()` output, chunk by chunk (append-only, like `events`). */
  output: unknown[];
  outputCount: number;
  error: SerializedError | undefined;
  /**
   * Set while the store shows a past run from the history instead of a live one: opened as it
   * ended, or being replayed. A new live run clears it.
   */
  viewing?: ViewedRun | undefined;
}

/** Which past run the run store shows, and how. */
export interface ViewedRun {
  /** The run's id in the history. */
  runId: string;
  /** Milliseconds since the epoch when it ran. */
  startedAt: number;
  mode: "open" | "replay";
}

export const EMPTY_NODE_RUN: NodeRun = {
  status: "idle",
  chunks: 0,
  text: "",
  boundaries: [],
  hasValue: false,
};

export function initialRunState(): RunState {
  return {
    status: "idle",
    runNumber: 0,
    startedAt: undefined,
    endedAt: undefined,
    nodes: {},
    events: [],
    eventCount: 0,
    output: [],
    outputCount: 0,
    error: undefined,
  };
}

export type RunStore = ReturnType<typeof createRunStore>;

/** Live run state, per node. Only the run recorder writes to it, once per animation frame. */
export function createRunStore() {
  return createStore<RunState>()(() => initialRunState());
}
