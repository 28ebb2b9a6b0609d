/** Helper code the exported LangChain.js program carries, as source text. */

export const TO_JSON = `/** The output as JSON, shaped as \`sluice run\` prints it. */
function toJson(value: unknown): unknown {
  if (isBaseMessage(value)) {
    const m = value as any;
    const out: Record<string, unknown> = { type: value.getType(), content: value.content };
    if (m.id !== undefined) out.id = m.id;
    if (m.name !== undefined) out.name = m.name;
    if (value.getType() === "ai") {
      if (m.tool_calls?.length) out.tool_calls = m.tool_calls;
      if (m.usage_metadata) out.usage_metadata = m.usage_metadata;
      out.response_metadata = m.response_metadata ?? {};
    }
    return out;
  }
  if (value instanceof ChatPromptValue) return { messages: value.messages.map(toJson) };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.pageContent === "string") return { pageContent: o.pageContent, metadata: toJson(o.metadata ?? {}) };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}`;

export const SHARED = `/**
 * A node that feeds several others runs once per run, as in Sluice: the first of its \`consumers\`
 * calls runs it and the others share that result (all branches receive the same chain input).
 */
function shared(runnable: { invoke(input: any, config?: any): Promise<any> }, consumers: number) {
  const pending = new Map<unknown, { result: Promise<unknown>; left: number }>();
  return RunnableLambda.from((input: unknown, config: any) => {
    let entry = pending.get(input);
    if (!entry) pending.set(input, (entry = { result: runnable.invoke(input, config), left: consumers }));
    if (--entry.left === 0) pending.delete(input);
    return entry.result;
  });
}`;

export const ONE_CHUNK = `/** A value as an input stream of one chunk, for Sluice's \`async function*\` lambdas. */
async function* oneChunk<T>(value: T): AsyncGenerator<T> {
  yield value;
}`;

export const RETRIEVER = `/** Sluice's in-memory retriever: Okapi BM25 (k1 = 1.2, b = 0.75) over its documents. */
class InMemoryRetriever extends BaseRetriever {
  override lc_namespace = ["sluice", "retrievers"];
  private readonly documents: Document[];
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(
    documents: { pageContent: string; metadata: Record<string, unknown> }[],
    private readonly k: number,
  ) {
    super();
    this.documents = documents.map((d) => new Document(d));
    this.lengths = documents.map((doc, i) => {
      const words = tokenize(doc.pageContent);
      for (const w of words) {
        let p = this.postings.get(w);
        if (!p) this.postings.set(w, (p = new Map<number, number>()));
        p.set(i, (p.get(i) ?? 0) + 1);
      }
      return words.length;
    });
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const scores = new Map<number, number>();
    const n = this.documents.length;
    for (const word of new Set(tokenize(query))) {
      const p = this.postings.get(word);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      for (const [doc, tf] of p) {
        const norm = tf + 1.2 * (1 - 0.75 + (0.75 * (this.lengths[doc] ?? 0)) / (this.avgLength || 1));
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * 2.2) / norm);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.k)
      .map(([doc]) => this.documents[doc]!);
  }
}

function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\\p{L}\\p{N}]+/gu) ?? [];
}`;
