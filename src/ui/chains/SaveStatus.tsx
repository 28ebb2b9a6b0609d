import { useState } from "react";
import { useStore } from "zustand";
import { Button } from "../Button.tsx";
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

const CHOICES = [
  { choice: "mine", label: "Keep mine", title: "Save this tab's version over the other tab's" },
  {
    choice: "theirs",
    label: "Load theirs",
    title: "Drop this tab's changes and show the other tab's version",
  },
] as const;

/** Another tab saved the open chain: say so, and let the user keep this tab's version or load theirs. */
function ConflictChoice({ message }: { message: string }) {
  const { chains } = useServices();
  const [busy, setBusy] = useState(false);
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
      {CHOICES.map(({ choice, label, title }) => (
        <Button
          key={choice}
          disabled={busy}
          title={title}
          onClick={() => {
            setBusy(true);
            void chains.resolveConflict(choice).finally(() => setBusy(false));
          }}
        >
          {label}
        </Button>
      ))}
    </span>
  );
}
