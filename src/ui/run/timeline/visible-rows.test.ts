import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { TraceBuilder } from "./trace.ts";
import { ancestorIds, visibleRows } from "./visible-rows.ts";

function start(t: number, runId: string, parents: string[], nodeId?: string): TimedEvent {
  const event = {
    event: "on_chain_start",
    name: runId,
    run_id: runId,
    parent_ids: parents,
    tags: [],
    metadata: nodeId ? { node_id: nodeId } : {},
    data: {},
  } as StreamEvent;
  return { t, event, nodeId };
}

// root ─┬─ a (node A) ── a1 (inner run of node A) ── a2
//       └─ b (node B)
function trace(): TraceBuilder {
  const events = [
    start(0, "root", []),
    start(1, "a", ["root"], "A"),
    start(2, "a1", ["root", "a"], "A"),
    start(3, "a2", ["root", "a", "a1"]),
    start(4, "b", ["root"], "B"),
  ];
  const t = new TraceBuilder();
  t.update(events, events.length);
  return t;
}

const ids = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => `${r.run.id}@${r.depth}`);

describe("visibleRows", () => {
  it("lists the tree depth first with its depths", () => {
    expect(ids(visibleRows(trace().roots, { collapsed: new Set() }))).toEqual([
      "root@0",
      "a@1",
      "a1@2",
      "a2@3",
      "b@1",
    ]);
  });

  it("hides the children of collapsed runs and says which rows are folded", () => {
    const rows = visibleRows(trace().roots, { collapsed: new Set(["a"]) });
    expect(ids(rows)).toEqual(["root@0", "a@1", "b@1"]);
    expect(rows[1]).toMatchObject({ hasChildren: true, expanded: false });
    expect(rows[2]).toMatchObject({ hasChildren: false, expanded: true });
  });

  it("keeps only the selected nodes' runs and their descendants, starting again at depth 0", () => {
    expect(ids(visibleRows(trace().roots, { collapsed: new Set(), nodes: new Set(["A"]) }))).toEqual([
      "a@0",
      "a1@1",
      "a2@2",
    ]);
    expect(ids(visibleRows(trace().roots, { collapsed: new Set(), nodes: new Set(["B", "A"]) }))).toEqual([
      "a@0",
      "a1@1",
      "a2@2",
      "b@0",
    ]);
    expect(visibleRows(trace().roots, { collapsed: new Set(), nodes: new Set(["nothing"]) })).toEqual([]);
  });

  it("names a run's ancestors, nearest first", () => {
    expect(ancestorIds(trace().runs.get("a2")!)).toEqual(["a1", "a", "root"]);
  });
});
