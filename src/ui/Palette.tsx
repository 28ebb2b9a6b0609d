import { useReactFlow } from "@xyflow/react";
import { NODE_DEFINITIONS, NODE_TYPES, type NodeType } from "../graph/index.ts";
import { TYPE_COLOURS } from "./canvas/kind-style.ts";
import { PALETTE_MIME } from "./palette-dnd.ts";
import { useServices } from "./services.tsx";

/** The node types: drag one onto the canvas, or click / press Enter to add it at the centre. */
export function Palette() {
  const { actions } = useServices();
  const flow = useReactFlow();
  const addAtCentre = (type: NodeType) => {
    const canvas = document.querySelector("[aria-label='Canvas']")?.getBoundingClientRect();
    const centre = canvas
      ? flow.screenToFlowPosition({
          x: canvas.left + canvas.width / 2 - 130,
          y: canvas.top + canvas.height / 2 - 40,
        })
      : { x: 0, y: 0 };
    actions.addNode(type, centre);
  };
  return (
    <nav
      aria-label="Palette"
      className="flex w-48 shrink-0 flex-col gap-1 border-r border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="px-1 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Nodes
      </h2>
      {NODE_TYPES.map((type) => {
        const def = NODE_DEFINITIONS[type];
        return (
          <button
            key={type}
            type="button"
            title={def.description}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, type);
              e.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => addAtCentre(type)}
            className="flex cursor-grab items-center gap-2 rounded-md border border-transparent px-2 py-1.5 text-left text-sm hover:border-slate-200 hover:bg-slate-50 active:cursor-grabbing dark:hover:border-slate-700 dark:hover:bg-slate-800"
          >
            <span className={`h-2.5 w-2.5 rounded-full ${TYPE_COLOURS[type].dot}`} aria-hidden />
            {def.label}
          </button>
        );
      })}
      <p className="mt-auto px-1 text-[11px] leading-snug text-slate-400 dark:text-slate-500">
        Drag onto the canvas, or click to add at the centre.
      </p>
    </nav>
  );
}
