import { RunnableLambda, type RunnableConfig } from "../../core/index.ts";
import { LambdaCodeError, analyzeLambda } from "../lambda-code.ts";
import { type NodeDefinition, nodeProblem } from "../node-definition.ts";
import { INPUT_PORT } from "../ports.ts";

export const lambdaNode: NodeDefinition<"lambda"> = {
  type: "lambda",
  label: "Lambda",
  description:
    "Your JavaScript function: a plain function gets the whole input; an async function* transforms the stream.",
  defaultData: () => ({ code: "function transform(input) {\n  return input;\n}" }),
  inputs: () => [{ id: INPUT_PORT, label: "input", kind: "any" }],
  outputs: () => [{ id: "output", label: "output", kind: "any" }],
  fields: [{ key: "code", label: "Code", kind: "code" }],
  validate(node, path) {
    try {
      analyzeLambda(node.data.code);
      return [];
    } catch (err) {
      if (!(err instanceof LambdaCodeError)) throw err;
      return [nodeProblem(node, `${path}.data.code`, err.message)];
    }
  },
  summary: (node) => node.data.code.split("\n").slice(0, 3).join("\n"),
  compile(node, ctx) {
    const info = analyzeLambda(node.data.code);
    if (!ctx.codeRunner) {
      throw new Error(
        `Lambda "${node.name ?? info.name ?? node.id}" has code, but running code is not allowed here.`,
      );
    }
    const loaded = ctx.codeRunner.load(node.data.code);
    const fn = info.isGenerator
      ? async function* (inputs: AsyncIterable<unknown>, config: RunnableConfig) {
          yield* loaded.transform(inputs, config.signal);
        }
      : (input: unknown, config: RunnableConfig) => loaded.call(input, config.signal);
    // The run is named after the node, else the function (as the guide's `reverse_word`).
    Object.defineProperty(fn, "name", { value: node.name ?? info.name ?? "" });
    return RunnableLambda.from(fn);
  },
};
