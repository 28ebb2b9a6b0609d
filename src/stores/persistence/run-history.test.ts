import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./memory-backend.ts";
import { createRunHistory, newRunId } from "./run-history.ts";
import { runHistoryContract, sampleRun } from "./run-history-contract.ts";
import { inputPreview, outputText } from "./run-summary.ts";
import { AIMessageChunk } from "../../core/index.ts";

runHistoryContract("memory", () => {
  const backend = new MemoryBackend();
  return { backend, reopen: () => backend };
});

describe("run history storage failures", () => {
  it("rejects with a PersistenceError and writes nothing", async () => {
    const backend = new MemoryBackend();
    const history = createRunHistory(backend);
    backend.failWith = new DOMException("full", "QuotaExceededError");
    await expect(history.save(sampleRun("r1", "c1", 1))).rejects.toMatchObject({ kind: "quota" });
    expect(backend.stores.runs.size).toBe(0);
    backend.failReadsWith = new DOMException("blocked", "SecurityError");
    await expect(history.list("c1")).rejects.toMatchObject({ kind: "unavailable" });
  });
});

describe("run previews", () => {
  it("shows inputs on one line and the final output as text or the last JSON chunk", () => {
    expect(inputPreview({ topic: "parrots", n: 2 })).toBe("topic: parrots, n: 2");
    expect(inputPreview("multi\nline   text")).toBe("multi line text");
    expect(inputPreview([1, 2])).toBe("[1,2]");
    expect(inputPreview({ a: "x".repeat(200) })).toHaveLength(160);
    expect(inputPreview({ a: "x".repeat(200) }, Infinity)).toHaveLength(203);
    expect(outputText(["Why ", new AIMessageChunk("parrots")])).toBe("Why parrots");
    expect(outputText([{ a: 1 }, { a: 1, b: 2 }])).toBe('{"a":1,"b":2}');
    expect(outputText([])).toBe("");
  });

  it("makes run ids that sort by time", () => {
    const a = newRunId(1_000);
    const b = newRunId(1_700_000_000_000);
    expect(a).toMatch(/^run-[0-9a-z]{9}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(newRunId(5)).not.toBe(newRunId(5));
  });
});
