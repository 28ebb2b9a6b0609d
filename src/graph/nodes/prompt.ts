import { ChatPromptTemplate, TemplateError, parseTemplate } from "../../core/index.ts";
import { type NodeDefinition, nodeProblem } from "../node-definition.ts";
import type { NodeOfType } from "../schema.ts";

type PromptNode = NodeOfType<"prompt">;

/** The template variables of a prompt, in order of first use; empty when a template is invalid. */
export function promptVariables(node: PromptNode): string[] {
  const vars: string[] = [];
  for (const m of node.data.messages) {
    try {
      for (const v of parseTemplate(m.template, node.data.templateFormat).variables)
        if (!vars.includes(v)) vars.push(v);
    } catch {
      // An invalid template has no ports until it is fixed; validation reports it.
    }
  }
  return vars;
}

export const promptNode: NodeDefinition<"prompt"> = {
  type: "prompt",
  label: "Prompt",
  description: "Formats input variables into chat messages. Each {variable} becomes an input.",
  defaultData: () => ({ messages: [{ role: "human", template: "Tell me about {topic}" }] }),
  inputs: (node) => promptVariables(node).map((v) => ({ id: v, label: v, kind: "any" })),
  outputs: () => [{ id: "output", label: "prompt", kind: "prompt" }],
  fields: [
    { key: "messages", label: "Messages", kind: "messages" },
    { key: "templateFormat", label: "Template format", kind: "select", options: ["f-string", "mustache"] },
  ],
  validate(node, path) {
    const problems = [];
    if (node.data.messages.length === 0)
      problems.push(nodeProblem(node, `${path}.data.messages`, "a prompt needs at least one message"));
    node.data.messages.forEach((m, i) => {
      try {
        const parsed = parseTemplate(m.template, node.data.templateFormat);
        // The same rule ChatPromptTemplate applies: one variable and nothing around it.
        const only = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
        if (m.role === "placeholder" && !(only && "variable" in only)) {
          problems.push(
            nodeProblem(
              node,
              `${path}.data.messages[${i}].template`,
              'a placeholder is one variable, such as "{history}"',
            ),
          );
        }
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        problems.push(nodeProblem(node, `${path}.data.messages[${i}].template`, err.message));
      }
    });
    return problems;
  },
  summary: (node) => node.data.messages.map((m) => `${m.role}: ${m.template}`).join("\n"),
  compile(node) {
    const prompt = ChatPromptTemplate.fromMessages(
      node.data.messages.map((m) => [m.role, m.template]),
      node.data.templateFormat ? { templateFormat: node.data.templateFormat } : {},
    );
    if (node.name) prompt.name = node.name;
    return prompt;
  },
};
