import { describe, expect, it } from "vitest";
import type { ChainDocument } from "../../../graph/index.ts";
import type { RunState } from "../../../stores/index.ts";
import { formatValue } from "../../format-value.ts";
import { createTestServices, instantJokeDocument, jokeDocument } from "../../testing/test-services.tsx";
import { BatchController, type BatchState } from "./batch-controller.ts";

function promptText(run: RunState | undefined): string {
  const prompt = run?.nodes.prompt;
  return prompt?.hasValue ? formatValue(prompt.value) : "";
}

function until(batch: BatchController, ok: (s: BatchState) => boolean): Promise<void> {
  if (ok(batch.state.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = batch.state.subscribe((s) => {
      if (!ok(s)) return;
      off();
      resolve();
    });
  });
}

const topics = (...names: string[]) => names.map((topic) => ({ topic }));

describe("BatchController", () => {
  it("runs every row on the document as it was when the batch started", async () => {
    const services = createTestServices();
    const batch = new BatchController(services);
    batch.setConcurrency(1);
    const done = batch.start(topics("a", "b", "c"));
    // With one at a time, rows 2 and 3 start after this edit: they must not see it.
    const edited: ChainDocument = structuredClone(instantJokeDocument());
    const prompt = edited.nodes.find((n) => n.id === "prompt");
    if (prompt?.type !== "prompt") throw new Error("the joke example has a prompt node");
    prompt.data.messages[0]!.template = "write a poem about {topic}";
    services.documents.getState().load(edited);
    await done;
    const { rows, status } = batch.state.getState();
    expect(status).toBe("finished");
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done"]);
    expect(rows.map((r) => promptText(r.run))).toEqual([
      "human: tell me a joke about a",
      "human: tell me a joke about b",
      "human: tell me a joke about c",
    ]);
  });

  it("Stop cancels the rows in flight and skips the rows not started", async () => {
    // The joke as shipped streams for seconds: long enough to stop it mid-way.
    const services = createTestServices(jokeDocument());
    const batch = new BatchController(services);
    batch.setConcurrency(2);
    const done = batch.start(topics("a", "b", "c", "d", "e"));
    await until(batch, (s) => s.rows.filter((r) => r.status === "running").length === 2);
    batch.stop();
    await done;
    const { rows, status } = batch.state.getState();
    expect(status).toBe("finished");
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled", "skipped", "skipped", "skipped"]);
    expect(rows.map((r) => r.run?.status)).toEqual([
      "cancelled",
      "cancelled",
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("clamps the concurrency to 1–16", () => {
    const batch = new BatchController(createTestServices());
    batch.setConcurrency(40);
    expect(batch.state.getState().concurrency).toBe(16);
    batch.setConcurrency(0);
    expect(batch.state.getState().concurrency).toBe(1);
    batch.setConcurrency(Number.NaN);
    expect(batch.state.getState().concurrency).toBe(1);
  });

  it("does not start on a chain with errors, and says why", async () => {
    const services = createTestServices();
    const broken = instantJokeDocument();
    broken.edges.push({ id: "loop", source: "parser", target: "prompt" });
    services.documents.getState().load(broken);
    const batch = new BatchController(services);
    await batch.start(topics("a"));
    expect(batch.state.getState().rows).toEqual([]);
    expect(batch.state.getState().problem).toMatch(/^The chain cannot run: /);
  });

  it("opens a row as a new main run, stopping a main run in progress without letting it leak in", async () => {
    const services = createTestServices();
    const batch = new BatchController(services);
    await batch.start(topics("a", "b"));
    const row = batch.state.getState().rows[1]!;
    services.documents.getState().load(jokeDocument());
    const mainRun = services.runner.run({ topic: "main" });
    services.runView.getState().selectEvent(3, "model");
    const before = services.run.getState().runNumber;

    await batch.open(2);
    await mainRun;
    services.flushFrames();

    const shown = services.run.getState();
    expect(shown.runNumber).toBe(before + 1);
    expect(shown.status).toBe("done");
    expect(promptText(shown)).toBe("human: tell me a joke about b");
    expect(shown.eventCount).toBe(row.run!.eventCount);
    expect(shown.events).toEqual(row.run!.events);
    expect(services.runView.getState().selectedEvent).toBeUndefined();
    expect(batch.state.getState().opened).toEqual({ row: 2, runNumber: before + 1 });
  });
});
