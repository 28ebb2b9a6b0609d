import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { EMPTY_NODE_RUN, type NodeRun, formatCost } from "../../stores/index.ts";
import { NoPriceButton } from "../run/usage/NoPriceButton.tsx";
import { useNodeUsage } from "../run/usage/use-usage.ts";
import { useRun, useRunView } from "../services.tsx";
import { BlockText } from "./live/BlockText.tsx";
import { FullTextDialog } from "./live/FullTextDialog.tsx";
import { NodeValueView } from "./live/NodeValueView.tsx";
import { ShowAllNote } from "./live/ShowAllNote.tsx";
import { nodeMetrics } from "./live/node-metrics.ts";
import { NODE_FOLLOW_CHARS, tailNote, textTail } from "./live/text-tail.ts";
import { usePinnedTail } from "./live/use-pinned-tail.ts";
import { useSlowTick } from "./live/use-slow-tick.ts";
import { NodeStatusBadge, STATUS_EDGE } from "./NodeStatusBadge.tsx";
import { formatCount } from "../format-count.ts";

/**
 * A node's live state, read from the run store by node id (never from the document): a streamed
 * token re-renders this component only, never the canvas. Its boxes have fixed heights so a
 * growing output does not resize the node (React Flow would re-measure it every frame).
 */
export const NodeLiveOutput = memo(function NodeLiveOutput({
  nodeId,
  name,
}: {
  nodeId: string;
  name: string;
}) {
  const run = useRun((s) => s.nodes[nodeId] ?? EMPTY_NODE_RUN);
  // While streaming, the figures follow a slow clock; the text follows every frame.
  const tick = useSlowTick(run.status === "streaming");
  if (run.status === "idle") return null;
  return (
    // Contained: a token changes this box's layout and paint only, never the node around it.
    <div className={`border-t-2 [contain:content] ${STATUS_EDGE[run.status]}`}>
      {/* While streaming, the figures change on every tick: a box of fixed height with strict
          containment lays them out alone, not the node, the canvas and the page around it. */}
      <div
        className={`flex items-center gap-2 px-3 pt-2 ${run.status === "streaming" ? "h-[34px] overflow-hidden [contain:strict]" : ""}`}
      >
        <NodeStatusBadge status={run.status} />
        <Metrics nodeId={nodeId} run={run} tick={tick} />
      </div>
      <Body run={run} name={name} tick={tick} />
      {run.reasoning && <Reasoning text={run.reasoning} />}
      {run.error && (
        <p
          role="alert"
          className="mx-3 mb-2 line-clamp-4 rounded bg-red-50 px-2 py-1 text-xs break-words text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {run.error.name && run.error.name !== "Error" ? `${run.error.name}: ` : ""}
          {run.error.message}
        </p>
      )}
    </div>
  );
});

interface FiguresProps {
  run: NodeRun;
  /** `useSlowTick`: -1 when the node is not streaming. */
  tick: number;
}

/** Redraw a node's figures when its run changes, but only once per tick while it streams. */
function sameFigures(a: FiguresProps, b: FiguresProps): boolean {
  if (a.run === b.run) return true;
  return a.tick >= 0 && a.tick === b.tick && a.run.status === b.run.status;
}

const Metrics = memo(
  function Metrics({ nodeId, run }: FiguresProps & { nodeId: string }) {
    const usage = useNodeUsage(nodeId, run);
    const metrics = nodeMetrics(run);
    if (metrics.length === 0 && !usage) return null;
    return (
      <ul
        aria-label="Metrics"
        className="ml-auto flex flex-wrap justify-end gap-x-1.5 font-mono text-[10px] leading-tight text-slate-500 dark:text-slate-400"
      >
        {metrics.map((m) => (
          <li key={m.key} title={m.title}>
            {m.value}
          </li>
        ))}
        {usage && (
          <li title={usage.cost !== undefined ? `Estimated cost at the ${usage.pricedAs} price` : undefined}>
            {usage.cost !== undefined ? formatCost(usage.cost) : <NoPriceButton model={usage.model} />}
          </li>
        )}
      </ul>
    );
  },
  (a, b) => a.nodeId === b.nodeId && sameFigures(a, b),
);

