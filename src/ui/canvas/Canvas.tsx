import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { NodeType } from "../../graph/index.ts";
import type { Viewport } from "../../stores/index.ts";
import { NODE_DEFINITIONS } from "../../graph/index.ts";
import { useDocument, useServices } from "../services.tsx";
import type { ChainFlowNode } from "./ChainNodeView.tsx";
import { TYPE_COLOURS } from "./kind-style.ts";
import { NODE_TYPES } from "./node-types.ts";
import { CanvasToolbar } from "./CanvasToolbar.tsx";
import {
  connectionRefusal,
  keyedInputsByNode,
  problemsByNode,
  toFlowEdges,
  toFlowNodes,
} from "./flow-model.ts";
import { PALETTE_MIME } from "../palette-dnd.ts";
import { ImportErrors } from "../io/ImportErrors.tsx";
import { type ImportOutcome, readChainFile } from "../io/import-file.ts";

/**
 * The dot grid is repainted on every frame of a pan (it moves under the nodes); with a big chain's
 * nodes that pushed the pan's p95 frame interval to 33 ms, 16.7 ms without it (`npm run bench:ui`,
 * 300 nodes). Big chains get a plain surface.
 */
const GRID_MAX_NODES = 100;

/** Fit leaves room at the bottom, where the minimap and the controls sit over the canvas. */
const FIT_VIEW = { padding: { top: 0.15, left: 0.1, right: 0.1, bottom: 0.3 }, maxZoom: 1 } as const;

/** The graph editor surface: React Flow controlled by the document store. */
export function Canvas({
  initialViewport,
  onViewportChange,
}: {
  initialViewport?: Viewport | undefined;
  onViewportChange?: ((viewport: Viewport) => void) | undefined;
}) {
  const { documents, actions, openChain, chains } = useServices();
  const doc = useDocument((s) => s.doc);
  const selection = useDocument((s) => s.selection);
  const flow = useReactFlow();
  const [refusal, setRefusal] = useState<string | undefined>();
  // A drag moves nodes locally; the document gets the final position (one undo step) when it ends.
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});

  const problems = useMemo(() => problemsByNode(doc).byNode, [doc]);
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  // Opening another chain brings it into view.
  const openId = useStore(chains.state, (s) => s.openId);
  const firstOpen = useRef(openId);
  useEffect(() => {
    if (openId === firstOpen.current) return;
    const t = setTimeout(() => void flow.fitView(FIT_VIEW), 50);
    return () => clearTimeout(t);
  }, [openId, flow]);
  const keyedInputs = useMemo(() => keyedInputsByNode(doc), [doc]);
  const nodes = useMemo(
    () => toFlowNodes(doc, keyedInputs, selectedNodes, problems, dragging, measured),
    [doc, keyedInputs, selectedNodes, problems, dragging, measured],
  );
  const edges = useMemo(() => toFlowEdges(doc, selectedEdges), [doc, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ChainFlowNode>[]) => {
      const moving: Record<string, { x: number; y: number }> = {};
      const finished: Record<string, { x: number; y: number }> = {};
      const sizes: Record<string, { width: number; height: number }> = {};
      const removed: string[] = [];
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === "position" && c.position) (c.dragging ? moving : finished)[c.id] = c.position;
        else if (c.type === "dimensions" && c.dimensions) sizes[c.id] = c.dimensions;
        else if (c.type === "remove") removed.push(c.id);
        else if (c.type === "select") selects.push(c);
      }
      if (Object.keys(sizes).length > 0) setMeasured((m) => ({ ...m, ...sizes }));
      if (Object.keys(moving).length > 0) setDragging((d) => ({ ...d, ...moving }));
      if (Object.keys(finished).length > 0) {
        actions.moveNodes(finished, `drag-${Date.now()}`);
        documents.getState().endGesture();
        setDragging({});
      }
      if (removed.length > 0) actions.removeElements(removed);
      if (selects.length > 0) {
        const sel = new Set(documents.getState().selection.nodes);
        for (const c of selects) {
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
        documents.getState().select({ nodes: [...sel], edges: documents.getState().selection.edges });
      }
    },
    [actions, documents],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = changes.filter((c) => c.type === "remove").map((c) => c.id);
      if (removed.length > 0) actions.removeElements([], removed);
      const selects = changes.filter((c) => c.type === "select");
      if (selects.length > 0) {
        const sel = new Set(documents.getState().selection.edges);
        for (const c of selects) {
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
        documents.getState().select({ nodes: documents.getState().selection.nodes, edges: [...sel] });
      }
    },
    [actions, documents],
  );

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string; targetHandle?: string | null }) => {
      const why = connectionRefusal(documents.getState().doc, c);
      setRefusal(why);
      return why === undefined;
    },
    [documents],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (connectionRefusal(documents.getState().doc, c)) return;
      actions.connect({
        source: c.source,
        target: c.target,
        targetHandle: c.targetHandle && c.targetHandle !== "input" ? c.targetHandle : undefined,
      });
    },
    [actions, documents],
  );

  const [importFailure, setImportFailure] = useState<Extract<ImportOutcome, { ok: false }>>();
  const onDrop = useCallback(
    (e: DragEvent) => {
      const file = e.dataTransfer.files[0];
      if (file) {
        // A chain file dropped on the canvas imports like Import does.
        e.preventDefault();
        void readChainFile(file).then((r) => (r.ok ? openChain(r.document) : setImportFailure(r)));
        return;
      }
      const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!(type in NODE_DEFINITIONS)) return;
      e.preventDefault();
      actions.addNode(type, flow.screenToFlowPosition({ x: e.clientX - 130, y: e.clientY - 20 }));
    },
    [actions, flow, openChain],
  );

  return (
    <section aria-label="Canvas" className="relative min-w-0 flex-1">
      <ReactFlow<ChainFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectEnd={() => setTimeout(() => setRefusal(undefined), 1500)}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(PALETTE_MIME) || e.dataTransfer.types.includes("Files")) {
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
          }
        }}
        onDrop={onDrop}
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        colorMode="system"
        // A reload restores the saved viewport; a first visit fits the chain.
        {...(initialViewport ? { defaultViewport: initialViewport } : { fitView: true })}
        onMoveEnd={(_, viewport) => onViewportChange?.(viewport)}
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        {doc.nodes.length <= GRID_MAX_NODES && (
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        )}
        <Controls />
        <CanvasToolbar />
        <MiniMap
          pannable
          zoomable
          // Small, so it covers little of a short canvas (1280×800 with the run panels open).
          style={{ width: 150, height: 96 }}
          nodeColor={(n) => TYPE_COLOURS[(n as ChainFlowNode).data.node.type].hex}
        />
      </ReactFlow>
      {importFailure && (
        <ImportErrors
          fileName={importFailure.fileName}
          problems={importFailure.problems}
          onClose={() => setImportFailure(undefined)}
        />
      )}
      {refusal && (
        <p
          role="status"
          className="pointer-events-none absolute top-3 left-1/2 -translate-x-1/2 rounded-md bg-slate-900/90 px-3 py-1.5 text-sm text-white shadow"
        >
          Can’t connect: {refusal}
        </p>
      )}
    </section>
  );
}
