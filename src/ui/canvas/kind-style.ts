import type { NodeType, PortKind } from "../../graph/index.ts";

/** One colour per node type, used by the palette, node headers and the minimap. */
export const TYPE_COLOURS: Record<NodeType, { dot: string; hex: string }> = {
  prompt: { dot: "bg-amber-500", hex: "#f59e0b" },
  model: { dot: "bg-violet-500", hex: "#8b5cf6" },
  parser: { dot: "bg-emerald-500", hex: "#10b981" },
  lambda: { dot: "bg-sky-500", hex: "#0ea5e9" },
  passthrough: { dot: "bg-slate-400", hex: "#94a3b8" },
  retriever: { dot: "bg-rose-500", hex: "#f43f5e" },
};

/** Handle colours by what flows through them. */
export const PORT_COLOURS: Record<PortKind, string> = {
  text: "#10b981",
  prompt: "#f59e0b",
  message: "#8b5cf6",
  json: "#0ea5e9",
  documents: "#f43f5e",
  any: "#94a3b8",
};
