/** What flows along an edge, so the editor can refuse a connection that cannot work. */
export type PortKind = "text" | "prompt" | "message" | "json" | "documents" | "any";

export interface Port {
  /** The handle id; for inputs, the key under which the value enters (a prompt variable). */
  id: string;
  label: string;
  kind: PortKind;
}

/** The single input handle of nodes that take their input as it is. */
export const INPUT_PORT = "input";
export const OUTPUT_PORT = "output";

const ACCEPTS: Record<PortKind, readonly PortKind[]> = {
  any: ["text", "prompt", "message", "json", "documents", "any"],
  text: ["text", "message", "any"],
  prompt: ["prompt", "text", "message", "any"],
  message: ["message", "text", "any"],
  json: ["json", "text", "documents", "message", "any"],
  documents: ["documents", "any"],
};

/** Can an output of kind `from` feed an input of kind `to`? Returns why not, or undefined. */
export function connectionProblem(from: PortKind, to: PortKind): string | undefined {
  if (ACCEPTS[to].includes(from)) return undefined;
  return `a ${describeKind(from)} output cannot feed a ${describeKind(to)} input`;
}

export function describeKind(kind: PortKind): string {
  return kind === "json" ? "JSON" : kind === "any" ? "any-value" : kind;
}
