import {
  RUNS_BY_CHAIN_INDEX,
  type RunsBackend,
  STORE_NAMES,
  type StoreName,
  type WriteOp,
} from "./backend.ts";
import { PersistenceError } from "./errors.ts";
import { type RepositoryOptions, createChainRepository } from "./repository.ts";
import type { ChainRepository } from "./types.ts";

export const DB_NAME = "sluice";

/**
 * Ordered schema steps: `UPGRADES[v]` takes the database from version v to v+1, so a browser on any
 * old version replays exactly the steps it missed. Never edit a shipped step: append one.
 */
const UPGRADES: readonly ((db: IDBDatabase) => void)[] = [
  // 0 → 1: chains and UI state; `runs` reserved for the run history (issue 7), indexed by chain.
  (db) => {
    db.createObjectStore("chains");
    db.createObjectStore("ui");
    db.createObjectStore("runs").createIndex(RUNS_BY_CHAIN_INDEX, "chainId");
  },
];
export const DB_VERSION = UPGRADES.length;

/**
 * The chain repository over IndexedDB. `factory` is the browser's `indexedDB` (injected: lower
 * layers never reach for globals), or `undefined` where it is missing. The database opens on first
 * use; when opening fails (private mode, blocked storage) each call rejects with a
 * `PersistenceError` and the next call tries again.
 *
 * @example
 * const repository = createIdbRepository(safeIndexedDB());
 */
export function createIdbRepository(
  factory: IDBFactory | undefined,
  options: RepositoryOptions & { dbName?: string } = {},
): ChainRepository {
  return createChainRepository(new IdbBackend(factory, options.dbName ?? DB_NAME), options);
}

/** A thin promise wrapper over IndexedDB: one transaction per call, over all stores. */
export class IdbBackend implements RunsBackend {
  private connection: Promise<IDBDatabase> | undefined;

  constructor(
    private readonly factory: IDBFactory | undefined,
    private readonly dbName: string = DB_NAME,
  ) {}

  get(store: StoreName, key: string): Promise<unknown> {
    return this.transact("readonly", (tx) => {
      const request = tx.objectStore(store).get(key);
      return () => request.result as unknown;
    });
  }

  getAll(store: StoreName): Promise<unknown[]> {
    return this.transact("readonly", (tx) => {
      const request = tx.objectStore(store).getAll();
      return () => request.result as unknown[];
    });
  }

  write(ops: readonly WriteOp[]): Promise<void> {
    return this.transact("readwrite", (tx) => {
      apply(tx, ops);
      return () => undefined;
    });
  }

  update(store: StoreName, key: string, decide: (current: unknown) => readonly WriteOp[]): Promise<void> {
    return this.transact("readwrite", (tx, fail) => {
      const request = tx.objectStore(store).get(key);
      request.onsuccess = () => {
        try {
          apply(tx, decide(request.result));
        } catch (err) {
          fail(err);
        }
      };
      return () => undefined;
    });
  }

  getRunsOf(chainId: string, keep: (key: string) => boolean): Promise<unknown[]> {
    return this.transact("readonly", (tx, fail) => {
      let records: unknown[] = [];
      readRunsOf(tx, chainId, keep, (found) => (records = found), fail);
      return () => records;
    });
  }

  updateRunsOf(
    chainId: string,
    keep: (key: string) => boolean,
    decide: (records: unknown[]) => readonly WriteOp[],
  ): Promise<void> {
    return this.transact("readwrite", (tx, fail) => {
      readRunsOf(tx, chainId, keep, (records) => apply(tx, decide(records)), fail);
      return () => undefined;
    });
  }

  /** Closes the connection (tests; the page's own connection lives as long as the page). */
  async close(): Promise<void> {
    const db = await this.connection?.catch(() => undefined);
    db?.close();
    this.connection = undefined;
  }

