import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import {
  type ChainNode,
  INPUT_PORT,
  NODE_DEFINITIONS,
  type NodeDefinition,
  displayName,
} from "../../graph/index.ts";
import { useRunView } from "../services.tsx";
import { NodeLiveOutput } from "./NodeLiveOutput.tsx";
import { PORT_COLOURS, TYPE_COLOURS } from "./kind-style.ts";

export type ChainFlowNode = Node<{ node: ChainNode; problems: string[]; keyedInputs: string[] }>;

/** The canvas view of any node type, driven by its definition in the registry. */
export const ChainNodeView = memo(function ChainNodeView({ data, selected }: NodeProps<ChainFlowNode>) {
  const { node, problems, keyedInputs } = data;
  const def = NODE_DEFINITIONS[node.type] as unknown as NodeDefinition;
  const inputs = def.inputs(node);
  const output = def.outputs(node)[0];
  const name = displayName(node);
  // A boolean slice: only the node that gains or loses the highlight re-renders.
  const highlighted = useRunView((s) => s.highlightedNode === node.id);
  // A prompt also takes a whole object of variables; other nodes' single input is that handle.
  const wholeInput =
    node.type === "prompt" || inputs.length === 0 ? null : inputs[0]!.id === INPUT_PORT ? inputs[0]! : null;
  const variableInputs = [
    ...(wholeInput ? inputs.slice(1) : inputs),
    ...keyedInputs.map((key) => ({ id: key, label: key, kind: "any" as const })),
  ];
  return (
    <div
      data-highlighted={highlighted || undefined}
      className={`w-[260px] rounded-lg border bg-white text-left shadow-sm dark:bg-slate-900 ${
        selected ? "border-cyan-500" : "border-slate-300 dark:border-slate-700"
      } ${
        // The run views' selected event or bar: a wide amber ring, distinct from the selection's.
        highlighted
          ? "ring-4 ring-amber-400 ring-offset-2 ring-offset-white dark:ring-amber-300 dark:ring-offset-slate-950"
          : selected
            ? "ring-2 ring-cyan-500/30"
            : ""
      }`}
    >
      <header className="flex items-center gap-2 px-3 py-2">
        <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${TYPE_COLOURS[node.type].dot}`} aria-hidden />
        <span className="truncate text-sm font-semibold">{name}</span>
        <span className="ml-auto text-[10px] font-medium tracking-wide text-slate-400 uppercase">
          {def.label}
        </span>
        {problems.length > 0 && (
          <span
            title={problems.join("\n")}
            aria-label={`${problems.length} problem${problems.length > 1 ? "s" : ""}`}
            className="rounded-full bg-red-600 px-1.5 text-[10px] font-bold text-white"
          >
            {problems.length}
          </span>
        )}
      </header>
      <Handle
        type="target"
        id={INPUT_PORT}
        position={Position.Left}
        style={{ top: 20, background: PORT_COLOURS[wholeInput?.kind ?? "any"] }}
        title={wholeInput ? `${wholeInput.label} (${wholeInput.kind})` : "whole input object"}
      />
      {variableInputs.length > 0 && (
        <ul className="space-y-1 pb-1">
          {variableInputs.map((port) => (
            <li key={port.id} className="relative px-3 text-xs text-slate-600 dark:text-slate-300">
              <Handle
                type="target"
                id={port.id}
                position={Position.Left}
                style={{ background: PORT_COLOURS[port.kind] }}
                title={`${port.label} (${port.kind})`}
              />
              <span className="rounded bg-amber-50 px-1 font-mono text-amber-800 dark:bg-amber-950 dark:text-amber-300">
                {port.label}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Summary node={node} def={def} />
      {output && (
        <Handle
          type="source"
          id="output"
          position={Position.Right}
          style={{ top: 20, background: PORT_COLOURS[output.kind] }}
          title={`${output.label} (${output.kind})`}
        />
      )}
      <NodeLiveOutput nodeId={node.id} name={name} />
    </div>
  );
});

function Summary({ node, def }: { node: ChainNode; def: NodeDefinition }) {
  const text = def.summary(node);
  if (!text) return null;
  return (
    <p className="line-clamp-3 px-3 pb-2 font-mono text-[11px] leading-snug whitespace-pre-wrap text-slate-500 dark:text-slate-400">
      {node.type === "prompt" ? highlightVariables(text) : text}
    </p>
  );
}

/** Template variables stand out in a prompt's summary. */
function highlightVariables(text: string) {
  return text.split(/(\{[^{}]+\})/g).map((part, i) =>
    /^\{[^{}]+\}$/.test(part) ? (
      <mark
        key={i}
        className="rounded bg-amber-100 px-0.5 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200"
      >
        {part}
      </mark>
    ) : (
      part
    ),
  );
}
