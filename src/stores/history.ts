import { type Patch, applyPatches, enablePatches, produceWithPatches } from "immer";

enablePatches();

/** One undoable user action, stored as a diff (immer patches) rather than a snapshot. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  /** Consecutive changes with the same key (a drag) merge into this entry until it is sealed. */
  coalesceKey?: string;
  sealed: boolean;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const HISTORY_LIMIT = 500;

/**
 * Applies `recipe` to `state` and records it. Returns the new state and history; a change that
 * changes nothing records nothing.
 */
export function recordChange<S extends object>(
  state: S,
  history: History,
  label: string,
  recipe: (draft: S) => void,
  coalesceKey?: string,
): { state: S; history: History } {
  const [next, patches, inverse] = produceWithPatches(state, recipe);
  if (patches.length === 0) return { state, history };
  const last = history.past[history.past.length - 1];
  if (coalesceKey && last && !last.sealed && last.coalesceKey === coalesceKey) {
    const merged: HistoryEntry = {
      ...last,
      patches: [...last.patches, ...patches],
      inverse: [...inverse, ...last.inverse],
    };
    return { state: next, history: { past: [...history.past.slice(0, -1), merged], future: [] } };
  }
  const entry: HistoryEntry = { label, patches, inverse, sealed: !coalesceKey };
  if (coalesceKey) entry.coalesceKey = coalesceKey;
  const past = [...history.past.map(seal), entry].slice(-HISTORY_LIMIT);
  return { state: next, history: { past, future: [] } };
}

function seal(e: HistoryEntry): HistoryEntry {
  return e.sealed ? e : { ...e, sealed: true };
}

export function undo<S extends object>(state: S, history: History): { state: S; history: History } {
  const entry = history.past[history.past.length - 1];
  if (!entry) return { state, history };
  return {
    state: applyPatches(state, entry.inverse),
    history: { past: history.past.slice(0, -1), future: [seal(entry), ...history.future] },
  };
}

export function redo<S extends object>(state: S, history: History): { state: S; history: History } {
  const entry = history.future[0];
  if (!entry) return { state, history };
  return {
    state: applyPatches(state, entry.patches),
    history: { past: [...history.past, entry], future: history.future.slice(1) },
  };
}

export function sealLast(history: History): History {
  const last = history.past[history.past.length - 1];
  if (!last || last.sealed) return history;
  return { ...history, past: [...history.past.slice(0, -1), seal(last)] };
}
