import { useStore } from "zustand";
import { useServices } from "../services.tsx";

/** Saved / Saving… / why it could not save. */
export function SaveStatus() {
  const { chains } = useServices();
  const save = useStore(chains.state, (s) => s.save);
  const notice = useStore(chains.state, (s) => s.notice);
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
