import { RunnablePassthrough } from "../../core/index.ts";
import type { NodeDefinition } from "../node-definition.ts";
import { INPUT_PORT } from "../ports.ts";

export const passthroughNode: NodeDefinition<"passthrough"> = {
  type: "passthrough",
  label: "Passthrough",
  description: "Passes its input on unchanged (to feed the chain's input into a map, for example).",
  defaultData: () => ({}),
  inputs: () => [{ id: INPUT_PORT, label: "input", kind: "any" }],
  outputs: () => [{ id: "output", label: "same", kind: "any" }],
  fields: [],
  validate: () => [],
  summary: () => "passes its input on",
  compile(node) {
    const p = new RunnablePassthrough();
    if (node.name) p.name = node.name;
    return p;
  },
};
