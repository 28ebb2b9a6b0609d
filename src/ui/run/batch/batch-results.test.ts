import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createTestServices, instantJokeDocument } from "../../testing/test-services.tsx";
import { type BatchRow, batchProgress, progressText, summariseRun, toCsv, toJsonl } from "./batch-results.ts";
import { runRow } from "./run-row.ts";

const deps = () => createTestServices().runner.deps;

describe("runRow and summariseRun", () => {
  it("runs the chain into a run of its own and summarises its output, duration and tokens", async () => {
    const run = await runRow(
      instantJokeDocument(),
      { topic: "parrots" },
      deps(),
      new AbortController().signal,
    );
    expect(run.status).toBe("done");
    expect(run.nodes.parser?.status).toBe("done");
    const row = summariseRun(run);
    expect(row.status).toBe("done");
    expect(row.output).toBe(run.nodes.parser?.text);
    expect(String(row.output)).toMatch(/^Here's a joke about a parrot/);
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
    expect(row.tokens?.output_tokens).toBeGreaterThan(0);
    expect(row.error).toBeUndefined();
  });

  it("reports a failing row with its message and no output", async () => {
    const run = await runRow(instantJokeDocument(), { subject: "x" }, deps(), new AbortController().signal);
    const row = summariseRun(run);
    expect(row.status).toBe("error");
    expect(row.error).toMatch(/topic/);
    expect(row.hasOutput).toBe(false);
  });

  it("ends as cancelled when aborted", async () => {
    const abort = new AbortController();
    abort.abort();
    const run = await runRow(instantJokeDocument(), { topic: "x" }, deps(), abort.signal);
    expect(summariseRun(run).status).toBe("cancelled");
  });
});

function row(number: number, patch: Partial<BatchRow>): BatchRow {
  return { number, input: { topic: `t${number}` }, status: "done", hasOutput: false, ...patch };
}

describe("progress", () => {
  it("counts finished rows (failed ones included), failures and cancellations", () => {
    const rows = [
      row(1, {}),
      row(2, { status: "error" }),
      row(3, { status: "running" }),
      row(4, { status: "pending" }),
    ];
    expect(progressText(batchProgress(rows))).toBe("2 / 4 done, 1 failed");
    const stopped = [row(1, {}), row(2, { status: "cancelled" }), row(3, { status: "skipped" })];
    expect(progressText(batchProgress(stopped))).toBe("1 / 3 done, 2 cancelled");
  });
});

describe("downloads", () => {
  const rows = [
    row(1, { hasOutput: true, output: 'a, "quoted"\nline', durationMs: 12.4, tokens: t(3, 4) }),
    row(2, { status: "error", error: "boom" }),
    row(3, { hasOutput: true, output: { names: ["Ada"] } }),
  ];

  it("writes one JSON object per row, keeping structured output", () => {
    const lines = toJsonl(rows).trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        row: 1,
        input: { topic: "t1" },
        status: "done",
        output: 'a, "quoted"\nline',
        error: null,
        duration_ms: 12.4,
        tokens: t(3, 4),
      },
      {
        row: 2,
        input: { topic: "t2" },
        status: "error",
        output: null,
        error: "boom",
        duration_ms: null,
        tokens: null,
      },
      {
        row: 3,
        input: { topic: "t3" },
        status: "done",
        output: { names: ["Ada"] },
        error: null,
        duration_ms: null,
        tokens: null,
      },
    ]);
  });

  it("writes a CSV that a CSV parser reads back field for field", () => {
    const parsed = Papa.parse<Record<string, string>>(toCsv(rows), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual({
      row: "1",
      input: '{"topic":"t1"}',
      status: "done",
      output: 'a, "quoted"\nline',
      error: "",
      duration_ms: "12",
      tokens: "7",
    });
    expect(parsed.data[1]).toMatchObject({ status: "error", error: "boom", output: "" });
    expect(JSON.parse(parsed.data[2]!.output!)).toEqual({ names: ["Ada"] });
  });
});

function t(input: number, output: number) {
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}
