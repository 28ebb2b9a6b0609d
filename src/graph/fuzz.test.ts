/**
 * Property-based: documents mutated in every way a file can be wrong must give a clear error or a
 * correct result from importDocument, validateDocument and compileDocument: never an unexpected
 * exception, never a hang, never a polluted prototype.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ScriptedChatModel } from "../core/index.ts";
import { CompileError, compileDocument } from "./compile.ts";
import {
  chain,
  edge,
  lambda,
  model,
  parser,
  passthrough,
  pipeline,
  prompt,
  retriever,
} from "./fixtures/builders.ts";
import { testCodeRunner } from "./fixtures/test-code-runner.ts";
import { type ImportResult, exportDocument, importDocument, validateDocument } from "./io.ts";
import { formatPath } from "./json-path.ts";
import { chainDocumentSchema } from "./schema.ts";

type Json = Record<string, unknown>;
type Path = (string | number)[];

const examplesDir = new URL("../../examples/", import.meta.url);
const SEEDS: unknown[] = [
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(new URL(f, examplesDir), "utf8")) as unknown),
  JSON.parse(readFileSync(new URL("./fixtures/v0-joke.json", import.meta.url), "utf8")) as unknown,
  pipeline(prompt("p", "tell me a joke about {topic}"), model("m", ["a", ["b", "c"]]), parser("o", "list")),
  chain(
    [
      passthrough("q"),
      retriever("r", ["harrison worked at kensho"], 1),
      prompt("p", [
        ["system", "Use {context}"],
        ["placeholder", "{history}"],
        ["human", "{question}"],
      ]),
      model("m", ["x"]),
      parser("s", "str"),
      parser("j", "json"),
      lambda("f", "async function* up(c) { for await (const x of c) yield String(x).toUpperCase(); }"),
    ],
    [
      edge("r", "p", "context"),
      edge("q", "p", "question"),
      edge("q", "r"),
      edge("p", "m"),
      edge("m", "s"),
      edge("m", "j"),
      edge("s", "f"),
    ],
  ),
].map((d) => JSON.parse(JSON.stringify(d)) as unknown);

const PROTO_KEYS = ["__proto__", "constructor", "prototype"] as const;
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const pristine = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(","));

function expectNoPollution(): void {
  expect(({} as Json).polluted).toBeUndefined();
  expect(({} as Json).isAdmin).toBeUndefined();
  expect(([] as unknown as Json).polluted).toBeUndefined();
  PROTOTYPES.forEach((p, i) => expect(Object.getOwnPropertyNames(p).sort().join(",")).toBe(pristine[i]));
}

afterEach(expectNoPollution);

/** Every path into a value (containers and leaves), breadth first, at most `limit`. */
function paths(root: unknown, limit = 4000): Path[] {
  const out: Path[] = [];
  const queue: { value: unknown; path: Path }[] = [{ value: root, path: [] }];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const { value, path } = queue[i]!;
    out.push(path);
    // Indexing, not `forEach`: a mutation may have replaced an array's prototype.
    if (Array.isArray(value))
      for (let k = 0; k < value.length; k++) queue.push({ value: value[k], path: [...path, k] });
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) queue.push({ value: v, path: [...path, k] });
  }
  return out;
}

function parentOf(root: unknown, path: Path): [Json | unknown[], string | number] | undefined {
  if (path.length === 0) return undefined;
  let at: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Json)[key];
  }
  return at && typeof at === "object" ? [at as Json, path[path.length - 1]!] : undefined;
}

function nested(depth: number, asArray: boolean): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { deeper: v };
  return v;
}

const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e-308,
    "",
    " ",
    "sluice.chain",
    "{topic}",
    "{",
    "}",
    [],
  ),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.string({ maxLength: 30, unit: "grapheme" }),
);

