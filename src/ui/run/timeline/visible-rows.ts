import type { TraceRun } from "./trace.ts";

export interface VisibleRow {
  run: TraceRun;
  /** Indentation level among the shown rows (filtered rows start again at 0). */
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface RowOptions {
  /** Ids of runs whose children are hidden. */
  collapsed: ReadonlySet<string>;
  /** When set, only runs of these nodes (and their descendants) are shown. */
  nodes?: ReadonlySet<string> | undefined;
}

/**
 * The rows to draw, in tree order (depth first, children by start). Cheap enough to redo every
 * frame for hundreds of runs, which keeps it free of caches that could go stale.
 */
export function visibleRows(roots: readonly TraceRun[], { collapsed, nodes }: RowOptions): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const walk = (run: TraceRun, depth: number) => {
    const expanded = !collapsed.has(run.id);
    rows.push({ run, depth, hasChildren: run.children.length > 0, expanded });
    if (expanded) for (const child of run.children) walk(child, depth + 1);
  };
  const findMatches = (run: TraceRun) => {
    // A matching run brings its whole subtree; its descendants are not searched again.
    if (run.nodeId !== undefined && nodes?.has(run.nodeId)) walk(run, 0);
    else for (const child of run.children) findMatches(child);
  };
  for (const root of roots) {
    if (nodes) findMatches(root);
    else walk(root, 0);
  }
  return rows;
}

/** Ids of a run's ancestors, so a selected run can be revealed inside collapsed parents. */
export function ancestorIds(run: TraceRun): string[] {
  const ids: string[] = [];
  for (let p = run.parent; p; p = p.parent) ids.push(p.id);
  return ids;
}
