import { type RunsBackend, STORE_NAMES, type StoreName, type WriteOp } from "./backend.ts";

/**
 * A `PersistenceBackend` in memory, for tests and as a last resort. Values are structured-cloned in
 * and out, like IndexedDB. Set `failWith` to make reads and writes reject (a quota error, a private
 * mode), and clear it to recover.
 *
 * @example
 * const backend = new MemoryBackend();
 * backend.failWith = new DOMException("full", "QuotaExceededError");
 */
export class MemoryBackend implements RunsBackend {
  readonly stores: Record<StoreName, Map<string, unknown>> = {
    chains: new Map(),
    ui: new Map(),
    runs: new Map(),
  };
  /** When set, every write rejects with it. */
  failWith: Error | undefined = undefined;
  /** When set, every read rejects with it too. */
  failReadsWith: Error | undefined = undefined;
  /** Counts the writes attempted (failed ones included), for tests of timing. */
  writeCount = 0;

  async get(store: StoreName, key: string): Promise<unknown> {
    await this.ready(this.failReadsWith);
    return structuredClone(this.stores[store].get(key));
  }

  async getAll(store: StoreName): Promise<unknown[]> {
    await this.ready(this.failReadsWith);
    return [...this.stores[store].values()].map((v) => structuredClone(v));
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    this.writeCount++;
    await this.ready(this.failWith);
    this.apply(ops);
  }

  async update(
    store: StoreName,
    key: string,
    decide: (current: unknown) => readonly WriteOp[],
  ): Promise<void> {
    this.writeCount++;
    await this.ready(this.failWith);
    this.apply(decide(structuredClone(this.stores[store].get(key))));
  }

  async getRunsOf(chainId: string, keep: (key: string) => boolean): Promise<unknown[]> {
    await this.ready(this.failReadsWith);
    return this.runsOf(chainId, keep);
  }

  async updateRunsOf(
    chainId: string,
    keep: (key: string) => boolean,
    decide: (records: unknown[]) => readonly WriteOp[],
  ): Promise<void> {
    this.writeCount++;
    await this.ready(this.failWith);
    this.apply(decide(this.runsOf(chainId, keep)));
  }

  /** A chain's runs in key order, like the IndexedDB index gives them. */
  private runsOf(chainId: string, keep: (key: string) => boolean): unknown[] {
    return [...this.stores.runs]
      .filter(([key, run]) => (run as { chainId?: unknown } | null)?.chainId === chainId && keep(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, run]) => structuredClone(run));
  }

  /** Settles a turn later, like a real store, or fails with the injected fault. */
  private async ready(fault: Error | undefined): Promise<void> {
    await Promise.resolve();
    if (fault) throw fault;
  }

  /** Clones everything first, so a value that cannot be cloned leaves the stores untouched. */
  private apply(ops: readonly WriteOp[]): void {
    const cloned = ops.map((op) => (op.type === "put" ? { ...op, value: structuredClone(op.value) } : op));
    for (const op of cloned) {
      if (op.type === "put") this.stores[op.store].set(op.key, op.value);
      else if (op.type === "delete") this.stores[op.store].delete(op.key);
      else {
        for (const [key, run] of this.stores.runs) {
          if ((run as { chainId?: unknown } | null)?.chainId === op.chainId) this.stores.runs.delete(key);
        }
      }
    }
  }

  /** Everything stored, as one JSON string (tests search it for secrets). */
  dump(): string {
    return JSON.stringify(Object.fromEntries(STORE_NAMES.map((s) => [s, [...this.stores[s]]])));
  }
}