/** One mutation, as data: fast-check shrinks it, and `apply` performs it. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("huge" as const),
    at: fc.nat(),
    size: fc.integer({ min: 1_000, max: 1_500_000 }),
  }),
  fc.record({
    kind: fc.constant("deep" as const),
    at: fc.nat(),
    depth: fc.integer({ min: 30, max: 1500 }),
    asArray: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("proto" as const),
    at: fc.nat(),
    key: fc.constantFrom(...PROTO_KEYS),
    how: fc.constantFrom("own" as const, "assign" as const),
  }),
  fc.record({ kind: fc.constant("collide-nodes" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("collide-edges" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant("edge" as const),
    source: fc.oneof(fc.nat(), fc.constant("ghost")),
    target: fc.oneof(fc.nat(), fc.constant("ghost")),
    handle: fc.option(fc.constantFrom("topic", "question", "context", "input", "__proto__", "x"), {
      nil: undefined,
    }),
  }),
  fc.record({ kind: fc.constant("duplicate-node" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("drop-node" as const), a: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(doc: Json, m: Mutation): void {
  const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
  const nodes = Array.isArray(doc.nodes) ? (doc.nodes as Json[]) : [];
  const edges = Array.isArray(doc.edges) ? (doc.edges as Json[]) : [];
  const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const pickObject = (list: unknown[], i: number): Json | undefined =>
    pick(Array.prototype.filter.call(list, isObject) as Json[], i);
  switch (m.kind) {
    case "set":
    case "delete":
    case "huge":
    case "deep": {
      const path = pick(paths(doc), m.at)!;
      const parent = parentOf(doc, path);
      if (!parent) return;
      const [obj, key] = parent;
      if (m.kind === "delete") {
        if (Array.isArray(obj) && typeof key === "number") Array.prototype.splice.call(obj, key, 1);
        else delete (obj as Json)[key];
        return;
      }
      (obj as Json)[key] =
        m.kind === "set"
          ? m.value
          : m.kind === "huge"
            ? "x{".repeat(m.size >> 1)
            : nested(m.depth, m.asArray);
      return;
    }
    case "proto": {
      const objects = paths(doc)
        .map((p) => (p.length ? parentOf(doc, p) : undefined))
        .filter((p) => p && typeof (p[0] as Json)[p[1]] === "object" && (p[0] as Json)[p[1]] !== null)
        .map((p) => (p![0] as Json)[p![1]] as Json);
      const target = pick([doc, ...objects], m.at)!;
      const payload = { polluted: "yes", isAdmin: true };
      if (m.how === "own")
        Object.defineProperty(target, m.key, {
          value: payload,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      else target[m.key] = payload; // for __proto__ this sets the object's prototype, as code might
      return;
    }
    case "collide-nodes": {
      const a = pickObject(nodes, m.a);
      const b = pickObject(nodes, m.b);
      if (a && b) a.id = b.id;
      return;
    }
    case "collide-edges": {
      const a = pickObject(edges, m.a);
      const b = pickObject(edges, m.b);
      if (a && b) a.id = b.id;
      return;
    }
    case "edge": {
      const end = (x: number | "ghost") => (x === "ghost" ? "ghost" : (pickObject(nodes, x)?.id ?? "ghost"));
      const e: Json = { id: `fuzz${edges.length}`, source: end(m.source), target: end(m.target) };
      if (m.handle !== undefined) e.targetHandle = m.handle;
      if (Array.isArray(doc.edges)) Array.prototype.push.call(doc.edges, e);
      return;
    }
    case "duplicate-node": {
      const a = pickObject(nodes, m.a);
      if (a) Array.prototype.push.call(nodes, JSON.parse(JSON.stringify(a)) as Json);
      return;
    }
    case "drop-node": {
      if (nodes.length) Array.prototype.splice.call(nodes, m.a % nodes.length, 1);
      return;
    }
  }
}

const compileContext = () => ({
  codeRunner: testCodeRunner(),
  createChatModel: () => new ScriptedChatModel({ responses: ["from a provider"] }),
});

/**
 * What must hold for any input: a clear error, or a document that is valid and round-trips. The
 * time limit catches a hang or a quadratic blow-up, with room for a loaded machine.
 */
function checkDocument(input: unknown, { roundTrip = true } = {}): ImportResult {
  const started = performance.now();
  const r = importDocument(input);
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(typeof p.path).toBe("string");
      expect(p.message.startsWith(p.path), p.message).toBe(true);
      expect(p.message.length).toBeLessThan(2000);
      expect(p.severity).toBe("error");
    }
    expect(validateDocument(input)).toEqual(r.problems);
  } else {
    expect(chainDocumentSchema.safeParse(r.document).success).toBe(true);
    const errors = r.warnings.filter((p) => p.severity === "error");
    if (roundTrip) {
      const text = exportDocument(r.document);
      const again = importDocument(text);
      expect(again.ok).toBe(true);
      if (again.ok) expect(exportDocument(again.document)).toBe(text);
      expect(validateDocument(input)).toEqual(errors);
    }
    for (const p of r.warnings) expect(p.message.length).toBeGreaterThan(0);
    try {
      compileDocument(r.document, compileContext());
      expect(errors).toEqual([]);
    } catch (err) {
      // The only way compilation may fail: a CompileError listing the problems.
      expect(err).toBeInstanceOf(CompileError);
      expect((err as CompileError).problems.length).toBeGreaterThan(0);
    }
  }
  expect(performance.now() - started).toBeLessThan(15_000);
  return r;
}