/** What the node produced, or why there is nothing to show. */
function Body({ run, name, tick }: { run: NodeRun; name: string; tick: number }) {
  if (run.text) return <LiveText run={run} name={name} tick={tick} />;
  if (run.hasValue) return <NodeValueView value={run.value} />;
  return <p className="px-3 py-2 text-xs text-slate-500 italic dark:text-slate-400">{emptyNote(run)}</p>;
}

function emptyNote(run: NodeRun): string {
  switch (run.status) {
    case "waiting":
      return "Waiting for its input…";
    case "running":
      return "Running…";
    case "skipped":
      return "Did not run: the run ended before it reached this node.";
    case "cancelled":
      return "Stopped before any output.";
    case "error":
      return "Failed before any output.";
    default:
      return "No output.";
  }
}

const TEXT_BOX =
  "mx-2 mt-2 mb-1 h-28 rounded bg-slate-50 px-2 py-1.5 text-[11px] leading-snug text-slate-800 dark:bg-slate-950 dark:text-slate-200";

/** Streamed text: only its tail is drawn (with chunk bars when asked), the whole on demand. */
function LiveText({ run, name, tick }: { run: NodeRun; name: string; tick: number }) {
  const showBoundaries = useRunView((s) => s.showBoundaries);
  const [full, setFull] = useState<string>();
  const { text, boundaries } = run;
  // `boundaries` grows in place alongside `text`, so `text` is the version that changes.
  const { tail, onFollowingChange } = usePinnedTail(
    text,
    boundaries,
    showBoundaries,
    text,
    NODE_FOLLOW_CHARS,
  );
  // "Show all" opens the text as it is when clicked, though the note redraws only on the tick.
  const latest = useRef(text);
  useLayoutEffect(() => {
    latest.current = text;
  }, [text]);
  const showAll = useCallback(() => setFull(latest.current), []);
  return (
    <>
      <BlockText tail={tail} label="Live output" className={TEXT_BOX} onFollowingChange={onFollowingChange} />
      <TailNote
        run={run}
        tick={tick}
        start={tail.start}
        end={tail.end}
        total={tail.total}
        onShowAll={showAll}
      />
      {full !== undefined && (
        <FullTextDialog title={`Output of ${name}`} text={full} onClose={() => setFull(undefined)} />
      )}
    </>
  );
}

const noteKind = (t: { start: number; end: number; total: number }) =>
  t.end < t.total ? "held" : t.start > 0 ? "tail" : "none";

/** "Showing the last N of M characters · Show all": one line in a fixed, strictly contained box. */
const TailNote = memo(
  function TailNote({
    start,
    end,
    total,
    onShowAll,
  }: FiguresProps & { start: number; end: number; total: number; onShowAll: () => void }) {
    const note = tailNote({ start, end, total });
    if (!note) return null;
    return (
      <ShowAllNote
        note={note}
        onShowAll={onShowAll}
        className="h-7 px-3 text-[10px] leading-tight [contain:strict]"
        buttonClassName="nodrag ml-auto"
      />
    );
  },
  // A note that appears or changes kind does so at once; its numbers follow the tick.
  (a, b) => noteKind(a) === noteKind(b) && sameFigures(a, b),
);

function Reasoning({ text }: { text: string }) {
  const tail = useMemo(() => textTail(text, [], { maxChars: 2048 }), [text]);
  return (
    <details open className="mx-2 mb-1 text-[11px]">
      <summary className="cursor-pointer text-slate-500 dark:text-slate-400">
        Reasoning · {formatCount(text.length)} characters
      </summary>
      <BlockText
        tail={tail}
        label="Reasoning"
        className="h-16 rounded bg-violet-50 px-2 py-1 text-slate-700 italic dark:bg-violet-950/40 dark:text-slate-300"
      />
    </details>
  );
}
