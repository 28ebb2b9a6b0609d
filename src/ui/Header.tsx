import { useRun, useServices } from "./services.tsx";
import { useStore } from "zustand";
import { ChainsMenu } from "./chains/ChainsMenu.tsx";
import { SaveStatus } from "./chains/SaveStatus.tsx";
import { Button } from "./Button.tsx";
import { SettingsDialog } from "./SettingsDialog.tsx";
import { ExportMenu } from "./io/ExportMenu.tsx";
import { ImportButton } from "./io/ImportButton.tsx";

/** The top bar: product name, the chain's name, and the chain-level actions. */
export function Header({ onRun }: { onRun: () => void }) {
  const { runner, openChain, exportExtras, ui } = useServices();
  const running = useRun((s) => s.status === "running");
  const settingsOpen = useStore(ui, (s) => s.settingsOpen);
  const setSettingsOpen = (settingsOpen: boolean) => ui.setState({ settingsOpen });
  return (
    <header className="flex h-12 items-center gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-2">
        <img src="/favicon.svg" alt="" className="h-6 w-6" />
        <span className="text-base font-semibold tracking-tight">Sluice</span>
      </div>
      <ChainsMenu />
      <SaveStatus />
      <div className="ml-auto flex items-center gap-2">
        <Button onClick={() => setSettingsOpen(true)}>Settings</Button>
        <ImportButton onImport={openChain} />
        <ExportMenu extras={exportExtras} />
        <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden />
        <Button disabled={!running} onClick={() => runner.stop()}>
          Stop
        </Button>
        <Button variant="primary" disabled={running} onClick={onRun} title="Run (Ctrl+Enter)">
          Run
        </Button>
      </div>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </header>
  );
}
