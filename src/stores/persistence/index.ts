/** Saved chains (IndexedDB), autosave, and the UI state a reload restores. */
export type { ChainRepository, ChainSummary, StoredChain, Viewport } from "./types.ts";
export { PersistenceError, toPersistenceError, type PersistenceErrorKind } from "./errors.ts";
export type { PersistenceBackend, RunsBackend, StoreName, WriteOp } from "./backend.ts";
export { STORE_NAMES, RUNS_BY_CHAIN_INDEX } from "./backend.ts";
export { createChainRepository, newChainId, UNTITLED, type RepositoryOptions } from "./repository.ts";
export { MemoryBackend } from "./memory-backend.ts";
export { createIdbRepository, IdbBackend, DB_NAME, DB_VERSION } from "./idb-repository.ts";
export {
  createAutosave,
  type Autosave,
  type AutosaveOptions,
  type AutosaveStatus,
  type Timers,
} from "./autosave.ts";
export { restoreSession, type RestoredSession } from "./session.ts";
export type {
  FinishedRunStatus,
  RunHistoryRepository,
  RunHistoryWork,
  RunRecord,
  RunSummary,
  StoredRun,
} from "./run-history-types.ts";
export { createRunHistory, newRunId, RUNS_KEPT_PER_CHAIN } from "./run-history.ts";
export { inputPreview, outputText, summarizeRun } from "./run-summary.ts";
