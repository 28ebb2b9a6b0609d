import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { createTestServices, withServices } from "../../testing/test-services.tsx";
import { TimelinePanel } from "../TimelinePanel.tsx";
import type * as ticks from "./ticks.ts";
import { tickPath } from "./ticks.ts";

// The real tick paths, counted: a row drawn again computes its path again.
vi.mock("./ticks.ts", async (importOriginal) => {
  const real = await importOriginal<typeof ticks>();
  return { ...real, tickPath: vi.fn(real.tickPath) };
});

afterEach(cleanup);

const at = (t: number, event: StreamEvent["event"], runId: string): TimedEvent => ({
  t,
  event: {
    event,
    name: runId,
    run_id: runId,
    parent_ids: runId === "root" ? [] : ["root"],
    tags: [],
    metadata: {},
    data: { chunk: "x" },
  } as StreamEvent,
  nodeId: undefined,
});

/** Two models that finished streaming, and a third still streaming until `until` ms. */
function trace(until: number): TimedEvent[] {
  const events = [at(0, "on_chain_start", "root")];
  for (const id of ["done-1", "done-2", "live"]) events.push(at(1, "on_chat_model_start", id));
  for (let t = 2; t < 50; t++) {
    events.push(at(t, "on_chat_model_stream", "done-1"), at(t, "on_chat_model_stream", "done-2"));
  }
  events.push(at(50, "on_chat_model_end", "done-1"), at(50, "on_chat_model_end", "done-2"));
  for (let t = 2; t < until; t++) events.push(at(t, "on_chat_model_stream", "live"));
  return events;
}

describe("Timeline updates during a run", () => {
  it("redraws only the rows that changed while zoomed", () => {
    const services = createTestServices();
    const feed = (events: TimedEvent[]) =>
      act(() => services.run.setState({ events, eventCount: events.length }));
    act(() => services.run.setState({ status: "running", runNumber: 1, startedAt: 0 }));
    feed(trace(100));
    render(withServices(services, <TimelinePanel />));
    const tree = within(screen.getByRole("region", { name: "Timeline" })).getByRole("tree", { name: "Runs" });
    expect(within(tree).getAllByRole("treeitem")).toHaveLength(4);
    const paths = vi.mocked(tickPath);

    // Fit follows the run: every row's scale changes, so every row with ticks is drawn again.
    paths.mockClear();
    feed(trace(150));
    expect(paths).toHaveBeenCalledTimes(3);

    // Zoomed, the range stays put as the run grows: only the streaming row is drawn again.
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    const range = screen.getByRole("status", { name: "Visible range" }).textContent;
    paths.mockClear();
    feed(trace(200));
    expect(screen.getByRole("status", { name: "Visible range" }).textContent).toBe(range);
    expect(paths).toHaveBeenCalledTimes(1);
    expect(paths.mock.calls[0]![0]).toHaveLength(198);
  });
});
