import type { ChainDocument } from "../../graph/index.ts";
import type { DocumentStore } from "../document-store.ts";
import { PersistenceError, toPersistenceError } from "./errors.ts";
import type { ChainRepository, Viewport } from "./types.ts";

export type AutosaveStatus =
  | { state: "saved" }
  /** Changes are waiting or being written. */
  | { state: "saving" }
  /** The last save failed; `message` is for the user. The document stays in memory. */
  | { state: "error"; message: string }
  /**
   * Another tab saved this chain since this one read it: nothing is written over it until the user
   * chooses (`resolveConflict`). The document stays in memory.
   */
  | { state: "conflict"; message: string };

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
  /** The stored revision the document was read at; saves are refused once another came in between. */
  rev?: number | undefined;
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
  open(
    id: string,
    doc: ChainDocument,
    options?: { discardUnsaved?: boolean; rev?: number | undefined },
  ): Promise<void>;
  /**
   * After a `conflict`: `mine` saves this tab's document over the other's; `theirs` loads the stored
   * one into the document store (this tab's changes are dropped). Never rejects: false on failure.
   */
  resolveConflict(choice: "mine" | "theirs"): Promise<boolean>;
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
  /** The stored revision this tab last read or wrote (undefined: write whatever is stored). */
  let storedRev = options.rev;

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
    // Refused until the user chooses (`resolveConflict`): no write is tried meanwhile.
    if (status.state === "conflict") return false;
    const { doc, revision } = documents.getState();
    const gen = generation;
    if (status.state === "saved") report({ state: "saving" });
    let rev: number;
    try {
      ({ rev } = await repository.put(chainId, doc, storedRev));
    } catch (err) {
      lastError = toPersistenceError(err);
      if (gen === generation)
        report(
          lastError.kind === "conflict"
            ? { state: "conflict", message: CONFLICT_MESSAGE }
            : { state: "error", message: failureMessage(lastError) },
        );
      return false;
    }
    if (gen !== generation) return true;
    storedRev = rev;
    savedRevision = revision;
    // Changes made while writing have their own timers running: stay "saving" until they land.
    if (!dirty()) report({ state: "saved" });
    return true;
  };

  /** Puts `doc` in the document store as the stored state of `id` (history starts afresh). */
  const load = (id: string, doc: ChainDocument, rev: number | undefined) => {
    generation++;
    switching = true;
    try {
      documents.getState().load(doc);
    } finally {
      switching = false;
    }
    chainId = id;
    storedRev = rev;
    savedRevision = seenRevision = documents.getState().revision;
    report({ state: "saved" });
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
    async open(id, doc, { discardUnsaved = false, rev } = {}) {
      clearTimers();
      if (!(await enqueue()) && !discardUnsaved) {
        throw lastError ?? new PersistenceError("failed", "the open chain could not be saved");
      }
      load(id, doc, rev);
      // Which chain is open is a convenience for the next reload; failing to store it loses no work.
      await repository.setOpenChainId(id).catch(() => undefined);
    },
    async resolveConflict(choice) {
      clearTimers();
      await queue;
      const id = chainId;
      try {
        if (choice === "mine") {
          // Save over the revision stored now: the user chose this tab's version. If that save
          // fails, later ones still check against it.
          storedRev = (await repository.get(id))?.rev;
          savedRevision = Number.NaN;
          report({ state: "saving" });
          return await enqueue();
        }
        const stored = await repository.get(id);
        if (!stored) throw new PersistenceError("not-found", "the chain was deleted in another tab");
        if (id === chainId) load(id, stored.doc, stored.rev);
        return true;
      } catch (err) {
        lastError = toPersistenceError(err);
        report({ state: "error", message: failureMessage(lastError) });
        return false;
      }
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

const CONFLICT_MESSAGE =
  "Changed in another tab since this one opened it. Nothing is saved here until you choose: keep yours (replacing theirs) or load theirs.";

function failureMessage(err: PersistenceError): string {
  return `Not saved: ${err.message}. Your changes are kept in this tab; export the chain to be safe.`;
}
