import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { CodeRunner } from "./core/index.ts";
import { type ChainDocument, type ModelData, importDocument } from "./graph/index.ts";
import { createDocumentStore, createRunStore, createSettingsStore, documentActions } from "./stores/index.ts";
import { App } from "./ui/App.tsx";
import { RunController } from "./ui/run-controller.ts";
import { ServicesProvider } from "./ui/services.tsx";
import starter from "./ui/starter-chain.json";
import "./index.css";

// The browser's composition root: platform services, stores and the UI meet here.
const root = document.getElementById("root");
if (!root) throw new Error("Sluice: #root element missing from index.html");

const opened = importDocument(starter);
if (!opened.ok)
  throw new Error(`The starter chain is invalid: ${opened.problems.map((p) => p.message).join("; ")}`);
const documents = createDocumentStore(opened.document);
const run = createRunStore();
const settings = createSettingsStore(safeLocalStorage());
let counter = 0;
const actions = documentActions(
  documents,
  (prefix) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`,
);

const runner = new RunController({
  documents,
  run,
  clock: { now: () => performance.now(), requestFrame: (fn) => requestAnimationFrame(fn) },
  createChatModel: (data: ModelData) => {
    throw new Error(`Provider "${data.provider}" is not available yet.`);
  },
  codeRunner: (): CodeRunner => ({
    load() {
      throw new Error("Lambda code cannot run yet.");
    },
  }),
});

/** Opens a document as the current chain (persistence makes it a new saved chain). */
function openChain(doc: ChainDocument): void {
  runner.stop();
  documents.getState().load(doc);
}

createRoot(root).render(
  <StrictMode>
    <ServicesProvider services={{ documents, actions, run, settings, runner, openChain, exportExtras: {} }}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);

/** localStorage, or nothing when the browser refuses it (private modes): settings then stay in memory. */
function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
