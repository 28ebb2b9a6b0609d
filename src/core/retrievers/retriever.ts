import type { RunType } from "../events.ts";
import { type RunContext, Runnable } from "../runnable.ts";

/** A piece of text with metadata, as retrievers return it. */
export interface Document {
  pageContent: string;
  metadata: Record<string, unknown>;
}

/** The base of retrievers: a query in, documents out, reported as `on_retriever_*` events. */
export abstract class BaseRetriever extends Runnable<string, Document[]> {
  override readonly runType: RunType = "retriever";

  abstract getRelevantDocuments(query: string, config: RunContext["config"]): Promise<Document[]>;

  protected _invoke(input: string, ctx: RunContext<string>): Promise<Document[]> {
    if (typeof input !== "string") {
      throw new TypeError(
        `${this.name} takes a query string, but got ${input === null ? "null" : typeof input}.`,
      );
    }
    return this.getRelevantDocuments(input, ctx.config);
  }

  protected override eventInput(input: string): unknown {
    return { query: input };
  }
}
