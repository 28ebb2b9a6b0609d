import type { RunType } from "../../../core/index.ts";
import type { NodeType } from "../../../graph/index.ts";
import { TYPE_COLOURS } from "../../canvas/kind-style.ts";

/** Which node kind's colour a run type borrows when the run is not a node's own (inner runs, the root). */
const RUN_TYPE_KIND: Record<RunType, NodeType> = {
  chain: "passthrough",
  prompt: "prompt",
  chat_model: "model",
  parser: "parser",
  retriever: "retriever",
  tool: "lambda",
};

/** A bar's colour: its node's kind colour, so the timeline reads like the canvas. */
export function runColour(type: RunType, nodeType: NodeType | undefined): string {
  return TYPE_COLOURS[nodeType ?? RUN_TYPE_KIND[type]].hex;
}

export const ERROR_COLOUR = "#dc2626";
export const CANCELLED_COLOUR = "#f59e0b";
