// The run experience under load, in real Chromium against the built app and the mock provider server
// over real HTTP (issue 7). Run by `npm run bench:ui` after the editor benchmarks, or alone:
//   npm run bench:ui -- --only run
//   npx tsx bench/run.bench.ts [--port 4816] [--out-dir dist]        (after a build)
// Scenarios:
//   fan-out  8 model nodes streaming at once, 500 chunks/s each for 10 s: frame intervals, long tasks,
//            byte-to-paint latency, one run-store update per frame, no document-store change.
//   big      one 1 MB answer (500 chunks/s of 200 characters for 10 s): frame intervals, and the
//            latency of a wheel scroll and of a text selection while it streams.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "@playwright/test";
import { type MockProvider, type StreamWrite, startMockProvider } from "../e2e/mock-provider/server.ts";
import { type Spread, launchChromium, loadAverage, spread, startPreview } from "./browser.ts";
import { fanOutChain, fanOutModelName, markedText, singleChain, singleModelName } from "./run-chains.ts";
import { type Check, type Row, type Section, printTable } from "./run-report.ts";
import { benchArgs } from "./args.ts";
import { startProfiler } from "./profile.ts";

const PROBE = fileURLToPath(new URL("./page/run-probe.js", import.meta.url));
const CHUNKS_PER_SECOND = 500;
const SECONDS = 10;
const CHUNKS = CHUNKS_PER_SECOND * SECONDS;

/** When each marked chunk left the mock server, per stream: epoch ms. */
class WriteLog {
  readonly at = new Map<number, number[]>();

  record = (w: StreamWrite): void => {
    for (const m of w.bytes.toString("utf8").matchAll(/\[(\d+):(\d+)\]/g)) {
      const stream = Number(m[1]);
      let list = this.at.get(stream);
      if (!list) this.at.set(stream, (list = []));
      list[Number(m[2])] ??= w.at;
    }
  };

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

interface StoreReport {
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
}

interface LongTask {
  start: number;
  duration: number;
}

interface ScenarioResult {
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
  load: { before: string; after: string };
}

async function newPage(browser: Browser, appUrl: string, options: RunBenchOptions): Promise<Page> {
  // A fresh context: no chain restored from an earlier run's IndexedDB.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`page error: ${err.message}`));
  await page.goto(appUrl);
  await page.getByRole("region", { name: "Canvas" }).waitFor();
  if (options.hide?.length)
    await page.addStyleTag({ content: `${options.hide.join(", ")} { display: none !important; }` });
  return page;
}

async function openChain(page: Page, doc: unknown, names: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-run-bench-"));
  const file = join(dir, "chain.json");
  await writeFile(file, JSON.stringify(doc));
  await page.getByLabel("Chain file").setInputFiles(file);
  for (const name of names) await page.getByRole("group", { name, exact: true }).waitFor();
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
async function measureRun(
  page: Page,
  watched: { name: string; stream: number }[],
  log: WriteLog,
  mocks: MockProvider[],
  options: RunBenchOptions & { scenario: string; during?: (t0: number) => Promise<void> },
): Promise<ScenarioResult> {
  const load = { before: await loadAverage(), after: "" };
  const offset = await clockOffset(page);
  const storesFound = await page.evaluate<boolean>("window.__probe.watchStores()");
  await page.evaluate(`window.__probe.watchTokens(${JSON.stringify(watched)})`);
  const profiler = options.profileDir ? await startProfiler(page) : undefined;
  // BENCH_TRACE=file.json records a Chromium timeline trace (layout, paint, tasks) for profiling.
  const tracePath = process.env.BENCH_TRACE;
  if (tracePath)
    await page
      .context()
      .browser()!
      .startTracing(page, { path: tracePath, categories: ["devtools.timeline"] });
  const t0 = await page.evaluate<number>("window.__probe.startFrames()");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await options.during?.(t0);
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
  const durationMs = (await page.evaluate<number>("window.__probe.now()")) - t0;
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
    load,
  };
}

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
}

async function fanOut(browser: Browser, appUrl: string, options: RunBenchOptions): Promise<ScenarioResult> {
  const log = new WriteLog();
  // One server per model: a browser opens at most 6 HTTP/1.1 connections to one host and port,
  // and eight streams must really run at once.
  const mocks = await Promise.all(
    Array.from({ length: 8 }, () => startMockProvider({ onWrite: log.record })),
  );
  try {
    const page = await newPage(browser, appUrl, options);
    const names = mocks.map((_, k) => fanOutModelName(k));
    await openChain(page, fanOutChain(mocks.map((m) => `${m.url}/v1`)), names);
    mocks.forEach((m, k) =>
      m.script({ text: markedText(k, CHUNKS, 8), tokens: { chars: 8, perSecond: CHUNKS_PER_SECOND } }),
    );
    const result = await measureRun(
      page,
      names.map((name, k) => ({ name, stream: k })),
      log,
      mocks,
      { ...options, scenario: "fan-out" },
    );
    await page.context().close();
    return result;
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
  }
}

interface InputLatency {
  target: string;
  latency: number | null;
  detail: string;
}

interface BigResult extends ScenarioResult {
  inputs: InputLatency[];
}

