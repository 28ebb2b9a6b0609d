import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { modelOfRun, nodeUsage, runUsage } from "./run-usage.ts";

const usage = (input: number, output: number) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
});
const prices = { "gpt-4o": { input: 2.5, output: 10 } };

function timed(run_id: string, metadata: Record<string, unknown>): TimedEvent {
  const event = { event: "on_chat_model_start", name: "m", run_id, tags: [], metadata, data: {} };
  return { t: 0, nodeId: "m", event: event as unknown as StreamEvent };
}

describe("run usage", () => {
  it("costs each model node at its model's price and sums the run", () => {
    const a = nodeUsage("a", usage(1000, 500), "gpt-4o-2024-08-06", prices);
    expect(a.pricedAs).toBe("gpt-4o");
    expect(a.cost).toBeCloseTo(0.0075, 10);
    const b = nodeUsage("b", usage(200, 100), "gpt-4o", prices);
    const run = runUsage([a, b]);
    expect(run.total).toEqual(usage(1200, 600));
    expect(run.cost).toBeCloseTo(0.0075 + 0.0015, 10);
    expect(run.unpriced).toEqual([]);
  });

  it("names the models without a price and costs only the priced ones", () => {
    const run = runUsage([
      nodeUsage("a", usage(10, 10), "scripted", prices),
      nodeUsage("b", usage(10, 10), "scripted", prices),
      nodeUsage("c", usage(1_000_000, 0), "gpt-4o", prices),
    ]);
    expect(run.unpriced).toEqual(["scripted"]);
    expect(run.cost).toBe(2.5);
    expect(runUsage([nodeUsage("a", usage(1, 1), undefined, prices)]).cost).toBeUndefined();
  });

  it("reads the model name a run reported from its events", () => {
    const events = [timed("r1", { ls_model_name: "gpt-4o" }), timed("r2", {})];
    expect(modelOfRun(events, "r1")).toBe("gpt-4o");
    expect(modelOfRun(events, "r2")).toBeUndefined();
    expect(modelOfRun(events, "r3")).toBeUndefined();
    // A run whose events arrive later is found then (a miss is not cached).
    events.push(timed("r3", { ls_model_name: "scripted" }));
    expect(modelOfRun(events, "r3")).toBe("scripted");
  });
});
