import type { ChainDocument } from "../../graph/index.ts";

/** One line of the chain list: enough to show and sort it without reading the document. */
export interface ChainSummary {
  id: string;
  name: string;
  /** Milliseconds since the epoch of the last save (or rename). */
  updatedAt: number;
  nodeCount: number;
  /**
   * The record's revision: 1 when created, one more at each save or rename. A save that names the
   * revision it started from is refused when another (another tab) came in between.
   */
  rev: number;
}

/** A saved chain, read back through `importDocument` (so older documents are migrated). */
export interface StoredChain extends ChainSummary {
  createdAt: number;
  doc: ChainDocument;
}

/** The canvas viewport (React Flow's `{ x, y, zoom }`), remembered per chain. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The user's chains and the little UI state a reload restores (which chain is open, each chain's
 * viewport). Every method rejects with a `PersistenceError` when storage fails. Documents are
 * stored without secrets: `put` strips them again whatever the caller passes.
 *
 * @example
 * const { id } = await repo.create(doc);
 * await repo.setOpenChainId(id);
 * const chains = await repo.list(); // most recently saved first
 */
export interface ChainRepository {
  /** Every chain, most recently updated first (then by name, then id). */
  list(): Promise<ChainSummary[]>;
  /** The chain, migrated and validated; `undefined` when there is none with this id. */
  get(id: string): Promise<StoredChain | undefined>;
  /**
   * Saves a document under `id` (creating the record when missing). With `expectedRev`, rejects with
   * `conflict`, writing nothing, unless the stored record is still at that revision (or is missing).
   */
  put(id: string, doc: ChainDocument, expectedRev?: number): Promise<ChainSummary>;
  /** Saves a document under a new id. */
  create(doc: ChainDocument): Promise<ChainSummary>;
  /**
   * Renames a stored chain (its document's `name` too). Rejects with `not-found` when missing. For
   * the open chain, change `doc.name` through the document store instead: autosave would otherwise
   * write the old name back.
   */
  rename(id: string, name: string): Promise<ChainSummary>;
  /**
   * Copies a stored chain under a new id, named `name` or "<name> (copy)". For the open chain,
   * `await autosave.flush()` first (or `create` from the store's document).
   */
  duplicate(id: string, name?: string): Promise<ChainSummary>;
  /**
   * Deletes the chain with its viewport and its runs; a no-op when missing. Switch away from the
   * open chain first (`autosave.open`): autosave would save it again on the next change.
   */
  delete(id: string): Promise<void>;

  getOpenChainId(): Promise<string | undefined>;
  setOpenChainId(id: string | undefined): Promise<void>;
  getViewport(chainId: string): Promise<Viewport | undefined>;
  setViewport(chainId: string, viewport: Viewport): Promise<void>;
}
