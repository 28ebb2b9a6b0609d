import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chain, clone, edge, lambda, model, parser, prompt, retriever } from "./fixtures/builders.ts";
import { exportDocument, importDocument } from "./io.ts";
import type { ChainDocument } from "./schema.ts";
import { REDACTED, isSecretKey, redactString, stripSecrets } from "./secrets.ts";

/** Tests reach into documents of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
type Loose = Record<string, any>;

const examplesDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, readFileSync(new URL(f, examplesDir), "utf8")] as const);

function imported(input: unknown): ChainDocument {
  const r = importDocument(input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.document;
}

describe("export → import → export", () => {
  it.each(examples)("is byte-identical for %s", (_name, text) => {
    const once = exportDocument(imported(text));
    const twice = exportDocument(imported(once));
    expect(twice).toBe(once);
    expect(once.endsWith("}\n")).toBe(true);
  });

  it("is byte-identical for a document with unknown keys, odd numbers and unicode", () => {
    const doc = clone(
      chain(
        [
          prompt("p", 'Ünïcödé {topic} 🦜 \u2028 \\ "quoted"'),
          model("m", [["a", "b"], "c"]),
          parser("o", "list"),
        ],
        [edge("p", "m"), edge("m", "o")],
        "Ωmega",
      ),
    ) as Loose;
    doc.nodes[0].position = { x: -0.5, y: 1e21 };
    doc.zeta = { b: 1, a: [3, { d: 1, c: 2 }], "10": "ten", "2": "two" };
    const once = exportDocument(imported(JSON.stringify(doc)));
    expect(exportDocument(imported(once))).toBe(once);
  });

  it("orders keys deterministically: known keys first in a fixed order, the rest sorted", () => {
    const a = {
      zz: 1,
      edges: [{ target: "o", source: "p", id: "e1", extra: true }],
      nodes: [
        {
          data: { parser: "str" },
          position: { y: 2, x: 1 },
          type: "parser",
          id: "o",
          name: "out",
          b: 1,
          a: 2,
        },
        {
          data: { messages: [{ template: "{x}", role: "human" }] },
          position: { x: 0, y: 0 },
          type: "prompt",
          id: "p",
        },
      ],
      name: "Order",
      version: 1,
      format: "sluice.chain",
      aa: 2,
    };
    const b = JSON.parse(JSON.stringify(a)) as typeof a;
    b.nodes.reverse().reverse();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    const textA = exportDocument(imported(a));
    expect(exportDocument(imported(reordered))).toBe(textA);
    const parsed = JSON.parse(textA) as Loose;
    expect(Object.keys(parsed)).toEqual(["format", "version", "name", "nodes", "edges", "aa", "zz"]);
    expect(Object.keys(parsed.nodes[0])).toEqual(["id", "type", "name", "position", "data", "a", "b"]);
    expect(Object.keys(parsed.nodes[0].position)).toEqual(["x", "y"]);
    expect(Object.keys(parsed.nodes[1].data.messages[0])).toEqual(["role", "template"]);
    expect(Object.keys(parsed.edges[0])).toEqual(["id", "source", "target", "extra"]);
    expect(textA).toMatch(/^\{\n {2}"format": "sluice.chain",\n {2}"version": 1,\n/);
  });
});

/** Every secret the document below hides somewhere; none may appear in an export. */
const SECRETS = {
  openai: "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789",
  openaiLegacy: "sk-abcdefghijklmnopqrstuvwxyz012345",
  anthropic: "sk-ant-api03-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210",
  google: "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
  groq: "gsk_abcdefghijklmnopqrstuvwxyz0123",
  github: "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  bearer: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz",
  basicUser: "alice:hunter2hunter2",
  plain: "hunter2-not-shaped-like-a-key",
  queryToken: "q7d8e9f0a1b2c3d4",
};

function secretDocument(): Loose {
  const doc = clone(
    chain(
      [
        prompt("p", [
          ["system", `You are a bot. Use key ${SECRETS.openai} and ${SECRETS.anthropic}.`],
          ["human", `Authorization: Bearer ${SECRETS.bearer}\n{question} (google ${SECRETS.google})`],
        ]),
        model("m", [`Here is a key: ${SECRETS.openaiLegacy}`, ["chunk ", SECRETS.groq]], {
          name: `model ${SECRETS.google}`,
        }),
        parser("o", "str"),
        lambda("f", `function f(x) {\n  const key = "${SECRETS.github}";\n  return x + key;\n}`),
        retriever("r", [`the vault code is ${SECRETS.openai}`], 1),
      ],
      [edge("p", "m"), edge("m", "o")],
      `Chain of ${SECRETS.groq}`,
    ),
  ) as Loose;
  Object.assign(doc, {
    apiKey: SECRETS.plain,
    api_key: SECRETS.plain,
    OPENAI_API_KEY: SECRETS.plain,
    anthropicApiKey: SECRETS.plain,
    token: SECRETS.plain,
    authorization: SECRETS.plain,
    password: SECRETS.plain,
    credentials: { user: "alice", pass: SECRETS.plain },
    settings: {
      headers: { Authorization: `Basic ${SECRETS.plain}`, "x-api-key": SECRETS.plain, Cookie: SECRETS.plain },
      nested: { deeper: [{ clientSecret: SECRETS.plain, refresh_token: SECRETS.plain }] },
      note: `call me with ${SECRETS.openai}`,
      [SECRETS.openaiLegacy]: "a secret used as a key",
    },
  });
  const [p, m, , f, r] = doc.nodes;
  p.apiKey = SECRETS.plain;
  p.data.messages[0].password = SECRETS.plain;
  p.position.secret = SECRETS.plain;
  m.data.apiKey = SECRETS.plain;
  m.data.params = { maxTokens: 256, temperature: 0.2, api_key: SECRETS.plain, stop: [SECRETS.openai] };
  m.data.baseUrl = `https://${SECRETS.basicUser}@llm.example.com/v1?api_key=${SECRETS.queryToken}&mode=fast`;
  m.data.headers = { Authorization: `Bearer ${SECRETS.bearer}`, "X-Goog-Api-Key": SECRETS.plain };
  m.data.script.token = SECRETS.plain;
  m.data.script.tokensPerSecond = 10;
  m.data.script.firstTokenMs = 5;
  m.data.script.failMessage = `upstream said: invalid key ${SECRETS.anthropic}`;
  f.metadata = { owner: { private_key: SECRETS.plain, passphrase: SECRETS.plain } };
  r.data.documents[0].metadata = { author: "harrison", source: SECRETS.google, accessToken: SECRETS.plain };
  doc.edges[0].token = SECRETS.plain;
  doc.edges[1].extra = { password: SECRETS.plain, label: `see ${SECRETS.github}` };
  return doc;
}

