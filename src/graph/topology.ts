import type { ChainDocument } from "./schema.ts";

/** Node ids in an order where every edge goes forward, or undefined when there is a cycle (Kahn). */
export function topologicalOrder(doc: Pick<ChainDocument, "nodes" | "edges">): string[] | undefined {
  const indegree = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
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

/** One cycle as a list of node ids (iterative DFS, so 10,000 nodes cannot overflow the stack). */
export function findCycle(doc: Pick<ChainDocument, "nodes" | "edges">): string[] | undefined {
  if (topologicalOrder(doc)) return undefined;
  const out = new Map<string, string[]>();
  for (const e of doc.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const state = new Map<string, 1 | 2>();
  for (const start of doc.nodes.map((n) => n.id)) {
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
