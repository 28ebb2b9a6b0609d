import type { EventFilters } from "../../../core/index.ts";
import { MODE_MARK } from "./FilterPicker.tsx";
import { activeRules, setMode } from "./event-query.ts";

const chip =
  "inline-flex items-center gap-1 rounded-full border px-2 py-px text-[11px] focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none";

/**
 * What narrows the list right now, each removable: the canvas's node selection (removing it
 * deselects the nodes) and every include/exclude filter.
 */
export function ActiveFilters({
  nodeNames,
  onClearNodes,
  filters,
  onChange,
}: {
  nodeNames: string[];
  onClearNodes: () => void;
  filters: EventFilters;
  onChange: (filters: EventFilters) => void;
}) {
  const rules = activeRules(filters);
  if (nodeNames.length === 0 && rules.length === 0) return null;
  const nodeLabel = `${nodeNames.length === 1 ? "Node" : "Nodes"}: ${nodeNames.join(", ")}`;
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
      {nodeNames.length > 0 && (
        <button
          type="button"
          onClick={onClearNodes}
          aria-label={`${nodeLabel}, clear`}
          title="Deselect the nodes to see every node's events"
          className={`${chip} border-violet-400 bg-violet-50 text-violet-800 hover:bg-violet-100 dark:border-violet-500 dark:bg-violet-950 dark:text-violet-200 dark:hover:bg-violet-900`}
        >
          {nodeLabel}
          <span aria-hidden="true">×</span>
        </button>
      )}
      {rules.map(({ kind, value, mode }) => (
        <button
          key={`${mode}-${kind}-${value}`}
          type="button"
          onClick={() => onChange(setMode(filters, kind, value, undefined))}
          aria-label={`${mode === "include" ? "Include" : "Exclude"} ${kind}: ${value}, remove`}
          title="Remove this filter"
          className={`${chip} ${
            mode === "include"
              ? "border-cyan-600 text-cyan-800 hover:bg-cyan-50 dark:border-cyan-500 dark:text-cyan-200 dark:hover:bg-cyan-950"
              : "border-red-400 text-red-700 hover:bg-red-50 dark:border-red-500 dark:text-red-300 dark:hover:bg-red-950"
          }`}
        >
          {MODE_MARK[mode]} {kind}: {value}
          <span aria-hidden="true">×</span>
        </button>
      ))}
      {rules.length > 1 && (
        <button
          type="button"
          onClick={() => onChange({})}
          className="rounded px-1 text-[11px] text-slate-500 underline hover:text-slate-700 focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none dark:text-slate-400 dark:hover:text-slate-200"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
