import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ImportResult } from "../graph/index.ts";
import type { Viewport } from "../stores/index.ts";
import { SharedChainDialog } from "./io/SharedChainDialog.tsx";
import { Canvas } from "./canvas/Canvas.tsx";
import { Header } from "./Header.tsx";
import { Inspector } from "./inspector/Inspector.tsx";
import { LayoutIsland } from "./LayoutIsland.tsx";
import { Palette } from "./Palette.tsx";
import { EventsPanel } from "./run/EventsPanel.tsx";
import { ResizeHandle } from "./run/ResizeHandle.tsx";
import { RunTabs } from "./run/RunTabs.tsx";
import { TimelinePanel } from "./run/TimelinePanel.tsx";
import { SummaryScope, useServices } from "./services.tsx";
import { useShortcuts } from "./use-shortcuts.ts";

/** The run panels may take up to 70% of the window; the canvas keeps the rest. */
function maxPanelHeight(): number {
  return Math.round(window.innerHeight * 0.7);
}

/** The application shell: header, palette | canvas | inspector, and the run panels below. */
export function App({
  initialViewport,
  onViewportChange,
  shared,
}: {
  initialViewport?: Viewport | undefined;
  onViewportChange?: (viewport: Viewport) => void;
  shared?: ImportResult | undefined;
}) {
  const { runner, openChain, runView } = useServices();
  const [pendingShare, setPendingShare] = useState(shared);
  const [panelHeight, setPanelHeight] = useState(() => Math.round(window.innerHeight * 0.34));
  const lastInput = useRef<unknown>({ topic: "parrots" });
  const run = useCallback(
    (input?: unknown) => {
      if (input !== undefined) lastInput.current = input;
      void runner.run(lastInput.current, runView.getState().eventsVersion);
    },
    [runner, runView],
  );
  useShortcuts(() =>
    document.querySelector<HTMLFormElement>("form[aria-label='Run inputs']")?.requestSubmit(),
  );
  useEffect(() => () => runner.stop(), [runner]);
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Header
          onRun={() =>
            document.querySelector<HTMLFormElement>("form[aria-label='Run inputs']")?.requestSubmit()
          }
        />
        <main className="flex min-h-0 flex-1">
          <Palette />
          <Canvas initialViewport={initialViewport} onViewportChange={onViewportChange} />
          <Inspector />
        </main>
        <ResizeHandle value={panelHeight} min={160} max={maxPanelHeight()} onChange={setPanelHeight} />
        <div
          style={{ height: panelHeight }}
          className="grid shrink-0 grid-cols-[1.1fr_1.4fr_1.2fr] gap-px bg-slate-200 dark:bg-slate-800"
        >
          <LayoutIsland>
            <RunTabs onRun={run} />
          </LayoutIsland>
          <LayoutIsland>
            <SummaryScope view="timeline">
              <TimelinePanel />
            </SummaryScope>
          </LayoutIsland>
          <LayoutIsland>
            <SummaryScope view="events">
              <EventsPanel />
            </SummaryScope>
          </LayoutIsland>
        </div>
      </div>
      {pendingShare && (
        <SharedChainDialog
          shared={pendingShare}
          onClose={() => setPendingShare(undefined)}
          onOpen={() => {
            if (pendingShare.ok) openChain(pendingShare.document);
            setPendingShare(undefined);
          }}
        />
      )}
    </ReactFlowProvider>
  );
}