/** Wheel up over the scrollable element at a point; latency from the wheel event to the frame that shows it. */
async function scrollLatency(page: Page, x: number, y: number, what: string): Promise<InputLatency> {
  const prepared = await page.evaluate<{ found: boolean; label?: string }>(
    `window.__probe.prepareScroll(${x}, ${y})`,
  );
  if (!prepared.found) return { target: what, latency: null, detail: "nothing scrollable there" };
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  await page.evaluate("window.__probe.armScroll()");
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -240);
  const r = await waitForInput<{ latency: number | null; moved: number }>(page);
  return { target: what, latency: r.latency, detail: `moved ${Math.round(r.moved)} px in ${prepared.label}` };
}

/** Drag-select text; latency from the first drag move to the frame where the selection is non-empty. */
async function selectionLatency(page: Page, x: number, y: number, what: string): Promise<InputLatency> {
  await page.evaluate("getSelection().removeAllRanges(), window.__probe.armSelection()");
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(x + i * 30, y + i * 4);
  await page.mouse.up();
  const r = await waitForInput<{ latency: number | null; length: number }>(page);
  await page.waitForTimeout(500);
  const kept = await page.evaluate<number>("window.__probe.selectionLength()");
  return {
    target: what,
    latency: r.latency,
    detail: `${r.length} characters selected; ${kept > 0 ? `still ${kept}` : "collapsed to 0"} 0.5 s later`,
  };
}

async function waitForInput<T>(page: Page): Promise<T> {
  const handle = await page.waitForFunction("window.__probe.inputResult()", undefined, { timeout: 10_000 });
  return (await handle.jsonValue()) as T;
}

async function bigAnswer(browser: Browser, appUrl: string, options: RunBenchOptions): Promise<BigResult> {
  const log = new WriteLog();
  const mock = await startMockProvider({ onWrite: log.record });
  try {
    const page = await newPage(browser, appUrl, options);
    await openChain(page, singleChain(`${mock.url}/v1`), [singleModelName]);
    mock.script({ text: markedText(0, CHUNKS, 200), tokens: { chars: 200, perSecond: CHUNKS_PER_SECOND } });
    const inputs: InputLatency[] = [];
    const during = async (t0: number) => {
      const at = async (seconds: number) => {
        const wait = t0 + seconds * 1000 - (await page.evaluate<number>("window.__probe.now()"));
        if (wait > 0) await page.waitForTimeout(wait);
      };
      await at(3);
      const live = await page
        .getByRole("group", { name: singleModelName, exact: true })
        .getByLabel("Live output")
        .boundingBox();
      if (live)
        inputs.push(
          await scrollLatency(page, live.x + live.width / 2, live.y + live.height / 2, "node live output"),
        );
      await at(5);
      // The Output tab's own scroll box: the chain's streamed text.
      const panel = await page.locator("#run-panel-Output").getByLabel("Stream output").boundingBox();
      if (panel) {
        const px = panel.x + panel.width / 2;
        const py = panel.y + panel.height * 0.5;
        inputs.push(await scrollLatency(page, px, py, "Output panel"));
        await at(7);
        inputs.push(await selectionLatency(page, panel.x + 20, py, "Output panel text"));
      }
    };
    const watched = [{ name: singleModelName, stream: 0 }];
    const result = await measureRun(page, watched, log, [mock], { ...options, scenario: "big", during });
    await page.context().close();
    return { ...result, inputs };
  } finally {
    await mock.close();
  }
}

const ms = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? "—" : `${n.toFixed(1)} ms`;
const spreadText = (s: Spread) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)} (n ${s.n})`;

function commonRows(r: ScenarioResult): Row[] {
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

export interface RunBenchResults {
  fanOut?: ScenarioResult;
  big?: BigResult;
  checks: Check[];
}

/** Runs the scenarios against the app at `appUrl` and prints the table. */
export async function runBenchmarks(
  browser: Browser,
  appUrl: string,
  options: RunBenchOptions = {},
): Promise<RunBenchResults> {
  const wanted = options.scenarios ?? ["fan-out", "big"];
  if (options.hide?.length) console.log(`ablation run: hiding ${options.hide.join(", ")}`);
  const fan = wanted.includes("fan-out") ? await fanOut(browser, appUrl, options) : undefined;
  const big = wanted.includes("big") ? await bigAnswer(browser, appUrl, options) : undefined;
  const sections: Section[] = [];
  if (fan)
    sections.push({
      title: `8 models × ${CHUNKS_PER_SECOND} chunks/s × ${SECONDS} s (8-character chunks)`,
      rows: commonRows(fan),
    });
  if (big)
    sections.push({
      title: `one 1 MB answer: ${CHUNKS} chunks of 200 characters at ${CHUNKS_PER_SECOND}/s`,
      rows: [
        ...commonRows(big),
        ...big.inputs.map((i): Row => [
          `input latency: ${i.target}`,
          `${ms(i.latency)} (${i.detail})`,
          "< 100 ms",
          i.latency !== null && i.latency < 100,
        ]),
      ],
    });
  return { ...(fan ? { fanOut: fan } : {}), ...(big ? { big } : {}), checks: printTable(sections) };
}

// Standalone: `npx tsx bench/run.bench.ts [options]` against an existing build (see bench/args.ts).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = benchArgs();
  const preview = await startPreview(args.port, args.outDir);
  const browser = await launchChromium();
  try {
    await runBenchmarks(browser, preview.url, args);
  } finally {
    await browser.close();
    preview.stop();
  }
}
