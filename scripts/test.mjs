// `npm test`: installs what is missing, then runs every check and ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureDeps } from "./ensure-deps.mjs";
import { ensureChromium } from "./ensure-chromium.mjs";

ensureDeps();
const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;

mkdirSync("test-results", { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, secs };
}

/** A step that is one check: it passes or fails as a whole. */
function check(title, cmd, args) {
  const { ok, secs } = run(title, cmd, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${title}: ${ok ? "ok" : "FAILED"} (${secs} s)`);
  return ok;
}

/** A step that runs many tests and reports their counts through a JSON file. */
function suite(title, cmd, args, jsonFile, count, env = {}) {
  rmSync(jsonFile, { force: true });
  const { ok, secs } = run(title, cmd, args, env);
  let p = 0;
  let f = 0;
  if (existsSync(jsonFile)) [p, f] = count(JSON.parse(readFileSync(jsonFile, "utf8")));
  // A runner that died without failing a test still fails the run.
  if (!ok && f === 0) f = 1;
  passed += p;
  failed += f;
  lines.push(`${title}: ${p} passed, ${f} failed (${secs} s)`);
}

check("typecheck", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
check("lint", "npm", ["run", "--silent", "lint"]);
suite(
  "unit",
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  "test-results/vitest.json",
  (j) => [j.numPassedTests, j.numFailedTests],
);
if (check("build", "npx", ["vite", "build", "--logLevel", "warn"])) {
  suite(
    "e2e",
    "npx",
    ["playwright", "test", "--reporter=list,json"],
    "test-results/playwright.json",
    (j) => [j.stats.expected + j.stats.flaky, j.stats.unexpected],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json" },
  );
}

console.log("\n" + lines.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
