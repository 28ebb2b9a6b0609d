import type { BaseChatModel, CodeRunner, EventsVersion } from "../core/index.ts";
import { type ChainDocument, type ModelData, compileDocument } from "../graph/index.ts";
import { type RecorderClock, RunRecorder, type RunStore } from "../stores/index.ts";

/** What running a chain needs from the app: its models and its lambda sandbox. */
export interface ChainRunDeps {
  /** Builds a provider model for a model node (main.tsx wires the providers and the keys). */
  createChatModel: (data: ModelData) => BaseChatModel;
  codeRunner: () => CodeRunner;
}

/**
 * One run of `doc` on `input`, recorded into `store`: compile, stream its events into a recorder,
 * finish done, cancelled (aborted) or failed. Never rejects: a compile error, a failing node or an
 * abort end up in the store. The Run button and each batch row run through here. The store shows
 * the run as started before this returns its promise.
 */
export async function recordRun(
  store: RunStore,
  doc: ChainDocument,
  input: unknown,
  deps: ChainRunDeps,
  { signal, clock, version }: { signal: AbortSignal; clock: RecorderClock; version: EventsVersion },
): Promise<void> {
  const recorder = new RunRecorder(
    store,
    clock,
    doc.nodes.map((n) => n.id),
  );
  try {
    // Compiled per run: a scripted model starts at its first response each time.
    const chain = compileDocument(doc, {
      createChatModel: deps.createChatModel,
      codeRunner: deps.codeRunner(),
    });
    for await (const event of chain.streamEvents(input, { version, signal })) recorder.push(event);
    recorder.finish("done");
  } catch (err) {
    recorder.finish(signal.aborted ? "cancelled" : "error", err);
  }
}
