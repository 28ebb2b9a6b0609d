import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { shownOutcome } from "./row-state.ts";
import { TraceBuilder, firstTokenDelay } from "./trace.ts";

/** A timed event; `parents` undefined makes it a v1 event (no parent_ids). */
function ev(
  t: number,
  event: StreamEvent["event"],
  runId: string,
  opts: { name?: string; parents?: string[]; nodeId?: string; data?: unknown } = {},
): TimedEvent {
  const e = {
    event,
    name: opts.name ?? runId,
    run_id: runId,
    tags: [],
    metadata: opts.nodeId ? { node_id: opts.nodeId } : {},
    data: opts.data ?? {},
    ...(opts.parents ? { parent_ids: opts.parents } : {}),
  } as StreamEvent;
  return { t, event: e, nodeId: opts.nodeId };
}

/** A v2 trace like the joke chain: root sequence, prompt, model streaming into a parser. */
function jokeLike(): TimedEvent[] {
  const root = ["seq"];
  return [
    ev(0, "on_chain_start", "seq", { parents: [] }),
    ev(1, "on_prompt_start", "p", { parents: root, nodeId: "prompt" }),
    ev(2, "on_prompt_end", "p", { parents: root, nodeId: "prompt" }),
    ev(3, "on_chat_model_start", "m", { parents: root, nodeId: "model" }),
    ev(250, "on_chat_model_stream", "m", { parents: root, nodeId: "model", data: { chunk: "Hi" } }),
    ev(251, "on_parser_start", "o", { parents: root, nodeId: "parser" }),
    ev(252, "on_parser_stream", "o", { parents: root, nodeId: "parser", data: { chunk: "Hi" } }),
    ev(300, "on_chat_model_stream", "m", { parents: root, nodeId: "model", data: { chunk: " there" } }),
    ev(301, "on_parser_stream", "o", { parents: root, nodeId: "parser", data: { chunk: " there" } }),
    ev(310, "on_chat_model_end", "m", { parents: root, nodeId: "model" }),
    ev(311, "on_parser_end", "o", { parents: root, nodeId: "parser" }),
    ev(312, "on_chain_end", "seq", { parents: [] }),
  ];
}

