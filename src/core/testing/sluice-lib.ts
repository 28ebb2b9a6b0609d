/** Test-only: Sluice's side of the conformance `Lib` (the LangChain side lives in conformance.test.ts). */
import {
  AIMessageChunk,
  BaseRetriever,
  ChatPromptTemplate,
  type Document,
  JsonOutputParser,
  type PromptMessage,
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  RunnableSequence,
  ScriptedChatModel,
  StrOutputParser,
} from "../index.ts";
import type { AnyRunnable, DocumentFields, Lib } from "./conformance-harness.ts";

/** A retriever with fixed documents; LangChain's twin has the same class name. */
export class StaticRetriever extends BaseRetriever {
  constructor(private readonly docs: DocumentFields[]) {
    super();
  }

  getRelevantDocuments(): Promise<Document[]> {
    return Promise.resolve(this.docs.map((d) => ({ ...d })));
  }
}

const any = (r: unknown) => r as AnyRunnable;

export const sluiceLib: Lib = {
  name: "sluice",
  ChatPromptTemplate: {
    fromTemplate: (t) => any(ChatPromptTemplate.fromTemplate(t)),
    fromMessages: (m) => any(ChatPromptTemplate.fromMessages(m as PromptMessage[])),
  },
  StrOutputParser: StrOutputParser,
  JsonOutputParser: JsonOutputParser,
  RunnableLambda: { from: (fn) => any(RunnableLambda.from(fn as never)) },
  RunnableParallel: { from: (steps) => any(RunnableParallel.from(steps as never)) },
  RunnablePassthrough: RunnablePassthrough,
  RunnableSequence: { from: (steps) => any(RunnableSequence.from(steps as never)) },
  AIMessageChunk: AIMessageChunk,
  model: (chunks) => any(new ScriptedChatModel({ responses: [chunks], usage: false })),
  failingModel: (chunks, failAfter, message) =>
    any(
      new ScriptedChatModel({
        responses: [chunks],
        usage: false,
        failAfterChunks: failAfter,
        failMessage: message,
      }),
    ),
  retriever: (docs) => any(new StaticRetriever(docs)),
  canonicalName: (name) =>
    name === "ScriptedChatModel" ? "<model>" : name.startsWith("RunnableParallel<") ? "<map>" : name,
};
