import type { RunType } from "../../../core/index.ts";
import { type ChainNode, type NodeType, displayName } from "../../../graph/index.ts";
import { formatDuration } from "./axis.ts";
import type { ShownOutcome } from "./row-state.ts";
import { type TraceRun, firstTokenDelay } from "./trace.ts";

export interface RowLabel {
  /** The node's name for a node's own run, else the run name. */
  label: string;
  /** Node kind for colouring, when the run is a node's own. */
  nodeType: NodeType | undefined;
  /** "model node · chat_model", or just the run type. */
  kind: string;
}

export function rowLabel(run: TraceRun, nodes: ReadonlyMap<string, ChainNode>): RowLabel {
  const node = run.ownsNode && run.nodeId !== undefined ? nodes.get(run.nodeId) : undefined;
  if (!node) return { label: run.name, nodeType: undefined, kind: runTypeLabel(run.type) };
  return {
    label: displayName(node),
    nodeType: node.type,
    kind: `${node.type} node · ${runTypeLabel(run.type)}`,
  };
}

/** What a screen reader says after the row's name: what the bar shows. */
export function rowDescription(run: TraceRun, outcome: ShownOutcome, end: number): string {
  const parts = [
    `starts at ${formatDuration(run.start)}`,
    `${outcome === "running" ? "running for" : "took"} ${formatDuration(end - run.start)}`,
  ];
  if (run.ticks.length > 0) parts.push(`${run.ticks.length} chunks`);
  const ttft = firstTokenDelay(run);
  if (ttft !== undefined) parts.push(`first token after ${formatDuration(ttft)}`);
  if (outcome === "error" || outcome === "cancelled")
    parts.push(outcome === "error" ? "failed" : "cancelled");
  return parts.join(", ");
}

function runTypeLabel(type: RunType): string {
  return type === "chat_model" ? "chat model" : type;
}
