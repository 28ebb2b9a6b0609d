/** The built app served by `vite preview`, and Debian's Chromium, for the browser benchmarks. */
import { type ChildProcess, spawn } from "node:child_process";
import { type Browser, chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium.ts";

export interface Preview {
  url: string;
  stop(): void;
}

/** Serves `outDir` on 127.0.0.1:`port` until `stop()`. */
export async function startPreview(port: number, outDir: string): Promise<Preview> {
  const url = `http://127.0.0.1:${port}/`;
  // Its own process group, so stop() ends vite and not only the npx wrapper.
  const child: ChildProcess = spawn(
    "npx",
    ["vite", "preview", "--port", String(port), "--strictPort", "--outDir", outDir],
    { stdio: "ignore", detached: true },
  );
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`vite preview did not start on port ${port} (is ${outDir} built?)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** p50/p95/max of a sample (nearest rank), and its size. */
export interface Spread {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  const xs = [...values].sort((a, b) => a - b);
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), max: xs[xs.length - 1] ?? NaN, n: xs.length };
}

/** The 1-minute load average, to print beside every measurement on a shared machine. */
export async function loadAverage(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
}
