import { ChatPromptValue, isBaseMessage } from "../core/index.ts";

/** A value as a person reads it: messages as "role: text", everything else pretty JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof ChatPromptValue)
    return value.messages.map((m) => `${m.type}: ${m.content}`).join("\n\n");
  if (isBaseMessage(value)) return value.content;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
