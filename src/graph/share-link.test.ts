import fc from "fast-check";
import { describe, expect, it } from "vitest";
import v0 from "./fixtures/v0-joke.json";
import { exportDocument } from "./io.ts";
import type { ChainDocument } from "./schema.ts";
import {
  MAX_SHARE_BYTES,
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  shareLinkFor,
  toBase64Url,
} from "./share-link.ts";

/** A typical chain: retrieval, a lambda, a two-message prompt, a model and a parser. */
const typical = {
  format: "sluice.chain",
  version: 1,
  name: "Support answer with retrieval",
  nodes: [
    { id: "question", type: "passthrough", name: "question", position: { x: 0, y: 0 }, data: {} },
    {
      id: "retriever",
      type: "retriever",
      name: "docs",
      position: { x: 300, y: -120 },
      data: {
        k: 3,
        documents: [
          {
            pageContent: "Sluice runs chains in the browser and shows every node streaming live.",
            metadata: { source: "readme" },
          },
          {
            pageContent: "API keys stay in memory unless you ask Sluice to remember them.",
            metadata: { source: "security" },
          },
          {
            pageContent: "Export a chain as JSON, as LangChain.js code, or as a share link.",
            metadata: { source: "export" },
          },
          {
            pageContent: "Lambda nodes run JavaScript in an isolated sandbox.",
            metadata: { source: "lambda" },
          },
        ],
      },
    },
    {
      id: "format",
      type: "lambda",
      name: "format_docs",
      position: { x: 600, y: -120 },
      data: {
        code: 'function formatDocs(docs) {\n  return docs.map((d, i) => `[${i + 1}] ${d.pageContent}`).join("\\n");\n}',
      },
    },
    {
      id: "prompt",
      type: "prompt",
      name: "answer_prompt",
      position: { x: 900, y: 0 },
      data: {
        messages: [
          {
            role: "system",
            template:
              "You answer questions about Sluice using only the context below. Cite sources as [n]. If the answer is not in the context, say you do not know.\n\nContext:\n{context}",
          },
          { role: "human", template: "{question}" },
        ],
      },
    },
    {
      id: "model",
      type: "model",
      name: "model",
      position: { x: 1200, y: 0 },
      data: { provider: "openai", model: "gpt-4o-mini", params: { temperature: 0.2, maxTokens: 512 } },
    },
    { id: "parser", type: "parser", name: "parser", position: { x: 1500, y: 0 }, data: { parser: "str" } },
  ],
  edges: [
    { id: "e1", source: "question", target: "retriever" },
    { id: "e2", source: "retriever", target: "format" },
    { id: "e3", source: "format", target: "prompt", targetHandle: "context" },
    { id: "e4", source: "question", target: "prompt", targetHandle: "question" },
    { id: "e5", source: "prompt", target: "model" },
    { id: "e6", source: "model", target: "parser" },
  ],
} as ChainDocument;

