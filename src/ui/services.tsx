import { type ReactNode, createContext, useContext } from "react";
import { type StoreApi, useStore } from "zustand";
import type {
  DocumentActions,
  DocumentState,
  DocumentStore,
  RunState,
  RunStore,
  RunViewState,
  RunViewStore,
  SettingsState,
  SettingsStore,
} from "../stores/index.ts";
import type { RunController } from "./run-controller.ts";
import type { ChainDocument } from "../graph/index.ts";
import type { ExportExtras } from "./io/ExportMenu.tsx";
import type { ChainsController } from "./chains/chains-controller.ts";
import type { HistoryController, HistoryState } from "./run/history/history-controller.ts";

export type SummaryView = "output" | "timeline" | "events";

export interface UiState {
  settingsOpen: boolean;
}

/** A chain from examples/, offered in the gallery. */
export interface Example {
  name: string;
  description: string | undefined;
  doc: ChainDocument;
}

/** Everything the UI works with, created once by main.tsx and handed down by context. */
export interface AppServices {
  documents: DocumentStore;
  actions: DocumentActions;
  run: RunStore;
  /**
   * The run store as each summary view sees it: at most ten updates a second while a run streams
   * (`createRunMirror`); the nodes read `run`, every frame. Each view has its own copy, a third of
   * the interval after the previous one's, so no frame redraws all three (docs/run.md#performance).
   * A view reads its own through `SummaryScope`.
   */
  runSummary: Record<SummaryView, RunStore>;
  /** Selected event, highlighted node, chunk-boundary toggle: shared by the run views. */
  runView: RunViewStore;
  settings: SettingsStore;
  runner: RunController;
  /** Opens a document as a new chain (import, examples, share links). */
  openChain: (doc: ChainDocument) => void;
  chains: ChainsController;
  /** The open chain's past runs (the History tab). */
  history: HistoryController;
  /** UI state that several distant components open or read (the settings dialog). */
  ui: StoreApi<UiState>;
  examples: Example[];
  exportExtras: ExportExtras;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error("useServices outside ServicesProvider");
  return s;
}

/** Selects from the document store; components re-render only when their slice changes. */
export function useDocument<T>(selector: (s: DocumentState) => T): T {
  return useStore(useServices().documents, selector);
}

export function useRun<T>(selector: (s: RunState) => T): T {
  return useStore(useServices().run, selector);
}

export function useSettings<T>(selector: (s: SettingsState) => T): T {
  return useStore(useServices().settings, selector);
}

export function useRunView<T>(selector: (s: RunViewState) => T): T {
  return useStore(useServices().runView, selector);
}

export function useHistory<T>(selector: (s: HistoryState) => T): T {
  return useStore(useServices().history.state, selector);
}

const SummaryViewContext = createContext<SummaryView>("output");

/** Which summary view's copy of the run the components inside read (`useRunSummary`). */
export function SummaryScope({ view, children }: { view: SummaryView; children: ReactNode }) {
  return <SummaryViewContext.Provider value={view}>{children}</SummaryViewContext.Provider>;
}

/** The run as the enclosing summary view sees it (throttled while streaming). */
export function useRunSummaryStore(): RunStore {
  return useServices().runSummary[useContext(SummaryViewContext)];
}

/** Selects from the run as the enclosing summary view sees it (throttled while streaming). */
export function useRunSummary<T>(selector: (s: RunState) => T): T {
  return useStore(useRunSummaryStore(), selector);
}
