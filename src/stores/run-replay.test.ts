import { describe, expect, it } from "vitest";
import type { ChainDocument } from "../graph/index.ts";
import { recordOfRun, runStateOfRecord } from "./past-run.ts";
import { createRunHistory, MemoryBackend, type StoredRun } from "./persistence/index.ts";
import { RunRecorder } from "./run-recorder.ts";
import { type ReplayClock, replayRun } from "./run-replay.ts";
import { createRunStore, type RunState } from "./run-store.ts";
import { jokeEvents } from "./run.test-helpers.ts";

/** A clock whose time, timers and animation frames move only when the test says so. */
function fakeClock() {
  let time = 0;
  let nextId = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let frames: (() => void)[] = [];
  const clock: ReplayClock = {
    now: () => time,
    requestFrame: (fn) => void frames.push(fn),
    setTimeout: (fn, ms) => {
      timers.push({ at: time + ms, fn, id: ++nextId });
      return nextId;
    },
    clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
  };
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    clock,
    set: (t: number) => void (time = t),
    frame: () => {
      const due = frames;
      frames = [];
      for (const fn of due) fn();
    },
    /** Moves time forward, firing due timers in order and letting the replay react to each. */
    async advance(ms: number) {
      const end = time + ms;
      await settle();
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        time = due.at;
        due.fn();
        await settle();
      }
      time = end;
    },
    pendingTimers: () => timers.length,
  };
}

const DOC: ChainDocument = {
  format: "sluice.chain",
  version: 1,
  name: "Joke",
  nodes: ["p", "m", "o"].map((id) => ({
    id,
    type: "parser" as const,
    position: { x: 0, y: 0 },
    data: { parser: "str" as const },
  })),
  edges: [],
};

/**
 * A live run recorded the way the app records one (events 10 ms apart), saved to the history and
 * read back: the record a replay starts from, and the live state it must reproduce.
 */
async function recordedRun(failAfterChunks?: number): Promise<{ live: RunState; record: StoredRun }> {
  const store = createRunStore();
  const { clock, set, frame } = fakeClock();
  set(1000);
  const recorder = new RunRecorder(store, clock, ["p", "m", "o"]);
  const all = await jokeEvents(failAfterChunks);
  all.forEach((e, i) => {
    set(1000 + i * 10);
    recorder.push(e);
  });
  frame();
  set(1000 + all.length * 10);
  if (failAfterChunks === undefined) recorder.finish("done");
  else recorder.finish("error", new Error(`Scripted failure after ${failAfterChunks} chunks.`));
  const live = store.getState();
  const history = createRunHistory(new MemoryBackend());
  const identity = { id: "r1", chainId: "c1", chainName: "Joke", doc: DOC, input: { topic: "x" } };
  await history.save(recordOfRun(live, { ...identity, startedAt: 1_700_000_000_000 })!);
  return { live, record: (await history.get("r1"))! };
}

/** What the views read from a run, comparable between a live run and its replay. */
function shown(s: RunState) {
  return {
    status: s.status,
    nodes: s.nodes,
    output: s.output.slice(0, s.outputCount),
    events: s.events.slice(0, s.eventCount).map((e) => [e.t, e.nodeId, e.event.event, e.event.run_id]),
    error: s.error,
    duration: (s.endedAt ?? 0) - (s.startedAt ?? 0),
  };
}

describe("replaying a recorded run", () => {
  it("instantly, reproduces exactly what the live run showed", async () => {
    const { live, record } = await recordedRun();
    const store = createRunStore();
    const { clock, frame } = fakeClock();
    const done = replayRun(store, record, { clock, speed: "instant" });
    frame();
    expect(await done).toBe("done");
    expect(shown(store.getState())).toEqual(shown(live));
    expect(store.getState().nodes.o!.text).toBe("Why did the parrot");
    expect(store.getState().viewing).toEqual({ runId: "r1", startedAt: 1_700_000_000_000, mode: "replay" });
  });

  it("at the recorded pace times the speed, and stops where the user stops it", async () => {
    const { live, record } = await recordedRun();
    const last = record.events.at(-1)!.t;
    expect(last).toBeGreaterThan(100);
    const store = createRunStore();
    const fake = fakeClock();
    const { clock, frame } = fake;
    const stop = new AbortController();
    const replay = replayRun(store, record, { clock, speed: 2, signal: stop.signal });
    await fake.advance(0);
    frame();
    const seen = () =>
      store
        .getState()
        .events.slice(0, store.getState().eventCount)
        .map((e) => e.t);
    expect(seen()).toEqual([0]);
    // 25 ms at 2x is 50 recorded ms: the events of the first 50 ms, no more.
    await fake.advance(25);
    frame();
    expect(seen()).toEqual(record.events.filter((e) => e.t <= 50).map((e) => e.t));
    expect(store.getState().status).toBe("running");

    // A replay left alone ends at the recorded end, as the live run did.
    const whole = createRunStore();
    const full = fakeClock();
    const played = replayRun(whole, record, { clock: full.clock, speed: 10 });
    await full.advance(live.endedAt! - live.startedAt!);
    full.frame();
    expect(await played).toBe("done");
    expect(shown(whole.getState())).toEqual(shown(live));

    stop.abort();
    expect(await replay).toBe("stopped");
    expect(store.getState().status).toBe("cancelled");
    expect(store.getState().nodes.m!.status).toBe("cancelled");
    expect(seen().length).toBeLessThan(record.events.length);
  });

  it("replays a failed run with its error", async () => {
    const { live, record } = await recordedRun(2);
    expect(live.status).toBe("error");
    const store = createRunStore();
    const { clock, frame } = fakeClock();
    const done = replayRun(store, record, { clock, speed: "instant" });
    frame();
    await done;
    expect(shown(store.getState())).toEqual(shown(live));
    expect(store.getState().error?.message).toBe("Scripted failure after 2 chunks.");
  });
});

describe("opening a recorded run", () => {
  it("shows it as it ended, marked as a past run", async () => {
    const { live, record } = await recordedRun();
    const state = runStateOfRecord(record, live);
    expect(shown(state)).toEqual(shown(live));
    expect(state.runNumber).toBe(live.runNumber + 1);
    expect(state.viewing).toEqual({ runId: "r1", startedAt: 1_700_000_000_000, mode: "open" });
  });
});
