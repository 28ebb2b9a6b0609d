import { describe, expect, it } from "vitest";
import { AIMessageChunk } from "../../../core/index.ts";
import { StreamAccumulator } from "./stream-accumulator.ts";

describe("StreamAccumulator", () => {
  it("adds only the new chunks on each update", () => {
    const output: unknown[] = ["Hel", "lo"];
    const acc = new StreamAccumulator().update(output, 2);
    expect(acc.text).toBe("Hello");
    output.push(new AIMessageChunk(" there"), "!");
    // Chunks past `count` have not been flushed to the views yet.
    acc.update(output, 3);
    expect(acc.text).toBe("Hello there");
    acc.update(output, 4);
    expect(acc.text).toBe("Hello there!");
    expect(acc.boundaries).toEqual([3, 5, 11, 12]);
    expect(acc.textual).toBe(true);
  });

  it("starts over for a new run's output array", () => {
    const acc = new StreamAccumulator().update(["old"], 1);
    expect(acc.update(["new"], 1).text).toBe("new");
    expect(acc.update([], 0).text).toBe("");
  });

  it("turns into a list of values when a chunk is not text", () => {
    const acc = new StreamAccumulator().update(["a", { countries: [] }, "b"], 3);
    expect(acc.textual).toBe(false);
    expect(acc.text).toBe("");
  });
});
