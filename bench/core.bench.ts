// `npm run bench`: Sluice's core and @langchain/core side by side on identical workloads, in one
// process. Prints medians and ratios. Run on an idle machine; numbers vary with load.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import * as lc from "./langchain-workloads.ts";
import * as sl from "./sluice-workloads.ts";
import { jsonDocument, median, time } from "./util.ts";

const CHUNKS = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const rows: string[][] = [["measure", "Sluice", "@langchain/core", "ratio"]];
const fmt = (n: number, unit: string) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ${unit}`;

async function medianOf(fn: () => Promise<number>, runs = RUNS): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  return median(samples);
}

// (d) the floor: a bare async-generator pipeline of the same length.
const floor = await medianOf(() => sl.bareGenerators(CHUNKS));
rows.push(["(d) bare async-generator pipeline, µs/chunk", fmt((floor * 1000) / CHUNKS, "µs"), "", ""]);

// (a) stream() through prompt | model | StrOutputParser.
const aS = await medianOf(() => sl.streamChain(CHUNKS));
const aL = await medianOf(() => lc.streamChain(CHUNKS));
rows.push([
  "(a) stream(), µs/chunk",
  fmt((aS * 1000) / CHUNKS, "µs"),
  fmt((aL * 1000) / CHUNKS, "µs"),
  `${(aL / aS).toFixed(1)}×`,
]);

// (b) streamEvents v2 on the same chain.
let eventsS = 0;
let eventsL = 0;
const bS = await medianOf(async () => {
  const r = await sl.streamEventsChain(CHUNKS);
  eventsS = r.events;
  return r.ms;
});
const bL = await medianOf(async () => {
  const r = await lc.streamEventsChain(CHUNKS);
  eventsL = r.events;
  return r.ms;
});
const perEventS = (bS * 1000) / eventsS;
const perEventL = (bL * 1000) / eventsL;
rows.push([
  `(b) streamEvents v2, µs/event (${eventsS} / ${eventsL} events)`,
  fmt(perEventS, "µs"),
  fmt(perEventL, "µs"),
  `${(perEventL / perEventS).toFixed(1)}×`,
]);

// (c) JsonOutputParser over 25/50/100 KB documents in 3-character chunks.
const sizes = [25, 50, 100];
const jsonTimes: number[] = [];
for (const kb of sizes) {
  const doc = jsonDocument(kb * 1024);
  jsonTimes.push(await medianOf(() => sl.jsonStream(doc), 3));
}
const lcRuns = Number(process.env.BENCH_LC_JSON_RUNS ?? 1);
const lcJson25 = await time(async () => {
  for (let i = 0; i < lcRuns; i++) await lc.jsonStream(jsonDocument(25 * 1024));
});
sizes.forEach((kb, i) => {
  rows.push([
    `(c) JSON ${kb} KB, 3-char chunks, total`,
    fmt(jsonTimes[i]!, "ms"),
    i === 0 ? fmt(lcJson25 / lcRuns, "ms") : "(quadratic)",
    i === 0 ? `${(lcJson25 / lcRuns / jsonTimes[0]!).toFixed(0)}×` : "",
  ]);
});
rows.push([
  "(c) growth 25 → 100 KB (linear ≈ 4×)",
  `${(jsonTimes[2]! / jsonTimes[0]!).toFixed(2)}×`,
  "≈10.6× (measured: docs)",
  "",
]);

// Bundle size: src/core for the browser vs the equivalent @langchain/core subset.
async function bundleSize(contents: string): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}
const coreSize = await bundleSize('export * from "./src/core/index.ts";');
const lcSize = await bundleSize(
  'export { ChatPromptTemplate } from "@langchain/core/prompts"; export { StringOutputParser, JsonOutputParser, CommaSeparatedListOutputParser } from "@langchain/core/output_parsers"; export { RunnableSequence, RunnableLambda, RunnableParallel, RunnablePassthrough } from "@langchain/core/runnables"; export { AIMessageChunk, HumanMessage } from "@langchain/core/messages";',
);
rows.push([
  "bundle, minified + gzip",
  fmt(coreSize / 1024, "KB"),
  fmt(lcSize / 1024, "KB"),
  `${(lcSize / coreSize).toFixed(1)}×`,
]);

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
