/**
 * Values cross the sandbox boundary as plain data only (docs/sandbox.md#values): strings, numbers,
 * booleans, null, undefined, arrays and plain objects. Messages travel in their serialized form
 * (`{ type: "ai", content: "...", ... }`) and become message objects again on the way back.
 */
import {
  AIMessageChunk,
  type AIMessageChunkFields,
  BaseMessage,
  ChatPromptValue,
  HumanMessage,
  SystemMessage,
  isAIMessageChunk,
} from "../../core/index.ts";
import { SandboxError } from "./errors.ts";

/**
 * Converts `value` as `JSON.parse(JSON.stringify(value))` would (`toJSON` is honoured; functions,
 * symbols and `undefined` are left out of objects and become `null` in arrays), except that:
 * numbers stay as they are (NaN, Infinity), a top-level `undefined` stays `undefined`, and what
 * JSON would silently mangle is an error naming where it was: a top-level function or symbol, a
 * BigInt, a Map, Set, RegExp, Error, typed array or other non-plain object, a circular reference,
 * nesting deeper than 100. `special` may replace an object before the generic rules (the page uses
 * it for message chunks).
 *
 * Runs inside the sandbox worker too (it is turned into source text): keep it self-contained.
 */
export function toPlainData(value: unknown, special?: (value: object) => unknown): unknown {
  const skip = Symbol("skip");
  const ancestors: object[] = [];
  const refuse = (what: string, path: string): never => {
    throw new TypeError(
      `${what} at ${path} cannot cross the sandbox boundary: use plain objects, arrays, strings, numbers, booleans and null`,
    );
  };
  const convert = (
    v: unknown,
    path: string,
    depth: number,
    place: "top" | "array" | "object",
    json: boolean,
  ): unknown => {
    switch (typeof v) {
      case "string":
      case "number":
      case "boolean":
        return v;
      case "bigint":
        return refuse("a BigInt", path);
      case "undefined":
      case "function":
      case "symbol":
        if (place === "object") return skip;
        if (place === "array") return null;
        return typeof v === "undefined" ? undefined : refuse(`a ${typeof v}`, path);
    }
    if (v === null) return null;
    const obj = v as object;
    if (depth > 100) return refuse("nesting deeper than 100 levels", path);
    if (ancestors.includes(obj)) return refuse("a circular reference", path);
    if (special && json) {
      const replaced = special(obj);
      if (replaced !== undefined) return convert(replaced, path, depth, place, false);
    }
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (json && typeof toJSON === "function") {
      return convert(toJSON.call(obj) as unknown, path, depth, place, false);
    }
    ancestors.push(obj);
    try {
      if (Array.isArray(obj)) {
        const items = obj as unknown[];
        const out: unknown[] = [];
        for (let i = 0; i < items.length; i++)
          out.push(convert(items[i], `${path}[${i}]`, depth + 1, "array", true));
        return out;
      }
      const tag = Object.prototype.toString.call(obj).slice(8, -1);
      if (tag !== "Object") return refuse(`a ${tag}`, path);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        const item = convert(
          (obj as Record<string, unknown>)[key],
          `${path}.${key}`,
          depth + 1,
          "object",
          true,
        );
        if (item !== skip)
          Object.defineProperty(out, key, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    } finally {
      ancestors.pop();
    }
  };
  return convert(value, "$", 0, "top", true);
}

/** A lambda's input as it enters the sandbox: messages as their serialized form, then plain data. */
export function encodeForSandbox(value: unknown): unknown {
  try {
    return toPlainData(value, (v) => {
      // AIMessageChunk.toJSON leaves the tool-call pieces out; keep them so a chunk survives the trip.
      if (!isAIMessageChunk(v) || v.tool_call_chunks.length === 0) return undefined;
      return { ...v.toJSON(), tool_call_chunks: v.tool_call_chunks };
    });
  } catch (err) {
    throw new SandboxError(`A lambda's input: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A value that came back from the sandbox, checked and revived. The structured clone comes from
 * code we do not trust, so anything but plain data is refused; serialized messages become
 * `HumanMessage`, `SystemMessage` or `AIMessageChunk`, and `{ messages: [...] }` of them a
 * `ChatPromptValue`, so a lambda that passes its input through changes nothing downstream.
 */
export function decodeFromSandbox(value: unknown, label: string): unknown {
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (v === null || v === undefined) return v;
    switch (typeof v) {
      case "string":
      case "number":
      case "boolean":
        return v;
      case "object":
        break;
      default:
        throw refused(`a ${typeof v}`, path);
    }
    if (depth > 100) throw refused("nesting deeper than 100 levels", path);
    const proto: unknown = Object.getPrototypeOf(v);
    if (Array.isArray(v) && proto === Array.prototype) {
      const items = v as unknown[];
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) out.push(walk(items[i], `${path}[${i}]`, depth + 1));
      return out;
    }
    if (proto !== Object.prototype && proto !== null) {
      throw refused(`a ${Object.prototype.toString.call(v).slice(8, -1)}`, path);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const item = walk((v as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return reviveMessage(out) ?? revivePromptValue(out) ?? out;
  };
  const refused = (what: string, path: string) =>
    new SandboxError(`${label} sent ${what} at ${path}, which is not plain data.`);
  return walk(value, "$", 0);
}

const MESSAGE_KEYS = new Set([
  "type",
  "content",
  "id",
  "name",
  "tool_calls",
  "tool_call_chunks",
  "usage_metadata",
  "additional_kwargs",
  "response_metadata",
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A message from its serialized form, or undefined when `o` is not exactly one. */
export function reviveMessage(o: Record<string, unknown>): BaseMessage | undefined {
  const { type, content, id, name, additional_kwargs, response_metadata } = o;
  if (type !== "human" && type !== "ai" && type !== "system") return undefined;
  if (typeof content !== "string") return undefined;
  for (const key of Object.keys(o)) if (!MESSAGE_KEYS.has(key)) return undefined;
  const fields: AIMessageChunkFields = { content };
  if (id !== undefined) {
    if (typeof id !== "string") return undefined;
    fields.id = id;
  }
  if (name !== undefined) {
    if (typeof name !== "string") return undefined;
    fields.name = name;
  }
  if (additional_kwargs !== undefined) {
    if (!isRecord(additional_kwargs)) return undefined;
    fields.additional_kwargs = additional_kwargs;
  }
  if (response_metadata !== undefined) {
    if (!isRecord(response_metadata)) return undefined;
    fields.response_metadata = response_metadata;
  }
  if (type === "human" || type === "system") {
    if (o.tool_calls !== undefined || o.tool_call_chunks !== undefined || o.usage_metadata !== undefined) {
      return undefined;
    }
    return type === "human" ? new HumanMessage(fields) : new SystemMessage(fields);
  }
  const { tool_calls, tool_call_chunks, usage_metadata } = o;
  if (tool_calls !== undefined) {
    if (!Array.isArray(tool_calls) || !tool_calls.every(isToolCall)) return undefined;
    fields.tool_calls = tool_calls;
  }
  if (tool_call_chunks !== undefined) {
    if (!Array.isArray(tool_call_chunks) || !tool_call_chunks.every(isRecord)) return undefined;
    fields.tool_call_chunks = tool_call_chunks;
  }
  if (usage_metadata !== undefined) {
    if (!isUsage(usage_metadata)) return undefined;
    fields.usage_metadata = usage_metadata;
  }
  return new AIMessageChunk(fields);
}

function isToolCall(v: unknown): v is { name: string; args: Record<string, unknown>; id?: string } {
  return (
    isRecord(v) &&
    typeof v.name === "string" &&
    isRecord(v.args) &&
    (v.id === undefined || typeof v.id === "string")
  );
}

function isUsage(v: unknown): v is { input_tokens: number; output_tokens: number; total_tokens: number } {
  return (
    isRecord(v) &&
    typeof v.input_tokens === "number" &&
    typeof v.output_tokens === "number" &&
    typeof v.total_tokens === "number"
  );
}

function revivePromptValue(o: Record<string, unknown>): ChatPromptValue | undefined {
  const keys = Object.keys(o);
  if (keys.length !== 1 || keys[0] !== "messages") return undefined;
  const messages = o.messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  if (!messages.every((m) => m instanceof BaseMessage)) return undefined;
  return new ChatPromptValue(messages);
}
