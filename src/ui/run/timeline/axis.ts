import type { TimeRange } from "./zoom.ts";

export interface AxisTick {
  t: number;
  label: string;
}

/** The smallest 1, 2 or 5 × 10ⁿ step that fits `span` in at most `maxTicks` intervals. */
export function niceStep(span: number, maxTicks: number): number {
  const raw = span / Math.max(1, maxTicks);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/**
 * Tick marks at multiples of a nice step inside the visible range. One unit for the whole axis:
 * seconds once the range reaches past a second with steps of 100 ms or more, else milliseconds.
 */
export function axisTicks(range: TimeRange, maxTicks: number): AxisTick[] {
  const step = niceStep(range.end - range.start, maxTicks);
  const seconds = step >= 100 && range.end > 1000;
  const ticks: AxisTick[] = [];
  // Integer multiples keep labels exact (0.1 + 0.2 never shows up as 0.30000000000000004).
  for (let k = Math.ceil(range.start / step); k * step <= range.end; k++) {
    ticks.push({ t: k * step, label: formatAxisTime(k * step, step, seconds) });
  }
  return ticks;
}

/** A tick label with as many decimals as the step needs. */
export function formatAxisTime(ms: number, step: number, seconds: boolean): string {
  if (seconds) return `${trim(ms / 1000, decimalsFor(step / 1000))} s`;
  return `${trim(ms, decimalsFor(step))} ms`;
}

/** A duration for people: "0.4 ms", "12 ms", "250 ms", "1.25 s", "12.3 s". */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${trim(ms, 1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${trim(ms / 1000, 2)} s`;
  return `${trim(ms / 1000, 1)} s`;
}

function decimalsFor(step: number): number {
  return step >= 1 ? 0 : Math.ceil(-Math.log10(step) - 1e-9);
}

function trim(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
