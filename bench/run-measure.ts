// Measuring one run of the run benchmark (bench/run.bench.ts): the server-side write log, the
// page/Node clock offset, and measureRun, which clicks Run and collects the in-page instruments.
import { join } from "node:path";
import type { Page } from "@playwright/test";
import type { MockProvider, StreamWrite } from "../e2e/mock-provider/server.ts";
import { type Spread, loadAverage, spread } from "./browser.ts";
import { startProfiler } from "./profile.ts";

export const CHUNKS_PER_SECOND = 500;
export const SECONDS = 10;
export const CHUNKS = CHUNKS_PER_SECOND * SECONDS;
/** How long after Playwright disconnects the page clicks Run itself (a detached run). */
const CLICK_DELAY_MS = 1000;

export interface RunBenchOptions {
  /** Write a CPU profile per scenario here and print its hottest functions. */
  profileDir?: string | undefined;
  /** Only these scenarios (default both). */
  scenarios?: ("fan-out" | "big")[] | undefined;
  /**
   * CSS selectors hidden with `display: none` (profiling by ablation: what does the run cost
   * without this view's layout and paint?). Never part of a reported measurement.
   */
  hide?: string[] | undefined;
  /** Keep Playwright connected while the fan-out streams (it is disconnected by default). */
  attached?: boolean | undefined;
}

/** Disconnects Playwright from the page; the function it returns connects again and finds the page. */
export type Detach = () => Promise<() => Promise<Page>>;

/** When each marked chunk left the mock server, per stream: epoch ms. */
export class WriteLog {
  readonly at = new Map<number, number[]>();

  record = (w: StreamWrite): void => {
    for (const m of w.bytes.toString("utf8").matchAll(/\[(\d+):(\d+)\]/g)) {
      const stream = Number(m[1]);
      let list = this.at.get(stream);
      if (!list) this.at.set(stream, (list = []));
      list[Number(m[2])] ??= w.at;
    }
  };

