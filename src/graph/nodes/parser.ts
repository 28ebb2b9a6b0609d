import {
  CommaSeparatedListOutputParser,
  JsonOutputParser,
  type Runnable,
  StrOutputParser,
} from "../../core/index.ts";
import type { NodeDefinition } from "../node-definition.ts";
import { INPUT_PORT } from "../ports.ts";

export const parserNode: NodeDefinition<"parser"> = {
  type: "parser",
  label: "Parser",
  description: "Turns model output into text, JSON or a list, streaming as it arrives.",
  defaultData: () => ({ parser: "str" }),
  inputs: () => [{ id: INPUT_PORT, label: "message", kind: "message" }],
  outputs: (node) => [
    { id: "output", label: node.data.parser, kind: node.data.parser === "str" ? "text" : "json" },
  ],
  fields: [{ key: "parser", label: "Parse as", kind: "select", options: ["str", "json", "list"] }],
  validate: () => [],
  summary: (node) =>
    ({ str: "text", json: "JSON (streams partial objects)", list: "comma-separated list" })[node.data.parser],
  compile(node) {
    const parser: Runnable =
      node.data.parser === "json"
        ? new JsonOutputParser()
        : node.data.parser === "list"
          ? new CommaSeparatedListOutputParser()
          : new StrOutputParser();
    if (node.name) parser.name = node.name;
    return parser;
  },
};
