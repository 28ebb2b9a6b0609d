import { BaseRetriever, type Document } from "../../core/index.ts";
import { Bm25Index } from "../bm25.ts";
import type { NodeDefinition } from "../node-definition.ts";
import { INPUT_PORT } from "../ports.ts";

/** An in-memory retriever ranking its documents with BM25. */
export class InMemoryRetriever extends BaseRetriever {
  override name = "InMemoryRetriever";
  private readonly index: Bm25Index;

  constructor(
    documents: Document[],
    readonly k: number,
  ) {
    super();
    this.index = new Bm25Index(documents);
  }

  getRelevantDocuments(query: string): Promise<Document[]> {
    return Promise.resolve(this.index.search(query, this.k));
  }
}

export const retrieverNode: NodeDefinition<"retriever"> = {
  type: "retriever",
  label: "Retriever",
  description: "Finds the documents most relevant to a query (BM25 over the documents you give it).",
  defaultData: () => ({ documents: [{ pageContent: "Parrots can live for more than 60 years." }], k: 4 }),
  inputs: () => [{ id: INPUT_PORT, label: "query", kind: "text" }],
  outputs: () => [{ id: "output", label: "documents", kind: "documents" }],
  fields: [
    { key: "documents", label: "Documents", kind: "documents" },
    { key: "k", label: "Top k", kind: "number", min: 1, step: 1 },
  ],
  validate: () => [],
  summary: (node) =>
    `${node.data.documents.length} document${node.data.documents.length === 1 ? "" : "s"} · top ${node.data.k ?? 4}`,
  compile(node) {
    const docs = node.data.documents.map((d) => ({ pageContent: d.pageContent, metadata: d.metadata ?? {} }));
    const retriever = new InMemoryRetriever(docs, node.data.k ?? 4);
    if (node.name) retriever.name = node.name;
    return retriever;
  },
};
