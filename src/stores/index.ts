/** Vanilla zustand stores: the document (undo/redo as diffs), the live run, settings. */
export * from "./document-store.ts";
export * from "./document-actions.ts";
export * from "./run-store.ts";
export * from "./run-recorder.ts";
export * from "./run-view-store.ts";
export * from "./run-mirror.ts";
export * from "./past-run.ts";
export * from "./run-replay.ts";
export * from "./settings-store.ts";
export * from "./pricing.ts";
export { HISTORY_LIMIT, type HistoryEntry } from "./history.ts";
export * from "./persistence/index.ts";
