// Real stores and controllers for component tests in jsdom: only the platform edges are swapped
// (IndexedDB for a Map, requestAnimationFrame for a manual frame queue, no lambda sandbox).
import type { ReactNode } from "react";
import { createStore } from "zustand/vanilla";
import { importDocument, type ChainDocument } from "../../graph/index.ts";
import { withoutDelays } from "../../graph/fixtures/examples.ts";
import {
  MemoryBackend,
  createAutosave,
  createChainRepository,
  createRunHistory,
  createDocumentStore,
  createRunMirror,
  createRunStore,
  createRunViewStore,
  createSettingsStore,
  documentActions,
} from "../../stores/index.ts";
import joke from "../../../examples/joke.json";
import { ChainsController } from "../chains/chains-controller.ts";
import { RunController } from "../run-controller.ts";
import { HistoryController } from "../run/history/history-controller.ts";
import { type AppServices, ServicesProvider, type UiState } from "../services.tsx";

export interface TestServices extends AppServices {
  /** Runs the frames the recorder asked for (it flushes once per frame). */
  flushFrames(): void;
  /** The in-memory storage behind the chains and the run history (set `failWith` to break it). */
  storage: MemoryBackend;
}

export function jokeDocument(): ChainDocument {
  const r = importDocument(joke);
  if (!r.ok) throw new Error("examples/joke.json is invalid");
  return r.document;
}

/** The joke example with its scripted model's pauses taken out, so a run finishes at once. */
export function instantJokeDocument(): ChainDocument {
  return withoutDelays(jokeDocument());
}

export function createTestServices(doc: ChainDocument = instantJokeDocument()): TestServices {
  const documents = createDocumentStore(doc);
  const run = createRunStore();
  const storage = new MemoryBackend();
  const repository = createChainRepository(storage);
  const autosave = createAutosave(documents, repository, { chainId: "chain-test" });
  let frames: (() => void)[] = [];
  let counter = 0;
  // Filled in below: the history asks which chain is open only when it saves or lists.
  const open: { chains?: ChainsController } = {};
  const history = new HistoryController({
    repository: createRunHistory(storage),
    chainId: () => open.chains?.state.getState().openId ?? autosave.chainId,
  });
  const runner = new RunController({
    documents,
    run,
    clock: { now: () => performance.now(), requestFrame: (fn) => void frames.push(fn) },
    createChatModel: () => {
      throw new Error("Test services build no provider models; use scripted model nodes.");
    },
    codeRunner: () => ({
      load: () => {
        throw new Error("Test services have no lambda sandbox.");
      },
    }),
    history: history.sink,
  });
  const chains = new ChainsController(repository, autosave, documents, () => void runner.clear());
  open.chains = chains;
  const summary = createRunMirror(run, 0).store;
  return {
    documents,
    actions: documentActions(documents, (prefix) => `${prefix}-${counter++}`),
    run,
    // No throttling in tests: the summary views show each frame's state at once.
    runSummary: { output: summary, timeline: summary, events: summary },
    runView: createRunViewStore(),
    settings: createSettingsStore(undefined),
    runner,
    chains,
    history,
    storage,
    ui: createStore<UiState>()(() => ({ settingsOpen: false })),
    examples: [],
    openChain: (d) => documents.getState().load(d),
    exportExtras: { shareLink: () => Promise.resolve("http://localhost/#share"), exportCode: () => "" },
    flushFrames() {
      const due = frames;
      frames = [];
      for (const fn of due) fn();
    },
  };
}

export function withServices(services: AppServices, children: ReactNode) {
  return <ServicesProvider services={services}>{children}</ServicesProvider>;
}
