import {
  AIMessageChunk,
  type StreamEvent,
  isAbortError,
  isBaseMessage,
  parseEventName,
  serializeError,
} from "../core/index.ts";
import {
  EMPTY_NODE_RUN,
  type NodeRun,
  type RunState,
  type RunStatus,
  type RunStore,
  type TimedEvent,
} from "./run-store.ts";

export interface RecorderClock {
  now(): number;
  /** Calls `fn` before the next paint (requestAnimationFrame in browsers). */
  requestFrame(fn: () => void): void;
}

/**
 * How many streaming nodes a frame redraws. Each streaming node's text is laid out, painted and
 * rasterised again when it changes; with more nodes than this streaming at once, each shows its
 * new text every second (or third…) frame, the ones waiting longest first, so the frame still fits
 * its 16.7 ms (docs/run.md#performance). A node starting, ending or failing is shown at once.
 */
export const STREAMING_NODES_PER_FRAME = 8;

/**
 * Takes a run's events as fast as they come and applies them to the run store once per frame, so
 * a streamed token costs an array push, not a render. Node state is attributed by
 * `metadata.node_id`: a node's own run is the first run that carries its id (inner runs of a lambda
 * inherit the id and appear only in the event log).
 */
export class RunRecorder {
  private pending: TimedEvent[] = [];
  private scheduled = false;
  private readonly startedAt: number;
  private readonly nodeRuns = new Map<string, string>();
  private rootRunId: string | undefined;
  /** Every node's latest state; the store shows it, or an earlier one for a node still waiting its turn. */
  private readonly latest: Record<string, NodeRun>;
  /** Streaming nodes with changes not yet in the store, and the frame each was last shown in. */
  private readonly held = new Set<string>();
  private readonly shownAt = new Map<string, number>();
  private frame = 0;

  constructor(
    private readonly store: RunStore,
    private readonly clock: RecorderClock,
    nodeIds: readonly string[],
  ) {
    this.startedAt = clock.now();
    const nodes: Record<string, NodeRun> = {};
    // Each node gets its own boundaries array: it is appended to in place (append-only, like events).
    for (const id of nodeIds) nodes[id] = { ...EMPTY_NODE_RUN, boundaries: [], status: "waiting" };
    this.latest = { ...nodes };
    const prev = store.getState();
    store.setState({
      status: "running",
      runNumber: prev.runNumber + 1,
      startedAt: this.startedAt,
      endedAt: undefined,
      nodes,
      events: [],
      eventCount: 0,
      output: [],
      outputCount: 0,
      error: undefined,
      // A new run ends the viewing of a past one (a replay marks its own run right after).
      viewing: undefined,
    });
  }

  push(event: StreamEvent): void {
    const nodeId = typeof event.metadata.node_id === "string" ? event.metadata.node_id : undefined;
    this.pending.push({ t: this.clock.now() - this.startedAt, event, nodeId });
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.requestFrame(() => this.flush());
  }

  /**
   * Applies everything pending in one store update. The nodes over this frame's streaming budget
   * keep their earlier state in the store and come first next frame; `all` shows every node.
   */
  flush({ all = false }: { all?: boolean } = {}): void {
    this.scheduled = false;
    this.frame++;
    if (this.pending.length === 0 && this.held.size === 0) return;
    const batch = this.pending;
    this.pending = [];
    const state = this.store.getState();
    // A node is copied once per frame, not once per event: eight streaming models send hundreds of
    // events a frame, and views only need a new object when the frame is published.
    const copied = new Set<string>();
    const shownNow = new Set<string>();
    const { events, output } = state;
    for (const timed of batch) {
      events.push(timed);
      this.rootRunId ??= timed.event.run_id;
      if (timed.event.run_id === this.rootRunId && timed.event.event === "on_chain_stream")
        output.push(timed.event.data.chunk);
      const nodeId = timed.nodeId;
      if (!nodeId) continue;
      const before = this.latest[nodeId]?.status;
      // The event before this one: a node that starts right after another run's chunk is lazy.
      if (!this.apply(nodeId, copied, timed, events[events.length - 2]?.event)) continue;
      // Only more of the same stream may wait; a change of status is shown at once.
      if (before === "streaming" && this.latest[nodeId]!.status === "streaming") this.held.add(nodeId);
      else shownNow.add(nodeId);
    }
    const nodes = { ...state.nodes };
    for (const id of this.held) if (shownNow.has(id)) this.held.delete(id);
    const waiting = [...this.held].sort((a, b) => (this.shownAt.get(a) ?? 0) - (this.shownAt.get(b) ?? 0));
    for (const id of all ? waiting : waiting.slice(0, STREAMING_NODES_PER_FRAME)) shownNow.add(id);
    for (const id of shownNow) {
      nodes[id] = this.latest[id]!;
      this.held.delete(id);
      this.shownAt.set(id, this.frame);
    }
    this.store.setState({ nodes, eventCount: events.length, outputCount: output.length });
    // What waits is shown next frame, even if no event comes.
    if (this.held.size > 0) this.schedule();
  }

