import type { RunStatus } from "../../../stores/index.ts";
import type { TraceRun } from "./trace.ts";

export type ShownOutcome = "running" | "done" | "error" | "cancelled";

/**
 * How a row looks and where its bar ends. A run that ended says how itself; one that never ended
 * takes its fate from the whole run: still growing to the latest event while it runs, cancelled
 * (striped) after Stop, failed after an error.
 */
export function shownOutcome(
  run: TraceRun,
  status: RunStatus,
  lastTime: number,
  duration: number,
): { outcome: ShownOutcome; end: number } {
  if (run.end !== undefined)
    return { outcome: run.outcome === "running" ? "done" : run.outcome, end: run.end };
  if (status === "running" || status === "idle") return { outcome: "running", end: lastTime };
  if (status === "cancelled") return { outcome: "cancelled", end: duration };
  return { outcome: status === "error" ? "error" : "done", end: duration };
}
