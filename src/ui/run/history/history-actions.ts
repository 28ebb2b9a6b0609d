import type { ReplaySpeed } from "../../../stores/index.ts";
import type { AppServices } from "../../services.tsx";

type Services = Pick<AppServices, "history" | "runner" | "runView">;

/** Loads a past run into the run store, as it ended: the canvas, output, timeline and events show it. */
export async function openPastRun({ history, runner, runView }: Services, id: string): Promise<void> {
  const run = await history.load(id);
  if (!run) return;
  await runner.open(run);
  history.setViewed(run);
  runView.getState().reset();
}

/** Plays a past run's events again on the run store at `speed`; resolves when it ends or is stopped. */
export async function replayPastRun(
  { history, runner, runView }: Services,
  id: string,
  speed: ReplaySpeed,
): Promise<void> {
  const run = await history.load(id);
  if (!run) return;
  history.setViewed(run);
  runView.getState().reset();
  await runner.replay(run, speed);
}

/** Leaves the past run for the live one. */
export async function backToLive({ history, runner, runView }: Services): Promise<void> {
  await runner.backToLive();
  history.setViewed(undefined);
  runView.getState().reset();
}