describe("TraceBuilder", () => {
  it("nests runs under their immediate parent from v2 parent_ids, children in start order", () => {
    const events = [
      ev(0, "on_chain_start", "root", { parents: [] }),
      ev(1, "on_chain_start", "lambda", { parents: ["root"], nodeId: "l" }),
      ev(2, "on_chat_model_start", "inner", { parents: ["root", "lambda"], nodeId: "l" }),
      ev(3, "on_parser_start", "sibling", { parents: ["root"], nodeId: "o" }),
    ];
    const trace = new TraceBuilder();
    trace.update(events, events.length);
    expect(trace.roots.map((r) => r.id)).toEqual(["root"]);
    expect(trace.roots[0]!.children.map((r) => r.id)).toEqual(["lambda", "sibling"]);
    const inner = trace.runs.get("inner")!;
    expect(inner.parent?.id).toBe("lambda");
    // The lambda's inner run carries its node id but is not the node's own run.
    expect(trace.runs.get("lambda")!.ownsNode).toBe(true);
    expect(inner.ownsNode).toBe(false);
  });

  it("hangs a run under its nearest known ancestor when the immediate parent never showed up", () => {
    const events = [
      ev(0, "on_chain_start", "root", { parents: [] }),
      ev(1, "on_prompt_start", "orphan", { parents: ["root", "filtered-out"] }),
    ];
    const trace = new TraceBuilder();
    trace.update(events, 2);
    expect(trace.runs.get("orphan")!.parent?.id).toBe("root");
  });

  it("puts every v1 run under the first run, since v1 events carry no parent_ids", () => {
    const events = [
      ev(0, "on_chain_start", "root"),
      ev(1, "on_chat_model_start", "m"),
      ev(2, "on_parser_start", "o"),
    ];
    const trace = new TraceBuilder();
    trace.update(events, 3);
    expect(trace.roots.map((r) => r.id)).toEqual(["root"]);
    expect(trace.roots[0]!.children.map((r) => r.id)).toEqual(["m", "o"]);
  });

  it("records stream ticks with their event indexes, the first token, and the end", () => {
    const events = jokeLike();
    const trace = new TraceBuilder();
    trace.update(events, events.length);
    const model = trace.runs.get("m")!;
    expect(model.start).toBe(3);
    expect(model.startIndex).toBe(3);
    expect(model.ticks).toEqual([250, 300]);
    expect(model.tickIndexes).toEqual([4, 7]);
    expect(firstTokenDelay(model)).toBe(247);
    expect(model.end).toBe(310);
    expect(model.outcome).toBe("done");
    expect(firstTokenDelay(trace.runs.get("p")!)).toBeUndefined();
    expect(trace.lastTime).toBe(312);
  });

  it("marks errored runs and keeps the error message", () => {
    const events = [
      ev(0, "on_chain_start", "root", { parents: [] }),
      ev(5, "on_chat_model_start", "m", { parents: ["root"] }),
      ev(9, "on_chat_model_error", "m", {
        parents: ["root"],
        data: { error: { name: "Error", message: "HTTP 500" } },
      }),
    ];
    const trace = new TraceBuilder();
    trace.update(events, 3);
    const model = trace.runs.get("m")!;
    expect(model.outcome).toBe("error");
    expect(model.end).toBe(9);
    expect(model.error).toBe("HTTP 500");
  });

  it("counts an AbortError (what Stop makes runs end with) as cancelled, not failed", () => {
    const events = [
      ev(0, "on_chat_model_start", "m", { parents: [] }),
      ev(9, "on_chat_model_error", "m", {
        parents: [],
        data: { error: { name: "AbortError", message: "aborted" } },
      }),
    ];
    const trace = new TraceBuilder();
    trace.update(events, 2);
    const model = trace.runs.get("m")!;
    expect(model.outcome).toBe("cancelled");
    expect(shownOutcome(model, "cancelled", 9, 12)).toEqual({ outcome: "cancelled", end: 9 });
  });

  it("reads only the new events on each update, growing the same runs in place", () => {
    const events = jokeLike();
    const trace = new TraceBuilder();
    trace.update(events, 5);
    const model = trace.runs.get("m")!;
    expect(model.ticks).toEqual([250]);
    expect(model.end).toBeUndefined();
    // A stale or equal count reads nothing.
    expect(trace.update(events, 5)).toBe(false);
    // Replacing an already-read event proves it is not read again.
    const seen = [...events];
    seen[4] = ev(250, "on_chat_model_stream", "other", { parents: ["seq"] });
    expect(trace.update(seen, events.length)).toBe(true);
    expect(trace.runs.has("other")).toBe(false);
    expect(trace.runs.get("m")).toBe(model);
    expect(model.ticks).toEqual([250, 300]);
    expect(model.end).toBe(310);
  });
});

describe("shownOutcome", () => {
  const open = () => {
    const trace = new TraceBuilder();
    trace.update([ev(0, "on_chat_model_start", "m", { parents: [] })], 1);
    return trace.runs.get("m")!;
  };

  it("grows a running bar to the latest event while the run runs", () => {
    expect(shownOutcome(open(), "running", 120, 120)).toEqual({ outcome: "running", end: 120 });
  });

  it("shows a never-ended run as cancelled after Stop, ending where the run ended", () => {
    expect(shownOutcome(open(), "cancelled", 120, 140)).toEqual({ outcome: "cancelled", end: 140 });
  });

  it("shows a never-ended run as failed when the whole run failed", () => {
    expect(shownOutcome(open(), "error", 120, 140).outcome).toBe("error");
  });
});
