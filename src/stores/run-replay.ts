import { nodeIdsOfRecord } from "./past-run.ts";
import type { RunRecord } from "./persistence/index.ts";
import { type RecorderClock, RunRecorder } from "./run-recorder.ts";
import type { RunStore } from "./run-store.ts";

/** How fast a replay plays: a multiple of the recorded pace, or everything at once. */
export type ReplaySpeed = 1 | 2 | 5 | 10 | "instant";
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 2, 5, 10, "instant"];

export interface ReplayClock extends RecorderClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReplayOptions {
  clock: ReplayClock;
  speed: ReplaySpeed;
  /** Stops the replay: the store then shows the run as far as it got, cancelled. */
  signal?: AbortSignal;
}

/**
 * Plays a recorded run again on the live run store: its events go through a `RunRecorder`, as a
 * live run's do, each at its recorded time divided by `speed`, so every view (canvas, output,
 * timeline, events) animates exactly as it did. Event times stay the recorded ones whatever the
 * speed. Resolves with "done" at the recorded end, or "stopped" when `signal` aborts.
 */
export async function replayRun(
  store: RunStore,
  record: RunRecord,
  { clock, speed, signal }: ReplayOptions,
): Promise<"done" | "stopped"> {
  // The recorder stamps each event with its recorded time: it reads this clock, not the real one.
  // It starts at exactly 0 so the times come out exact (`(base + t) - base` may not be `t`).
  let recordedNow = 0;
  const recorder = new RunRecorder(
    store,
    { now: () => recordedNow, requestFrame: (fn) => clock.requestFrame(fn) },
    nodeIdsOfRecord(record),
  );
  // The run's own start and end for the views (the recorder's are relative to that 0).
  store.setState({
    startedAt: record.startedAt,
    viewing: { runId: record.id, startedAt: record.startedAt, mode: "replay" },
  });
  const end = (): void => store.setState({ endedAt: record.startedAt + recordedNow });
  const stop = (): "stopped" => {
    recorder.finish("cancelled");
    end();
    return "stopped";
  };

  const start = clock.now();
  /** The recorded time the replay has reached. */
  const reached = () => (speed === "instant" ? Infinity : (clock.now() - start) * speed);
  const events = record.events;
  let next = 0;
  while (next < events.length) {
    if (speed !== "instant") await sleep(clock, (events[next]!.t - reached()) / speed, signal);
    if (signal?.aborted) return stop();
    const until = reached();
    while (next < events.length && events[next]!.t <= until) {
      recordedNow = events[next]!.t;
      recorder.push(events[next]!.event);
      next++;
    }
  }
  if (speed !== "instant") await sleep(clock, (record.duration - reached()) / speed, signal);
  if (signal?.aborted) return stop();
  recordedNow = Math.max(recordedNow, record.duration);
  const error = record.error
    ? Object.assign(new Error(record.error.message), { name: record.error.name })
    : undefined;
  recorder.finish(record.status, error);
  end();
  return "done";
}

/** Waits `ms` (nothing when it is not positive), or until `signal` aborts. */
function sleep(clock: ReplayClock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!(ms > 0) || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve();
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