  /**
   * Runs `work` in one transaction and resolves with what its returned getter reads once the
   * transaction has committed; rejects with the transaction's error (a quota error surfaces here, at
   * commit) or with what `fail` was given.
   */
  private async transact<T>(
    mode: IDBTransactionMode,
    work: (tx: IDBTransaction, fail: (err: unknown) => void) => () => T,
  ): Promise<T> {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction(STORE_NAMES, mode);
      } catch (err) {
        // The connection was closed under us (another tab upgrading, storage cleared): reopen next time.
        this.connection = undefined;
        reject(asError(err));
        return;
      }
      let failure: unknown;
      const fail = (err: unknown) => {
        failure ??= err;
        try {
          tx.abort();
        } catch {
          // Already finished: the abort handler or completion has settled the promise.
        }
      };
      let read: (() => T) | undefined;
      tx.oncomplete = () => (read ? resolve(read()) : reject(asError(failure)));
      tx.onabort = () =>
        reject(
          asError(
            failure ?? tx.error ?? new DOMException("The storage transaction was aborted", "AbortError"),
          ),
        );
      try {
        read = work(tx, fail);
      } catch (err) {
        fail(err);
      }
    });
  }

  private open(): Promise<IDBDatabase> {
    if (!this.connection) {
      const opening = openDatabase(this.factory, this.dbName, () => {
        if (this.connection === opening) this.connection = undefined;
      });
      this.connection = opening;
      // A failed open is not remembered: the next call tries again.
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
    }
    return this.connection;
  }
}

function apply(tx: IDBTransaction, ops: readonly WriteOp[]): void {
  for (const op of ops) {
    if (op.type === "put") tx.objectStore(op.store).put(op.value, op.key);
    else if (op.type === "delete") tx.objectStore(op.store).delete(op.key);
    else {
      const runs = tx.objectStore("runs");
      const keys = runs.index(RUNS_BY_CHAIN_INDEX).getAllKeys(op.chainId);
      keys.onsuccess = () => {
        for (const key of keys.result) runs.delete(key);
      };
    }
  }
}

/**
 * Reads a chain's run keys through the index, then the records whose key passes `keep` (requests in
 * one transaction complete in order), and hands them to `then` inside the same transaction.
 */
function readRunsOf(
  tx: IDBTransaction,
  chainId: string,
  keep: (key: string) => boolean,
  then: (records: unknown[]) => void,
  fail: (err: unknown) => void,
): void {
  const runs = tx.objectStore("runs");
  const keys = runs.index(RUNS_BY_CHAIN_INDEX).getAllKeys(chainId);
  keys.onsuccess = () => {
    const wanted = keys.result.filter((k): k is string => typeof k === "string" && keep(k));
    const records: unknown[] = new Array<unknown>(wanted.length);
    let pending = wanted.length;
    const done = () => {
      try {
        then(records);
      } catch (err) {
        fail(err);
      }
    };
    if (pending === 0) return done();
    wanted.forEach((key, i) => {
      const request = runs.get(key);
      request.onsuccess = () => {
        records[i] = request.result;
        if (--pending === 0) done();
      };
    });
  };
}

function openDatabase(
  factory: IDBFactory | undefined,
  name: string,
  onGone: () => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!factory) {
      reject(new PersistenceError("unavailable", "this browser offers no IndexedDB storage"));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (err) {
      reject(asError(err)); // SecurityError in opaque origins and some private modes
      return;
    }
    request.onupgradeneeded = (event) => {
      const db = request.result;
      try {
        for (let v = event.oldVersion; v < DB_VERSION; v++) UPGRADES[v]?.(db);
      } catch (err) {
        request.transaction?.abort();
        reject(asError(err));
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab wants a newer version: step aside (the next call reopens and fails with
      // VersionError, telling the user to reload) instead of blocking its upgrade.
      db.onversionchange = () => {
        db.close();
        onGone();
      };
      db.onclose = onGone;
      resolve(db);
    };
    request.onerror = () =>
      reject(request.error ?? new DOMException("IndexedDB failed to open", "UnknownError"));
    // `onblocked`: an older tab still holds the database; it closes on `versionchange` above.
  });
}

/** DOMExceptions are Errors; anything else thrown is wrapped so callers always get one. */
function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
