import { describe, expect, it } from "vitest";
import { runPool } from "./pool.ts";

/** A task whose completion the test controls, so interleavings are explicit rather than timed. */
function gate() {
  let open!: () => void;
  let fail!: (err: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("runPool", () => {
  it("never has more than the limit in flight, and starts tasks in order", async () => {
    const gates = Array.from({ length: 7 }, gate);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const done = runPool(7, 3, async (i) => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await gates[i]!.promise;
      inFlight--;
      return i * 10;
    });
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    // Finish out of order: the results still come back in index order.
    for (const i of [3, 0, 6, 2, 5, 4]) {
      gates[i]!.open();
      await tick();
    }
    const outcomes = await done;
    expect(most).toBe(3);
    expect(outcomes).toEqual([0, 10, 20, 30, 40, 50, 60].map((value) => ({ status: "fulfilled", value })));
  });

  it("keeps going after a task fails and reports the failure at its index", async () => {
    const outcomes = await runPool(3, 2, (i) =>
      i === 1 ? Promise.reject(new Error("boom")) : Promise.resolve(i),
    );
    expect(outcomes[0]).toEqual({ status: "fulfilled", value: 0 });
    expect(outcomes[1]).toMatchObject({ status: "rejected", reason: new Error("boom") });
    expect(outcomes[2]).toEqual({ status: "fulfilled", value: 2 });
  });

  it("starts nothing after an abort and marks the rest skipped", async () => {
    const abort = new AbortController();
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const done = runPool(
      5,
      2,
      async (i) => {
        started.push(i);
        await gates[i]!.promise;
        return i;
      },
      abort.signal,
    );
    await tick();
    abort.abort();
    // In-flight tasks end on their own terms (here: one finishes, one fails as an aborted task would).
    gates[0]!.open();
    gates[1]!.fail(new Error("aborted"));
    const outcomes = await done;
    expect(started).toEqual([0, 1]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "skipped", "skipped", "skipped"]);
  });

  it("treats a limit below one as one and handles an empty batch", async () => {
    let inFlight = 0;
    let most = 0;
    await runPool(3, 0, async () => {
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(most).toBe(1);
    expect(await runPool(0, 4, () => Promise.resolve(1))).toEqual([]);
  });
});
