import type { BaseMessage } from "./base.ts";

/** A formatted chat prompt: what a prompt template outputs and a chat model takes. */
export class ChatPromptValue {
  constructor(readonly messages: BaseMessage[]) {}

  toChatMessages(): BaseMessage[] {
    return this.messages;
  }

  toString(): string {
    return this.messages.map((m) => `${label(m.type)}: ${m.content}`).join("\n");
  }

  toJSON(): { messages: ReturnType<BaseMessage["toJSON"]>[] } {
    return { messages: this.messages.map((m) => m.toJSON()) };
  }
}

function label(type: string): string {
  return type === "human" ? "Human" : type === "ai" ? "AI" : type === "system" ? "System" : "Tool";
}
