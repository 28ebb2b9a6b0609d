import dagre from "@dagrejs/dagre";
import type { ChainDocument } from "./schema.ts";

export interface NodeSize {
  width: number;
  height: number;
}

/** The size a node is laid out with when the canvas has not measured it. */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 260, height: 120 };

/**
 * Left-to-right layered layout (dagre): sources on the left, the output on the right. Returns the
 * top-left position of every node.
 *
 * @example
 * actions.moveNodes(autoLayout(doc, measuredSizes));
 */
export function autoLayout(
  doc: Pick<ChainDocument, "nodes" | "edges">,
  sizes: Readonly<Record<string, NodeSize>> = {},
): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes[n.id] ?? DEFAULT_NODE_SIZE) });
  for (const e of doc.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const placed = g.node(n.id) as { x: number; y: number; width: number; height: number };
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    out[n.id] = { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) };
  }
  return out;
}
