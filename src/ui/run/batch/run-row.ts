import type { EventsVersion } from "../../../core/index.ts";
import type { ChainDocument } from "../../../graph/index.ts";
import { type RecorderClock, type RunState, createRunStore } from "../../../stores/index.ts";
import { type ChainRunDeps, recordRun } from "../../record-run.ts";

/** How often an off-screen row's recorder applies its buffered events (nobody watches it live). */
const ROW_FLUSH_MS = 250;

/**
 * A recorder clock for rows that are not on screen: events are applied in a few large batches on a
 * timer instead of every animation frame (and `finish` applies the rest), so many parallel rows
 * cost little.
 */
export function offFrameClock(now: () => number = () => performance.now()): RecorderClock {
  return { now, requestFrame: (fn) => void setTimeout(fn, ROW_FLUSH_MS) };
}

/**
 * Runs the chain once on `input` exactly as the Run button does (`recordRun`), into a run store of
 * its own, and returns that run's final state. Never throws.
 */
export async function runRow(
  doc: ChainDocument,
  input: unknown,
  deps: ChainRunDeps,
  signal: AbortSignal,
  clock: RecorderClock = offFrameClock(),
  version: EventsVersion = "v2",
): Promise<RunState> {
  const store = createRunStore();
  await recordRun(store, doc, input, deps, { signal, clock, version });
  return store.getState();
}
