import { useState } from "react";
import { useStore } from "zustand";
import { useServices } from "../services.tsx";

/**
 * Saved / Saving… / why it could not save. When another tab saved the open chain in between,
 * nothing is written over it until the user keeps their version or loads the other tab's.
 */
export function SaveStatus() {
  const { chains } = useServices();
  const save = useStore(chains.state, (s) => s.save);
  const notice = useStore(chains.state, (s) => s.notice);
  if (save.state === "conflict" && notice === undefined) return <ConflictChoice message={save.message} />;
  const text =
    notice ?? (save.state === "error" ? save.message : save.state === "saving" ? "Saving…" : "Saved");
  const bad = notice !== undefined || save.state === "error";
  return (
    <span
      role="status"
      aria-label="Save status"
      title={text}
      className={`max-w-64 truncate text-xs ${bad ? "text-red-600 dark:text-red-400" : "text-slate-400"}`}
    >
      {text}
      {notice && (
        <button type="button" className="ml-1 underline" onClick={() => chains.dismissNotice()}>
          dismiss
        </button>
      )}
    </span>
  );
}

const choiceButton =
  "h-6 rounded border border-slate-300 px-1.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-cyan-600 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** Another tab saved the open chain: say so, and let the user keep this tab's version or load theirs. */
function ConflictChoice({ message }: { message: string }) {
  const { chains } = useServices();
  const [busy, setBusy] = useState(false);
  const choose = (choice: "mine" | "theirs") => {
    setBusy(true);
    void chains.resolveConflict(choice).finally(() => setBusy(false));
  };
  return (
    <span className="flex items-center gap-1.5 text-xs">
      <span
        role="status"
        aria-label="Save status"
        title={message}
        className="text-amber-700 dark:text-amber-400"
      >
        Changed in another tab
        <span className="sr-only">. {message}</span>
      </span>
      <button
        type="button"
        disabled={busy}
        title="Save this tab's version over the other tab's"
        className={choiceButton}
        onClick={() => choose("mine")}
      >
        Keep mine
      </button>
      <button
        type="button"
        disabled={busy}
        title="Drop this tab's changes and show the other tab's version"
        className={choiceButton}
        onClick={() => choose("theirs")}
      >
        Load theirs
      </button>
    </span>
  );
}
