import { ScriptedChatModel, type ScriptedChatModelOptions } from "../../core/index.ts";
import { type NodeDefinition, nodeProblem } from "../node-definition.ts";
import { INPUT_PORT } from "../ports.ts";

const remote = (data: Record<string, unknown>) => data.provider !== "scripted";

export const modelNode: NodeDefinition<"model"> = {
  type: "model",
  label: "Model",
  description: "A chat model that streams its answer token by token (offline scripted, or a provider).",
  defaultData: () => ({
    provider: "scripted",
    model: "scripted",
    script: {
      responses: ["Why did the parrot sit on the broom? It wanted to be a polly-sweeper."],
      tokensPerSecond: 30,
    },
  }),
  inputs: () => [{ id: INPUT_PORT, label: "prompt", kind: "prompt" }],
  outputs: () => [{ id: "output", label: "message", kind: "message" }],
  fields: [
    {
      key: "provider",
      label: "Provider",
      kind: "select",
      options: ["scripted", "openai", "openai-compatible", "anthropic", "google", "ollama"],
    },
    { key: "model", label: "Model", kind: "text" },
    {
      key: "baseUrl",
      label: "Base URL",
      kind: "url",
      visible: remote,
      help: "Leave empty for the provider's default.",
    },
    {
      key: "params.temperature",
      label: "Temperature",
      kind: "number",
      min: 0,
      max: 2,
      step: 0.1,
      visible: remote,
    },
    { key: "params.maxTokens", label: "Max tokens", kind: "number", min: 1, step: 1, visible: remote },
    { key: "params.topP", label: "Top P", kind: "number", min: 0, max: 1, step: 0.05, visible: remote },
    { key: "params.stop", label: "Stop sequences", kind: "string-list", visible: remote },
    { key: "script.responses", label: "Scripted responses", kind: "string-list", visible: (d) => !remote(d) },
    {
      key: "script.tokensPerSecond",
      label: "Tokens per second",
      kind: "number",
      min: 0,
      visible: (d) => !remote(d),
    },
    {
      key: "script.firstTokenMs",
      label: "First token after (ms)",
      kind: "number",
      min: 0,
      visible: (d) => !remote(d),
    },
  ],
  validate(node, path) {
    if (node.data.provider === "scripted" && !node.data.script) {
      return [
        nodeProblem(
          node,
          `${path}.data.script`,
          "a scripted model needs a script with at least one response",
        ),
      ];
    }
    const chunking = node.data.script?.chunking;
    if (chunking !== undefined && typeof chunking === "object") {
      try {
        // The scripted model splits with this flag set; an invalid pattern would only fail at compile time.
        new RegExp(chunking.regex, "gu");
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        return [
          nodeProblem(
            node,
            `${path}.data.script.chunking.regex`,
            `not a valid regular expression: ${reason}`,
          ),
        ];
      }
    }
    return [];
  },
  summary: (node) => `${node.data.provider} · ${node.data.model}`,
  compile(node, ctx) {
    if (node.data.provider === "scripted") {
      const script = node.data.script;
      if (!script) throw new Error(`Model "${node.name ?? node.id}" is scripted but has no script.`);
      const options: ScriptedChatModelOptions = { responses: script.responses, model: node.data.model };
      if (script.chunking !== undefined) options.chunking = script.chunking;
      if (script.firstTokenMs !== undefined) options.firstTokenMs = script.firstTokenMs;
      if (script.tokensPerSecond !== undefined) options.tokensPerSecond = script.tokensPerSecond;
      if (script.failAfterChunks !== undefined) options.failAfterChunks = script.failAfterChunks;
      if (script.failMessage !== undefined) options.failMessage = script.failMessage;
      const model = new ScriptedChatModel(options);
      if (node.name) model.name = node.name;
      return model;
    }
    if (!ctx.createChatModel) {
      throw new Error(
        `Model "${node.name ?? node.id}" uses ${node.data.provider}, but no model providers were given to the compiler.`,
      );
    }
    const model = ctx.createChatModel(node.data);
    if (node.name) model.name = node.name;
    return model;
  },
};
