import { createStore } from "zustand/vanilla";
import type {
  RunHistoryRepository,
  RunRecord,
  RunSummary,
  StoredRun,
  Timers,
} from "../../../stores/index.ts";
import type { RunHistorySink } from "../../run-controller.ts";

export interface HistoryState {
  /** The chain whose runs `runs` lists. */
  chainId: string;
  /** Newest first. */
  runs: RunSummary[];
  /** True until the first list of this chain has been read. */
  loading: boolean;
  /** A storage problem to show; runs go on regardless. */
  notice: string | undefined;
  /** The past run the run store shows (opened or replayed), for the banner. */
  viewed: StoredRun | undefined;
}

export interface HistoryControllerDeps {
  repository: RunHistoryRepository;
  /** The open chain. */
  chainId: () => string;
  /** Runs after the current task (a macrotask), so saving waits until the run's last frame. */
  timers?: Pick<Timers, "setTimeout">;
  /** Also tells the app (the header's notice) when storage fails. */
  onProblem?: (message: string) => void;
}

/**
 * The open chain's past runs: lists them, saves each finished run (after the run, never in its
 * way), loads one to open, replay or compare, deletes. Storage failures become `notice`.
 */
export class HistoryController {
  readonly state;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HistoryControllerDeps) {
    this.state = createStore<HistoryState>()(() => ({
      chainId: deps.chainId(),
      runs: [],
      loading: true,
      notice: undefined,
      viewed: undefined,
    }));
  }

  /** What the run controller saves finished runs through. */
  readonly sink: RunHistorySink = {
    chainId: () => this.deps.chainId(),
    save: (run) => this.save(run),
  };

  /** Lists the open chain's runs (again). */
  async refresh(): Promise<void> {
    const chainId = this.deps.chainId();
    if (chainId !== this.state.getState().chainId) this.state.setState({ chainId, runs: [], loading: true });
    try {
      const runs = await this.deps.repository.list(chainId);
      // Another chain may have been opened meanwhile: its own refresh will list it.
      if (chainId === this.state.getState().chainId) this.state.setState({ runs, loading: false });
    } catch (err) {
      this.state.setState({ loading: false });
      this.problem("The run history could not be read", err);
    }
  }

  /** Saves a finished run, then lists again; resolves (never rejects) when stored or failed. */
  save(run: RunRecord): Promise<void> {
    const saving = this.pending.then(async () => {
      await this.afterCurrentTask();
      try {
        await this.deps.repository.save(run, { pause: () => this.afterCurrentTask() });
        if (run.chainId === this.state.getState().chainId) await this.refresh();
      } catch (err) {
        this.problem("This run could not be kept in the history", err);
      }
    });
    this.pending = saving;
    return saving;
  }

  /** Resolves once every run handed to `save` so far is stored (or has failed). */
  whenSaved(): Promise<void> {
    return this.pending;
  }

  /** The whole run, revived; `undefined` (with a notice) when it is gone or unreadable. */
  async load(id: string): Promise<StoredRun | undefined> {
    try {
      const run = await this.deps.repository.get(id, { pause: () => this.afterCurrentTask() });
      if (!run) {
        this.state.setState({ notice: "That run is no longer in the history." });
        void this.refresh();
      }
      return run;
    } catch (err) {
      this.problem("The run could not be read", err);
      return undefined;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.deps.repository.delete(id);
    } catch (err) {
      this.problem("The run could not be deleted", err);
    }
    await this.refresh();
  }

  setViewed(viewed: StoredRun | undefined): void {
    this.state.setState({ viewed });
  }

  dismissNotice(): void {
    this.state.setState({ notice: undefined });
  }

  private problem(what: string, err: unknown): void {
    const notice = `${what}: ${err instanceof Error ? err.message : String(err)}.`;
    this.state.setState({ notice });
    this.deps.onProblem?.(notice);
  }

  private afterCurrentTask(): Promise<void> {
    const timers = this.deps.timers ?? { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) };
    return new Promise((resolve) => void timers.setTimeout(resolve, 0));
  }
}
