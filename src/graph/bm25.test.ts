import { describe, expect, it } from "vitest";
import type { Document } from "../core/index.ts";
import { Bm25Index, tokenize } from "./bm25.ts";
import { compileDocument } from "./compile.ts";
import { chain, edge, passthrough, prompt, retriever } from "./fixtures/builders.ts";
import { collect } from "./fixtures/plain-events.ts";
import { InMemoryRetriever } from "./nodes/retriever.ts";

const docs = (...texts: string[]): Document[] =>
  texts.map((pageContent, i) => ({ pageContent, metadata: { i } }));
const texts = (found: Document[]) => found.map((d) => d.pageContent);

describe("tokenize", () => {
  it("lower-cases letters and digits of any script and drops the rest", () => {
    expect(tokenize("Where did Harrison WORK? (2024)")).toEqual(["where", "did", "harrison", "work", "2024"]);
    expect(tokenize("Ünïcödé — café, naïve; Straße")).toEqual(["ünïcödé", "café", "naïve", "straße"]);
    expect(tokenize("東京 と Москва, ٣٤٥")).toEqual(["東京", "と", "москва", "٣٤٥"]);
    expect(tokenize("🦜 ... !!!")).toEqual([]);
  });
});

describe("Bm25Index", () => {
  const corpus = docs(
    "harrison worked at kensho",
    "harrison likes spicy food",
    "bears like honey and salmon",
    "kensho is a company in cambridge; kensho builds search",
    "the food at kensho is spicy",
  );
  const index = new Bm25Index(corpus);

  it("ranks documents that share more (and rarer) words higher", () => {
    // Worked by hand (k1 = 1.2, b = 0.75, average length 5.6): 2.59, 1.37, 0.99, 0.63.
    expect(texts(index.search("where did harrison work at kensho", 5))).toEqual([
      "harrison worked at kensho",
      "the food at kensho is spicy",
      "harrison likes spicy food",
      "kensho is a company in cambridge; kensho builds search",
    ]);
    expect(texts(index.search("honey", 5))).toEqual(["bears like honey and salmon"]);
  });

  it("prefers a rare word over a common one", () => {
    // "kensho" is in three documents, "cambridge" in one.
    expect(texts(index.search("kensho cambridge", 1))).toEqual([
      "kensho is a company in cambridge; kensho builds search",
    ]);
    expect(texts(index.search("spicy harrison", 1))).toEqual(["harrison likes spicy food"]);
  });

  it("normalises by length: the same word counts more in a shorter document", () => {
    const i = new Bm25Index(docs("spam eggs eggs eggs eggs eggs", "spam", "spam eggs"));
    expect(texts(i.search("spam", 3))).toEqual(["spam", "spam eggs", "spam eggs eggs eggs eggs eggs"]);
  });

  it("counts repeated words with diminishing returns", () => {
    // Equal lengths; eight occurrences beat four, but score less than twice as much: a third word
    // that only the four-times document has then wins.
    const i = new Bm25Index(
      docs("spam spam spam spam spam spam spam spam", "spam spam spam spam ham x x x", "x x x x x x x x"),
    );
    expect(texts(i.search("spam", 2))).toEqual([
      "spam spam spam spam spam spam spam spam",
      "spam spam spam spam ham x x x",
    ]);
    expect(texts(i.search("spam ham", 1))).toEqual(["spam spam spam spam ham x x x"]);
  });

  it("returns at most k documents, best first", () => {
    expect(index.search("kensho", 2)).toHaveLength(2);
    expect(index.search("kensho", 1)).toHaveLength(1);
    expect(index.search("kensho", 100)).toHaveLength(3);
  });

  it("keeps document order between equal scores (stable ties)", () => {
    const same = new Bm25Index(docs("alpha one", "alpha two", "alpha six", "beta"));
    expect(texts(same.search("alpha", 3))).toEqual(["alpha one", "alpha two", "alpha six"]);
    expect(texts(same.search("alpha", 2))).toEqual(["alpha one", "alpha two"]);
    const dup = new Bm25Index(docs("x y", "x y", "x y"));
    expect(dup.search("y x", 3).map((d) => d.metadata.i)).toEqual([0, 1, 2]);
  });

  it("matches unicode words whatever their case", () => {
    const i = new Bm25Index(docs("Der Straße entlang", "Café au lait in München", "東京 は 大きい"));
    expect(texts(i.search("münchen CAFÉ", 3))).toEqual(["Café au lait in München"]);
    expect(texts(i.search("東京", 3))).toEqual(["東京 は 大きい"]);
  });

  it("finds nothing for a query without known words, or an empty corpus", () => {
    expect(index.search("zebra!", 3)).toEqual([]);
    expect(index.search("", 3)).toEqual([]);
    expect(new Bm25Index([]).search("anything", 3)).toEqual([]);
    expect(new Bm25Index(docs("", "   ")).search("a", 3)).toEqual([]);
  });

  it("returns the documents themselves, with their metadata", () => {
    expect(index.search("honey", 1)[0]).toBe(corpus[2]);
  });

  it("ranks 20,000 documents quickly", () => {
    const many = docs(
      ...Array.from({ length: 20_000 }, (_, i) => `document ${i} about topic${i % 100} and more words`),
    );
    const started = performance.now();
    const big = new Bm25Index(many);
    const found = big.search("topic42 document", 3);
    expect(found.map((d) => d.metadata.i)).toEqual([42, 142, 242]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("InMemoryRetriever", () => {
  it("emits on_retriever_start with the query and on_retriever_end with the documents", async () => {
    const r = new InMemoryRetriever(docs("harrison worked at kensho", "bears like honey"), 1);
    const events = await collect(r.streamEvents("where did harrison work?", { version: "v2" }));
    expect(events.map((e) => [e.event, e.name, e.data])).toEqual([
      ["on_retriever_start", "InMemoryRetriever", { input: { query: "where did harrison work?" } }],
      [
        "on_retriever_end",
        "InMemoryRetriever",
        { output: [{ pageContent: "harrison worked at kensho", metadata: { i: 0 } }] },
      ],
    ]);
  });

  it("refuses a query that is not text", async () => {
    const r = new InMemoryRetriever(docs("a"), 1);
    await expect(r.invoke({ q: 1 } as never)).rejects.toThrow(
      "InMemoryRetriever takes a query string, but got object.",
    );
  });

  it("as a node: named, k from the document (4 by default), node_id and input in its events", async () => {
    const eight = Array.from({ length: 8 }, (_, i) => `parrot fact ${i}`);
    const doc = chain(
      [passthrough("q"), retriever("r", eight, undefined, { name: "Facts" }), prompt("p", "{facts}")],
      [edge("q", "r"), edge("r", "p", "facts")],
    );
    const events = await collect(compileDocument(doc).streamEvents("parrot", { version: "v2" }));
    const retrieverEvents = events.filter((e) => e.event.startsWith("on_retriever_"));
    expect(retrieverEvents).toMatchObject([
      {
        event: "on_retriever_start",
        name: "Facts",
        metadata: { node_id: "r" },
        data: { input: { query: "parrot" } },
      },
      {
        event: "on_retriever_end",
        name: "Facts",
        metadata: { node_id: "r" },
        data: { input: { query: "parrot" } },
      },
    ]);
    const output = (retrieverEvents[1]!.data as { output: Document[] }).output;
    expect(output.map((d) => d.pageContent)).toEqual(eight.slice(0, 4));
    expect(output[0]).toEqual({ pageContent: "parrot fact 0", metadata: {} });
    // The parent is the sequence that feeds it, under the map keyed by the prompt variable.
    expect(retrieverEvents[0]!.parent_ids).toHaveLength(3);
    expect(events.some((e) => e.event === "on_retriever_stream")).toBe(false);
  });
});
