/**
 * Runtime values as plain JSON data and back, for storing a run (its events, outputs and node
 * values) and reading it later with the same classes: an `AIMessageChunk` comes back an
 * `AIMessageChunk`, so code that checks `instanceof` (the run recorder, node views) works the same.
 *
 * Class instances are stored as tagged objects (`{ "$sluice": "message", ... }`); a plain object
 * that happens to own the tag key is wrapped, so no user value can be mistaken for one.
 */
import { AIMessage, AIMessageChunk, type AIMessageChunkFields } from "./ai.ts";
import {
  BaseMessage,
  HumanMessage,
  type MessageFields,
  SystemMessage,
  type ToolCall,
  type ToolCallChunk,
  type UsageMetadata,
} from "./base.ts";
import { ChatPromptValue } from "./prompt-value.ts";
import { plainRecord, toPlainJson } from "../plain-json.ts";

const TAG = "$sluice";
type MessageClass = "HumanMessage" | "SystemMessage" | "AIMessage" | "AIMessageChunk";

/**
 * A copy of `value` made only of JSON data (objects, arrays, strings, finite numbers, booleans,
 * null), with messages and prompt values tagged for `reviveStoredValue`. Follows `JSON.stringify`
 * for the rest: `toJSON` is honoured, functions and `undefined` are dropped (null inside arrays),
 * non-finite numbers become null; bigints become strings, Maps objects, Sets arrays, Errors
 * `{ name, message }`, and a value met again inside itself `"[Circular]"`.
 *
 * @example
 * const stored = toStoredValue([new AIMessageChunk("Hi")]); // plain data, safe to JSON.stringify
 * reviveStoredValue(stored); // [AIMessageChunk { content: "Hi", ... }]
 */
export function toStoredValue(value: unknown): unknown {
  return toPlainJson(value, storeObject);
}

/** The inverse of `toStoredValue`: tagged objects become messages and prompt values again. */
export function reviveStoredValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveStoredValue);
  if (!isRecord(value)) return value;
  switch (value[TAG]) {
    case undefined:
      return plainRecord(Object.entries(value), reviveStoredValue);
    case "message":
      return reviveMessage(value);
    case "prompt-value":
      return new ChatPromptValue(
        (Array.isArray(value.messages) ? value.messages : [])
          .map(reviveStoredValue)
          .filter((m): m is BaseMessage => m instanceof BaseMessage),
      );
    case "date":
      return new Date(typeof value.time === "number" ? value.time : Number.NaN);
    case "object":
      return isRecord(value.value) ? plainRecord(Object.entries(value.value), reviveStoredValue) : {};
    default:
      // A tag from a newer version: keep the data rather than lose it.
      return plainRecord(Object.entries(value), reviveStoredValue);
  }
}

function storeObject(value: object, walk: (part: unknown) => unknown): unknown {
  if (value instanceof BaseMessage) return storeMessage(value, walk);
  if (value instanceof ChatPromptValue)
    return { [TAG]: "prompt-value", messages: value.messages.map((m) => storeMessage(m, walk)) };
  if (value instanceof Date) return { [TAG]: "date", time: walk(value.getTime()) };
  const withJson = value as { toJSON?: unknown };
  if (typeof withJson.toJSON === "function") return walk((withJson.toJSON as () => unknown)());
  const record = plainRecord(Object.entries(value), walk);
  return Object.hasOwn(record, TAG) ? { [TAG]: "object", value: record } : record;
}

function storeMessage(m: BaseMessage, walk: (part: unknown) => unknown): Record<string, unknown> {
  const cls: MessageClass =
    m instanceof AIMessageChunk
      ? "AIMessageChunk"
      : m instanceof AIMessage
        ? "AIMessage"
        : m instanceof SystemMessage
          ? "SystemMessage"
          : "HumanMessage";
  const fields: Record<string, unknown> = { ...m.toJSON() };
  if (m instanceof AIMessageChunk && m.tool_call_chunks.length > 0)
    fields.tool_call_chunks = m.tool_call_chunks;
  return { [TAG]: "message", class: cls, fields: walk(fields) };
}

function reviveMessage(value: Record<string, unknown>): BaseMessage | Record<string, unknown> {
  const f = isRecord(value.fields) ? value.fields : {};
  if (typeof f.content !== "string") return plainRecord(Object.entries(value), reviveStoredValue);
  const fields: AIMessageChunkFields = { content: f.content };
  if (typeof f.id === "string") fields.id = f.id;
  if (typeof f.name === "string") fields.name = f.name;
  if (isRecord(f.additional_kwargs)) fields.additional_kwargs = f.additional_kwargs;
  if (isRecord(f.response_metadata)) fields.response_metadata = f.response_metadata;
  const base: MessageFields = { ...fields };
  if (Array.isArray(f.tool_calls)) fields.tool_calls = f.tool_calls as ToolCall[];
  if (isRecord(f.usage_metadata)) fields.usage_metadata = f.usage_metadata as unknown as UsageMetadata;
  if (Array.isArray(f.tool_call_chunks)) fields.tool_call_chunks = f.tool_call_chunks as ToolCallChunk[];
  switch (value.class as MessageClass) {
    case "AIMessageChunk":
      return new AIMessageChunk(fields);
    case "AIMessage":
      return new AIMessage(fields);
    case "SystemMessage":
      return new SystemMessage(base);
    default:
      return new HumanMessage(base);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
