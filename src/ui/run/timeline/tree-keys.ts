import type { VisibleRow } from "./visible-rows.ts";

export type TreeAction =
  | { kind: "focus"; index: number }
  | { kind: "expand" | "collapse"; id: string }
  | { kind: "select"; index: number }
  | { kind: "pan"; direction: -1 | 1 };

/**
 * What a key does in the runs tree (the WAI-ARIA tree pattern): arrows move and fold, Enter selects,
 * Shift+Left/Right pan the time axis. `active` is -1 when no row is active yet.
 */
export function treeKeyAction(
  rows: readonly VisibleRow[],
  active: number,
  key: string,
  shift: boolean,
): TreeAction | undefined {
  const last = rows.length - 1;
  if (last < 0) return undefined;
  const row = rows[active];
  switch (key) {
    case "ArrowDown":
      return { kind: "focus", index: Math.min(active + 1, last) };
    case "ArrowUp":
      return { kind: "focus", index: Math.max(active - 1, 0) };
    case "Home":
      return { kind: "focus", index: 0 };
    case "End":
      return { kind: "focus", index: last };
    case "Enter":
    case " ":
      return row ? { kind: "select", index: active } : undefined;
    case "ArrowRight":
      if (shift) return { kind: "pan", direction: 1 };
      if (!row?.hasChildren) return undefined;
      return row.expanded
        ? { kind: "focus", index: Math.min(active + 1, last) }
        : { kind: "expand", id: row.run.id };
    case "ArrowLeft": {
      if (shift) return { kind: "pan", direction: -1 };
      if (!row) return undefined;
      if (row.hasChildren && row.expanded) return { kind: "collapse", id: row.run.id };
      const parent = rows.findLastIndex((r, i) => i < active && r.run === row.run.parent);
      return parent >= 0 ? { kind: "focus", index: parent } : undefined;
    }
    default:
      return undefined;
  }
}
