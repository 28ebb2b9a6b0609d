/** The built app served by `vite preview`, and Debian's Chromium, for the browser benchmarks. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  return (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
}

/**
 * A Chromium that Playwright can leave while it measures. Playwright enables DevTools' Network
 * domain on every page it drives; Chromium then copies each response chunk into DevTools' buffer
 * and sends a `Network.dataReceived` event per chunk to the driver: 4,000 a second with eight
 * streaming models, about a sixth of the frames in the fan-out run (docs/run.md#performance).
 * A user's browser has no driver attached, so the run benchmark measures without one: it starts
 * Chromium itself with a DevTools port, sets the page up over `connectOverCDP`, disconnects for the
 * run and connects again to read the results.
 */
export interface DetachableChromium {
  /** A connection; its default context keeps its pages when the connection closes. */
  connect(): Promise<Browser>;
  close(): Promise<void>;
}

/**
 * The switches Playwright's own Chromium launch adds (playwright-core's `chromiumSwitches`, plus
 * its headless ones), so that a detached run differs from an attached one only in the connection.
 */
const PLAYWRIGHT_SWITCHES = [
  "--disable-field-trial-config",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-back-forward-cache",
  "--disable-breakpad",
  "--disable-component-extensions-with-background-pages",
  "--no-default-browser-check",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-extensions",
  "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch",
  "--allow-pre-commit-input",
  "--disable-hang-monitor",
  "--disable-ipc-flooding-protection",
  "--disable-popup-blocking",
  "--disable-prompt-on-repost",
  "--disable-renderer-backgrounding",
  "--force-color-profile=srgb",
  "--metrics-recording-only",
  "--password-store=basic",
  "--use-mock-keychain",
  "--no-service-autorun",
  "--disable-search-engine-choice-screen",
  "--disable-stack-profiler",
  "--disable-infobars",
  "--headless",
  "--hide-scrollbars",
  "--mute-audio",
  "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4",
];

export async function launchDetachable(): Promise<DetachableChromium> {
  const profile = await mkdtemp(join(tmpdir(), "sluice-bench-chromium-"));
  const child = spawn(
    chromiumLaunchOptions.executablePath,
    [
      ...chromiumLaunchOptions.args,
      ...PLAYWRIGHT_SWITCHES,
      // The size the attached runs emulate: an emulated viewport would end with the connection.
      "--window-size=1280,800",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const failed = new Promise<never>((_, reject) => child.once("error", reject));
  failed.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Never leave a Chromium behind, even when the bench itself dies.
  const kill = () => void (child.exitCode === null && child.kill("SIGKILL"));
  process.once("exit", kill);
  const close = async () => {
    process.off("exit", kill);
    if (child.exitCode === null) child.kill("SIGTERM");
    const killed = setTimeout(kill, 5000);
    await exited;
    clearTimeout(killed);
    await rm(profile, { recursive: true, force: true });
  };
  // Chromium writes the port it chose to DevToolsActivePort in its profile.
  for (let i = 0; i < 100; i++) {
    const port = await Promise.race([
      readFile(join(profile, "DevToolsActivePort"), "utf8").then(
        (text) => Number(text.split("\n")[0]),
        () => undefined,
      ),
      failed,
    ]).catch(async (err: unknown) => {
      await rm(profile, { recursive: true, force: true });
      throw new Error(`could not start ${chromiumLaunchOptions.executablePath}: ${String(err)}`);
    });
    if (port) return { connect: () => chromium.connectOverCDP(`http://127.0.0.1:${port}`), close };
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error("Chromium did not open its DevTools port");
}
