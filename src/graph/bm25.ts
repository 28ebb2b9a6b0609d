import type { Document } from "../core/index.ts";

/** Words for ranking: lower-cased letters and digits, any script. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Okapi BM25 over in-memory documents (k1 = 1.2, b = 0.75). Built once per retriever; a query
 * costs time proportional to the postings of its words.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(readonly documents: Document[]) {
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

  /** The top `k` documents for `query`, best first; ties keep document order. */
  search(query: string, k: number): Document[] {
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
      .slice(0, k)
      .map(([doc]) => this.documents[doc]!);
  }
}
