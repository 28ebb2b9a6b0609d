import { useState } from "react";
import { BatchPanel } from "./batch/BatchPanel.tsx";
import { HistoryPanel } from "./history/HistoryPanel.tsx";
import { OutputPanel } from "./OutputPanel.tsx";

const TABS = ["Output", "History", "Batch"] as const;
type Tab = (typeof TABS)[number];

/**
 * The run column: the live output, the chain's past runs and batch runs share one region as tabs
 * (a tablist with arrow-key navigation, per the WAI-ARIA tabs pattern).
 */
export function RunTabs({ onRun }: { onRun: (input: unknown) => void }) {
  const [tab, setTab] = useState<Tab>("Output");
  const move = (delta: number) => {
    const next = TABS[(TABS.indexOf(tab) + delta + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`run-tab-${next}`)?.focus();
  };
  return (
    <section aria-label={tab} className="flex min-h-0 min-w-0 flex-col bg-white dark:bg-slate-900">
      <div
        role="tablist"
        aria-label="Run views"
        className="flex gap-1 border-b border-slate-200 px-2 dark:border-slate-800"
        onKeyDown={(e) => {
          if (e.key === "ArrowRight") move(1);
          else if (e.key === "ArrowLeft") move(-1);
        }}
      >
        {TABS.map((t) => (
          <button
            key={t}
            id={`run-tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`run-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            className={`-mb-px border-b-2 px-2 py-2 text-xs font-semibold tracking-wide uppercase focus-visible:outline-2 focus-visible:outline-cyan-600 ${
              tab === t
                ? "border-cyan-600 text-slate-800 dark:text-slate-100"
                : "border-transparent text-slate-500 hover:text-slate-700 dark:text-slate-400"
            }`}
          >
            {t}
          </button>
        ))}
      </div>
      {/* Output stays mounted so its inputs keep their values while another tab is open. */}
      {TABS.map((t) => (
        <div
          key={t}
          id={`run-panel-${t}`}
          role="tabpanel"
          aria-labelledby={`run-tab-${t}`}
          hidden={tab !== t}
          className="min-h-0 flex-1 overflow-auto p-3 text-sm"
        >
          {t === "Output" ? (
            <OutputPanel onRun={onRun} />
          ) : (
            tab === t && (t === "History" ? <HistoryPanel /> : <BatchPanel />)
          )}
        </div>
      ))}
    </section>
  );
}
