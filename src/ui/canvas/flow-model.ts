import type { Edge } from "@xyflow/react";
import {
  type ChainDocument,
  type ChainEdge,
  INPUT_PORT,
  type Problem,
  topologicalOrder,
} from "../../graph/index.ts";
import { displayName, edgeKindProblem, cachedGraphProblems } from "../../graph/index.ts";
import type { ChainFlowNode } from "./ChainNodeView.tsx";

/** Problems per node id, for the badges. */
export function problemsByNode(doc: ChainDocument): { all: Problem[]; byNode: Map<string, string[]> } {
  const all = cachedGraphProblems(doc);
  const byNode = new Map<string, string[]>();
  for (const p of all) {
    if (!p.nodeId) continue;
    byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), p.message]);
  }
  return { all, byNode };
}

const NO_PROBLEMS: string[] = [];

type XY = { x: number; y: number };
type Size = { width: number; height: number };
interface CacheEntry {
  flowNode: ChainFlowNode;
  selected: boolean;
  problems: string[];
  position: XY;
  measured: Size | undefined;
}
// Keyed by the document's node objects (immutable): an unchanged node keeps its React Flow object,
// so only what changed re-renders.
const cache = new WeakMap<object, CacheEntry>();

/** React Flow nodes for the document, with positions of a drag in progress and measured sizes laid over. */
export function toFlowNodes(
  doc: ChainDocument,
  keyedInputs: Map<string, string[]>,
  selected: ReadonlySet<string>,
  problems: Map<string, string[]>,
  dragging: Readonly<Record<string, XY>>,
  measured: Readonly<Record<string, Size>>,
): ChainFlowNode[] {
  return doc.nodes.map((node) => {
    const nodeProblems = problems.get(node.id) ?? NO_PROBLEMS;
    const keys = keyedInputs.get(node.id) ?? NO_PROBLEMS;
    const isSelected = selected.has(node.id);
    const position = dragging[node.id] ?? node.position;
    const size = measured[node.id];
    const hit = cache.get(node);
    if (
      hit &&
      hit.selected === isSelected &&
      hit.position === position &&
      hit.measured === size &&
      sameList(hit.problems, nodeProblems) &&
      sameList(hit.flowNode.data.keyedInputs, keys)
    ) {
      return hit.flowNode;
    }
    const data =
      hit &&
      hit.flowNode.data.node === node &&
      sameList(hit.problems, nodeProblems) &&
      sameList(hit.flowNode.data.keyedInputs, keys)
        ? hit.flowNode.data
        : { node, problems: nodeProblems, keyedInputs: keys };
    // React Flow's wrapper is the node's landmark (role group): its accessible name is the node's name.
    const flowNode: ChainFlowNode = {
      id: node.id,
      type: node.type,
      position,
      data,
      selected: isSelected,
      ariaLabel: displayName(node),
    };
    if (size) flowNode.measured = size;
    cache.set(node, { flowNode, selected: isSelected, problems: nodeProblems, position, measured: size });
    return flowNode;
  });
}

/**
 * Keys under which edges feed nodes whose input is one object (lambdas, passthroughs): each gets a
 * handle of its own on the node.
 */
export function keyedInputsByNode(doc: ChainDocument): Map<string, string[]> {
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    const t = types.get(e.target);
    if (e.targetHandle === undefined || (t !== "lambda" && t !== "passthrough")) continue;
    const keys = out.get(e.target) ?? [];
    if (!keys.includes(e.targetHandle)) keys.push(e.targetHandle);
    out.set(e.target, keys);
  }
  return out;
}

function sameList(a: string[], b: string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

export function toFlowEdges(doc: ChainDocument, selected: ReadonlySet<string>): Edge[] {
  return doc.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: "output",
    targetHandle: e.targetHandle ?? INPUT_PORT,
    selected: selected.has(e.id),
  }));
}

/** Why a connection would be refused, or undefined when it is fine. */
export function connectionRefusal(
  doc: ChainDocument,
  c: { source: string | null; target: string | null; targetHandle?: string | null | undefined },
): string | undefined {
  const source = doc.nodes.find((n) => n.id === c.source);
  const target = doc.nodes.find((n) => n.id === c.target);
  if (!source || !target) return "connect an output to an input";
  if (source === target) return "a node cannot feed itself";
  const edge: Pick<ChainEdge, "targetHandle"> = {};
  if (c.targetHandle && c.targetHandle !== INPUT_PORT) edge.targetHandle = c.targetHandle;
  const kind = edgeKindProblem(source, target, edge);
  if (kind) return kind;
  const edges = [...doc.edges, { id: "__new", source: source.id, target: target.id }];
  if (!topologicalOrder({ nodes: doc.nodes, edges })) return "this connection would make a cycle";
  return undefined;
}
