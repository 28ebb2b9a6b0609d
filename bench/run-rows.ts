// The run benchmark's table rows common to every scenario, with their targets.
import type { Spread } from "./browser.ts";
import { CHUNKS_PER_SECOND, type ScenarioResult } from "./run-measure.ts";
import type { Row } from "./run-report.ts";

export const ms = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? "—" : `${n.toFixed(1)} ms`;
export const spreadText = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)} (n ${s.n})`;

export function commonRows(r: ScenarioResult): Row[] {
  const worstTask = Math.max(0, ...r.longTasks.map((t) => t.duration));
  const doc = r.stores;
  const docUnchanged =
    doc.found &&
    doc.documentNotifications === 0 &&
    doc.revisionBefore === doc.revisionAfter &&
    doc.sameDocument === true;
  const rows: Row[] = [
    ["load average before / after", `${r.load.before} / ${r.load.after}`, "", undefined],
    [
      "Playwright during the run",
      r.attached ? "connected (DevTools Network domain on)" : "disconnected",
      "",
      undefined,
    ],
    [
      "server chunk rate per stream (min–max)",
      `${r.serverRate.min.toFixed(0)}–${r.serverRate.max.toFixed(0)} /s`,
      `${CHUNKS_PER_SECOND} /s`,
      r.serverRate.min > CHUNKS_PER_SECOND * 0.95,
    ],
    ["requests started within", ms(r.requestSpreadMs), "", undefined],
    ["chunks painted / sent", `${r.tokensSeen} / ${r.tokensSent}`, "all", r.tokensSeen === r.tokensSent],
    ["run duration (click to done)", ms(r.durationMs), "", undefined],
    ["frame interval p50 / p95 / max", spreadText(r.frames), "p95 < 20 ms", r.frames.p95 < 20],
    [
      "long tasks: count, longest",
      `${r.longTasks.length}, ${ms(worstTask)}`,
      "none > 100 ms",
      worstTask <= 100,
    ],
    [
      "run-store updates per frame: max",
      `${r.storeUpdatesPerFrame.max} (${r.storeUpdatesPerFrame.framesOverOne} frames > 1, ${r.storeUpdatesPerFrame.updates} updates)`,
      "≤ 1 (+ start/finish)",
      r.storeUpdatesPerFrame.framesOverOne <= 2,
    ],
    [
      "document store during the run",
      doc.found
        ? `${doc.documentNotifications} notifications, revision ${doc.revisionBefore} → ${doc.revisionAfter}`
        : "store not reachable",
      "unchanged",
      docUnchanged,
    ],
    ["byte → DOM p50 / p95 / max", spreadText(r.byteToDom), "", undefined],
    ["byte → paint p50 / p95 / max", spreadText(r.byteToPaint), "median < 50 ms", r.byteToPaint.p50 < 50],
    [
      "clock offset page − node",
      `${r.clockOffset.ms.toFixed(2)} ± ${r.clockOffset.uncertainty.toFixed(2)} ms`,
      "(corrected)",
      undefined,
    ],
  ];
  return rows;
}
