/** Chat messages with LangChain's names and shapes (docs/core.md#messages). */

export type MessageType = "human" | "ai" | "system" | "tool";

/** A complete tool call, assembled from streamed pieces. */
export interface ToolCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

/** A streamed piece of a tool call; `index` says which call it belongs to. */
export interface ToolCallChunk {
  index?: number;
  id?: string;
  name?: string;
  args?: string;
}

export interface UsageMetadata {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface MessageFields {
  content: string;
  id?: string;
  name?: string;
  additional_kwargs?: Record<string, unknown>;
  response_metadata?: Record<string, unknown>;
}

/** The serialized form used by the CLI, exports and event payloads. */
export interface SerializedMessage {
  type: MessageType;
  content: string;
  id?: string;
  name?: string;
  tool_calls?: ToolCall[];
  usage_metadata?: UsageMetadata;
  additional_kwargs?: Record<string, unknown>;
  response_metadata?: Record<string, unknown>;
}

export abstract class BaseMessage {
  abstract readonly type: MessageType;
  content: string;
  id: string | undefined;
  name: string | undefined;
  additional_kwargs: Record<string, unknown>;
  response_metadata: Record<string, unknown>;

  constructor(fields: string | MessageFields) {
    const f = typeof fields === "string" ? { content: fields } : fields;
    this.content = f.content;
    this.id = f.id;
    this.name = f.name;
    this.additional_kwargs = f.additional_kwargs ?? {};
    this.response_metadata = f.response_metadata ?? {};
  }

  /** LangChain's accessor for the message kind. */
  getType(): MessageType {
    return this.type;
  }

  /** The text of the message (content is always a string in Sluice). */
  get text(): string {
    return this.content;
  }

  toJSON(): SerializedMessage {
    const out: SerializedMessage = { type: this.type, content: this.content };
    if (this.id !== undefined) out.id = this.id;
    if (this.name !== undefined) out.name = this.name;
    if (Object.keys(this.additional_kwargs).length > 0) out.additional_kwargs = this.additional_kwargs;
    if (Object.keys(this.response_metadata).length > 0) out.response_metadata = this.response_metadata;
    return out;
  }
}

export class HumanMessage extends BaseMessage {
  readonly type = "human" as const;
}

export class SystemMessage extends BaseMessage {
  readonly type = "system" as const;
}

export function isBaseMessage(value: unknown): value is BaseMessage {
  return value instanceof BaseMessage;
}
