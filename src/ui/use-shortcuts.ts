import { useEffect } from "react";
import { useServices } from "./services.tsx";

/** Global keyboard shortcuts; ignored while typing in a field (except Run). */
export function useShortcuts(run: () => void) {
  const { documents, actions } = useServices();
  useEffect(() => {
    let clipboard:
      | {
          nodes: ReturnType<typeof documents.getState>["doc"]["nodes"];
          edges: ReturnType<typeof documents.getState>["doc"]["edges"];
        }
      | undefined;
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === "Enter") {
        e.preventDefault();
        run();
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if (!mod) return;
      const s = documents.getState();
      const key = e.key.toLowerCase();
      const selected = () => {
        const ids = new Set(s.selection.nodes);
        return {
          nodes: s.doc.nodes.filter((n) => ids.has(n.id)),
          edges: s.doc.edges.filter((x) => ids.has(x.source) && ids.has(x.target)),
        };
      };
      if (key === "z" && !e.shiftKey) s.undo();
      else if ((key === "z" && e.shiftKey) || key === "y") s.redo();
      else if (key === "a")
        s.select({ nodes: s.doc.nodes.map((n) => n.id), edges: s.doc.edges.map((x) => x.id) });
      else if (key === "c") clipboard = selected();
      else if (key === "v" && clipboard) actions.paste(clipboard.nodes, clipboard.edges);
      else if (key === "d") {
        const sel = selected();
        actions.paste(sel.nodes, sel.edges);
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [documents, actions, run]);
}
