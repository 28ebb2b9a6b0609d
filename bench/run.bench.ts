// The run experience under load, in real Chromium against the built app and the mock provider server
// over real HTTP (issue 7). Run by `npm run bench:ui` after the editor benchmarks, or alone:
//   npm run bench:ui -- --only run
//   npx tsx bench/run.bench.ts [--port 4816] [--out-dir dist]        (after a build)
// Scenarios:
//   fan-out  8 model nodes streaming at once, 500 chunks/s each for 10 s: frame intervals, long tasks,
//            byte-to-paint latency, one run-store update per frame, no document-store change.
//   big      one 1 MB answer (500 chunks/s of 200 characters for 10 s): frame intervals, and the
//            latency of a wheel scroll and of a text selection while it streams.
import { fileURLToPath } from "node:url";
import type { Browser } from "@playwright/test";
import { launchChromium, startPreview } from "./browser.ts";
import { type Row, type Section, printTable } from "./run-report.ts";
import { benchArgs } from "./args.ts";
import { CHUNKS, CHUNKS_PER_SECOND, type RunBenchOptions, SECONDS } from "./run-measure.ts";
import { commonRows, ms } from "./run-rows.ts";
import { bigAnswer, fanOut } from "./run-scenarios.ts";

/** Runs the scenarios against the app at `appUrl` and prints the table. */
export async function runBenchmarks(
  browser: Browser,
  appUrl: string,
  options: RunBenchOptions = {},
): Promise<void> {
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
  printTable(sections);
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
