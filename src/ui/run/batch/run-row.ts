import type { EventsVersion } from "../../../core/index.ts";
import { type ChainDocument, compileDocument } from "../../../graph/index.ts";
import { type RecorderClock, type RunState, RunRecorder, createRunStore } from "../../../stores/index.ts";
import type { RunControllerDeps } from "../../run-controller.ts";

/** The parts of the main runner a batch row needs: the same models and the same lambda sandbox. */
export type RowRunDeps = Pick<RunControllerDeps, "createChatModel" | "codeRunner">;

/** How often an off-screen row's recorder applies its buffered events (nobody watches it live). */
const ROW_FLUSH_MS = 250;

/**
 * A recorder clock for rows that are not on screen: events are applied in a few large batches on a
 * timer instead of every animation frame (and `finish` applies the rest), so many parallel rows
 * cost little.
 */
export function offFrameClock(now: () => number = () => performance.now()): RecorderClock {
  return { now, requestFrame: (fn) => void setTimeout(fn, ROW_FLUSH_MS) };
}

/**
 * Runs the chain once on `input` exactly as the Run button does (compile, stream events, record),
 * into a run store of its own, and returns that run's final state. Never throws: a compile error, a
 * failing node or an abort end up in the returned state.
 */
export async function runRow(
  doc: ChainDocument,
  input: unknown,
  deps: RowRunDeps,
  signal: AbortSignal,
  clock: RecorderClock = offFrameClock(),
  version: EventsVersion = "v2",
): Promise<RunState> {
  const store = createRunStore();
  const recorder = new RunRecorder(
    store,
    clock,
    doc.nodes.map((n) => n.id),
  );
  try {
    // Compiled per row like a normal run: a scripted model starts at its first response each time.
    const chain = compileDocument(doc, {
      createChatModel: deps.createChatModel,
      codeRunner: deps.codeRunner(),
    });
    for await (const event of chain.streamEvents(input, { version, signal })) recorder.push(event);
    recorder.finish("done");
  } catch (err) {
    recorder.finish(signal.aborted ? "cancelled" : "error", err);
  }
  return store.getState();
}
