import { useSyncExternalStore } from "react";

/**
 * How often a streaming node's figures (chunks, tokens, "showing the last N of M") are redrawn.
 * Nobody reads a number that changes sixty times a second; each redraw of sixteen nodes' figures
 * costs a layout and a paint per node in the same frame as their text.
 */
const SLOW_TICK_MS = 250;

const listeners = new Set<() => void>();
let tick = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // One timer for every node, so all of them redraw their figures in the same frame.
  timer ??= setInterval(() => {
    tick++;
    for (const l of listeners) l();
  }, SLOW_TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const idle = () => () => {};
const current = () => tick;
const never = () => -1;

/**
 * A number that changes every SLOW_TICK_MS while `active`, and -1 otherwise: memoised children
 * compare it to redraw on the tick instead of on every frame.
 */
export function useSlowTick(active: boolean): number {
  return useSyncExternalStore(active ? subscribe : idle, active ? current : never);
}
