import { displayName } from "../../../graph/index.ts";
import { type NodeRun, type StoredRun, outputText } from "../../../stores/index.ts";
import { formatValue } from "../../format-value.ts";

/** One line of a comparison: the same thing in both runs. */
export interface CompareRow {
  key: string;
  label: string;
  left: string;
  right: string;
}

/**
 * What the compare dialog puts side by side: the inputs, the final outputs, then each node both
 * runs have state for (in the older run's chain order), as the text a person reads.
 */
export function compareRows(a: StoredRun, b: StoredRun): CompareRow[] {
  const rows: CompareRow[] = [
    { key: "input", label: "Input", left: formatValue(a.input), right: formatValue(b.input) },
    { key: "output", label: "Output", left: finalOutput(a), right: finalOutput(b) },
  ];
  for (const node of a.doc.nodes) {
    const left = a.nodes[node.id];
    const right = b.nodes[node.id];
    if (!left || !right) continue;
    rows.push({
      key: `node:${node.id}`,
      label: displayName(node),
      left: nodeOutput(left),
      right: nodeOutput(right),
    });
  }
  return rows;
}

function finalOutput(run: StoredRun): string {
  const text = outputText(run.output);
  if (text) return text;
  return run.error ? `${run.error.name}: ${run.error.message}` : "";
}

/** A node's output as its canvas card shows it: streamed text, else its value, else its error. */
export function nodeOutput(n: NodeRun): string {
  if (n.text) return n.text;
  if (n.hasValue) return formatValue(n.value);
  if (n.error) return `${n.error.name}: ${n.error.message}`;
  return `(${n.status})`;
}
