import { AIMessage } from "./ai.ts";
import { BaseMessage, HumanMessage, SystemMessage } from "./base.ts";

export type MessageLike = BaseMessage | string | [string, string] | { role: string; content: string };

/** Turns the shapes LangChain accepts (a string, a [role, text] pair, {role, content}) into a message. */
export function coerceMessage(m: MessageLike): BaseMessage {
  if (m instanceof BaseMessage) return m;
  if (typeof m === "string") return new HumanMessage(m);
  const [role, content] = Array.isArray(m) ? m : [m.role, m.content];
  switch (role) {
    case "human":
    case "user":
      return new HumanMessage(content);
    case "ai":
    case "assistant":
      return new AIMessage(content);
    case "system":
      return new SystemMessage(content);
    default:
      throw new Error(`Unknown message role "${role}": expected human, ai or system.`);
  }
}
