/** A valid chain of `n` nodes and `edges` edges laid out on a grid: prompts feeding lambdas and parsers. */
export function bigChain(n: number, edgeCount: number) {
  const nodes: unknown[] = [];
  const edges: { id: string; source: string; target: string; targetHandle?: string }[] = [];
  const cols = 20;
  for (let i = 0; i < n; i++) {
    const position = { x: (i % cols) * 320, y: Math.floor(i / cols) * 200 };
    nodes.push(
      i % 2 === 0
        ? { id: `n${i}`, type: "passthrough", name: `pass_${i}`, position, data: {} }
        : {
            id: `n${i}`,
            type: "lambda",
            name: `step_${i}`,
            position,
            data: { code: `function step_${i}(x) {\n  return x;\n}` },
          },
    );
  }
  // Edges only go forward (no cycles); extra edges use handles so each target's inputs are keyed.
  let e = 0;
  for (let i = 1; i < n && e < edgeCount; i++)
    edges.push({ id: `e${e++}`, source: `n${i - 1}`, target: `n${i}`, targetHandle: "a" });
  for (let i = 2; i < n && e < edgeCount; i += 2)
    edges.push({ id: `e${e++}`, source: `n${i - 2}`, target: `n${i}`, targetHandle: "b" });
  return { format: "sluice.chain", version: 1, name: "Big", nodes, edges };
}
