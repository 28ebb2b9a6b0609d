import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { type ModelPrice, type NodeRun, effectivePrices } from "../../../stores/index.ts";
import { useRun, useRunSummary, useSettings } from "../../services.tsx";
import { type NodeUsage, type RunUsage, modelOfRun, nodeUsage, runUsage } from "./run-usage.ts";

/** The price table in force: the defaults under the user's edits. */
export function usePriceTable(): Record<string, ModelPrice> {
  const overrides = useSettings((s) => s.prices);
  return useMemo(() => effectivePrices(overrides), [overrides]);
}

/** One node's usage and cost, once it has reported usage (its run has ended). */
export function useNodeUsage(nodeId: string, run: NodeRun): NodeUsage | undefined {
  const table = usePriceTable();
  const { runId, usage } = run;
  // Cached per run id, so this selector costs a map lookup on the frames after the first.
  const model = useRun((s) => (usage && runId ? modelOfRun(s.events, runId) : undefined));
  return useMemo(
    () => (usage ? nodeUsage(nodeId, usage, model, table) : undefined),
    [nodeId, usage, model, table],
  );
}

/** The run's usage over its model nodes; undefined until one of them reports usage. */
export function useRunUsage(): RunUsage | undefined {
  const table = usePriceTable();
  // A summary view: it follows the run through the throttled mirror, not every frame.
  // Only finished nodes carry usage and they no longer change, so this slice is stable.
  const withUsage = useRunSummary(
    useShallow((s) => Object.fromEntries(Object.entries(s.nodes).filter(([, n]) => n.usage !== undefined))),
  );
  const events = useRunSummary((s) => s.events);
  return useMemo(() => {
    const nodes = Object.entries(withUsage).map(([id, n]) =>
      nodeUsage(id, n.usage!, n.runId ? modelOfRun(events, n.runId) : undefined, table),
    );
    return nodes.length > 0 ? runUsage(nodes) : undefined;
  }, [withUsage, events, table]);
}
