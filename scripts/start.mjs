// `npm start`: installs what is missing, builds, and serves the app on a local port.
import { spawnSync } from "node:child_process";
import { ensureDeps } from "./ensure-deps.mjs";

ensureDeps();
const build = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = process.env.PORT ?? "4173";
console.log(`\nSluice is being served at http://127.0.0.1:${port}/  (Ctrl+C stops it)\n`);
const serve = spawnSync("npx", ["vite", "preview", "--port", port], { stdio: "inherit" });
process.exit(serve.status ?? 0);
