/**
 * Property-based: documents mutated in every way a file can be wrong must give a clear error or a
 * correct result from importDocument, validateDocument and compileDocument: never an unexpected
 * exception, never a hang, never a polluted prototype.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
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
import { checkDocument, expectNoPollution } from "./fuzz-checks.test-helpers.ts";
import {
  type Json,
  PROTO_KEYS,
  apply,
  mutation,
  nested,
  parentOf,
  paths,
} from "./fuzz-mutations.test-helpers.ts";
import { formatPath } from "./json-path.ts";

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

afterEach(expectNoPollution);

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
