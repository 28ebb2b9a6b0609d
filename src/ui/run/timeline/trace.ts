import { type RunType, isAbortError, parseEventName } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";

/**
 * How a run ended, as far as its own events say. Stop makes aborted runs end with an AbortError
 * (a cancel, as the recorder counts it); runs that never end at all are the run store's to tell.
 */
export type RunOutcome = "running" | "done" | "error" | "cancelled";

/** One run of the trace: a row of the timeline. Mutated in place as its events arrive. */
export interface TraceRun {
  id: string;
  /** The run name from the events (`ChatPromptTemplate`, `RunnableSequence`, ...). */
  name: string;
  type: RunType;
  /** The chain node the run carries in `metadata.node_id`, if any. */
  nodeId: string | undefined;
  /** True for the node's own run: the first run carrying its id (inner runs of a lambda carry it too). */
  ownsNode: boolean;
  parent: TraceRun | undefined;
  children: TraceRun[];
  /** Milliseconds since the run's start, like `TimedEvent.t`. */
  start: number;
  /** Index of the start event in the run store's `events`. */
  startIndex: number;
  end: number | undefined;
  outcome: RunOutcome;
  error: string | undefined;
  /** Times of the stream events (the first is the first token), and their indexes into `events`. */
  ticks: number[];
  tickIndexes: number[];
}

/**
 * Builds the timeline's runs from the run store's append-only events, looking at each event once:
 * `update` is called every frame with the grown event count and only reads the new tail.
 *
 * Nesting: v2 events carry `parent_ids` (root first, immediate parent last); the nearest ancestor
 * we know becomes the parent. v1 events carry none, and start/end nesting would lie (a streaming
 * parser starts before its model ends), so in v1 every run hangs under the first (root) run, which
 * is true of any run, and deeper nesting is not guessed.
 */
export class TraceBuilder {
  readonly roots: TraceRun[] = [];
  readonly runs = new Map<string, TraceRun>();
  /** Time of the latest event: where running bars end. */
  lastTime = 0;
  private seen = 0;
  private readonly nodeOwners = new Set<string>();
  private firstRun: TraceRun | undefined;

  /** How many events have been read. */
  get eventsSeen(): number {
    return this.seen;
  }

  /** Reads `events[seen..count)`. Returns whether anything was read. */
  update(events: readonly TimedEvent[], count: number): boolean {
    if (count <= this.seen) return false;
    for (let i = this.seen; i < count; i++) {
      const timed = events[i];
      if (timed) this.add(timed, i);
    }
    this.seen = count;
    return true;
  }

  private add({ t, event, nodeId }: TimedEvent, index: number): void {
    this.lastTime = Math.max(this.lastTime, t);
    const [type, phase] = parseEventName(event.event);
    const run =
      this.runs.get(event.run_id) ??
      this.open(event.run_id, event.name, type, nodeId, event.parent_ids, t, index);
    if (phase === "stream") {
      run.ticks.push(t);
      run.tickIndexes.push(index);
    } else if (phase === "end") {
      run.end = t;
      run.outcome = "done";
    } else if (phase === "error") {
      run.end = t;
      const { error } = event.data as { error?: { name?: string; message?: string } };
      run.outcome = isAbortError(error) ? "cancelled" : "error";
      run.error = error?.message;
    }
  }

  private open(
    id: string,
    name: string,
    type: RunType,
    nodeId: string | undefined,
    parentIds: string[] | undefined,
    t: number,
    index: number,
  ): TraceRun {
    const ownsNode = nodeId !== undefined && !this.nodeOwners.has(nodeId);
    if (nodeId !== undefined) this.nodeOwners.add(nodeId);
    const parent = this.parentOf(parentIds);
    const run: TraceRun = {
      id,
      name,
      type,
      nodeId,
      ownsNode,
      parent,
      children: [],
      start: t,
      startIndex: index,
      end: undefined,
      outcome: "running",
      error: undefined,
      ticks: [],
      tickIndexes: [],
    };
    this.runs.set(id, run);
    this.firstRun ??= run;
    // Start events arrive in time order, so children stay sorted by start without sorting.
    (parent ? parent.children : this.roots).push(run);
    return run;
  }

  private parentOf(parentIds: string[] | undefined): TraceRun | undefined {
    if (parentIds === undefined) return this.firstRun;
    for (let i = parentIds.length - 1; i >= 0; i--) {
      const known = this.runs.get(parentIds[i]!);
      if (known) return known;
    }
    return undefined;
  }
}

/** Time to first token: from the run's start to its first stream event. */
export function firstTokenDelay(run: TraceRun): number | undefined {
  const first = run.ticks[0];
  return first === undefined ? undefined : first - run.start;
}
