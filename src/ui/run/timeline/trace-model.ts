import type { RunStore } from "../../../stores/index.ts";
import { TraceBuilder } from "./trace.ts";

/** What the timeline renders from; a new object whenever the trace grew or a new run began. */
export interface TraceSnapshot {
  trace: TraceBuilder;
  runNumber: number;
  eventCount: number;
}

/**
 * The run store seen as a trace, for `useSyncExternalStore`. The run store already changes at most
 * once per animation frame (the recorder batches events), so following it redraws at most once a
 * frame; each change reads only the events that are new.
 */
export class TraceModel {
  private snapshot: TraceSnapshot;

  constructor(private readonly run: RunStore) {
    this.snapshot = { trace: new TraceBuilder(), runNumber: run.getState().runNumber, eventCount: 0 };
  }

  subscribe = (listener: () => void): (() => void) =>
    this.run.subscribe((s, prev) => {
      if (s.eventCount !== prev.eventCount || s.runNumber !== prev.runNumber) listener();
    });

  /** Catches up with the store; idempotent, so React may call it as often as it likes. */
  getSnapshot = (): TraceSnapshot => {
    const { events, eventCount, runNumber } = this.run.getState();
    let { trace } = this.snapshot;
    if (runNumber !== this.snapshot.runNumber || eventCount < trace.eventsSeen) trace = new TraceBuilder();
    else if (eventCount === this.snapshot.eventCount) return this.snapshot;
    trace.update(events, eventCount);
    this.snapshot = { trace, runNumber, eventCount };
    return this.snapshot;
  };
}
