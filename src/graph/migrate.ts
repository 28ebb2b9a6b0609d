import { CHAIN_FORMAT, CHAIN_VERSION } from "./schema.ts";

type Json = Record<string, unknown>;

/**
 * Ordered migration steps: `MIGRATIONS[v]` turns a version-v document into version v+1. Each past
 * version has a frozen fixture in `fixtures/` that the tests migrate.
 */
const MIGRATIONS: ((doc: Json) => Json)[] = [
  // 0 → 1: the prototype format had `kind`, flat `x`/`y`, `config`, and `links` with `from`/`to`/`input`.
  (doc) => {
    const nodes = asArray(doc.nodes).map((n) => {
      const { kind, x, y, config, ...rest } = n;
      const data = { ...(config as Json | undefined) };
      if (kind === "parser" && typeof data.type === "string") {
        data.parser = ({ string: "str", json: "json", list: "list" } as Json)[data.type] ?? data.type;
        delete data.type;
      }
      return { ...rest, type: kind, position: { x: Number(x ?? 0), y: Number(y ?? 0) }, data };
    });
    const edges = asArray(doc.links).map((l, i) => {
      const { from, to, input, ...rest } = l;
      const edge: Json = { id: `e${i + 1}`, ...rest, source: from, target: to };
      if (input !== undefined) edge.targetHandle = input;
      return edge;
    });
    const { links: _links, ...rest } = doc;
    return { ...rest, version: 1, nodes, edges };
  },
];

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Brings a parsed document to the current version, or explains why it cannot. */
export function migrate(doc: Json): Json {
  if (doc.format !== CHAIN_FORMAT) {
    throw new MigrationError(
      `format: expected "${CHAIN_FORMAT}", got ${doc.format === undefined ? "nothing" : JSON.stringify(doc.format)}: this is not a Sluice chain file`,
    );
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new MigrationError(`version: expected a whole number, got ${JSON.stringify(version)}`);
  }
  if (version > CHAIN_VERSION) {
    throw new MigrationError(
      `version: this chain was saved by a newer Sluice (format version ${version}; this one reads up to ${CHAIN_VERSION}). Update Sluice to open it.`,
    );
  }
  let out = doc;
  for (let v = version; v < CHAIN_VERSION; v++) out = MIGRATIONS[v]!(out);
  return out;
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === "object" && v !== null) : [];
}
