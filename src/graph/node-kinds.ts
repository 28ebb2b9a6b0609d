/** The node types a chain document can hold (docs/chain-format.md), with the palette's words. */
export const NODE_KINDS = [
  { type: "prompt", label: "Prompt", description: "Formats input variables into chat messages." },
  { type: "model", label: "Model", description: "A chat model that streams its answer token by token." },
  {
    type: "parser",
    label: "Parser",
    description: "Turns model output into a string, JSON or a list, streaming.",
  },
  {
    type: "lambda",
    label: "Lambda",
    description: "Your own JavaScript function, plain or an async generator.",
  },
  { type: "passthrough", label: "Passthrough", description: "Passes its input on unchanged." },
  { type: "retriever", label: "Retriever", description: "Finds the most relevant documents for a query." },
] as const;

export type NodeKind = (typeof NODE_KINDS)[number]["type"];
