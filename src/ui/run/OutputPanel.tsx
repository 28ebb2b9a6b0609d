import { type ReactNode, memo, useCallback, useLayoutEffect, useRef, useState } from "react";
import type { RunStatus } from "../../stores/index.ts";
import { BlockText } from "../canvas/live/BlockText.tsx";
import { CopyButton } from "../canvas/live/CopyButton.tsx";
import { FullTextDialog } from "../canvas/live/FullTextDialog.tsx";
import { type StreamAccumulator, accumulatedOutput } from "../canvas/live/stream-accumulator.ts";
import { ShowAllNote } from "../canvas/live/ShowAllNote.tsx";
import { tailNote } from "../canvas/live/text-tail.ts";
import { usePinnedTail } from "../canvas/live/use-pinned-tail.ts";
import { FOLLOWING_BOX, useStickToBottom } from "../canvas/live/use-stick-to-bottom.ts";
import { formatCount } from "../format-count.ts";
import { formatCompact } from "../format-value.ts";
import { useRunSummary, useRunView, useServices } from "../services.tsx";
import { BOUNDARY_BOX, BoundarySlot } from "../LayoutIsland.tsx";
import { RunInputs } from "./RunInputs.tsx";
import { UsageSummary } from "./usage/UsageSummary.tsx";

/**
 * Non-text chunks (partial objects) drawn in the list while it follows the stream: enough to fill
 * a tall panel a few times, few enough that a frame replacing all of them stays cheap (a fast run
 * brings hundreds of chunks per update, so every row is new each time). The rest is one click away.
 */
export const FOLLOW_ROWS = 40;
/** How many more rows a list the user scrolled up in may grow by before it stops growing. */
export const LIST_TAIL = 200;

/** The "Showing … · Show all" line above the output. */
const NOTE = "py-1 text-xs";
/** The output box's slot: the rest of the tab, at least 6rem. */
const OUTPUT_SLOT = "min-h-24 flex-1";

const STATUS_TEXT: Record<RunStatus, string> = {
  idle: "Not run yet",
  running: "Running…",
  done: "Done",
  error: "Failed",
  cancelled: "Stopped",
};

/**
 * The chain's `stream()` output chunk by chunk, so the user sees where streaming stopped (a plain
 * function at the end yields once: "1 chunk"). Kept incrementally: a frame costs the new chunks
 * and a 4,096-character tail, never a join of the whole output.
 */
export function OutputPanel({ onRun }: { onRun: (input: unknown) => void }) {
  const { runView } = useServices();
  const count = useRunSummary((s) => s.outputCount);
  const output = useRunSummary((s) => s.output);
  const status = useRunSummary((s) => s.status);
  const error = useRunSummary((s) => s.error);
  const showBoundaries = useRunView((s) => s.showBoundaries);
  const [full, setFull] = useState<string>();
  const acc = accumulatedOutput(output, count);
  const wholeText = () => (acc.textual ? acc.text : output.slice(0, count).map(formatCompact).join("\n"));
  // A column that fills the tab, so the output box scrolls (and follows the stream) by itself.
  return (
    <div className="flex h-full min-h-0 flex-col">
      <RunInputs onRun={onRun} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1 text-xs text-slate-600 dark:text-slate-300">
        <span role="status" aria-label="Run status" className="font-semibold">
          {STATUS_TEXT[status]}
        </span>
        <span
          aria-label="Chunk count"
          title="How many chunks the chain's stream() yielded: one means streaming stopped at a step that needs its whole input."
          className="rounded bg-slate-100 px-1.5 py-0.5 font-mono font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100"
        >
          {formatCount(count)} chunk{count === 1 ? "" : "s"}
        </span>
        <label className="ml-auto flex items-center gap-1">
          <input
            type="checkbox"
            checked={showBoundaries}
            onChange={(e) => runView.getState().setShowBoundaries(e.target.checked)}
            className="focus-visible:outline-2 focus-visible:outline-cyan-600"
          />
          Show chunk boundaries
        </label>
        {count > 0 && <CopyButton getText={wholeText} />}
      </div>
      {error && status !== "cancelled" && (
        <p
          role="alert"
          className="mb-1 rounded bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error.name}: {error.message}
        </p>
      )}
      <UsageSummary />
      {count > 0 &&
        (acc.textual ? (
          <TextOutput
            acc={acc}
            count={count}
            showBoundaries={showBoundaries}
            onShowAll={() => setFull(acc.text)}
          />
        ) : (
          <ChunkList
            chunks={output}
            count={count}
            showBoundaries={showBoundaries}
            onShowAll={() => setFull(wholeText())}
          />
        ))}
      {full !== undefined && (
        <FullTextDialog title="Chain output" text={full} onClose={() => setFull(undefined)} />
      )}
    </div>
  );
}

