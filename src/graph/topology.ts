import type { ChainDocument } from "./schema.ts";

type Graph = Pick<ChainDocument, "nodes" | "edges">;

/** Successors per node id, over edges whose two ends are known nodes (dangling edges are reported elsewhere). */
function successors(doc: Graph): { ids: Set<string>; out: Map<string, string[]> } {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  return { ids, out };
}

/** Node ids in an order where every edge goes forward, or undefined when there is a cycle (Kahn). */
export function topologicalOrder(doc: Graph): string[] | undefined {
  const { ids, out } = successors(doc);
  const indegree = new Map<string, number>([...ids].map((id) => [id, 0]));
  for (const targets of out.values()) for (const t of targets) indegree.set(t, indegree.get(t)! + 1);
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const next of out.get(id) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  return order.length === indegree.size ? order : undefined;
}

/**
 * One cycle as a list of node ids, in edge order (iterative DFS, so 10,000 nodes cannot overflow the
 * stack). Edges to or from unknown nodes are ignored: they cannot close a cycle of real nodes.
 */
export function findCycle(doc: Graph): string[] | undefined {
  if (topologicalOrder(doc)) return undefined;
  const { ids, out } = successors(doc);
  const state = new Map<string, 1 | 2>();
  for (const start of ids) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = out.get(top.id) ?? [];
      if (top.next >= succ.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = succ[top.next++]!;
      if (state.get(next) === 1) {
        const from = stack.findIndex((f) => f.id === next);
        return stack.slice(from).map((f) => f.id);
      }
      if (!state.has(next)) {
        state.set(next, 1);
        stack.push({ id: next, next: 0 });
      }
    }
  }
  return undefined;
}
