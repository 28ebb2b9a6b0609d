// Input-latency probes of the run benchmark: a wheel scroll and a text selection while a run streams.
import type { Page } from "@playwright/test";

export interface InputLatency {
  target: string;
  latency: number | null;
  detail: string;
}

/** Wheel up over the scrollable element at a point; latency from the wheel event to the frame that shows it. */
export async function scrollLatency(page: Page, x: number, y: number, what: string): Promise<InputLatency> {
  const prepared = await page.evaluate<{ found: boolean; label?: string }>(
    `window.__probe.prepareScroll(${x}, ${y})`,
  );
  if (!prepared.found) return { target: what, latency: null, detail: "nothing scrollable there" };
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  await page.evaluate("window.__probe.armScroll()");
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -240);
  const r = await waitForInput<{ latency: number | null; moved: number }>(page);
  return { target: what, latency: r.latency, detail: `moved ${Math.round(r.moved)} px in ${prepared.label}` };
}

/** Drag-select text; latency from the first drag move to the frame where the selection is non-empty. */
export async function selectionLatency(
  page: Page,
  x: number,
  y: number,
  what: string,
): Promise<InputLatency> {
  await page.evaluate("getSelection().removeAllRanges(), window.__probe.armSelection()");
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(x + i * 30, y + i * 4);
  await page.mouse.up();
  const r = await waitForInput<{ latency: number | null; length: number }>(page);
  await page.waitForTimeout(500);
  const kept = await page.evaluate<number>("window.__probe.selectionLength()");
  return {
    target: what,
    latency: r.latency,
    detail: `${r.length} characters selected; ${kept > 0 ? `still ${kept}` : "collapsed to 0"} 0.5 s later`,
  };
}

async function waitForInput<T>(page: Page): Promise<T> {
  const handle = await page.waitForFunction("window.__probe.inputResult()", undefined, { timeout: 10_000 });
  return (await handle.jsonValue()) as T;
}
