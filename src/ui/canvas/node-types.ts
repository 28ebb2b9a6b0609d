import type { NodeTypes } from "@xyflow/react";
import type { NodeType } from "../../graph/index.ts";
import { ChainNodeView } from "./ChainNodeView.tsx";

/** Built once at module scope (React Flow re-mounts nodes if this object changes). A missing view is a type error. */
const VIEWS: Record<NodeType, NodeTypes[string]> = {
  prompt: ChainNodeView,
  model: ChainNodeView,
  parser: ChainNodeView,
  lambda: ChainNodeView,
  passthrough: ChainNodeView,
  retriever: ChainNodeView,
};

export const NODE_TYPES: NodeTypes = VIEWS;
