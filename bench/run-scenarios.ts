// The run benchmark's scenarios: eight models streaming at once (fan-out), and one 1 MB answer with
// input-latency probes while it streams (big).
import type { Browser, Page } from "@playwright/test";
import { startMockProvider } from "../e2e/mock-provider/server.ts";
import { fanOutChain, fanOutModelName, markedText, singleChain, singleModelName } from "./run-chains.ts";
import { type InputLatency, scrollLatency, selectionLatency } from "./run-input.ts";
import {
  CHUNKS,
  CHUNKS_PER_SECOND,
  type RunBenchOptions,
  type ScenarioResult,
  WriteLog,
  measureRun,
} from "./run-measure.ts";
import { launchDetachable } from "./browser.ts";
import { newPage, openChain, preparePage } from "./run-page.ts";

export async function fanOut(
  browser: Browser,
  appUrl: string,
  options: RunBenchOptions,
): Promise<ScenarioResult> {
  const log = new WriteLog();
  // One server per model: a browser opens at most 6 HTTP/1.1 connections to one host and port,
  // and eight streams must really run at once.
  const mocks = await Promise.all(
    Array.from({ length: 8 }, () => startMockProvider({ onWrite: log.record })),
  );
  // Profiles, traces and screenshots need the connection; otherwise Playwright leaves while the
  // chunks stream (see launchDetachable).
  const attached =
    options.attached ||
    options.profileDir !== undefined ||
    !!process.env.BENCH_TRACE ||
    !!process.env.BENCH_SHOT;
  let own: Awaited<ReturnType<typeof launchDetachable>> | undefined;
  try {
    if (!attached) own = await launchDetachable();
    let connection = own ? await own.connect() : undefined;
    const page = connection
      ? await preparePage(connection.contexts()[0]!, appUrl, options)
      : await newPage(browser, appUrl, options);
    const names = mocks.map((_, k) => fanOutModelName(k));
    await openChain(page, fanOutChain(mocks.map((m) => `${m.url}/v1`)), names);
    mocks.forEach((m, k) =>
      m.script({ text: markedText(k, CHUNKS, 8), tokens: { chars: 8, perSecond: CHUNKS_PER_SECOND } }),
    );
    const detach = async () => {
      await connection?.close();
      const chromium = own!;
      return async (): Promise<Page> => {
        connection = await chromium.connect();
        const again = connection
          .contexts()[0]
          ?.pages()
          .find((p) => p.url().startsWith(appUrl));
        if (!again) throw new Error("the app's page is gone after reconnecting");
        return again;
      };
    };
    const result = await measureRun(
      page,
      names.map((name, k) => ({ name, stream: k })),
      log,
      mocks,
      { ...options, scenario: "fan-out", detach: own ? detach : undefined },
    );
    if (own) await connection?.close();
    else await page.context().close();
    return result;
  } finally {
    await own?.close();
    await Promise.all(mocks.map((m) => m.close()));
  }
}

export interface BigResult extends ScenarioResult {
  inputs: InputLatency[];
}

export async function bigAnswer(
  browser: Browser,
  appUrl: string,
  options: RunBenchOptions,
): Promise<BigResult> {
  const log = new WriteLog();
  const mock = await startMockProvider({ onWrite: log.record });
  try {
    const page = await newPage(browser, appUrl, options);
    await openChain(page, singleChain(`${mock.url}/v1`), [singleModelName]);
    mock.script({ text: markedText(0, CHUNKS, 200), tokens: { chars: 200, perSecond: CHUNKS_PER_SECOND } });
    const inputs: InputLatency[] = [];
    const during = async (t0: number) => {
      const at = async (seconds: number) => {
        const wait = t0 + seconds * 1000 - (await page.evaluate<number>("window.__probe.now()"));
        if (wait > 0) await page.waitForTimeout(wait);
      };
      await at(3);
      const live = await page
        .getByRole("group", { name: singleModelName, exact: true })
        .getByLabel("Live output")
        .boundingBox();
      if (live) {
        const x = live.x + live.width / 2;
        const y = live.y + live.height / 2;
        inputs.push(await scrollLatency(page, x, y, "node live output"));
        // Back down: the box follows the stream again, so its chunks keep being painted (a box the
        // user scrolled up holds still once it has 64 K characters, and the probe watches this one).
        await page.mouse.wheel(0, 1_000_000);
      }
      await at(5);
      // The Output tab's own scroll box: the chain's streamed text.
      const panel = await page.locator("#run-panel-Output").getByLabel("Stream output").boundingBox();
      if (panel) {
        const px = panel.x + panel.width / 2;
        const py = panel.y + panel.height * 0.5;
        inputs.push(await scrollLatency(page, px, py, "Output panel"));
        await at(7);
        inputs.push(await selectionLatency(page, panel.x + 20, py, "Output panel text"));
      }
    };
    const watched = [{ name: singleModelName, stream: 0 }];
    const result = await measureRun(page, watched, log, [mock], { ...options, scenario: "big", during });
    await page.context().close();
    return { ...result, inputs };
  } finally {
    await mock.close();
  }
}
