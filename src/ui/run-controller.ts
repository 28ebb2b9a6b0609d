import type { EventsVersion } from "../core/index.ts";
import {
  type DocumentStore,
  type RecorderClock,
  type ReplaySpeed,
  type RunRecord,
  type RunState,
  type RunStore,
  type Timers,
  initialRunState,
  newRunId,
  recordOfRun,
  replayRun,
  runStateOfRecord,
} from "../stores/index.ts";
import { type ChainRunDeps, recordRun } from "./record-run.ts";

/** Where finished runs go: the run history of the open chain. */
export interface RunHistorySink {
  /** The stored chain that is open (the run belongs to it). */
  chainId(): string;
  /** Saves a finished run; never rejects (storage failures become a notice). */
  save(run: RunRecord): Promise<void>;
}

export interface RunControllerDeps extends ChainRunDeps {
  documents: DocumentStore;
  run: RunStore;
  clock: RecorderClock;
  /** Records each finished run; without it runs are not kept. */
  history?: RunHistorySink;
  /** Paces replays (default: the global timers). */
  timers?: Timers;
  /** Wall-clock time for a run's start, in epoch ms (default `Date.now`). */
  wallClock?: () => number;
}

const globalTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs the open chain: compile, stream events into the recorder, stop on request, and hand each
 * finished run to the history. Also shows past runs on the run store (open, replay) and goes back
 * to the live run afterwards; one activity at a time, and Stop ends whichever is going on.
 */
export class RunController {
  private controller: AbortController | undefined;
  /** The current run or replay, settled once it has written its last state. */
  private activity: Promise<unknown> | undefined;
  /** The live run's state, kept while a past run is shown, for "Back to live". */
  private live: RunState | undefined;

  /** Public so batch runs can compile and run with the same models and sandbox. */
  constructor(readonly deps: RunControllerDeps) {}

  get running(): boolean {
    return this.controller !== undefined;
  }

  async run(input: unknown, version: EventsVersion = "v2"): Promise<void> {
    // A replay being stopped still writes its last state: let it, before this run starts.
    if (this.activity) await this.settle();
    const { documents, run, clock, history } = this.deps;
    const doc = documents.getState().doc;
    const startedAt = (this.deps.wallClock ?? Date.now)();
    // The chain the run belongs to, taken now: switching chains stops the run before it is saved.
    const chainId = history?.chainId();
    // A new run ends the viewing of a past one.
    this.live = undefined;
    const controller = new AbortController();
    this.controller = controller;
    const done = recordRun(run, doc, input, this.deps, { signal: controller.signal, clock, version }).finally(
      () => {
        if (this.controller === controller) this.controller = undefined;
      },
    );
    this.track(done);
    await done;
    if (!history || chainId === undefined) return;
    const record = recordOfRun(run.getState(), {
      id: newRunId(startedAt),
      chainId,
      chainName: doc.name ?? "Untitled chain",
      doc,
      input,
      startedAt,
    });
    // Not awaited: storing happens after the run, off its path; the history reports failures.
    if (record) void history.save(record);
  }

  /** Shows a past run as it ended (the live run comes back with `backToLive`). */
  async open(record: RunRecord): Promise<void> {
    if (this.activity) await this.settle();
    this.keepLive();
    this.deps.run.setState(runStateOfRecord(record, this.deps.run.getState()), true);
  }

  /** Plays a past run's events again at `speed`; Stop ends it. */
  async replay(record: RunRecord, speed: ReplaySpeed): Promise<void> {
    if (this.activity) await this.settle();
    this.keepLive();
    const controller = new AbortController();
    this.controller = controller;
    const { clock } = this.deps;
    const timers = this.deps.timers ?? globalTimers;
    const done = replayRun(this.deps.run, record, {
      clock: {
        now: () => clock.now(),
        requestFrame: (fn) => clock.requestFrame(fn),
        setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
        clearTimeout: (h) => timers.clearTimeout(h),
      },
      speed,
      signal: controller.signal,
    }).finally(() => {
      if (this.controller === controller) this.controller = undefined;
    });
    this.track(done);
    await done;
  }

  /** Leaves the past run: the store shows the live run it showed before (or nothing). */
  async backToLive(): Promise<void> {
    if (this.activity) await this.settle();
    const { run } = this.deps;
    const current = run.getState();
    if (!current.viewing) return;
    const live = this.live ?? initialRunState();
    this.live = undefined;
    run.setState({ ...live, runNumber: current.runNumber + 1, viewing: undefined }, true);
  }

  /**
   * Another chain opens: stops what is going on (a stopped run is still saved to the chain it
   * belongs to), then the run views show nothing, neither this chain's live run nor a past one.
   */
  async clear(): Promise<void> {
    await this.settle();
    this.live = undefined;
    const { run } = this.deps;
    run.setState({ ...initialRunState(), runNumber: run.getState().runNumber + 1 }, true);
  }

  /** Aborts every in-flight request; running nodes are marked cancelled and keep their output. */
  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  private track(activity: Promise<unknown>): void {
    this.activity = activity;
    const clear = () => {
      if (this.activity === activity) this.activity = undefined;
    };
    activity.then(clear, clear);
  }

  /** Stops what is going on (a run or a replay) and waits until it has written its final state. */
  async settle(): Promise<void> {
    this.stop();
    const activity = this.activity;
    this.activity = undefined;
    await activity;
  }

  /** Remembers the live run before the first past run covers it. */
  private keepLive(): void {
    const state = this.deps.run.getState();
    if (!state.viewing) this.live = state;
  }
}
