import { Panel, useReactFlow } from "@xyflow/react";
import { autoLayout } from "../../graph/index.ts";
import { useDocument, useServices } from "../services.tsx";

const button =
  "h-7 rounded-md border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-40 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

/** Canvas commands: undo, redo, auto-layout (one undo step), fit view. */
export function CanvasToolbar() {
  const { documents, actions } = useServices();
  const flow = useReactFlow();
  const canUndo = useDocument((s) => s.history.past.length > 0);
  const canRedo = useDocument((s) => s.history.future.length > 0);
  const layout = () => {
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const n of flow.getNodes())
      if (n.measured?.width && n.measured.height)
        sizes[n.id] = { width: n.measured.width, height: n.measured.height };
    actions.moveNodes(autoLayout(documents.getState().doc, sizes));
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
  };
  return (
    <Panel position="top-left" className="flex gap-1">
      <button
        type="button"
        className={button}
        disabled={!canUndo}
        onClick={() => documents.getState().undo()}
        title="Undo (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        className={button}
        disabled={!canRedo}
        onClick={() => documents.getState().redo()}
        title="Redo (Shift+Ctrl+Z)"
      >
        Redo
      </button>
      <button type="button" className={button} onClick={layout} title="Lay the chain out left to right">
        Auto-layout
      </button>
    </Panel>
  );
}
