import { AIMessage } from "../messages/ai.ts";
import { type BaseMessage, HumanMessage, SystemMessage } from "../messages/base.ts";
import { type MessageLike, coerceMessage } from "../messages/coerce.ts";
import { ChatPromptValue } from "../messages/prompt-value.ts";
import type { RunType } from "../events.ts";
import { type RunContext, Runnable } from "../runnable.ts";
import {
  type ParsedTemplate,
  TemplateError,
  type TemplateFormat,
  formatTemplate,
  parseTemplate,
} from "./template.ts";

export type PromptRole = "system" | "human" | "ai" | "placeholder";
export type PromptMessage = [PromptRole | "user" | "assistant", string];

interface CompiledMessage {
  role: PromptRole;
  template: ParsedTemplate;
}

const ROLES: Record<string, PromptRole> = {
  system: "system",
  human: "human",
  user: "human",
  ai: "ai",
  assistant: "ai",
  placeholder: "placeholder",
};

/**
 * Formats variables into chat messages.
 *
 * @example
 * const prompt = ChatPromptTemplate.fromMessages([["system", "Be brief."], ["human", "tell me about {topic}"]]);
 * await prompt.invoke({ topic: "parrots" }); // ChatPromptValue with two messages
 */
export class ChatPromptTemplate extends Runnable<Record<string, unknown>, ChatPromptValue> {
  override readonly runType: RunType = "prompt";
  override name = "ChatPromptTemplate";
  readonly inputVariables: string[];
  private readonly compiled: CompiledMessage[];

  constructor(
    messages: PromptMessage[],
    readonly templateFormat: TemplateFormat = "f-string",
  ) {
    super();
    if (!Array.isArray(messages))
      throw new TemplateError("A chat prompt takes a list of [role, template] pairs.");
    if (templateFormat !== "f-string" && templateFormat !== "mustache") {
      throw new TemplateError(
        `Unknown template format "${String(templateFormat)}": use "f-string" or "mustache".`,
      );
    }
    this.compiled = messages.map((message, i) => {
      const [role, text] = asPair(message, i);
      const r = ROLES[role];
      if (!r)
        throw new TemplateError(
          `Message ${i + 1} has unknown role "${role}": use system, human, ai or placeholder.`,
        );
      const template = parseTemplate(text, templateFormat);
      if (r === "placeholder" && (template.parts.length !== 1 || !("variable" in template.parts[0]!))) {
        throw new TemplateError(
          `A placeholder must be a single variable such as "{history}", not "${text}".`,
        );
      }
      return { role: r, template };
    });
    const vars: string[] = [];
    for (const m of this.compiled) for (const v of m.template.variables) if (!vars.includes(v)) vars.push(v);
    this.inputVariables = vars;
  }

  static fromTemplate(
    template: string,
    options: { templateFormat?: TemplateFormat } = {},
  ): ChatPromptTemplate {
    return new ChatPromptTemplate([["human", template]], options.templateFormat);
  }

  /** As in LangChain, a bare string in the list is a human message template. */
  static fromMessages(
    messages: (PromptMessage | string)[],
    options: { templateFormat?: TemplateFormat } = {},
  ): ChatPromptTemplate {
    if (!Array.isArray(messages))
      throw new TemplateError("fromMessages takes a list of [role, template] pairs.");
    return new ChatPromptTemplate(
      messages.map((m): PromptMessage => (typeof m === "string" ? ["human", m] : m)),
      options.templateFormat,
    );
  }

  /** Formats without a run. A single-variable prompt also accepts the bare value. */
  formatMessages(input: unknown): BaseMessage[] {
    const values = this.coerceInput(input);
    const missing = this.inputVariables.filter(
      (v) =>
        !(v in values) &&
        !this.compiled.some((m) => m.role === "placeholder" && m.template.variables[0] === v),
    );
    if (missing.length > 0) {
      const list = missing.map((v) => `"${v}"`).join(", ");
      throw new TemplateError(
        `Prompt "${this.name}" is missing the variable${missing.length > 1 ? "s" : ""} ${list} (it takes ${this.inputVariables.join(", ")}; got ${Object.keys(values).join(", ") || "none"}).`,
      );
    }
    const out: BaseMessage[] = [];
    for (const m of this.compiled) {
      if (m.role === "placeholder") {
        const value = values[m.template.variables[0]!];
        if (value === undefined) continue;
        const list = Array.isArray(value) ? value : [value];
        for (const item of list) out.push(coerceMessage(item as MessageLike));
        continue;
      }
      const text = formatTemplate(m.template, values, this.templateFormat);
      out.push(
        m.role === "system"
          ? new SystemMessage(text)
          : m.role === "ai"
            ? new AIMessage(text)
            : new HumanMessage(text),
      );
    }
    return out;
  }

  protected _invoke(
    input: Record<string, unknown>,
    _ctx: RunContext<Record<string, unknown>>,
  ): Promise<ChatPromptValue> {
    return Promise.resolve(new ChatPromptValue(this.formatMessages(input)));
  }

  private coerceInput(input: unknown): Record<string, unknown> {
    if (input !== null && typeof input === "object" && !Array.isArray(input))
      return input as Record<string, unknown>;
    if (this.inputVariables.length === 1) return { [this.inputVariables[0]!]: input };
    throw new TemplateError(
      `Prompt "${this.name}" takes an object with ${this.inputVariables.join(", ") || "no variables"}, but got ${input === null ? "null" : typeof input}.`,
    );
  }
}

/** A message entry as a [role, template] pair, or a clear error naming the entry. */
function asPair(message: unknown, i: number): [string, string] {
  if (Array.isArray(message) && message.length === 2 && typeof message[0] === "string") {
    return message as [string, string];
  }
  const got =
    message === null ? "null" : Array.isArray(message) ? `an array of ${message.length}` : typeof message;
  throw new TemplateError(`Message ${i + 1} must be a [role, template] pair, but got ${got}.`);
}
