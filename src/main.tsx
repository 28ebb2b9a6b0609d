import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import {
  type ChainDocument,
  type ModelData,
  decodeShareFragment,
  exportCode,
  importDocument,
  shareLinkFor,
} from "./graph/index.ts";
import {
  IdbBackend,
  createAutosave,
  createChainRepository,
  createDocumentStore,
  createRunHistory,
  createRunMirror,
  createRunStore,
  createRunViewStore,
  createSettingsStore,
  documentActions,
  restoreSession,
} from "./stores/index.ts";
import { createChatModel } from "./providers/index.ts";
import { App } from "./ui/App.tsx";
import { BrowserCodeRunner } from "./ui/sandbox/index.ts";
import { ChainsController } from "./ui/chains/chains-controller.ts";
import { RunController } from "./ui/run-controller.ts";
import { HistoryController } from "./ui/run/history/history-controller.ts";
import { PastRunBanner } from "./ui/run/history/PastRunBanner.tsx";
import { type Example, ServicesProvider, type UiState } from "./ui/services.tsx";
import { createStore } from "zustand/vanilla";
import "./index.css";

// The browser's composition root: platform services, stores and the UI meet here.

/** The examples gallery: every chain in examples/, the joke first (a fresh start opens it). */
function loadExamples(): Example[] {
  const files = import.meta.glob<{ default: unknown }>("../examples/*.json", { eager: true });
  const out: Example[] = [];
  for (const [path, mod] of Object.entries(files)) {
    const r = importDocument(mod.default);
    if (!r.ok) throw new Error(`Example ${path} is invalid: ${r.problems.map((p) => p.message).join("; ")}`);
    const raw = mod.default as { description?: unknown };
    out.push({
      name: r.document.name ?? path,
      description: typeof raw.description === "string" ? raw.description : undefined,
      doc: r.document,
    });
  }
  return out.sort((a, b) =>
    a.doc.name === "Joke" ? -1 : b.doc.name === "Joke" ? 1 : a.name.localeCompare(b.name),
  );
}

/** A browser capability that may be refused (private modes): undefined then, and we work in memory. */
function safely<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

async function boot(): Promise<void> {
  const root = document.getElementById("root");
  if (!root) throw new Error("Sluice: #root element missing from index.html");
  const examples = loadExamples();
  const starter = examples[0]!.doc;

  // One IndexedDB connection for the chains and their run history.
  const storage = new IdbBackend(safely(() => window.indexedDB));
  const repository = createChainRepository(storage);
  void safely(() => navigator.storage?.persist?.());
  const session = await restoreSession(repository, () => structuredClone(starter));
  const documents = createDocumentStore(session.doc);
  const run = createRunStore();
  // Each summary view's copy of the run, updated in turn (see AppServices.runSummary).
  const runSummary = {
    output: createRunMirror(run, 100).store,
    timeline: createRunMirror(run, 100, undefined, 33).store,
    events: createRunMirror(run, 100, undefined, 67).store,
  };
  const runView = createRunViewStore();
  const settings = createSettingsStore(safely(() => window.localStorage));
  let counter = 0;
  const actions = documentActions(
    documents,
    (prefix) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`,
  );

  // The history asks which chain is open only when it saves or lists, after `chains` exists.
  const statusSink: { to?: ChainsController } = {};
  const runHistory = new HistoryController({
    repository: createRunHistory(storage),
    chainId: () => statusSink.to?.state.getState().openId ?? session.chainId,
    onProblem: (notice) => statusSink.to?.state.setState({ notice }),
  });

  const codeRunner = new BrowserCodeRunner();
  const runner = new RunController({
    documents,
    run,
    clock: { now: () => performance.now(), requestFrame: (fn) => requestAnimationFrame(fn) },
    // Keys and base URLs come from Settings at run time; a node's own baseUrl wins.
    createChatModel: (data: ModelData) => {
      if (data.provider === "scripted")
        throw new Error("Scripted models are built by the graph, not by a provider.");
      const p = settings.getState().providers[data.provider];
      return createChatModel({
        ...data,
        provider: data.provider,
        baseUrl: data.baseUrl ?? (p.baseUrl || undefined),
        apiKey: p.apiKey || undefined,
      });
    },
    // One sandbox for the page: lambda code runs in a Worker inside an opaque-origin iframe.
    codeRunner: () => codeRunner,
    history: runHistory.sink,
  });

  // Autosave reports to the chains controller, which needs autosave to exist first.
  const autosave = createAutosave(documents, repository, {
    chainId: session.chainId,
    saved: session.saved,
    rev: session.rev,
    onStatus: (s) => statusSink.to?.setSaveStatus(s),
  });
  const chains = new ChainsController(repository, autosave, documents, () => void runner.clear());
  statusSink.to = chains;
  if (session.problem) chains.state.setState({ notice: session.problem });

  // A share link opens as a new chain after the user confirms (shown by the App).
  const shared = await decodeShareFragment(location.hash);
  if (shared) history.replaceState(null, "", location.pathname + location.search);

  addEventListener("pagehide", () => void autosave.flush());
  // Work another tab's save conflicts with lives only in this tab until the user chooses.
  addEventListener("beforeunload", (event) => {
    if (autosave.status().state === "conflict") event.preventDefault();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void autosave.flush();
  });

  createRoot(root).render(
    <StrictMode>
      <ServicesProvider
        services={{
          documents,
          actions,
          run,
          runSummary,
          runView,
          settings,
          runner,
          chains,
          history: runHistory,
          examples,
          ui: createStore<UiState>()(() => ({ settingsOpen: false })),
          openChain: (doc: ChainDocument) => void chains.openNew(doc),
          exportExtras: { shareLink: (doc) => shareLinkFor(doc, location.href), exportCode },
        }}
      >
        <App
          initialViewport={session.viewport}
          onViewportChange={(vp) => void autosave.saveViewport(vp)}
          shared={shared}
        />
        <PastRunBanner />
      </ServicesProvider>
    </StrictMode>,
  );
}

void boot();
