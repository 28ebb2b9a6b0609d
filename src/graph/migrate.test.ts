import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileDocument } from "./compile.ts";
import { chain, clone, edge, lambda, passthrough, prompt } from "./fixtures/builders.ts";
import { exportDocument, importDocument } from "./io.ts";
import { MigrationError, migrate } from "./migrate.ts";
import { CHAIN_VERSION, chainDocumentSchema } from "./schema.ts";

/** Tests reach into documents of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
type Loose = Record<string, any>;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const v0Text = fixture("v0-joke.json");
/** The v0 fixture as it must migrate, frozen: a change to migrations that alters it fails here. */
const v1Frozen = JSON.parse(fixture("v0-joke.v1.json")) as unknown;

function problems(input: unknown): string[] {
  const r = importDocument(input);
  return r.ok ? [] : r.problems.map((p) => p.message);
}

describe("migrations", () => {
  it("migrates the version 0 fixture to the frozen version 1 document", () => {
    const r = importDocument(v0Text);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(r.warnings).toEqual([]);
    expect(r.document.version).toBe(CHAIN_VERSION);
    expect(chainDocumentSchema.safeParse(r.document).success).toBe(true);
    expect(JSON.parse(exportDocument(r.document))).toEqual(v1Frozen);
    // Canonical form too: the frozen file is what export writes (modulo whitespace).
    expect(JSON.stringify(JSON.parse(exportDocument(r.document)))).toBe(JSON.stringify(v1Frozen));
  });

  it("the frozen version 1 document imports as it is", () => {
    const r = importDocument(v1Frozen);
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && JSON.parse(exportDocument(r.document))).toEqual(v1Frozen);
  });

  it("the migrated chain runs", async () => {
    const r = importDocument(v0Text);
    if (!r.ok) throw new Error("import failed");
    await expect(compileDocument(r.document).invoke({ topic: "parrots" })).resolves.toBe(
      "Why did the parrot wear a raincoat? It wanted to be a polly-unsaturated.",
    );
  });

  it("maps version 0 links with an input to edges with a targetHandle, and keeps unknown keys", () => {
    const v0 = {
      format: "sluice.chain",
      version: 0,
      keep: { me: true },
      nodes: [
        { id: "q", kind: "passthrough", x: "40", y: 12.5, extra: 1 },
        {
          id: "p",
          kind: "prompt",
          config: { messages: [{ role: "human", template: "{question}" }], mine: 2 },
        },
      ],
      links: [{ from: "q", to: "p", input: "question", label: "ask" }],
    };
    const out = migrate(clone(v0));
    expect(out).toEqual({
      format: "sluice.chain",
      version: 1,
      keep: { me: true },
      nodes: [
        { id: "q", type: "passthrough", position: { x: 40, y: 12.5 }, data: {}, extra: 1 },
        {
          id: "p",
          type: "prompt",
          position: { x: 0, y: 0 },
          data: { messages: [{ role: "human", template: "{question}" }], mine: 2 },
        },
      ],
      edges: [{ id: "e1", source: "q", target: "p", targetHandle: "question", label: "ask" }],
    });
    expect(importDocument(out).ok).toBe(true);
  });

  it("leaves what a version 0 document got wrong for the schema to report at its own path", () => {
    const v0 = { format: "sluice.chain", version: 0, nodes: [7, { id: "a", kind: "nope" }], links: "none" };
    expect(problems(v0)).toEqual([
      "nodes[0]: expected an object, got a number",
      'nodes[1].type: unknown type "nope": expected one of prompt, model, parser, lambda, passthrough, retriever',
      "edges: expected an array, got a string",
    ]);
  });

  it("refuses versions newer than it knows, saying so", () => {
    const doc = { ...clone(v1Frozen as object), version: CHAIN_VERSION + 1 };
    const r = importDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        path: "version",
        message: `version: this chain was saved by a newer Sluice (format version ${CHAIN_VERSION + 1}; this one reads up to ${CHAIN_VERSION}). Update Sluice to open it.`,
        severity: "error",
      },
    ]);
    expect(() => migrate(doc)).toThrow(MigrationError);
  });

  it.each([
    [undefined, "version: expected a whole number, got nothing"],
    ["1", 'version: expected a whole number, got "1"'],
    [1.5, "version: expected a whole number, got 1.5"],
    [-1, "version: expected a whole number, got -1"],
    [null, "version: expected a whole number, got null"],
  ])("refuses the version %j", (version, message) => {
    const doc: Record<string, unknown> = { ...clone(v1Frozen as object), version };
    if (version === undefined) delete doc.version;
    expect(problems(doc)).toEqual([message]);
  });

  it.each([
    [undefined, 'format: expected "sluice.chain", got nothing: this is not a Sluice chain file'],
    ["sluice.flow", 'format: expected "sluice.chain", got "sluice.flow": this is not a Sluice chain file'],
    [{ name: "x".repeat(100) }, /^format: expected "sluice\.chain", got \{"name":"x+…: this is not/],
  ])("refuses the format %j", (format, message) => {
    const doc: Record<string, unknown> = { ...clone(v1Frozen as object), format };
    if (format === undefined) delete doc.format;
    const [first, ...rest] = problems(doc);
    expect(rest).toEqual([]);
    expect(first).toMatch(message);
  });

  it("refuses another tool's flow file", () => {
    const reactFlow = { nodes: [{ id: "1", position: { x: 0, y: 0 }, data: { label: "hi" } }], edges: [] };
    expect(problems(reactFlow)).toEqual([
      'format: expected "sluice.chain", got nothing: this is not a Sluice chain file',
    ]);
  });
});

describe("unknown extra keys", () => {
  const extras = () => {
    const doc = chain(
      [
        passthrough("q", { note: "on a node" }),
        prompt("p", "{question}"),
        lambda("f", "function f(x) { return x; }"),
      ],
      [edge("q", "p", "question"), edge("p", "f")],
      "With extras",
    ) as Loose;
    doc.$schema = "./chain.schema.json";
    doc.description = "top level";
    doc.ui = { viewport: { x: 1, y: 2, zoom: 1.5 }, theme: "dark" };
    doc.nodes[0].position.z = 3;
    doc.nodes[1].data.comment = { lines: ["data", 1, null, true] };
    doc.nodes[1].data.messages[0].hint = "on a message";
    doc.nodes[2].data.language = "javascript";
    doc.edges[0].label = "ask";
    doc.edges[1].style = { animated: true };
    return doc;
  };

  it("survive import and export at every level", () => {
    const doc = extras();
    const r = importDocument(JSON.stringify(doc));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(r.warnings).toEqual([]);
    expect(r.document).toEqual(doc);
    const exported = JSON.parse(exportDocument(r.document)) as typeof doc;
    expect(exported).toEqual(doc);
    expect(exported.nodes[0].position).toEqual({ x: doc.nodes[0].position.x, y: 0, z: 3 });
    expect(exported.ui).toEqual({ viewport: { x: 1, y: 2, zoom: 1.5 }, theme: "dark" });
  });

  it("survive a migration from version 0", () => {
    const r = importDocument(v0Text);
    expect(r.ok && r.document.nodes[2]).toMatchObject({ note: "kept" });
  });
});