function expectNoSecret(text: string): void {
  for (const [what, secret] of Object.entries(SECRETS)) {
    expect(text, what).not.toContain(secret);
    // Not even a long piece of one.
    expect(text, what).not.toContain(secret.slice(4, 16));
  }
}

describe("secrets never leave in an export", () => {
  it("drops secret keys and redacts key-shaped strings everywhere, on import and on export", () => {
    const doc = secretDocument();
    const text = exportDocument(imported(JSON.stringify(doc)));
    expectNoSecret(text);
    // Export alone strips too (a document that never went through import).
    expectNoSecret(exportDocument(doc as ChainDocument));
    expect(text).toContain(REDACTED);
  });

  it("keeps everything that is not a secret", () => {
    const out = JSON.parse(exportDocument(imported(JSON.stringify(secretDocument())))) as Loose;
    const [p, m, , f, r] = out.nodes;
    expect(out.credentials).toBeUndefined();
    expect(out.settings.headers).toEqual({});
    expect(out.settings.nested).toEqual({ deeper: [{}] });
    expect(out.settings.note).toBe(`call me with ${REDACTED}`);
    expect(p.data.messages[0]).toEqual({
      role: "system",
      template: `You are a bot. Use key ${REDACTED} and ${REDACTED}.`,
    });
    expect(p.data.messages[1].template).toBe(`${REDACTED}\n{question} (google ${REDACTED})`);
    expect(p.position).toEqual({ x: 0, y: 0 });
    expect(m.name).toBe(`model ${REDACTED}`);
    expect(m.data.params).toEqual({ maxTokens: 256, temperature: 0.2, stop: [REDACTED] });
    expect(m.data.baseUrl).toBe(`https://llm.example.com/v1?api_key=${REDACTED}&mode=fast`);
    expect(m.data.script).toEqual({
      responses: [`Here is a key: ${REDACTED}`, ["chunk ", REDACTED]],
      tokensPerSecond: 10,
      firstTokenMs: 5,
      failMessage: `upstream said: invalid key ${REDACTED}`,
    });
    expect(f.data.code).toBe(`function f(x) {\n  const key = "${REDACTED}";\n  return x + key;\n}`);
    expect(f.metadata).toEqual({ owner: {} });
    expect(r.data.documents[0]).toEqual({
      pageContent: `the vault code is ${REDACTED}`,
      metadata: { author: "harrison", source: REDACTED },
    });
    expect(out.name).toBe(`Chain of ${REDACTED}`);
    // The redacted document is still a valid, runnable document.
    expect(importDocument(exportDocument(imported(JSON.stringify(secretDocument())))).ok).toBe(true);
  });

  it("names secret keys in any spelling, and leaves look-alikes alone", () => {
    for (const key of [
      "apiKey",
      "api_key",
      "API-KEY",
      "OPENAI_API_KEY",
      "googleApiKey",
      "x-api-key",
      "token",
      "accessToken",
      "refresh_token",
      "Authorization",
      "proxy-authorization",
      "password",
      "db_passwd",
      "clientSecret",
      "secret",
      "credentials",
      "privateKey",
      "aws_access_key_id",
      "key",
      "Cookie",
    ])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of [
      "maxTokens",
      "tokensPerSecond",
      "firstTokenMs",
      "author",
      "keywords",
      "monkey",
      "tokenizer",
      "model",
      "baseUrl",
      "pageContent",
    ])
      expect(isSecretKey(key), key).toBe(false);
  });

  it("redacts key-shaped strings but not prose", () => {
    expect(redactString(`use ${SECRETS.openai} now`)).toBe(`use ${REDACTED} now`);
    expect(redactString(`Bearer ${SECRETS.bearer}`)).toBe(REDACTED);
    for (const prose of [
      "Count every token carefully.",
      "She is the bearer of bad news.",
      "Basic understanding of the task is required.",
      "A risk-assessment-for-everything-in-this-long-text",
      "tell me a joke about {topic}",
      "https://example.com/path?page=2&sort=asc",
    ])
      expect(redactString(prose), prose).toBe(prose);
  });

  it("redaction is idempotent, so a second export changes nothing", () => {
    const once = stripSecrets(secretDocument());
    expect(stripSecrets(once)).toEqual(once);
  });

  it("stays linear on megabyte strings shaped to make regular expressions backtrack", () => {
    for (const evil of [
      "a.".repeat(500_000),
      "eyJ-".repeat(250_000),
      "sk-".repeat(300_000),
      "Bearer ".repeat(100_000),
    ]) {
      const started = performance.now();
      redactString(evil);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
