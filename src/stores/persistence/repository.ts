import { type ChainDocument, importDocument, stripSecrets } from "../../graph/index.ts";
import type { PersistenceBackend, WriteOp } from "./backend.ts";
import { PersistenceError, guard } from "./errors.ts";
import type { ChainRepository, ChainSummary, StoredChain, Viewport } from "./types.ts";

/** The record in the `chains` store. `doc` is stored without secrets. */
interface ChainRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  nodeCount: number;
  /** Records written before revisions existed read as 0. */
  rev: number;
  doc: Record<string, unknown>;
}

export interface RepositoryOptions {
  /** The clock for `updatedAt` (default `Date.now`). */
  now?: () => number;
  /** New chain ids (default `newChainId`). */
  createId?: () => string;
}

const OPEN_KEY = "open";
const viewportKey = (chainId: string) => `viewport:${chainId}`;
export const UNTITLED = "Untitled chain";

/**
 * A random id that works outside secure contexts too (`crypto.randomUUID` needs https or
 * localhost; `getRandomValues` does not).
 */
export function newChainId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `chain-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The repository over any backend: summaries, ordering, timestamps, secret stripping on write and
 * migration on read live here once, so the IndexedDB and in-memory versions cannot drift apart.
 *
 * @example
 * const repo = createChainRepository(new MemoryBackend());
 */
export function createChainRepository(
  backend: PersistenceBackend,
  options: RepositoryOptions = {},
): ChainRepository {
  const now = options.now ?? (() => Date.now());
  const createId = options.createId ?? newChainId;

  const putRecord = (id: string, doc: ChainDocument, expectedRev?: number): Promise<ChainSummary> => {
    const clean = stripSecrets(doc) as Record<string, unknown>;
    const at = now();
    let saved: ChainRecord | undefined;
    return guard(async () => {
      await backend.update("chains", id, (current) => {
        const prev = asRecord(current);
        if (prev && expectedRev !== undefined && prev.rev !== expectedRev)
          throw new PersistenceError("conflict", "the chain was changed in another tab");
        saved = {
          id,
          name: nameOf(clean),
          createdAt: prev?.createdAt ?? at,
          updatedAt: at,
          nodeCount: nodeCountOf(clean),
          // A record deleted elsewhere is written again after the revision its writer knew, so a
          // third tab still holding an older one cannot match it by chance.
          rev: (prev?.rev ?? expectedRev ?? 0) + 1,
          doc: clean,
        };
        return [{ type: "put", store: "chains", key: id, value: saved }];
      });
      return summaryOf(saved!);
    });
  };

  const getRecord = async (id: string): Promise<ChainRecord> => {
    const record = asRecord(await backend.get("chains", id));
    if (!record) throw new PersistenceError("not-found", `there is no saved chain with id "${id}"`);
    return record;
  };

  return {
    list: () =>
      guard(async () =>
        (await backend.getAll("chains"))
          .map(asRecord)
          .filter((r): r is ChainRecord => r !== undefined)
          .map(summaryOf)
          .sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name) || cmp(a.id, b.id)),
      ),

    get: (id) =>
      guard(async (): Promise<StoredChain | undefined> => {
        const record = asRecord(await backend.get("chains", id));
        if (!record) return undefined;
        const result = importDocument(record.doc);
        if (!result.ok) {
          const first = result.problems[0]?.message ?? "invalid document";
          throw new PersistenceError("corrupt", `the saved chain "${record.name}" cannot be read: ${first}`);
        }
        return { ...summaryOf(record), createdAt: record.createdAt, doc: result.document };
      }),

    put: putRecord,
    create: (doc) => putRecord(createId(), doc),

    rename: (id, name) =>
      guard(async () => {
        const clean = name.trim();
        if (!clean || clean.length > 500)
          throw new PersistenceError("invalid", "a name has 1 to 500 characters");
        let renamed: ChainRecord | undefined;
        await backend.update("chains", id, (current) => {
          const record = asRecord(current);
          if (!record) throw new PersistenceError("not-found", `there is no saved chain with id "${id}"`);
          renamed = {
            ...record,
            name: clean,
            updatedAt: now(),
            rev: record.rev + 1,
            doc: { ...record.doc, name: clean },
          };
          return [{ type: "put", store: "chains", key: id, value: renamed }];
        });
        return summaryOf(renamed!);
      }),

    duplicate: (id, name) =>
      guard(async () => {
        const source = await getRecord(id);
        const copyName = name?.trim() || `${source.name} (copy)`;
        return putRecord(createId(), { ...source.doc, name: copyName } as ChainDocument);
      }),

    delete: (id) =>
      guard(() =>
        backend.update("ui", OPEN_KEY, (open) => {
          const ops: WriteOp[] = [
            { type: "delete", store: "chains", key: id },
            { type: "delete", store: "ui", key: viewportKey(id) },
            { type: "deleteRunsOf", chainId: id },
          ];
          if ((open as { chainId?: unknown } | undefined)?.chainId === id)
            ops.push({ type: "delete", store: "ui", key: OPEN_KEY });
          return ops;
        }),
      ),

    getOpenChainId: () =>
      guard(async () => {
        const open = (await backend.get("ui", OPEN_KEY)) as { chainId?: unknown } | undefined;
        return typeof open?.chainId === "string" ? open.chainId : undefined;
      }),

    setOpenChainId: (id) =>
      guard(() =>
        backend.write([
          id === undefined
            ? { type: "delete", store: "ui", key: OPEN_KEY }
            : { type: "put", store: "ui", key: OPEN_KEY, value: { chainId: id } },
        ]),
      ),

    getViewport: (chainId) => guard(async () => asViewport(await backend.get("ui", viewportKey(chainId)))),

    setViewport: (chainId, viewport) =>
      guard(() => {
        const value = asViewport(viewport);
        if (!value)
          throw new PersistenceError("invalid", "a viewport has finite x and y and a positive zoom");
        return backend.write([{ type: "put", store: "ui", key: viewportKey(chainId), value }]);
      }),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nameOf(doc: Record<string, unknown>): string {
  return typeof doc.name === "string" && doc.name.trim() ? doc.name : UNTITLED;
}

function nodeCountOf(doc: Record<string, unknown>): number {
  return Array.isArray(doc.nodes) ? doc.nodes.length : 0;
}

function summaryOf(r: ChainRecord): ChainSummary {
  return { id: r.id, name: r.name, updatedAt: r.updatedAt, nodeCount: r.nodeCount, rev: r.rev };
}

/** A stored value as a chain record, tolerating missing bookkeeping; `undefined` when it is not one. */
function asRecord(value: unknown): ChainRecord | undefined {
  if (!isObject(value) || typeof value.id !== "string" || !isObject(value.doc)) return undefined;
  const updatedAt = typeof value.updatedAt === "number" ? value.updatedAt : 0;
  return {
    id: value.id,
    name: typeof value.name === "string" ? value.name : nameOf(value.doc),
    createdAt: typeof value.createdAt === "number" ? value.createdAt : updatedAt,
    updatedAt,
    nodeCount: typeof value.nodeCount === "number" ? value.nodeCount : nodeCountOf(value.doc),
    rev: typeof value.rev === "number" ? value.rev : 0,
    doc: value.doc,
  };
}

function asViewport(value: unknown): Viewport | undefined {
  if (!isObject(value)) return undefined;
  const { x, y, zoom } = value;
  if (typeof x !== "number" || typeof y !== "number" || typeof zoom !== "number") return undefined;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(zoom) || zoom <= 0) return undefined;
  return { x, y, zoom };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
