// Installs npm dependencies when they are missing or older than the lockfile.
// Plain Node with no dependencies of its own: it runs before anything is installed.
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";

export function ensureDeps() {
  const marker = "node_modules/.package-lock.json";
  const lock = "package-lock.json";
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  const cmd = existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"];
  console.log(`sluice: installing dependencies (npm ${cmd[0]}) ...`);
  const r = spawnSync("npm", cmd, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("sluice: npm could not install the dependencies; see the output above.");
    process.exit(r.status ?? 1);
  }
}
