import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { REPLAY_SPEEDS, type ReplaySpeed, type StoredRun } from "../../../stores/index.ts";
import { EmptyNote } from "../../Panel.tsx";
import { useHistory, useRun, useServices } from "../../services.tsx";
import { CompareDialog } from "./CompareDialog.tsx";
import { HistoryRow } from "./HistoryRow.tsx";
import { openPastRun, replayPastRun } from "./history-actions.ts";

const speedLabel = (s: ReplaySpeed) => (s === "instant" ? "instant" : `${s}×`);

/**
 * The open chain's past runs, newest first: open one (every run view shows it), replay it at its
 * recorded pace, delete it, or pick two to compare.
 */
export function HistoryPanel() {
  const services = useServices();
  const { history, chains } = services;
  const openId = useStore(chains.state, (s) => s.openId);
  const runs = useHistory((s) => s.runs);
  const loading = useHistory((s) => s.loading);
  const notice = useHistory((s) => s.notice);
  const viewing = useRun((s) => s.viewing);
  const liveRunning = useRun((s) => s.status === "running" && !s.viewing);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[StoredRun, StoredRun]>();

  // Lists again whenever the open chain changes (saving a run lists again by itself).
  useEffect(() => void history.refresh(), [history, openId]);

  const pick = (id: string, on: boolean) =>
    setPicked((now) => (on ? [...now.filter((p) => p !== id), id].slice(-2) : now.filter((p) => p !== id)));
  const compare = async () => {
    const loaded = await Promise.all(picked.map((id) => history.load(id)));
    const [a, b] = loaded;
    if (!a || !b) return;
    setComparing(a.startedAt <= b.startedAt ? [a, b] : [b, a]);
  };
  const stillPicked = picked.filter((id) => runs.some((r) => r.id === id));

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <label className="flex items-center gap-1">
          Replay speed
          <select
            value={String(speed)}
            onChange={(e) =>
              setSpeed(e.target.value === "instant" ? "instant" : (Number(e.target.value) as ReplaySpeed))
            }
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          >
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={stillPicked.length !== 2}
          onClick={() => void compare()}
          title="Tick two runs to compare them"
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-cyan-600 disabled:cursor-not-allowed disabled:opacity-45 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          Compare{stillPicked.length > 0 && ` (${stillPicked.length}/2)`}
        </button>
      </div>
      {notice && (
        <p
          role="alert"
          className="rounded bg-red-50 px-2 py-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {notice}{" "}
          <button type="button" className="underline" onClick={() => history.dismissNotice()}>
            Dismiss
          </button>
        </p>
      )}
      {runs.length === 0 ? (
        <EmptyNote>
          {loading ? "Reading past runs…" : "No runs yet: each run of this chain is kept here (the last 50)."}
        </EmptyNote>
      ) : (
        <ol aria-label="Past runs">
          {runs.map((run) => (
            <HistoryRow
              key={run.id}
              run={run}
              viewed={viewing?.runId === run.id}
              busy={liveRunning}
              picked={stillPicked.includes(run.id)}
              onPick={(on) => pick(run.id, on)}
              onOpen={() => void openPastRun(services, run.id)}
              onReplay={() => void replayPastRun(services, run.id, speed)}
              onDelete={() => void history.remove(run.id)}
            />
          ))}
        </ol>
      )}
      <CompareDialog runs={comparing} onClose={() => setComparing(undefined)} />
    </div>
  );
}
