import type { ChainDocument } from "../../graph/index.ts";
import type { DocumentStore } from "../document-store.ts";
import { PersistenceError, toPersistenceError } from "./errors.ts";
import type { ChainRepository, Viewport } from "./types.ts";

export type AutosaveStatus =
  | { state: "saved" }
  /** Changes are waiting or being written. */
  | { state: "saving" }
  /** The last save failed; `message` is for the user. The document stays in memory. */
  | { state: "error"; message: string };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutosaveOptions {
  /** The stored chain the document store holds. */
  chainId: string;
  /** Quiet time after a change before saving (default 400 ms). */
  delayMs?: number;
  /** Longest a change waits during continuous editing (default 1000 ms). */
  maxWaitMs?: number;
  /** Called on every status change (not repeated for the same status). */
  onStatus?: (status: AutosaveStatus) => void;
  /** False when the document is not stored yet (storage failed at startup): it is saved soon. */
  saved?: boolean;
  timers?: Timers;
}

export interface Autosave {
  /** The chain being saved. */
  readonly chainId: string;
  status(): AutosaveStatus;
  /** True while the document store holds changes not yet stored. */
  hasUnsavedChanges(): boolean;
  /** Saves pending changes now (beforeunload, visibility hidden). Never rejects: false on failure. */
  flush(): Promise<boolean>;
  /**
   * Switches to another chain: saves the current one's pending changes first, then loads `doc` into
   * the document store (history starts afresh) and remembers `id` as the open chain. Rejects with a
   * `PersistenceError`, switching nothing, when pending changes cannot be saved, unless
   * `discardUnsaved` (the user agreed to lose them).
   */
  open(id: string, doc: ChainDocument, options?: { discardUnsaved?: boolean }): Promise<void>;
  /** Remembers the open chain's viewport. Never rejects: false on failure. */
  saveViewport(viewport: Viewport): Promise<boolean>;
  /** Stops watching the store (pending changes are not saved: call `flush` first). */
  dispose(): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Saves the open chain shortly after each change: `delayMs` after the last change, and at least every
 * `maxWaitMs` while changes keep coming. A failed save leaves the document untouched in memory,
 * reports `error`, and is retried on the next change (or `flush`).
 *
 * @example
 * const autosave = createAutosave(documents, repository, { chainId, onStatus: showStatus });
 * addEventListener("pagehide", () => void autosave.flush());
 */
export function createAutosave(
  documents: DocumentStore,
  repository: ChainRepository,
  options: AutosaveOptions,
): Autosave {
  const { delayMs = 400, maxWaitMs = 1000, onStatus, timers = defaultTimers } = options;
  let chainId = options.chainId;
  /** Bumped on every switch, so a save of the previous chain finishing late changes nothing. */
  let generation = 0;
  let savedRevision = options.saved === false ? Number.NaN : documents.getState().revision;
  let seenRevision = documents.getState().revision;
  let status: AutosaveStatus = { state: "saved" };
  let debounce: unknown;
  let maxWait: unknown;
  let queue: Promise<boolean> = Promise.resolve(true);
  let switching = false;
  let lastError: PersistenceError | undefined;

  const dirty = () => documents.getState().revision !== savedRevision;

  const report = (next: AutosaveStatus) => {
    const same =
      next.state === status.state &&
      (next.state !== "error" || (status.state === "error" && status.message === next.message));
    status = next;
    if (!same) onStatus?.(next);
  };

  const clearTimers = () => {
    if (debounce !== undefined) timers.clearTimeout(debounce);
    if (maxWait !== undefined) timers.clearTimeout(maxWait);
    debounce = maxWait = undefined;
  };

  const fire = () => {
    clearTimers();
    void enqueue();
  };

  const schedule = () => {
    // An error stays on screen until a save succeeds, instead of flickering with every keystroke.
    if (status.state === "saved") report({ state: "saving" });
    if (debounce !== undefined) timers.clearTimeout(debounce);
    debounce = timers.setTimeout(fire, delayMs);
    maxWait ??= timers.setTimeout(fire, maxWaitMs);
  };

  /** One save at a time; a queued save finds nothing to do when an earlier one caught up. */
  const enqueue = (): Promise<boolean> => (queue = queue.then(saveNow));

  const saveNow = async (): Promise<boolean> => {
    if (!dirty()) return true;
    const { doc, revision } = documents.getState();
    const gen = generation;
    if (status.state === "saved") report({ state: "saving" });
    try {
      await repository.put(chainId, doc);
    } catch (err) {
      lastError = toPersistenceError(err);
      if (gen === generation) report({ state: "error", message: failureMessage(lastError) });
      return false;
    }
    if (gen !== generation) return true;
    savedRevision = revision;
    // Changes made while writing have their own timers running: stay "saving" until they land.
    if (!dirty()) report({ state: "saved" });
    return true;
  };

  const unsubscribe = documents.subscribe((state) => {
    if (state.revision === seenRevision) return;
    seenRevision = state.revision;
    if (!switching) schedule();
  });

  if (dirty()) schedule();

  return {
    get chainId() {
      return chainId;
    },
    status: () => status,
    hasUnsavedChanges: dirty,
    flush() {
      clearTimers();
      return enqueue();
    },
    async open(id, doc, { discardUnsaved = false } = {}) {
      clearTimers();
      if (!(await enqueue()) && !discardUnsaved) {
        throw lastError ?? new PersistenceError("failed", "the open chain could not be saved");
      }
      generation++;
      switching = true;
      try {
        documents.getState().load(doc);
      } finally {
        switching = false;
      }
      chainId = id;
      savedRevision = seenRevision = documents.getState().revision;
      report({ state: "saved" });
      // Which chain is open is a convenience for the next reload; failing to store it loses no work.
      await repository.setOpenChainId(id).catch(() => undefined);
    },
    saveViewport: (viewport) =>
      repository.setViewport(chainId, viewport).then(
        () => true,
        () => false,
      ),
    dispose() {
      clearTimers();
      unsubscribe();
    },
  };
}

function failureMessage(err: PersistenceError): string {
  return `Not saved: ${err.message}. Your changes are kept in this tab; export the chain to be safe.`;
}
