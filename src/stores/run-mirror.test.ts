import { describe, expect, it } from "vitest";
import { createRunMirror } from "./run-mirror.ts";
import { createRunStore } from "./run-store.ts";

function fakeTimers() {
  let t = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    timers: {
      now: () => t,
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(next, { at: t + ms, fn });
        return next++;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    advance: (ms: number) => {
      t += ms;
      for (const [h, p] of [...pending]) {
        if (p.at <= t) {
          pending.delete(h);
          p.fn();
        }
      }
    },
  };
}

describe("run mirror", () => {
  it("follows a streaming run at most once per interval, and keeps the latest state", () => {
    const source = createRunStore();
    const { timers, advance } = fakeTimers();
    const { store } = createRunMirror(source, 100, timers);
    let notified = 0;
    store.subscribe(() => notified++);
    source.setState({ status: "running", runNumber: 1 });
    expect(notified).toBe(1); // a new run shows at once
    for (let i = 1; i <= 10; i++) {
      advance(16);
      source.setState({ eventCount: i });
    }
    // 160 ms of frames: the first update waited for the interval, one copy so far.
    expect(notified).toBe(2);
    expect(store.getState().eventCount).toBeLessThan(10);
    advance(100);
    expect(store.getState().eventCount).toBe(10);
    expect(notified).toBe(3);
  });

  it("shows the end of a run at once", () => {
    const source = createRunStore();
    const { timers, advance } = fakeTimers();
    const { store } = createRunMirror(source, 100, timers);
    source.setState({ status: "running", runNumber: 1 });
    advance(10);
    source.setState({ eventCount: 5 });
    expect(store.getState().eventCount).toBe(0);
    source.setState({ status: "done" });
    expect(store.getState()).toMatchObject({ status: "done", eventCount: 5 });
    advance(1000); // the pending copy was cancelled, nothing changes
    expect(store.getState().status).toBe("done");
  });

  it("stops following when disposed", () => {
    const source = createRunStore();
    const { timers } = fakeTimers();
    const mirror = createRunMirror(source, 100, timers);
    mirror.dispose();
    source.setState({ status: "done", runNumber: 3 });
    expect(mirror.store.getState().runNumber).toBe(0);
  });

  it("mirrors with different phases take turns, even after a long task delays them", () => {
    const source = createRunStore();
    const { timers, advance } = fakeTimers();
    const copies: [string, number][] = [];
    let now = 0;
    for (const [name, phase] of [
      ["a", 0],
      ["b", 33],
      ["c", 67],
    ] as const)
      createRunMirror(source, 100, timers, phase).store.subscribe(() => copies.push([name, now]));
    source.setState({ status: "running", runNumber: 1 });
    copies.length = 0; // the run's start shows everywhere at once
    const frames = (n: number, ms = 16) => {
      for (let i = 0; i < n; i++) {
        advance(ms);
        now += ms;
        source.setState({ eventCount: now });
      }
    };
    frames(25); // 400 ms: a at 100, 200, 300, 400; b at 133…; c at 167…
    expect(copies.map(([n]) => n).join("")).toBe("abcabcabca");
    // A 90 ms task: b's and c's turns come late, together; after it each keeps its own turn.
    frames(1, 90);
    copies.length = 0;
    frames(25);
    const times = copies.map(([, t]) => t);
    expect(new Set(times).size).toBe(times.length);
    expect(copies.map(([n]) => n).join("")).toMatch(/^(abc)+a?b?$/);
  });
});