  /** Ends the run: nodes that never ran say so; with `cancelled`, running nodes keep their partial output. */
  finish(status: Exclude<RunStatus, "idle" | "running">, error?: unknown): void {
    this.flush({ all: true });
    const nodes = { ...this.store.getState().nodes };
    for (const [id, n] of Object.entries(nodes)) {
      if (n.status === "waiting") nodes[id] = { ...n, status: "skipped" };
      else if (n.status === "running" || n.status === "streaming") {
        nodes[id] = {
          ...n,
          status: status === "cancelled" ? "cancelled" : "error",
          endedAt: this.clock.now() - this.startedAt,
        };
      }
    }
    const patch: Partial<RunState> = { status, nodes, endedAt: this.clock.now() };
    if (error !== undefined) patch.error = serializeError(error);
    this.store.setState(patch);
  }

  /** Applies one event to its node's latest state; false when the event is not the node's own run's. */
  private apply(
    nodeId: string,
    copied: Set<string>,
    { t, event }: TimedEvent,
    previous: StreamEvent | undefined,
  ): boolean {
    const nodes = this.latest;
    const [type, phase] = parseEventName(event.event);
    if (phase === "start" && !this.nodeRuns.has(nodeId)) this.nodeRuns.set(nodeId, event.run_id);
    if (this.nodeRuns.get(nodeId) !== event.run_id) return false;
    let n = nodes[nodeId];
    if (!n || !copied.has(nodeId)) {
      n = { ...(n ?? { ...EMPTY_NODE_RUN, boundaries: [] }) };
      nodes[nodeId] = n;
      copied.add(nodeId);
    }
    if (phase === "start") {
      n.status = "running";
      n.runId = event.run_id;
      n.startedAt = t;
      n.startedOnChunk =
        previous !== undefined &&
        previous.run_id !== event.run_id &&
        parseEventName(previous.event)[1] === "stream";
    } else if (phase === "stream") {
      n.status = "streaming";
      n.firstChunkAt ??= t;
      n.chunks += 1;
      addChunk(n, (event.data as { chunk: unknown }).chunk);
    } else if (phase === "end") {
      n.status = "done";
      n.endedAt = t;
      const output = (event.data as { output: unknown }).output;
      if (output instanceof AIMessageChunk && output.usage_metadata) n.usage = output.usage_metadata;
      // Runs that do not stream (prompts, retrievers) show their output at the end.
      if (n.chunks === 0 || type === "prompt" || type === "retriever") setValue(n, output);
    } else {
      n.endedAt = t;
      const { error } = event.data as { error?: NodeRun["error"] };
      // Stop aborts every request; the runs report it as an AbortError, which is a cancel, not a failure.
      if (isAbortError(error)) n.status = "cancelled";
      else {
        n.status = "error";
        if (error) n.error = error;
      }
    }
    return true;
  }
}

function addChunk(n: NodeRun, chunk: unknown): void {
  if (typeof chunk === "string") {
    n.text += chunk;
    n.boundaries.push(n.text.length);
  } else if (isBaseMessage(chunk)) {
    n.text += chunk.content;
    n.boundaries.push(n.text.length);
    const reasoning = chunk.additional_kwargs.reasoning_content;
    if (typeof reasoning === "string") n.reasoning = (n.reasoning ?? "") + reasoning;
  } else setValue(n, chunk);
}

function setValue(n: NodeRun, value: unknown): void {
  if (typeof value === "string" && n.chunks === 0) {
    n.text = value;
    return;
  }
  n.value = value;
  n.hasValue = true;
}
