/** Mutations for the fuzz tests: a document changed in every way a file can be wrong, as shrinkable data. */
import fc from "fast-check";

export type Json = Record<string, unknown>;
type Path = (string | number)[];

export const PROTO_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** Every path into a value (containers and leaves), breadth first, at most `limit`. */
export function paths(root: unknown, limit = 4000): Path[] {
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

export function parentOf(root: unknown, path: Path): [Json | unknown[], string | number] | undefined {
  if (path.length === 0) return undefined;
  let at: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Json)[key];
  }
  return at && typeof at === "object" ? [at as Json, path[path.length - 1]!] : undefined;
}

export function nested(depth: number, asArray: boolean): unknown {
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
export const mutation = fc.oneof(
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
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function apply(doc: Json, m: Mutation): void {
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
