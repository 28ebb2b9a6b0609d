import { ReactFlowProvider } from "@xyflow/react";
import { Canvas } from "./Canvas.tsx";
import { Header } from "./Header.tsx";
import { Palette } from "./Palette.tsx";
import { EmptyNote, Panel } from "./Panel.tsx";

/** The application shell: header, palette | canvas | inspector, and the run panels below. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Header />
        <main className="flex min-h-0 flex-1">
          <Palette />
          <Canvas />
          <Panel label="Inspector" className="w-80 shrink-0 border-l border-slate-200 dark:border-slate-800">
            <EmptyNote>Select a node to edit it.</EmptyNote>
          </Panel>
        </main>
        <div className="grid h-60 shrink-0 grid-cols-[1fr_1.4fr_1fr] gap-px border-t border-slate-200 bg-slate-200 dark:border-slate-800 dark:bg-slate-800">
          <Panel label="Output">
            <EmptyNote>Run the chain to see its streamed output.</EmptyNote>
          </Panel>
          <Panel label="Timeline">
            <EmptyNote>Each node&apos;s runs appear here on a shared time axis.</EmptyNote>
          </Panel>
          <Panel label="Events">
            <EmptyNote>Every streamed event, filterable.</EmptyNote>
          </Panel>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
