import { type ChainDocument, promptVariables } from "../../graph/index.ts";

/**
 * What the chain's input looks like: the variables of its root prompts when every root is a prompt,
 * else one value that every root receives.
 */
export function rootInputs(doc: ChainDocument): { kind: "variables"; names: string[] } | { kind: "value" } {
  const targets = new Set(doc.edges.map((e) => e.target));
  const roots = doc.nodes.filter((n) => !targets.has(n.id));
  if (roots.length > 0 && roots.every((n) => n.type === "prompt")) {
    const names: string[] = [];
    for (const r of roots) for (const v of promptVariables(r)) if (!names.includes(v)) names.push(v);
    return { kind: "variables", names };
  }
  return { kind: "value" };
}
