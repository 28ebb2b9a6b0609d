/** Sluice core: the framework-free streaming runtime (docs/core.md). */
import "./runnables/sequence.ts";
import "./runnables/binding.ts";
import "./runnables/coerce.ts";

export { Runnable, type RunContext, type RunnableLike, type BatchOptions } from "./runnable.ts";
export { RunnableSequence } from "./runnables/sequence.ts";
export { RunnableParallel } from "./runnables/parallel.ts";
export { RunnableLambda } from "./runnables/lambda.ts";
export { RunnablePassthrough } from "./runnables/passthrough.ts";
export { RunnableBinding } from "./runnables/binding.ts";
export { coerceToRunnable } from "./runnables/coerce.ts";
export { type RunnableConfig, abortError, throwIfAborted } from "./config.ts";
export * from "./events.ts";
export * from "./messages/index.ts";
export { toStoredValue, reviveStoredValue } from "./messages/revive.ts";
export { toPlainJson, plainRecord } from "./plain-json.ts";
export { ChatPromptTemplate, type PromptMessage, type PromptRole } from "./prompts/chat-prompt.ts";
export { parseTemplate, formatTemplate, TemplateError, type TemplateFormat } from "./prompts/template.ts";
export { StrOutputParser } from "./parsers/str.ts";
export { JsonOutputParser } from "./parsers/json.ts";
export { CommaSeparatedListOutputParser } from "./parsers/list.ts";
export { IncrementalJsonParser, parsePartialJson } from "./parsers/partial-json.ts";
export {
  BaseChatModel,
  toMessages,
  type ChatModelInput,
  type ChatModelDescription,
  type ChatModelStreamOptions,
} from "./models/chat-model.ts";
export {
  ScriptedChatModel,
  splitResponse,
  type ScriptedChatModelOptions,
  type Chunking,
} from "./models/scripted.ts";
export { BaseRetriever, type Document } from "./retrievers/retriever.ts";
export { type Aggregator, concatAggregator, lastValueAggregator, gather } from "./aggregate.ts";
export { tee, single, AsyncQueue } from "./stream.ts";
export type { CodeRunner, LoadedLambda } from "./host.ts";
