import { memo } from "react";
import { displayName } from "../../../graph/index.ts";
import { PRICES_AS_OF, formatCost } from "../../../stores/index.ts";
import { useDocument, useRunSummary } from "../../services.tsx";
import { NoPriceButton } from "./NoPriceButton.tsx";
import type { NodeUsage } from "./run-usage.ts";
import { useRunUsage } from "./use-usage.ts";
import { formatCount } from "../../format-count.ts";

/** The run's token usage and cost, summed over its model nodes, with one line per model node. */
export const UsageSummary = memo(function UsageSummary() {
  const usage = useRunUsage();
  const status = useRunSummary((s) => s.status);
  const nodes = useDocument((s) => s.doc.nodes);
  if (!usage) {
    if (status === "idle" || status === "running") return null;
    return (
      <p aria-label="Usage and cost" className="py-1 text-xs text-slate-500 dark:text-slate-400">
        No model reported token usage in this run.
      </p>
    );
  }
  const { total, cost, unpriced } = usage;
  const name = (n: NodeUsage) => {
    const node = nodes.find((x) => x.id === n.nodeId);
    return node ? displayName(node) : n.nodeId;
  };
  return (
    <section
      aria-label="Usage and cost"
      className="my-1 rounded-md border border-slate-200 px-2 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
    >
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
        {total && (
          <span>
            <span className="font-semibold">Tokens</span> {formatCount(total.input_tokens)} in ·{" "}
            {formatCount(total.output_tokens)} out · {formatCount(total.total_tokens)} total
          </span>
        )}
        <span>
          <span className="font-semibold">Cost</span>{" "}
          {cost !== undefined && (
            <span title={`Estimate at the prices in Settings → Prices (defaults as of ${PRICES_AS_OF}).`}>
              {formatCost(cost)}
              {unpriced.length > 0 ? " + unpriced" : ""} (estimate)
            </span>
          )}
          {unpriced.length > 0 && (
            <span className="ml-1">
              {unpriced.join(", ")}: <NoPriceButton model={unpriced.join(", ")} />
            </span>
          )}
        </span>
      </p>
      {usage.nodes.length > 1 && (
        <ul aria-label="Usage per model node" className="mt-1 space-y-0.5">
          {usage.nodes.map((n) => (
            <li key={n.nodeId} className="font-mono text-[11px]">
              {name(n)} ({n.model ?? "unknown model"}): {formatCount(n.usage.input_tokens)} →{" "}
              {formatCount(n.usage.output_tokens)} tok
              {n.cost !== undefined && ` · ${formatCost(n.cost)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
