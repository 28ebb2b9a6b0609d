import { type BaseMessage, ChatPromptValue, type Document, isBaseMessage } from "../core/index.ts";

/** A value as a person reads it: messages as "role: text", everything else pretty JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof ChatPromptValue)
    return value.messages.map((m) => `${m.type}: ${m.content}`).join("\n\n");
  if (isBaseMessage(value)) return value.content;
  return json(value, 2);
}

/** One line per value, as the guide prints stream chunks: strings quoted, objects as compact JSON. */
export function formatCompact(value: unknown): string {
  if (value instanceof ChatPromptValue) return value.toString();
  if (isBaseMessage(value)) return `${value.type}: ${JSON.stringify(value.content)}`;
  return json(value, 0);
}

function json(value: unknown, indent: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The messages in a value, when it is a prompt value or a list of messages. */
export function messagesOf(value: unknown): BaseMessage[] | undefined {
  if (value instanceof ChatPromptValue) return value.messages;
  if (Array.isArray(value) && value.length > 0 && value.every(isBaseMessage)) return value;
  return undefined;
}

/** The documents in a value, when it is what a retriever returns. */
export function documentsOf(value: unknown): Document[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const docs = value as unknown[];
  return docs.every(
    (d) => typeof d === "object" && d !== null && typeof (d as Document).pageContent === "string",
  )
    ? (docs as Document[])
    : undefined;
}

/** Role labels as LangChain prints them. */
export function roleLabel(type: string): string {
  return type === "human" ? "Human" : type === "ai" ? "AI" : type === "system" ? "System" : "Tool";
}
