import { Button } from "../../Button.tsx";
import { useDocument, useHistory, useRun, useServices } from "../../services.tsx";
import { chainChangedSince, formatRunTime } from "./format.ts";
import { backToLive } from "./history-actions.ts";

/**
 * Says, over the canvas, that the run views show a past run and not the live one, whether the
 * chain has changed since, and leads back to the live run. Hidden otherwise.
 */
export function PastRunBanner() {
  const services = useServices();
  const viewing = useRun((s) => s.viewing);
  const status = useRun((s) => s.status);
  const viewed = useHistory((s) => s.viewed);
  const doc = useDocument((s) => s.doc);
  if (!viewing) return null;
  const when = formatRunTime(viewing.startedAt);
  const replaying = viewing.mode === "replay" && status === "running";
  const changed = viewed?.id === viewing.runId && chainChangedSince(viewed.doc, doc);
  return (
    <div
      role="region"
      aria-label="Past run"
      className="fixed top-14 left-1/2 z-40 flex max-w-[90vw] -translate-x-1/2 items-center gap-3 rounded-lg border border-cyan-300 bg-cyan-50 px-3 py-1.5 text-sm text-cyan-950 shadow-md dark:border-cyan-800 dark:bg-cyan-950 dark:text-cyan-100"
    >
      <span role="status">
        <strong className="font-semibold">
          {replaying ? "Replaying" : "Viewing"} run of {when}
        </strong>
        {changed && <span className="ml-2 text-xs">The chain has changed since this run.</span>}
      </span>
      <Button onClick={() => void backToLive(services)}>Back to live</Button>
    </div>
  );
}
