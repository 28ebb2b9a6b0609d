import { CHAIN_FORMAT, CHAIN_VERSION } from "./schema.ts";

type Json = Record<string, unknown>;

/**
 * Ordered migration steps: `MIGRATIONS[v]` turns a version-v document into version v+1. Each past
 * version has a frozen fixture in `fixtures/` that the tests migrate.
 */
const MIGRATIONS: ((doc: Json) => Json)[] = [
  // 0 → 1: the prototype format had `kind`, flat `x`/`y`, `config`, and `links` with `from`/`to`/`input`.
  (doc) => {
    // Entries that are not objects (and lists that are not arrays) pass through untouched, so the
    // schema reports them at their own path instead of them vanishing.
    const nodes = mapObjects(doc.nodes, (n) => {
      const { kind, x, y, config, ...rest } = n;
      const data: Json = isObject(config) ? { ...config } : {};
      if (kind === "parser" && typeof data.type === "string") {
        data.parser = ({ string: "str", json: "json", list: "list" } as Json)[data.type] ?? data.type;
        delete data.type;
      }
      const position = { x: coordinate(x), y: coordinate(y) };
      return { ...rest, type: kind, position, data };
    });
    let index = 0;
    const edges = mapObjects(doc.links ?? [], (l) => {
      const { from, to, input, ...rest } = l;
      const edge: Json = { id: `e${++index}`, ...rest, source: from, target: to };
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
      `format: expected "${CHAIN_FORMAT}", got ${shown(doc.format)}: this is not a Sluice chain file`,
    );
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new MigrationError(`version: expected a whole number, got ${shown(version)}`);
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

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapObjects(list: unknown, fn: (item: Json) => Json): unknown {
  // Not `list.map`: an array handed over by code may have had its prototype replaced.
  return Array.isArray(list)
    ? Array.prototype.map.call(list, (item: unknown) => (isObject(item) ? fn(item) : item))
    : list;
}

/** v0 wrote coordinates as numbers or numeric strings; anything else lands at 0. */
function coordinate(value: unknown): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
