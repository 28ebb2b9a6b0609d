/**
 * A CPU profile of the page while a scenario runs (Chrome DevTools Protocol), summarised as the
 * functions with the most self time. Build with `--minify false` for readable names.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CDPSession, Page } from "@playwright/test";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Profiler {
  stop(file: string): Promise<string[]>;
}

export async function startProfiler(page: Page): Promise<Profiler> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    async stop(file) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      await cdp.detach();
      return summarise(profile);
    },
  };
}

/** Self time per function (summed over samples), and inclusive time per function, top entries. */
function summarise(profile: Profile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: ProfileNode) => {
    const file = n.callFrame.url.split("/").pop() ?? "";
    return `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`);
  const wall = (profile.endTime - profile.startTime) / 1000;
  return [
    `profile over ${wall.toFixed(0)} ms — self time:`,
    ...top(self, 25),
    "inclusive time:",
    ...top(total, 40),
  ];
}
