// `npm run bench:ui`: the editor's speed in real Chromium against the built app (`npm run build` first).
// Opens a 300-node, 400-edge chain and measures how long it takes to show, then the frame intervals
// while panning the canvas and dragging a node. Prints the numbers; targets in the issue: open < 1.5 s,
// p95 frame interval < 20 ms. Then the run benchmark (bench/run.bench.ts). Options in bench/args.ts:
// `npm run bench:ui -- --only run`, `--only editor`, `--port N --out-dir DIR`.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { benchArgs } from "./args.ts";
import { bigChain } from "./big-chain.ts";
import { type Spread, launchChromium, loadAverage, spread, startPreview } from "./browser.ts";
import { runBenchmarks } from "./run.bench.ts";

/** Records frame intervals in the page while `action` runs. */
async function frames(page: Page, action: () => Promise<void>): Promise<Spread> {
  // Strings, not functions: tsx's helpers would otherwise leak into the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await action();
  return spread(await page.evaluate<number[]>("(window.__stop = true, window.__frames.slice(2))"));
}

async function editorBenchmarks(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  await page.getByRole("region", { name: "Canvas" }).waitFor();
  const dir = await mkdtemp(join(tmpdir(), "sluice-bench-"));
  const file = join(dir, "big.json");
  await writeFile(file, JSON.stringify(bigChain(300, 400)));
  const load = await loadAverage();

  const t0 = Date.now();
  await page.getByLabel("Chain file").setInputFiles(file);
  await page.waitForFunction(
    `document.querySelectorAll('[aria-roledescription="node"]').length === 300 && document.querySelectorAll(".react-flow__edge").length === 400`,
  );
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  const openMs = Date.now() - t0;

  const canvas = (await page.getByRole("region", { name: "Canvas" }).boundingBox())!;
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  const pan = await frames(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 120; i++)
      await page.mouse.move(cx + Math.sin(i / 10) * 300, cy + Math.cos(i / 10) * 150);
    await page.mouse.up();
  });

  const first = (await page.locator('[aria-roledescription="node"]').first().boundingBox())!;
  const drag = await frames(page, async () => {
    await page.mouse.move(first.x + 40, first.y + 12);
    await page.mouse.down();
    for (let i = 0; i < 120; i++)
      await page.mouse.move(first.x + 40 + i * 3, first.y + 12 + Math.sin(i / 8) * 80);
    await page.mouse.up();
  });

  const row = (name: string, f: Spread) =>
    `${name.padEnd(28)} p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  max ${f.max.toFixed(1)} ms  (${f.n} frames)`;
  console.log(`editor benchmark (load average ${load})`);
  console.log(`open 300 nodes / 400 edges     ${openMs} ms (target < 1500 ms)`);
  console.log(row("pan, frame interval", pan));
  console.log(row("drag a node, frame interval", drag));
  await page.close();
}

const args = benchArgs();
const preview = await startPreview(args.port, args.outDir);
const browser = await launchChromium();
try {
  if (args.only !== "run") await editorBenchmarks(browser, preview.url);
  if (args.only !== "editor") await runBenchmarks(browser, preview.url, args);
} finally {
  await browser.close();
  preview.stop();
}
