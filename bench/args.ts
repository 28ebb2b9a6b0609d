/**
 * Command-line options of the browser benchmarks (`npm run bench:ui -- ...`, or
 * `npx tsx bench/run.bench.ts ...` against an existing build):
 *   --only editor|run     run one group (default: both, editor first)
 *   --port N              vite preview port (default $BENCH_PORT or 4790)
 *   --out-dir DIR         the build to serve (default $BENCH_OUT_DIR or dist)
 *   --scenario fan-out|big   run benchmark scenarios (repeatable; default both)
 *   --profile DIR         write a CPU profile per run scenario and print its hottest functions
 *   --hide SELECTOR       hide elements while measuring, for profiling by ablation (repeatable)
 *   --attached            keep Playwright connected while the fan-out streams (see launchDetachable)
 */
import { parseArgs } from "node:util";

export interface BenchArgs {
  only: "editor" | "run" | undefined;
  port: number;
  outDir: string;
  scenarios: ("fan-out" | "big")[] | undefined;
  profileDir: string | undefined;
  hide: string[] | undefined;
  attached: boolean;
}

export function benchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      port: { type: "string" },
      "out-dir": { type: "string" },
      scenario: { type: "string", multiple: true },
      profile: { type: "string" },
      hide: { type: "string", multiple: true },
      attached: { type: "boolean" },
    },
  });
  const only = values.only;
  if (only !== undefined && only !== "editor" && only !== "run")
    throw new Error(`--only takes "editor" or "run", not "${only}"`);
  const scenarios = values.scenario?.map((s) => {
    if (s !== "fan-out" && s !== "big") throw new Error(`--scenario takes "fan-out" or "big", not "${s}"`);
    return s;
  });
  const port = Number(values.port ?? process.env.BENCH_PORT ?? 4790);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad --port ${values.port}`);
  return {
    only,
    port,
    outDir: values["out-dir"] ?? process.env.BENCH_OUT_DIR ?? "dist",
    scenarios,
    profileDir: values.profile,
    hide: values.hide,
    attached: values.attached ?? false,
  };
}
