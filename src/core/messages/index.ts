export * from "./base.ts";
export * from "./ai.ts";
export { mergeMetadata } from "./merge.ts";
export { coerceMessage, type MessageLike } from "./coerce.ts";
export { ChatPromptValue } from "./prompt-value.ts";
