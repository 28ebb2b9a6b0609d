import { describe, expect, it } from "vitest";
import type { TraceRun } from "./trace.ts";
import { treeKeyAction } from "./tree-keys.ts";
import type { VisibleRow } from "./visible-rows.ts";

const root = { id: "root", parent: undefined } as TraceRun;
const child = { id: "child", parent: root } as TraceRun;
const rows = (expanded: boolean): VisibleRow[] =>
  expanded
    ? [
        { run: root, depth: 0, hasChildren: true, expanded: true },
        { run: child, depth: 1, hasChildren: false, expanded: true },
      ]
    : [{ run: root, depth: 0, hasChildren: true, expanded: false }];

describe("tree keys", () => {
  it("moves with arrows, Home and End, staying inside the list", () => {
    expect(treeKeyAction(rows(true), -1, "ArrowDown", false)).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows(true), 1, "ArrowDown", false)).toEqual({ kind: "focus", index: 1 });
    expect(treeKeyAction(rows(true), 0, "ArrowUp", false)).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows(true), 0, "End", false)).toEqual({ kind: "focus", index: 1 });
    expect(treeKeyAction(rows(true), 1, "Home", false)).toEqual({ kind: "focus", index: 0 });
  });

  it("folds with Left, unfolds with Right, and Left on a leaf goes to its parent", () => {
    expect(treeKeyAction(rows(true), 0, "ArrowLeft", false)).toEqual({ kind: "collapse", id: "root" });
    expect(treeKeyAction(rows(false), 0, "ArrowRight", false)).toEqual({ kind: "expand", id: "root" });
    expect(treeKeyAction(rows(true), 0, "ArrowRight", false)).toEqual({ kind: "focus", index: 1 });
    expect(treeKeyAction(rows(true), 1, "ArrowLeft", false)).toEqual({ kind: "focus", index: 0 });
  });

  it("selects with Enter, pans with Shift+arrows, and ignores other keys", () => {
    expect(treeKeyAction(rows(true), 1, "Enter", false)).toEqual({ kind: "select", index: 1 });
    expect(treeKeyAction(rows(true), -1, "Enter", false)).toBeUndefined();
    expect(treeKeyAction(rows(true), 1, "ArrowLeft", true)).toEqual({ kind: "pan", direction: -1 });
    expect(treeKeyAction(rows(true), 1, "ArrowRight", true)).toEqual({ kind: "pan", direction: 1 });
    expect(treeKeyAction(rows(true), 1, "x", false)).toBeUndefined();
  });
});
