import { createStore } from "zustand/vanilla";
import type { ChainDocument } from "../graph/index.ts";
import { type History, recordChange, redo, sealLast, undo } from "./history.ts";

export interface Selection {
  nodes: string[];
  edges: string[];
}

export interface DocumentState {
  /** The open chain. Changed only through `change`, `undo`, `redo` and `load`. */
  doc: ChainDocument;
  /** UI selection: never part of history. */
  selection: Selection;
  history: History;
  /** Counts every change to `doc` (autosave and dirty checks watch it). */
  revision: number;

  /**
   * Changes the document. `history: false` keeps the change out of undo (rare: only for things that
   * are not the user's edits). A `coalesce` key merges a gesture (a drag) into one entry.
   */
  change(
    label: string,
    recipe: (doc: ChainDocument) => void,
    options?: { history?: boolean; coalesce?: string },
  ): void;
  /** Ends a coalescing gesture so the next change starts a new history entry. */
  endGesture(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document (open, import, new chain): history starts afresh. */
  load(doc: ChainDocument): void;
  select(selection: Selection): void;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

const EMPTY_HISTORY: History = { past: [], future: [] };

/** The document store: the chain being edited, with undo and redo as diffs. */
export function createDocumentStore(initial: ChainDocument) {
  return createStore<DocumentState>()((set, get) => ({
    doc: initial,
    selection: { nodes: [], edges: [] },
    history: EMPTY_HISTORY,
    revision: 0,

    change(label, recipe, options = {}) {
      const { doc, history, revision } = get();
      if (options.history === false) {
        const r = recordChange(doc, EMPTY_HISTORY, label, recipe);
        if (r.state !== doc) set({ doc: r.state, revision: revision + 1 });
        return;
      }
      const r = recordChange(doc, history, label, recipe, options.coalesce);
      if (r.state !== doc) set({ doc: r.state, history: r.history, revision: revision + 1 });
    },
    endGesture() {
      set({ history: sealLast(get().history) });
    },
    undo() {
      const { doc, history, revision } = get();
      const r = undo(doc, history);
      if (r.state !== doc)
        set({
          doc: r.state,
          history: r.history,
          revision: revision + 1,
          selection: pruneSelection(get().selection, r.state),
        });
    },
    redo() {
      const { doc, history, revision } = get();
      const r = redo(doc, history);
      if (r.state !== doc)
        set({
          doc: r.state,
          history: r.history,
          revision: revision + 1,
          selection: pruneSelection(get().selection, r.state),
        });
    },
    load(doc) {
      set({ doc, history: EMPTY_HISTORY, selection: { nodes: [], edges: [] }, revision: get().revision + 1 });
    },
    select(selection) {
      set({ selection });
    },
  }));
}

function pruneSelection(selection: Selection, doc: ChainDocument): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  return {
    nodes: selection.nodes.filter((id) => nodes.has(id)),
    edges: selection.edges.filter((id) => edges.has(id)),
  };
}
