import { type ChainEdge, type ChainNode, NODE_DEFINITIONS, type NodeType } from "../graph/index.ts";
import type { DocumentState, DocumentStore } from "./document-store.ts";

/**
 * The user's edits to a chain. Each is one history entry, except moves during a drag, which merge
 * into one entry per drag (`coalesce`) until `endGesture`.
 */
export function documentActions(store: DocumentStore, newId: (prefix: string) => string) {
  const change: DocumentState["change"] = (...args) => store.getState().change(...args);
  return {
    addNode(type: NodeType, position: { x: number; y: number }): string {
      const id = newId(type);
      const def = NODE_DEFINITIONS[type];
      const node = { id, type, position, data: def.defaultData() } as ChainNode;
      change(`Add ${def.label}`, (doc) => {
        doc.nodes.push(node);
      });
      store.getState().select({ nodes: [id], edges: [] });
      return id;
    },

    removeElements(nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
      const nodes = new Set(nodeIds);
      const edges = new Set(edgeIds);
      if (nodes.size === 0 && edges.size === 0) return;
      change(
        nodes.size > 0 ? `Delete ${nodes.size} node${nodes.size > 1 ? "s" : ""}` : "Delete connection",
        (doc) => {
          doc.nodes = doc.nodes.filter((n) => !nodes.has(n.id));
          // Deleting a node removes its edges too.
          doc.edges = doc.edges.filter(
            (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
          );
        },
      );
    },

    connect(edge: { source: string; target: string; targetHandle?: string | undefined }): string {
      const id = newId("e");
      change("Connect", (doc) => {
        // A handle takes one edge: a new connection replaces the old one.
        doc.edges = doc.edges.filter(
          (e) => !(e.target === edge.target && (e.targetHandle ?? null) === (edge.targetHandle ?? null)),
        );
        const e: ChainEdge = { id, source: edge.source, target: edge.target };
        if (edge.targetHandle !== undefined) e.targetHandle = edge.targetHandle;
        doc.edges.push(e);
      });
      return id;
    },

    /** Moves nodes; during a drag pass the drag's id so the whole drag is one undo step. */
    moveNodes(positions: Record<string, { x: number; y: number }>, dragId?: string): void {
      change(
        "Move",
        (doc) => {
          for (const n of doc.nodes) {
            const p = positions[n.id];
            if (p && (p.x !== n.position.x || p.y !== n.position.y))
              n.position = { ...n.position, x: p.x, y: p.y };
          }
        },
        dragId ? { coalesce: `drag:${dragId}` } : {},
      );
    },

    rename(nodeId: string, name: string): void {
      change("Rename", (doc) => {
        const n = doc.nodes.find((x) => x.id === nodeId);
        if (!n) return;
        const trimmed = name.trim();
        if (trimmed) n.name = trimmed;
        else delete n.name;
      });
    },

    /** Sets `data.<path>` of a node; typing in one field coalesces into one entry per field. */
    setData(nodeId: string, path: string, value: unknown): void {
      change(
        "Edit",
        (doc) => {
          const n = doc.nodes.find((x) => x.id === nodeId);
          if (!n) return;
          setPath(n.data, path.split("."), value);
        },
        { coalesce: `edit:${nodeId}:${path}` },
      );
    },

    /** Adds copies of nodes (and the edges among them), offset, and selects them. */
    paste(nodes: readonly ChainNode[], edges: readonly ChainEdge[], offset = { x: 40, y: 40 }): string[] {
      const ids = new Map(nodes.map((n) => [n.id, newId(n.type)]));
      const copies = nodes.map((n) => ({
        ...structuredClone(n),
        id: ids.get(n.id)!,
        position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      }));
      const edgeCopies = edges
        .filter((e) => ids.has(e.source) && ids.has(e.target))
        .map((e) => ({
          ...structuredClone(e),
          id: newId("e"),
          source: ids.get(e.source)!,
          target: ids.get(e.target)!,
        }));
      change(`Paste ${copies.length} node${copies.length === 1 ? "" : "s"}`, (doc) => {
        doc.nodes.push(...copies);
        doc.edges.push(...edgeCopies);
      });
      const newIds = copies.map((c) => c.id);
      store.getState().select({ nodes: newIds, edges: [] });
      return newIds;
    },

    renameChain(name: string): void {
      change("Rename chain", (doc) => {
        doc.name = name.trim() || "Untitled chain";
      });
    },
  };
}

export type DocumentActions = ReturnType<typeof documentActions>;

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined || head === "__proto__" || head === "constructor" || head === "prototype") return;
  if (rest.length === 0) {
    if (value === undefined) delete target[head];
    else target[head] = value;
    return;
  }
  const next = target[head];
  const child = next && typeof next === "object" ? (next as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, value);
}
