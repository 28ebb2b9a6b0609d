import { describe, expect, it } from "vitest";
import { EMPTY_NODE_RUN, type NodeRun } from "../../../stores/index.ts";
import { nodeMetrics } from "./node-metrics.ts";

const run = (patch: Partial<NodeRun>): NodeRun => ({ ...EMPTY_NODE_RUN, boundaries: [], ...patch });
const byKey = (r: NodeRun) => Object.fromEntries(nodeMetrics(r).map((m) => [m.key, m]));

describe("nodeMetrics", () => {
  it("measures a model's time to first token from its own start", () => {
    const m = byKey(
      run({
        status: "done",
        startedAt: 10,
        firstChunkAt: 260,
        endedAt: 2260,
        chunks: 80,
        usage: { input_tokens: 12, output_tokens: 80, total_tokens: 92 },
      }),
    );
    expect(m.ttft?.value).toBe("TTFT 250 ms");
    expect(m.duration?.value).toBe("2.25 s");
    expect(m.chunks?.value).toBe("80 chunks");
    expect(m.tokens?.value).toBe("12 → 80 tok");
    expect(m.rate?.value).toBe("40 tok/s");
  });

  it("measures a lazily started node's first token from the run's start, and says so", () => {
    const m = byKey(run({ status: "streaming", startedAt: 261, firstChunkAt: 261.4, chunks: 1 }));
    expect(m.ttft?.value).toBe("1st token @ 261 ms");
    expect(m.ttft?.title).toMatch(/after the run started/);
    expect(m.duration).toBeUndefined();
    expect(m.chunks?.value).toBe("1 chunk");
  });

  it("goes by how the node started, not by timing, when the recorder says: a busy machine is slow", () => {
    const lazy = byKey(run({ status: "streaming", startedAt: 261, firstChunkAt: 268, startedOnChunk: true }));
    expect(lazy.ttft?.value).toBe("1st token @ 268 ms");
    const eager = byKey(run({ status: "streaming", startedAt: 10, firstChunkAt: 12, startedOnChunk: false }));
    expect(eager.ttft?.value).toBe("TTFT 2 ms");
  });

  it("shows nothing it did not measure", () => {
    expect(nodeMetrics(run({ status: "waiting" }))).toEqual([]);
    expect(byKey(run({ status: "done", startedAt: 0, endedAt: 3 })).rate).toBeUndefined();
  });
});
