import { memo } from "react";
import { useRun } from "../services.tsx";
import { EMPTY_NODE_RUN, type NodeRun } from "../../stores/index.ts";
import { NodeStatusBadge } from "./NodeStatusBadge.tsx";
import { formatValue } from "../format-value.ts";

/** A node's live state, read from the run store by node id: never from the document. */
export const NodeLiveOutput = memo(function NodeLiveOutput({ nodeId }: { nodeId: string }) {
  const run = useRun((s) => s.nodes[nodeId] ?? EMPTY_NODE_RUN);
  if (run.status === "idle") return null;
  return (
    <div className="border-t border-slate-200 dark:border-slate-700">
      <div className="flex items-center gap-2 px-3 pt-2">
        <NodeStatusBadge status={run.status} />
        <span className="ml-auto font-mono text-[10px] text-slate-500 dark:text-slate-400">
          {metrics(run)}
        </span>
      </div>
      <Output run={run} />
      {run.error && (
        <p
          role="alert"
          className="mx-3 mb-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {run.error.message}
        </p>
      )}
    </div>
  );
});

function Output({ run }: { run: NodeRun }) {
  const body = run.text || (run.hasValue ? formatValue(run.value) : "");
  if (!body) return <div className="h-2" />;
  return (
    <pre
      aria-label="Live output"
      className="nowheel nodrag m-2 max-h-40 overflow-auto rounded bg-slate-50 px-2 py-1.5 font-mono text-[11px] leading-snug whitespace-pre-wrap text-slate-800 select-text dark:bg-slate-950 dark:text-slate-200"
    >
      {body}
    </pre>
  );
}

function metrics(run: NodeRun): string {
  const parts: string[] = [];
  if (run.firstChunkAt !== undefined && run.startedAt !== undefined)
    parts.push(`TTFT ${ms(run.firstChunkAt - run.startedAt)}`);
  if (run.endedAt !== undefined && run.startedAt !== undefined) parts.push(ms(run.endedAt - run.startedAt));
  if (run.chunks > 0) parts.push(`${run.chunks} chunks`);
  if (run.usage) {
    parts.push(`${run.usage.output_tokens} tok`);
    if (run.endedAt !== undefined && run.firstChunkAt !== undefined && run.endedAt > run.firstChunkAt) {
      parts.push(`${Math.round((run.usage.output_tokens * 1000) / (run.endedAt - run.firstChunkAt))} tok/s`);
    }
  }
  return parts.join(" · ");
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}
