import {
  AIMessage,
  AIMessageChunk,
  BaseMessage,
  ChatPromptValue,
  HumanMessage,
  SystemMessage,
  plainRecord,
  toPlainJson,
} from "../core/index.ts";

/**
 * The CLI's output as plain JSON values, written out explicitly rather than left to `toJSON`:
 *
 * - a message is `{ type, content, id?, name?, ... }`; an AI message (or chunk) always has
 *   `response_metadata` (with `finish_reason` once the model sent it) and `usage_metadata` when known;
 * - a prompt value is `{ messages: [...] }`;
 * - a document is `{ pageContent, metadata }`;
 * - an Error is `{ name, message }`; `undefined` inside arrays and non-finite numbers become `null`
 *   (as `JSON.stringify` would), bigints become strings, Maps objects, Sets arrays, Dates ISO text;
 * - a value seen again inside itself is `"[Circular]"`.
 *
 * @example
 * JSON.stringify(toJsonValue(new AIMessageChunk("hi"))) // {"type":"ai","content":"hi","response_metadata":{}}
 */
export function toJsonValue(value: unknown): unknown {
  return toPlainJson(value, convertObject);
}

function convertObject(value: object, walk: (part: unknown) => unknown): unknown {
  if (value instanceof BaseMessage) return messageJson(value, walk);
  if (value instanceof ChatPromptValue) return { messages: value.messages.map((m) => messageJson(m, walk)) };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const record = value as Record<string, unknown>;
  if (typeof record.pageContent === "string") {
    // A document: exactly its text and metadata.
    return { pageContent: record.pageContent, metadata: walk(record.metadata ?? {}) ?? {} };
  }
  return plainRecord(Object.entries(record), walk);
}

function messageJson(m: BaseMessage, walk: (part: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { type: m.type, content: m.content };
  if (m.id !== undefined) out.id = m.id;
  if (m.name !== undefined) out.name = m.name;
  if (Object.keys(m.additional_kwargs).length > 0) out.additional_kwargs = walk(m.additional_kwargs);
  if (m instanceof AIMessage) {
    if (m.tool_calls.length > 0) out.tool_calls = walk(m.tool_calls);
    if (m instanceof AIMessageChunk && m.tool_call_chunks.length > 0) {
      out.tool_call_chunks = walk(m.tool_call_chunks);
    }
    if (m.usage_metadata) out.usage_metadata = walk(m.usage_metadata);
    out.response_metadata = walk(m.response_metadata);
  } else if (Object.keys(m.response_metadata).length > 0) {
    out.response_metadata = walk(m.response_metadata);
  }
  return out;
}

/** JSON text for one value, pretty (invoke) or on one line (stream and events). */
export function formatJson(value: unknown, pretty: boolean): string {
  const json = JSON.stringify(toJsonValue(value), null, pretty ? 2 : undefined);
  // A chain may end in `undefined` (a lambda that returns nothing): printed as null.
  return json ?? "null";
}

const MESSAGE_TYPES = new Set(["human", "ai", "system"]);

/**
 * What comes back from lambda code (plain JSON) as the runtime expects it: a value shaped like a
 * serialized message (`{ type: "ai", content: "..." }`), or a list of them, becomes messages again,
 * so a lambda can pass a model's answer on to a parser.
 */
export function reviveLambdaOutput(value: unknown): unknown {
  if (isMessageJson(value)) return messageFromJson(value);
  if (Array.isArray(value) && value.length > 0 && value.every(isMessageJson)) {
    return value.map(messageFromJson);
  }
  return value;
}

interface MessageJson {
  type: string;
  content: string;
  id?: unknown;
  name?: unknown;
  response_metadata?: unknown;
  usage_metadata?: unknown;
}

function isMessageJson(value: unknown): value is MessageJson {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && MESSAGE_TYPES.has(v.type) && typeof v.content === "string";
}

function messageFromJson(m: MessageJson): BaseMessage {
  const fields: { content: string; id?: string; name?: string } = { content: m.content };
  if (typeof m.id === "string") fields.id = m.id;
  if (typeof m.name === "string") fields.name = m.name;
  if (m.type === "human") return new HumanMessage(fields);
  if (m.type === "system") return new SystemMessage(fields);
  const ai = new AIMessageChunk(fields);
  if (isRecord(m.response_metadata)) ai.response_metadata = m.response_metadata;
  if (isUsage(m.usage_metadata)) ai.usage_metadata = m.usage_metadata;
  return ai;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isUsage(v: unknown): v is NonNullable<AIMessage["usage_metadata"]> {
  return (
    isRecord(v) &&
    typeof v.input_tokens === "number" &&
    typeof v.output_tokens === "number" &&
    typeof v.total_tokens === "number"
  );
}