  /**
   * Resolves once every stream in `streams` has written `count` chunks; rejects after `timeoutMs`,
   * or after `firstWithinMs` if no chunk was written at all (the run did not start).
   */
  async until(streams: number[], count: number, timeoutMs: number, firstWithinMs: number): Promise<void> {
    const start = Date.now();
    while (streams.some((s) => (this.at.get(s)?.length ?? 0) < count)) {
      const waited = Date.now() - start;
      if (waited > firstWithinMs && this.at.size === 0) throw new Error("no chunk was written");
      if (waited > timeoutMs) throw new Error(`the mock servers did not write ${count} chunks in time`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Chunks per second actually written, first to last chunk. */
  rate(stream: number): number {
    const xs = this.at.get(stream) ?? [];
    const first = xs[0];
    const last = xs[xs.length - 1];
    return first !== undefined && last !== undefined && last > first
      ? ((xs.length - 1) * 1000) / (last - first)
      : 0;
  }
}

interface TokenTimes {
  name: string;
  stream: number;
  seen: (number | null)[];
  painted: (number | null)[];
}

export interface StoreReport {
  found: boolean;
  documentNotifications?: number;
  revisionBefore?: number;
  revisionAfter?: number;
  sameDocument?: boolean;
  runStatus?: string;
  eventCount?: number;
}

interface FrameReport {
  deltas: number[];
  storeUpdates: number[];
  /** When the run ended (epoch ms); recording stopped there. */
  endedAt?: number;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface ScenarioResult {
  frames: Spread;
  longTasks: LongTask[];
  storeUpdatesPerFrame: { max: number; framesOverOne: number; updates: number };
  stores: StoreReport;
  byteToDom: Spread;
  byteToPaint: Spread;
  tokensSeen: number;
  tokensSent: number;
  serverRate: { min: number; max: number };
  requestSpreadMs: number;
  clockOffset: { ms: number; uncertainty: number };
  durationMs: number;
  /** Whether Playwright stayed connected while the chunks streamed. */
  attached: boolean;
  load: { before: string; after: string };
}

/** Page clock minus Node clock (both performance.timeOrigin + now), from a bracketed round trip. */
async function clockOffset(page: Page): Promise<{ ms: number; uncertainty: number }> {
  let best = { ms: 0, uncertainty: Infinity };
  for (let i = 0; i < 15; i++) {
    const a = performance.timeOrigin + performance.now();
    const pageNow = await page.evaluate<number>("window.__probe.now()");
    const b = performance.timeOrigin + performance.now();
    if ((b - a) / 2 < best.uncertainty) best = { ms: pageNow - (a + b) / 2, uncertainty: (b - a) / 2 };
  }
  return best;
}

/** Starts the instruments, clicks Run, waits for the run to end, and collects everything. */
export async function measureRun(
  page: Page,
  watched: { name: string; stream: number }[],
  log: WriteLog,
  mocks: MockProvider[],
  options: RunBenchOptions & {
    scenario: string;
    during?: (t0: number) => Promise<void>;
    /** Measure with Playwright disconnected while the chunks stream (see `launchDetachable`). */
    detach?: Detach | undefined;
  },
): Promise<ScenarioResult> {
  const load = { before: await loadAverage(), after: "" };
  const offset = await clockOffset(page);
  const storesFound = await page.evaluate<boolean>("window.__probe.watchStores()");
  await page.evaluate(`window.__probe.watchTokens(${JSON.stringify(watched)})`);
  const profiler = options.profileDir ? await startProfiler(page) : undefined;
  // BENCH_TRACE=file.json records a Chromium timeline trace (layout, paint, tasks) for profiling;
  // BENCH_TRACE_CATEGORIES (comma-separated) adds categories, e.g. invalidation tracking.
  const tracePath = process.env.BENCH_TRACE;
  const categories = ["devtools.timeline", ...(process.env.BENCH_TRACE_CATEGORIES?.split(",") ?? [])];
  if (tracePath) await page.context().browser()!.startTracing(page, { path: tracePath, categories });
  let t0: number;
  if (options.detach) {
    // Playwright leaves first, then the page clicks Run itself: leaving takes the main thread for
    // a moment, and that moment must not fall in the run.
    await page.evaluate(`window.__probe.clickRunIn(${CLICK_DELAY_MS})`);
    const reconnect = await options.detach();
    const written = log.until(
      watched.map((w) => w.stream),
      CHUNKS,
      120_000,
      CLICK_DELAY_MS + 10_000,
    );
    const failure = await written.then(
      () => undefined,
      (err: unknown) => String(err),
    );
    // The last chunks' way to the screen, then the run's end, happen before anyone looks.
    if (!failure) await new Promise((r) => setTimeout(r, 1500));
    page = await reconnect();
    const clicked = await page.evaluate<number | string | undefined>("window.__probe.runClickedAt()");
    if (failure || typeof clicked !== "number")
      throw new Error(`${failure ?? "the run did not start"}; the page's click: ${String(clicked)}`);
    t0 = clicked;
  } else {
    t0 = await page.evaluate<number>("window.__probe.startFrames()");
    await page.getByRole("button", { name: "Run", exact: true }).click();
  }
  // BENCH_SHOT=file.png: a screenshot 5 s into the run, to see what the numbers are about. Awaited
  // together with `during`, so a failed screenshot is reported, not an unhandled rejection.
  const shot = process.env.BENCH_SHOT;
  await Promise.all([
    options.during?.(t0),
    shot &&
      page
        .waitForTimeout(5000)
        .then(() => page.screenshot({ path: shot.replace(/(\.png)?$/, `-${options.scenario}.png`) })),
  ]);
  // The stores tell when the run ended; without them (app internals moved), the last chunk does.
  const ended = storesFound
    ? `(() => { const s = window.__probe.storeReport(); return s.runStatus !== "running" && s.runStatus !== "idle"; })()`
    : `window.__probe.lowestSeen() >= ${CHUNKS - 1}`;
  await page.waitForFunction(ended, undefined, { timeout: 120_000, polling: 250 });
  const frames = await page.evaluate<FrameReport>("window.__probe.stopFrames()");
  if (tracePath) await page.context().browser()!.stopTracing();
  if (profiler && options.profileDir) {
    const file = join(options.profileDir, `${options.scenario}.cpuprofile`);
    console.log([`\n${options.scenario}: ${file}`, ...(await profiler.stop(file))].join("\n"));
  }
  const durationMs = (frames.endedAt ?? (await page.evaluate<number>("window.__probe.now()"))) - t0;
  load.after = await loadAverage();
  const longTasks = await page.evaluate<LongTask[]>(`window.__probe.longTasksSince(${t0})`);
  const tokens = await page.evaluate<TokenTimes[]>("window.__probe.tokenReport()");
  const stores = await page.evaluate<StoreReport>("window.__probe.storeReport()");

  const toDom: number[] = [];
  const toPaint: number[] = [];
  let seen = 0;
  for (const t of tokens) {
    const written = log.at.get(t.stream) ?? [];
    t.seen.forEach((s, i) => {
      const w = written[i];
      if (s === null || w === undefined) return;
      seen++;
      toDom.push(s - offset.ms - w);
      const p = t.painted[i];
      if (p !== null && p !== undefined) toPaint.push(p - offset.ms - w);
    });
  }
  const rates = watched.map((w) => log.rate(w.stream));
  const posts = mocks.flatMap((m) => m.requests.filter((r) => r.method === "POST"));
  const starts = posts.map((r) => r.time);
  const updates = frames.storeUpdates;
  return {
    frames: spread(frames.deltas.slice(2)),
    longTasks,
    storeUpdatesPerFrame: {
      max: Math.max(0, ...updates),
      framesOverOne: updates.filter((u) => u > 1).length,
      updates: updates.reduce((a, b) => a + b, 0),
    },
    stores,
    byteToDom: spread(toDom),
    byteToPaint: spread(toPaint),
    tokensSeen: seen,
    tokensSent: watched.length * CHUNKS,
    serverRate: { min: Math.min(...rates), max: Math.max(...rates) },
    requestSpreadMs: starts.length > 0 ? Math.max(...starts) - Math.min(...starts) : NaN,
    clockOffset: offset,
    durationMs,
    attached: !options.detach,
    load,
  };
}
