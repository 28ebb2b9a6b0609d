import { type StoreApi, createStore } from "zustand/vanilla";
import { type ChainDocument, graphProblems } from "../../../graph/index.ts";
import type { DocumentStore, RunState, RunStore, RunViewStore } from "../../../stores/index.ts";
import type { RunController } from "../../run-controller.ts";
import type { BatchFormat } from "./batch-input.ts";
import { type BatchRow, summariseRun } from "./batch-results.ts";
import { runPool } from "./pool.ts";
import type { ChainRunDeps } from "../../record-run.ts";
import { runRow } from "./run-row.ts";

export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 16;

export interface BatchState {
  /** The pasted or loaded inputs; kept here so they survive switching tabs. */
  text: string;
  /** The user's choice; "auto" detects JSON lines or CSV from the text. */
  format: BatchFormat | "auto";
  concurrency: number;
  status: "idle" | "running" | "stopping" | "finished";
  rows: BatchRow[];
  /** The document snapshot the rows run on: edits made meanwhile do not reach a running batch. */
  doc: ChainDocument | undefined;
  /** A problem that kept the batch from starting (the chain does not compile). */
  problem: string | undefined;
  /** The row last opened into the main run store, and the run number it got there. */
  opened: { row: number; runNumber: number } | undefined;
}

export interface BatchControllerDeps {
  documents: DocumentStore;
  run: RunStore;
  runView: RunViewStore;
  runner: Pick<RunController, "deps" | "settle">;
}

/**
 * Runs a chain over many inputs, a few at a time, each row into a run store of its own; Stop
 * aborts the rows in flight and skips the rest; Open copies a row's run into the main run store.
 * Lives outside React so a batch keeps running, and its results stay, while its tab is closed.
 */
export class BatchController {
  readonly state: StoreApi<BatchState>;
  private readonly rowDeps: ChainRunDeps;
  private abort: AbortController | undefined;

  constructor(
    private readonly deps: BatchControllerDeps,
    rowDeps?: ChainRunDeps,
  ) {
    this.rowDeps = rowDeps ?? deps.runner.deps;
    this.state = createStore<BatchState>()(() => ({
      text: "",
      format: "auto",
      concurrency: 4,
      status: "idle",
      rows: [],
      doc: undefined,
      problem: undefined,
      opened: undefined,
    }));
  }

  setText(text: string): void {
    this.state.setState({ text });
  }

  setFormat(format: BatchState["format"]): void {
    this.state.setState({ format });
  }

  setConcurrency(n: number): void {
    if (!Number.isFinite(n)) return;
    this.state.setState({ concurrency: Math.min(MAX_CONCURRENCY, Math.max(MIN_CONCURRENCY, Math.round(n))) });
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  /** Runs every input on the current document as it is now; resolves when every row has ended. */
  async start(inputs: readonly unknown[]): Promise<void> {
    if (this.running) return;
    const doc = this.deps.documents.getState().doc;
    const errors = graphProblems(doc).filter((p) => p.severity === "error");
    if (errors.length > 0) {
      this.state.setState({ problem: `The chain cannot run: ${errors.map((p) => p.message).join("; ")}` });
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    const rows: BatchRow[] = inputs.map((input, i) => ({
      number: i + 1,
      input,
      status: "pending",
      hasOutput: false,
    }));
    this.state.setState({ status: "running", rows, doc, problem: undefined, opened: undefined });
    const outcomes = await runPool(
      inputs.length,
      this.state.getState().concurrency,
      async (i) => {
        this.updateRow(i, { status: "running" });
        const run = await runRow(doc, inputs[i], this.rowDeps, abort.signal);
        this.updateRow(i, summariseRun(run));
      },
      abort.signal,
    );
    outcomes.forEach((o, i) => {
      if (o.status === "skipped") this.updateRow(i, { status: "skipped" });
      // runRow never throws; a throw here is our bug, still shown on its row rather than lost.
      else if (o.status === "rejected") this.updateRow(i, { status: "error", error: String(o.reason) });
    });
    this.abort = undefined;
    this.state.setState({ status: "finished" });
  }

  /** Aborts every row in flight (they end as cancelled); rows not yet started are skipped. */
  stop(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.state.setState({ status: "stopping" });
  }

  /**
   * Shows a finished row in the main run views (canvas, Output, Timeline, Events) as a new run.
   * A main run in progress is stopped first and allowed to wind down, so its last events never
   * land in the row's run.
   */
  async open(rowNumber: number): Promise<void> {
    const row = this.state.getState().rows[rowNumber - 1];
    if (!row?.run) return;
    const { run, runView, runner } = this.deps;
    await runner.settle();
    const runNumber = run.getState().runNumber + 1;
    // A batch row is not a past run of the history: its banner must not stay up over the row.
    run.setState({ ...copyRun(row.run), runNumber, viewing: undefined });
    runView.getState().reset();
    this.state.setState({ opened: { row: rowNumber, runNumber } });
  }

  private updateRow(index: number, patch: Partial<BatchRow>): void {
    const rows = [...this.state.getState().rows];
    rows[index] = { ...rows[index]!, ...patch };
    this.state.setState({ rows });
  }
}

/**
 * The main recorder appends to its store's arrays in place; copies keep the row's own run intact
 * whatever the main views do next, so a row can be opened again.
 */
function copyRun(run: RunState): RunState {
  const nodes = Object.fromEntries(
    Object.entries(run.nodes).map(([id, n]) => [id, { ...n, boundaries: [...n.boundaries] }]),
  );
  return { ...run, nodes, events: [...run.events], output: [...run.output] };
}

const controllers = new WeakMap<object, BatchController>();

/**
 * One batch per app: the Batch tab unmounts when another tab is shown, so the controller is kept
 * per services object rather than in component state.
 */
export function batchControllerFor(services: BatchControllerDeps): BatchController {
  let controller = controllers.get(services);
  if (!controller) {
    controller = new BatchController(services);
    controllers.set(services, controller);
  }
  return controller;
}
