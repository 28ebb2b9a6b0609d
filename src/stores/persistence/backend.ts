/**
 * The storage a `ChainRepository` runs on: a few object stores of records under string keys, with
 * atomic writes. IndexedDB implements it in browsers (`idb-repository.ts`), a Map in tests
 * (`memory-backend.ts`). Values are structured-cloned: what comes back is never what went in.
 */

/**
 * The object stores (database version 1). `runs` is reserved for the run history (issue 7): records
 * carry a `chainId`, indexed as `chainId`, and a chain's runs are deleted with it.
 */
export const STORE_NAMES = ["chains", "ui", "runs"] as const;
export type StoreName = (typeof STORE_NAMES)[number];
export const RUNS_BY_CHAIN_INDEX = "chainId";

export type WriteOp =
  | { type: "put"; store: StoreName; key: string; value: unknown }
  | { type: "delete"; store: StoreName; key: string }
  /** Deletes every record of `runs` whose `chainId` is this one. */
  | { type: "deleteRunsOf"; chainId: string };

export interface PersistenceBackend {
  get(store: StoreName, key: string): Promise<unknown>;
  getAll(store: StoreName): Promise<unknown[]>;
  /** Applies the writes in one transaction: all or none. */
  write(ops: readonly WriteOp[]): Promise<void>;
  /**
   * Reads one record and applies the writes `decide` returns for it, in the same transaction (a
   * read-modify-write no other writer can interleave with). If `decide` throws, nothing is written
   * and the promise rejects with that error.
   */
  update(store: StoreName, key: string, decide: (current: unknown) => readonly WriteOp[]): Promise<void>;
}

/**
 * A backend that can also read one chain's runs through the `chainId` index, for the run history.
 * Kept apart from `PersistenceBackend` so stand-ins written for the chain repository stay valid.
 */
export interface RunsBackend extends PersistenceBackend {
  /**
   * The records of `runs` whose `chainId` is this one and whose key passes `keep`, in key order.
   * Keys are read first, so a record left out is never loaded (run bodies are large).
   */
  getRunsOf(chainId: string, keep: (key: string) => boolean): Promise<unknown[]>;
  /**
   * Reads what `getRunsOf` would and applies the writes `decide` returns for those records, in the
   * same transaction (save a run and prune the oldest, with no other writer in between). If
   * `decide` throws, nothing is written and the promise rejects with that error.
   */
  updateRunsOf(
    chainId: string,
    keep: (key: string) => boolean,
    decide: (records: unknown[]) => readonly WriteOp[],
  ): Promise<void>;
}
