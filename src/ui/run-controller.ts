import type { BaseChatModel, EventsVersion } from "../core/index.ts";
import { type CodeRunner } from "../core/index.ts";
import { type CompileContext, type ModelData, compileDocument } from "../graph/index.ts";
import { type DocumentStore, type RecorderClock, RunRecorder, type RunStore } from "../stores/index.ts";

export interface RunControllerDeps {
  documents: DocumentStore;
  run: RunStore;
  clock: RecorderClock;
  /** Builds a provider model for a model node (main.tsx wires the providers and the keys). */
  createChatModel: (data: ModelData) => BaseChatModel;
  codeRunner: () => CodeRunner;
}

/** Runs the open chain: compile, stream events into the recorder, stop on request. */
export class RunController {
  private controller: AbortController | undefined;

  /** Public so batch runs can compile and run with the same models and sandbox. */
  constructor(readonly deps: RunControllerDeps) {}

  get running(): boolean {
    return this.controller !== undefined;
  }

  async run(input: unknown, version: EventsVersion = "v2"): Promise<void> {
    this.stop();
    const { documents, run, clock } = this.deps;
    const doc = documents.getState().doc;
    const recorder = new RunRecorder(
      run,
      clock,
      doc.nodes.map((n) => n.id),
    );
    const controller = new AbortController();
    this.controller = controller;
    try {
      const ctx: CompileContext = {
        createChatModel: this.deps.createChatModel,
        codeRunner: this.deps.codeRunner(),
      };
      const chain = compileDocument(doc, ctx);
      for await (const event of chain.streamEvents(input, { version, signal: controller.signal })) {
        recorder.push(event);
      }
      recorder.finish("done");
    } catch (err) {
      recorder.finish(controller.signal.aborted ? "cancelled" : "error", err);
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  /** Aborts every in-flight request; running nodes are marked cancelled and keep their output. */
  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
