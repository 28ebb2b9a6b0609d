import {
  BaseMessage,
  type MessageFields,
  type SerializedMessage,
  type ToolCall,
  type ToolCallChunk,
  type UsageMetadata,
} from "./base.ts";
import { mergeMetadata } from "./merge.ts";
import { parsePartialJson } from "../parsers/partial-json.ts";

export interface AIMessageFields extends MessageFields {
  tool_calls?: ToolCall[];
  usage_metadata?: UsageMetadata;
}

export interface AIMessageChunkFields extends AIMessageFields {
  tool_call_chunks?: ToolCallChunk[];
}

export class AIMessage extends BaseMessage {
  readonly type = "ai" as const;
  tool_calls: ToolCall[];
  usage_metadata: UsageMetadata | undefined;

  constructor(fields: string | AIMessageFields) {
    super(fields);
    const f: AIMessageFields = typeof fields === "string" ? { content: fields } : fields;
    this.tool_calls = f.tool_calls ?? [];
    this.usage_metadata = f.usage_metadata;
  }

  override toJSON(): SerializedMessage {
    const out = super.toJSON();
    if (this.tool_calls.length > 0) out.tool_calls = this.tool_calls;
    if (this.usage_metadata) out.usage_metadata = this.usage_metadata;
    return out;
  }
}

/**
 * A streamed piece of an AI message. Pieces add up with `concat`: content appends, the first id
 * wins, usage sums, metadata merges, tool-call pieces join by index.
 *
 * @example
 * new AIMessageChunk("Hel").concat(new AIMessageChunk("lo")).content // "Hello"
 */
export class AIMessageChunk extends AIMessage {
  tool_call_chunks: ToolCallChunk[];

  constructor(fields: string | AIMessageChunkFields) {
    super(fields);
    const f: AIMessageChunkFields = typeof fields === "string" ? { content: fields } : fields;
    this.tool_call_chunks = f.tool_call_chunks ?? [];
    if (this.tool_call_chunks.length > 0 && this.tool_calls.length === 0) {
      this.tool_calls = toolCallsFromChunks(this.tool_call_chunks);
    }
  }

  concat(other: AIMessageChunk): AIMessageChunk {
    const fields: AIMessageChunkFields = { content: this.content + other.content };
    const id = this.id || other.id;
    if (id) fields.id = id;
    const name = this.name ?? other.name;
    if (name !== undefined) fields.name = name;
    if (hasKeys(this.additional_kwargs) || hasKeys(other.additional_kwargs)) {
      fields.additional_kwargs = mergeMetadata(this.additional_kwargs, other.additional_kwargs);
    }
    if (hasKeys(this.response_metadata) || hasKeys(other.response_metadata)) {
      fields.response_metadata = mergeMetadata(this.response_metadata, other.response_metadata);
    }
    const usage = addUsage(this.usage_metadata, other.usage_metadata);
    if (usage) fields.usage_metadata = usage;
    if (this.tool_call_chunks.length > 0 || other.tool_call_chunks.length > 0) {
      fields.tool_call_chunks = mergeToolCallChunks(this.tool_call_chunks, other.tool_call_chunks);
    } else if (this.tool_calls.length > 0 || other.tool_calls.length > 0) {
      fields.tool_calls = [...this.tool_calls, ...other.tool_calls];
    }
    return new AIMessageChunk(fields);
  }
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

function addUsage(a: UsageMetadata | undefined, b: UsageMetadata | undefined): UsageMetadata | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

function mergeToolCallChunks(a: ToolCallChunk[], b: ToolCallChunk[]): ToolCallChunk[] {
  const out = a.map((c) => ({ ...c }));
  for (const piece of b) {
    const same = out.find((c) => c.index !== undefined && c.index === piece.index);
    if (!same) {
      out.push({ ...piece });
      continue;
    }
    if (piece.args) same.args = (same.args ?? "") + piece.args;
    if (piece.name && !same.name) same.name = piece.name;
    if (piece.id && !same.id) same.id = piece.id;
  }
  return out;
}

/** Tool calls from joined pieces; incomplete arguments give a partial object, as LangChain does. */
function toolCallsFromChunks(chunks: ToolCallChunk[]): ToolCall[] {
  return chunks.map((c) => {
    const parsed = c.args ? parsePartialJson(c.args) : {};
    const args = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
    const call: ToolCall = { name: c.name ?? "", args: args as Record<string, unknown> };
    if (c.id !== undefined) call.id = c.id;
    return call;
  });
}

export function isAIMessageChunk(value: unknown): value is AIMessageChunk {
  return value instanceof AIMessageChunk;
}
