import { describe, expect, it } from "vitest";
import { RunnableLambda } from "../core/index.ts";
import type { StreamEvent } from "../core/index.ts";
import { RunRecorder, STREAMING_NODES_PER_FRAME } from "./run-recorder.ts";
import { createRunStore } from "./run-store.ts";
import { jokeEvents } from "./run.test-helpers.ts";

function manualClock() {
  const frames: (() => void)[] = [];
  let t = 0;
  return {
    clock: { now: () => (t += 1), requestFrame: (fn: () => void) => void frames.push(fn) },
    frame: () => {
      const fs = frames.splice(0);
      for (const f of fs) f();
      return fs.length;
    },
  };
}

/** A parser node's own run: its start, one chunk, its end. */
const nodeEvent = (id: string, phase: "start" | "stream" | "end", chunk = ""): StreamEvent => {
  const base = { name: `Parser ${id}`, run_id: `run-${id}`, tags: [], metadata: { node_id: id } };
  if (phase === "start") return { ...base, event: "on_parser_start", data: {} };
  if (phase === "stream") return { ...base, event: "on_parser_stream", data: { chunk } };
  return { ...base, event: "on_parser_end", data: { output: chunk } };
};

describe("run recorder", () => {
  it("applies a burst of events in one store update per frame", async () => {
    const store = createRunStore();
    const { clock, frame } = manualClock();
    const rec = new RunRecorder(store, clock, ["p", "m", "o"]);
    let updates = 0;
    store.subscribe(() => updates++);
    for (const e of await jokeEvents()) rec.push(e);
    expect(updates).toBe(0);
    expect(frame()).toBe(1);
    expect(updates).toBe(1);
    const s = store.getState();
    expect(s.nodes.m!.text).toBe("Why did the parrot");
    expect(s.nodes.m!.chunks).toBe(4);
    expect(s.nodes.m!.boundaries).toEqual([3, 7, 11, 18]);
    expect(s.nodes.m!.status).toBe("done");
    expect(s.nodes.o!.text).toBe("Why did the parrot");
    // The parser started on the model's first chunk; the prompt and the model did not.
    expect([s.nodes.p!.startedOnChunk, s.nodes.m!.startedOnChunk, s.nodes.o!.startedOnChunk]).toEqual([
      false,
      false,
      true,
    ]);
    expect((s.nodes.p!.value as { messages: unknown[] }).messages).toHaveLength(1);
    expect(s.output).toEqual(["Why", " did", " the", " parrot"]);
    expect(s.eventCount).toBe(s.events.length);
    expect(s.events.every((e) => e.t >= 0)).toBe(true);
  });

  it("a new run clears the past run the store was showing", () => {
    const store = createRunStore();
    store.setState({ viewing: { runId: "r1", startedAt: 1, mode: "open" } });
    new RunRecorder(store, manualClock().clock, ["p"]);
    expect(store.getState()).toMatchObject({ status: "running", viewing: undefined });
  });

  it("publishes a new node object each frame and never mutates one it already published", async () => {
    const store = createRunStore();
    const { clock, frame } = manualClock();
    const rec = new RunRecorder(store, clock, ["p", "m", "o"]);
    const events = await jokeEvents();
    const firstChunk = events.findIndex((e) => e.event === "on_chat_model_stream");
    for (const e of events.slice(0, firstChunk + 2)) rec.push(e);
    frame();
    const published = store.getState().nodes.m!;
    const seen = { text: published.text, chunks: published.chunks, status: published.status };
    expect(seen.chunks).toBeGreaterThan(0);
    for (const e of events.slice(firstChunk + 2)) rec.push(e);
    frame();
    const next = store.getState().nodes.m!;
    expect(next).not.toBe(published);
    expect(next.text).toBe("Why did the parrot");
    expect({ text: published.text, chunks: published.chunks, status: published.status }).toEqual(seen);
  });

  it("keeps partial output on failure and marks nodes that never ran", async () => {
    const store = createRunStore();
    const { clock } = manualClock();
    const rec = new RunRecorder(store, clock, ["p", "m", "o", "unused"]);
    for (const e of await jokeEvents(2)) rec.push(e);
    rec.finish("error", new Error("boom"));
    const s = store.getState();
    expect(s.nodes.m!.status).toBe("error");
    expect(s.nodes.m!.text).toBe("Why did");
    expect(s.nodes.m!.error?.message).toMatch(/Scripted failure/);
    expect(s.nodes.unused!.status).toBe("skipped");
    expect(s.status).toBe("error");
  });

  it("marks streaming nodes cancelled on stop, keeping their text", async () => {
    const store = createRunStore();
    const { clock } = manualClock();
    const rec = new RunRecorder(store, clock, ["p", "m", "o"]);
    const events = await jokeEvents();
    for (const e of events.filter((e) => !e.event.endsWith("_end")).slice(0, 8)) rec.push(e);
    rec.finish("cancelled");
    const s = store.getState();
    expect(s.nodes.m!.status).toBe("cancelled");
    expect(s.nodes.m!.text.length).toBeGreaterThan(0);
    expect(s.status).toBe("cancelled");
  });

  it("a node that reports an AbortError (a provider request stopped by Stop) is cancelled, not failed", async () => {
    const store = createRunStore();
    const { clock } = manualClock();
    const rec = new RunRecorder(store, clock, ["m"]);
    // What a provider model does when Stop aborts its fetch mid-stream: it has streamed, then throws
    // an error named AbortError ("The OpenAI request was stopped.").
    const stopped = RunnableLambda.from(async function* () {
      yield await Promise.resolve("Why");
      const err = new Error("The OpenAI request was stopped.");
      err.name = "AbortError";
      throw err;
    }).withConfig({ metadata: { node_id: "m" } });
    let errorEvents = 0;
    try {
      for await (const e of stopped.streamEvents("x", { version: "v2" })) {
        rec.push(e);
        if (e.event.endsWith("_error")) errorEvents++;
      }
    } catch {
      rec.finish("cancelled");
    }
    expect(errorEvents).toBe(1);
    const s = store.getState();
    expect(s.nodes.m!.status).toBe("cancelled");
    expect(s.nodes.m!.error).toBeUndefined();
    expect(s.nodes.m!.text).toBe("Why");
    expect(s.status).toBe("cancelled");
  });

  describe("more streaming nodes than a frame redraws", () => {
    const ids = Array.from({ length: 2 * STREAMING_NODES_PER_FRAME }, (_, i) => `n${i}`);
    /** Every node started and streamed once; the frame showing that is flushed. */
    function streaming() {
      const store = createRunStore();
      const { clock, frame } = manualClock();
      const rec = new RunRecorder(store, clock, ids);
      for (const id of ids) rec.push(nodeEvent(id, "start"));
      for (const id of ids) rec.push(nodeEvent(id, "stream", "a"));
      frame();
      return { store, rec, frame };
    }
    const textOf = (store: ReturnType<typeof createRunStore>) =>
      ids.map((id) => store.getState().nodes[id]!.text);

    it("shows a node that starts streaming at once, whatever the number", () => {
      const { store } = streaming();
      expect(textOf(store)).toEqual(ids.map(() => "a"));
      expect(ids.every((id) => store.getState().nodes[id]!.status === "streaming")).toBe(true);
    });

    it("redraws at most STREAMING_NODES_PER_FRAME of them per frame, the longest waiting first", () => {
      const { store, rec, frame } = streaming();
      for (const id of ids) rec.push(nodeEvent(id, "stream", "b"));
      frame();
      const first = textOf(store);
      expect(first.filter((t) => t === "ab")).toHaveLength(STREAMING_NODES_PER_FRAME);
      // The rest come next frame, even with no new event, and every node shows all its text.
      expect(frame()).toBe(1);
      expect(textOf(store)).toEqual(ids.map(() => "ab"));
      // Then the nodes shown longest ago go first: those of the first frame, not the second.
      for (const id of ids) rec.push(nodeEvent(id, "stream", "c"));
      frame();
      const second = textOf(store);
      ids.forEach((_, i) => expect(second[i] === "abc").toBe(first[i] === "ab"));
    });

    it("never holds back a node that ends, and a held node's published state is never mutated", () => {
      const { store, rec, frame } = streaming();
      for (const id of ids) rec.push(nodeEvent(id, "stream", "b"));
      frame();
      const heldId = ids.find((id) => store.getState().nodes[id]!.text === "a")!;
      const held = store.getState().nodes[heldId]!;
      rec.push(nodeEvent(heldId, "end", "ab"));
      frame();
      expect(held).toMatchObject({ text: "a", status: "streaming" });
      expect(store.getState().nodes[heldId]).toMatchObject({ text: "ab", status: "done" });
    });

    it("shows every node's latest text when the run finishes", () => {
      const { store, rec, frame } = streaming();
      for (const id of ids) rec.push(nodeEvent(id, "stream", "b"));
      rec.finish("cancelled");
      expect(textOf(store)).toEqual(ids.map(() => "ab"));
      expect(ids.every((id) => store.getState().nodes[id]!.status === "cancelled")).toBe(true);
      expect(frame()).toBeLessThanOrEqual(1);
      expect(textOf(store)).toEqual(ids.map(() => "ab"));
    });
  });
});
