import type { UsageMetadata } from "../../../core/index.ts";
import { type ModelPrice, type TimedEvent, costOf, findPrice, sumUsage } from "../../../stores/index.ts";

/** What one model node used in a run, and what it cost when its model has a price. */
export interface NodeUsage {
  nodeId: string;
  /** The model name the run reported (`ls_model_name`), which is what prices are looked up by. */
  model: string | undefined;
  usage: UsageMetadata;
  /** The price row that matched, if any. */
  pricedAs: string | undefined;
  cost: number | undefined;
}

export interface RunUsage {
  nodes: NodeUsage[];
  total: UsageMetadata | undefined;
  /** The sum over the nodes that have a price; complete only when `unpriced` is empty. */
  cost: number | undefined;
  /** Model names that used tokens but have no price. */
  unpriced: string[];
}

/** A node's usage and cost at the given prices. */
export function nodeUsage(
  nodeId: string,
  usage: UsageMetadata,
  model: string | undefined,
  table: Readonly<Record<string, ModelPrice>>,
): NodeUsage {
  const found = findPrice(model, table);
  return { nodeId, model, usage, pricedAs: found?.model, cost: found && costOf(usage, found.price) };
}

/** The run's usage: the sum over the nodes that reported usage (the model nodes). */
export function runUsage(nodes: readonly NodeUsage[]): RunUsage {
  const priced = nodes.filter((n) => n.cost !== undefined);
  const unpriced = [
    ...new Set(nodes.filter((n) => n.cost === undefined).map((n) => n.model ?? "unknown model")),
  ];
  return {
    nodes: [...nodes],
    total: sumUsage(nodes.map((n) => n.usage)),
    cost: priced.length > 0 ? priced.reduce((sum, n) => sum + n.cost!, 0) : undefined,
    unpriced,
  };
}

// Runs' model names by run id, per events array (a new run has a new array): a node's run is
// looked up once, not on every frame.
const modelNames = new WeakMap<readonly TimedEvent[], Map<string, string | undefined>>();

/**
 * The model name a run reported: chat model events carry `ls_model_name` in their metadata, so the
 * name is the one that ran, even if the node was edited since.
 */
export function modelOfRun(events: readonly TimedEvent[], runId: string): string | undefined {
  let byRun = modelNames.get(events);
  if (!byRun) modelNames.set(events, (byRun = new Map<string, string | undefined>()));
  if (byRun.has(runId)) return byRun.get(runId);
  const event = events.find((e) => e.event.run_id === runId);
  // Not cached until the run's first event is in: the events array is still growing.
  if (!event) return undefined;
  const name = event.event.metadata.ls_model_name;
  const model = typeof name === "string" ? name : undefined;
  byRun.set(runId, model);
  return model;
}
