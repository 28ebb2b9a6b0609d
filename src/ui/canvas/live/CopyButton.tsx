import { useEffect, useState } from "react";

/** Copies text that is built only when asked (a 1 MB output is not joined on every frame). */
export function CopyButton({ getText, label = "Copy output" }: { getText: () => string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          navigator.clipboard.writeText(getText()).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
        className="nodrag rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {label}
      </button>
      <span role="status" className="text-xs text-slate-500">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: the browser refused" : ""}
      </span>
    </>
  );
}