function TextOutput({
  acc,
  count,
  showBoundaries,
  onShowAll,
}: {
  acc: StreamAccumulator;
  count: number;
  showBoundaries: boolean;
  onShowAll: () => void;
}) {
  const { text, boundaries } = acc;
  // `count` changes with every new chunk, even an empty one (which still draws a bar).
  const { tail, onFollowingChange } = usePinnedTail(text, boundaries, showBoundaries, count);
  const note = tailNote(tail);
  return (
    <>
      {note && <ShowAllNote note={note} onShowAll={onShowAll} className={NOTE} />}
      {/* The output fills the rest of the tab (at least 6rem), as a relayout boundary. */}
      <BoundarySlot className={OUTPUT_SLOT}>
        <BlockText
          tail={tail}
          label="Stream output"
          className={`${BOUNDARY_BOX} text-xs text-slate-800 dark:text-slate-200`}
          onFollowingChange={onFollowingChange}
        />
      </BoundarySlot>
    </>
  );
}

/** Where a list the user scrolled up in starts (the rows under their eyes) and how far it may grow. */
interface Pin {
  from: number;
  until: number;
}

/**
 * Partial objects and other values: one line per chunk, as the guide prints them. While it follows
 * the stream only the newest FOLLOW_ROWS are drawn. Once the user scrolls up, the first row drawn
 * is pinned and the list only grows at the end (by LIST_TAIL rows at most), so the rows they read
 * neither move nor vanish; reaching the bottom again follows the stream with the short window.
 */
function ChunkList({
  chunks,
  count,
  showBoundaries,
  onShowAll,
}: {
  chunks: readonly unknown[];
  count: number;
  showBoundaries: boolean;
  onShowAll: () => void;
}) {
  const [pin, setPin] = useState<Pin>();
  const pinned = pin !== undefined && pin.from < count;
  const from = pinned ? pin.from : Math.max(0, count - FOLLOW_ROWS);
  const to = pinned ? Math.min(count, pin.until) : count;
  const shown = useRef({ from, to });
  useLayoutEffect(() => {
    shown.current = { from, to };
  }, [from, to]);
  const onFollowingChange = useCallback((following: boolean) => {
    const { from, to } = shown.current;
    setPin(following ? undefined : { from, until: to + LIST_TAIL });
  }, []);
  const { ref } = useStickToBottom<HTMLDivElement>(onFollowingChange);
  const rows: ReactNode[] = [];
  for (let i = from; i < to; i++)
    rows.push(<ChunkRow key={i} chunk={chunks[i]} showBoundaries={showBoundaries} />);
  const note = tailNote({ start: from, end: to, total: count }, "chunks");
  return (
    <>
      {note && <ShowAllNote note={note} onShowAll={onShowAll} className={NOTE} />}
      <BoundarySlot className={OUTPUT_SLOT}>
        <div ref={ref} tabIndex={0} className={`${BOUNDARY_BOX} overflow-auto ${FOLLOWING_BOX}`}>
          <ol
            aria-label="Stream output"
            start={from + 1}
            className={`shrink-0 font-mono text-xs text-slate-800 dark:text-slate-200 ${
              showBoundaries ? "divide-y divide-dashed divide-slate-300 dark:divide-slate-700" : ""
            }`}
          >
            {rows}
          </ol>
        </div>
      </BoundarySlot>
    </>
  );
}

/** A chunk never changes once streamed, so a row is formatted and drawn once (keyed by its index). */
const ChunkRow = memo(function ChunkRow({
  chunk,
  showBoundaries,
}: {
  chunk: unknown;
  showBoundaries: boolean;
}) {
  return (
    <li className="py-0.5 break-all">
      {showBoundaries && (
        <span aria-hidden className="mr-1 text-slate-400">
          |
        </span>
      )}
      {formatCompact(chunk)}
    </li>
  );
});
