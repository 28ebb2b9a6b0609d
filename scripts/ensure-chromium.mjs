// Finds Debian's Chromium for Playwright, installing it with apt-get when we are root.
// Playwright cannot download its own browser here, so the system package is the browser we test.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

function which(name) {
  const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
}

/** @returns {string} the path of a Chromium binary */
export function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (existsSync(wanted)) return wanted;
    console.error(`sluice: CHROMIUM_PATH=${wanted} does not exist; point it at a Chromium binary.`);
    process.exit(1);
  }
  const found = which("chromium") || which("chromium-browser");
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      "sluice: Chromium is missing: run `sudo apt-get install -y chromium fonts-liberation` (or set CHROMIUM_PATH), then npm test again.",
    );
    process.exit(1);
  }
  console.log("sluice: installing Debian's chromium with apt-get ...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium", "fonts-liberation"],
  ]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`sluice: apt-get ${args[0]} failed; install chromium by hand and set CHROMIUM_PATH.`);
      process.exit(1);
    }
  }
  return which("chromium");
}
