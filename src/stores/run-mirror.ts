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
 * and at once otherwise (a run starting or ending, a past run opened). The summary views (Output,
 * Timeline, Events) read this one: with eight models streaming, redrawing each of them every frame
 * kept the page at 15 fps, while the nodes themselves, which read the live store, are what the
 * user watches token by token (`npm run bench:ui -- --only run`, docs/run.md#performance).
 *
 * `phaseMs` delays the first copy after an immediate one: mirrors with different phases take
 * turns, so no frame redraws every summary view at once.
 */
export function createRunMirror(
  source: RunStore,
  intervalMs: number,
  timers: MirrorTimers = defaultTimers,
  phaseMs = 0,
) {
  const mirror = createStore<RunState>()(() => source.getState());
  let timer: unknown;
  let last = Number.NEGATIVE_INFINITY;
  const copy = (delay = 0) => {
    timer = undefined;
    last = timers.now() + delay;
    mirror.setState(source.getState(), true);
  };
  const unsubscribe = source.subscribe((state, prev) => {
    const urgent = state.status !== "running" || state.runNumber !== prev.runNumber;
    const wait = urgent ? 0 : last + intervalMs - timers.now();
    if (wait <= 0) {
      if (timer !== undefined) timers.clearTimeout(timer);
      copy(urgent ? phaseMs : 0);
    } else timer ??= timers.setTimeout(() => copy(), wait);
  });
  return {
    store: mirror,
    dispose() {
      unsubscribe();
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
