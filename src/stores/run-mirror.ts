import { createStore } from "zustand/vanilla";
import type { RunState, RunStore } from "./run-store.ts";

export interface MirrorTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: MirrorTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A read-only copy of the run store that follows it at most every `intervalMs` while a run streams,
 * and at once otherwise (a run starting or ending, a past run opened). Each summary view (Output,
 * Timeline, Events) reads its own: with eight models streaming, redrawing each of them every frame
 * kept the page at 15 fps, while the nodes themselves, which read the live store, are what the
 * user watches token by token (`npm run bench:ui -- --only run`, docs/run.md#performance).
 *
 * While a run streams, copies fall on a fixed grid: `phaseMs + k × intervalMs` after the copy that
 * showed the run's start. Mirrors with different phases take turns, so no frame redraws every
 * summary view at once, and a late timer (a long task) does not shift a mirror onto another's turn.
 */
export function createRunMirror(
  source: RunStore,
  intervalMs: number,
  timers: MirrorTimers = defaultTimers,
  phaseMs = 0,
) {
  const mirror = createStore<RunState>()(() => source.getState());
  let timer: unknown;
  /** The grid time of the last copy. */
  let lastSlot = Number.NEGATIVE_INFINITY;
  const copy = (slot: number) => {
    timer = undefined;
    lastSlot = slot;
    mirror.setState(source.getState(), true);
  };
  const unsubscribe = source.subscribe((state, prev) => {
    const now = timers.now();
    const urgent = state.status !== "running" || state.runNumber !== prev.runNumber;
    if (urgent || intervalMs <= 0 || lastSlot === Number.NEGATIVE_INFINITY) {
      if (timer !== undefined) timers.clearTimeout(timer);
      copy(now + phaseMs);
      return;
    }
    if (timer !== undefined) return;
    // The first slot after the last copy's that is not in the past.
    const slot = lastSlot + Math.max(1, Math.ceil((now - lastSlot) / intervalMs)) * intervalMs;
    timer = timers.setTimeout(() => copy(slot), slot - now);
  });
  return {
    store: mirror,
    dispose() {
      unsubscribe();
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