/** Compresses raw text the way links do, to forge links in tests. */
async function forge(content: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([content]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return `#chain=${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

const problem = async (fragment: string) => {
  const r = await decodeShareFragment(fragment);
  if (!r || r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
  return r.problems.map((p) => p.message).join("; ");
};

describe("share links", () => {
  it("round-trips a typical chain in a short fragment", async () => {
    const fragment = await encodeShareFragment(typical);
    expect(fragment).toMatch(/^#chain=[A-Za-z0-9_-]+$/);
    // Measured: about 1,090 characters for this 6-node chain (its export is 3.2 kB of JSON).
    expect(fragment.length).toBeLessThan(1300);
    const back = await decodeShareFragment(fragment);
    expect(back).toMatchObject({ ok: true });
    if (back?.ok) expect(exportDocument(back.document)).toBe(exportDocument(typical));
  });

  it("builds a link on any page address, replacing its fragment", async () => {
    const fragment = await encodeShareFragment(typical);
    expect(await shareLinkFor(typical, "https://sluice.example/app/?x=1#old")).toBe(
      `https://sluice.example/app/?x=1${fragment}`,
    );
    expect(await shareLinkFor(typical, "http://localhost:5173/")).toBe(`http://localhost:5173/${fragment}`);
  });

  it("finds the chain among other fragment parameters, and ignores fragments without one", async () => {
    const fragment = await encodeShareFragment(typical);
    expect(await decodeShareFragment(`#view=1&${fragment.slice(1)}&x=2`)).toMatchObject({ ok: true });
    expect(await decodeShareFragment(fragment.slice(1))).toMatchObject({ ok: true });
    expect(await decodeShareFragment("")).toBeUndefined();
    expect(await decodeShareFragment("#")).toBeUndefined();
    expect(await decodeShareFragment("#section-2")).toBeUndefined();
  });

  it("never carries a secret", async () => {
    const leaky = structuredClone(typical) as ChainDocument & { nodes: { data: Record<string, unknown> }[] };
    Object.assign(leaky.nodes[4]!.data, {
      apiKey: "sk-live-0123456789abcdefghij",
      baseUrl: "https://user:hunter2@example.com/v1",
      headers: { Authorization: "Bearer abcdef0123456789" },
    });
    leaky.nodes[3]!.data.messages = [{ role: "system", template: "key: sk-proj-abcdefghijklmnopqrstuvwx" }];
    const fragment = await encodeShareFragment(leaky);
    const bytes = fromBase64Url(fragment.slice("#chain=".length))!;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    const json = await new Response(stream).text();
    expect(json).toContain("gpt-4o-mini");
    for (const secret of ["sk-live", "sk-proj-abc", "hunter2", "abcdef0123456789", "apiKey"]) {
      expect(json).not.toContain(secret);
    }
  });

  it("migrates links made from older documents", async () => {
    const r = await decodeShareFragment(await forge(JSON.stringify(v0)));
    expect(r).toMatchObject({ ok: true, document: { version: 1, nodes: [{ type: "prompt" }, {}, {}] } });
  });

  it("explains a truncated link, wherever it was cut", async () => {
    const fragment = await encodeShareFragment(typical);
    for (let end = "#chain=".length; end < fragment.length; end++) {
      expect(await problem(fragment.slice(0, end))).toMatch(
        /^\(link\): the link (carries no chain data|is truncated or corrupt|is corrupt)/,
      );
    }
  });

  it("explains a corrupt link", async () => {
    const fragment = await encodeShareFragment(typical);
    expect(await problem(`${fragment.slice(0, 40)}!${fragment.slice(41)}`)).toMatch(
      /is corrupt: its data has characters/,
    );
    expect(await problem("#chain=AAAAAAAAAAAAAAAA")).toMatch(/truncated or corrupt/);
    expect(await problem("#chain=%20abc")).toMatch(/is corrupt/);
    // Valid compression of something that is not a chain: importDocument says what is wrong.
    expect(await problem(await forge("hello"))).toMatch(/not valid JSON/);
    expect(await problem(await forge('{"format":"other"}'))).toMatch(/not a Sluice chain/);
    expect(await problem(await forge(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toMatch(
      /truncated or corrupt/,
    );
  });

  it("refuses a link that expands past 5 MB without inflating it all", async () => {
    const bomb = await forge(`{"name":"${" ".repeat(MAX_SHARE_BYTES)}"}`);
    expect(bomb.length).toBeLessThan(10_000);
    expect(await problem(bomb)).toMatch(/larger than 5 MB: open it as a file instead/);
    const small = await decodeShareFragment(await encodeShareFragment(typical), { maxBytes: 1024 });
    expect(small).toMatchObject({ ok: false, problems: [{ message: /larger than 1 kB/ }] });
    expect(await problem(`#chain=${"A".repeat(8 * 1024 * 1024)}`)).toMatch(/larger than 5 MB/);
  });

  it("encodes base64url like the platform does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64Url("QQ==")).toEqual(new Uint8Array([65]));
    expect(fromBase64Url("QUJDR")).toBeUndefined();
    expect(fromBase64Url("QU+C")).toBeUndefined();
  });
});