const viaText = (doc: unknown, text: boolean): unknown => (text ? JSON.stringify(doc) : doc);

describe("mutated documents", () => {
  it("every seed is valid before mutation", () => {
    for (const seed of SEEDS) {
      const r = checkDocument(seed);
      expect(r.ok && r.warnings).toEqual([]);
    }
  });

  it("give a clear error or a correct result, as objects and as JSON text", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (seed, mutations, asText) => {
          const doc = JSON.parse(JSON.stringify(SEEDS[seed])) as Json;
          for (const m of mutations) apply(doc, m);
          checkDocument(viaText(doc, asText));
          expectNoPollution();
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it("refuse prototype keys written in JSON text anywhere, with their path", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.nat(),
        fc.constantFrom(...PROTO_KEYS),
        (seed, at, key) => {
          const doc = JSON.parse(JSON.stringify(SEEDS[seed])) as Json;
          const targets = paths(doc).filter((p) => {
            const parent = p.length ? parentOf(doc, p) : undefined;
            const v = parent ? (parent[0] as Json)[parent[1]] : doc;
            return v !== null && typeof v === "object" && !Array.isArray(v);
          });
          const path = targets[at % targets.length]!;
          // Splice the key into the JSON text, where JSON.parse makes it an own property.
          const marker = "__fuzz_marker__";
          const parent = path.length ? parentOf(doc, path)! : undefined;
          const target = (parent ? (parent[0] as Json)[parent[1]] : doc) as Json;
          target[marker] = 1;
          const text = JSON.stringify(doc).replace(`"${marker}":1`, `"${key}":{"polluted":"yes"}`);
          expect(JSON.parse(text)).toBeTruthy();
          const r = checkDocument(text);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.problems).toHaveLength(1);
            expect(r.problems[0]!.message).toMatch(
              new RegExp(`the key "${key}" is not allowed in a chain file$`),
            );
            expect(r.problems[0]!.path).toBe(path.length ? `${formatPath(path)}.${key}` : key);
          }
        },
      ),
      { numRuns: 50 },
    );
  }, 30_000);

  it("refuse nesting deeper than 64 levels without overflowing the stack", () => {
    for (const depth of [65, 1_000, 100_000]) {
      for (const asArray of [true, false]) {
        const doc = JSON.parse(JSON.stringify(SEEDS[0])) as Json;
        doc.extra = nested(depth, asArray);
        // Written by hand: JSON.stringify itself overflows on 100,000 levels.
        const text = JSON.stringify({ ...doc, extra: "@" }).replace(
          '"@"',
          `${asArray ? "[".repeat(depth) : '{"deeper":'.repeat(depth)}"bottom"${(asArray ? "]" : "}").repeat(depth)}`,
        );
        for (const input of [doc, text]) {
          const r = checkDocument(input);
          expect(r.ok).toBe(false);
          expect(r.ok ? "" : r.problems[0]!.message).toMatch(/nested deeper than 64 levels$/);
        }
      }
    }
  });
});

describe("10,000 nodes", () => {
  const big = (n: number) => {
    const kinds = [
      (i: number) => passthrough(`n${i}`),
      (i: number) => lambda(`n${i}`, `function step${i}(x) { return x; }`),
      (i: number) => retriever(`n${i}`, [`doc ${i}`], 1),
    ];
    const nodes = Array.from({ length: n }, (_, i) => kinds[i % 3]!(i));
    return JSON.parse(
      JSON.stringify(
        chain(
          nodes,
          nodes.slice(1).map((node, i) => edge(nodes[i]!.id, node.id)),
        ),
      ),
    ) as Json;
  };

  it("import, validate, compile and export in reasonable time", () => {
    const doc = big(10_000);
    const started = performance.now();
    const r = checkDocument(JSON.stringify(doc));
    expect(r.ok && r.warnings).toEqual([]);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("survive mutations", () => {
    const base = big(10_000);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const doc = JSON.parse(JSON.stringify(base)) as Json;
        for (const m of mutations) apply(doc, m);
        checkDocument(doc, { roundTrip: false });
      }),
      { numRuns: 2 },
    );
  }, 60_000);
});
