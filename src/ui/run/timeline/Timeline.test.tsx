import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { StreamEvent } from "../../../core/index.ts";
import type { TimedEvent } from "../../../stores/index.ts";
import { createTestServices, withServices } from "../../testing/test-services.tsx";
import { TimelinePanel } from "../TimelinePanel.tsx";
import { BAR_PAD } from "./layout.ts";

afterEach(cleanup);

async function ranJoke() {
  const services = createTestServices();
  render(withServices(services, <TimelinePanel />));
  await act(async () => {
    await services.runner.run({ topic: "parrots" });
    services.flushFrames();
  });
  return services;
}

const tree = () =>
  within(screen.getByRole("region", { name: "Timeline" })).getByRole("tree", { name: "Runs" });
const row = (name: string) => within(tree()).getByRole("treeitem", { name });
const rowNames = () =>
  within(tree())
    .getAllByRole("treeitem")
    .map((r) => r.getAttribute("aria-label"));
const range = () => screen.getByRole("status", { name: "Visible range" }).textContent;

describe("Timeline", () => {
  it("shows a row per run of the joke example, named after its node, nested under the sequence", async () => {
    await ranJoke();
    expect(rowNames()).toEqual(["RunnableSequence", "Prompt", "Model", "Parser"]);
    expect(row("RunnableSequence").getAttribute("aria-level")).toBe("1");
    expect(row("Model").getAttribute("aria-level")).toBe("2");
    expect(row("Model").getAttribute("aria-description")).toMatch(/\d+ chunks, first token after/);
    // The sequence's children fold away.
    fireEvent.keyDown(tree(), { key: "Home" });
    fireEvent.keyDown(tree(), { key: "ArrowLeft" });
    expect(rowNames()).toEqual(["RunnableSequence"]);
    expect(row("RunnableSequence").getAttribute("aria-expanded")).toBe("false");
  });

  it("clicking a row selects its run's start event and highlights the node", async () => {
    const services = await ranJoke();
    fireEvent.click(within(row("Model")).getByText("Model"));
    const { selectedEvent, highlightedNode } = services.runView.getState();
    const selected = services.run.getState().events[selectedEvent!]!;
    expect(selected.event.event).toBe("on_chat_model_start");
    expect(highlightedNode).toBe("model");
    expect(row("Model").getAttribute("aria-selected")).toBe("true");
    expect(row("Parser").getAttribute("aria-selected")).toBe("false");
  });

  it("clicking a tick selects that stream event", async () => {
    const services = await ranJoke();
    const { events, startedAt, endedAt } = services.run.getState();
    const modelTicks = events.filter((e) => e.event.event === "on_chat_model_stream");
    const target = modelTicks[Math.floor(modelTicks.length / 2)]!;
    // jsdom lays nothing out: the bars start at x=0 and take the fallback width of 600px.
    const duration = Math.max(events.at(-1)!.t, endedAt! - startedAt!);
    const x = BAR_PAD + (target.t / duration) * (600 - 2 * BAR_PAD);
    const bars = row("Model").querySelector("[data-bars]")!;
    fireEvent.click(bars, { clientX: x });
    const selected = events[services.runView.getState().selectedEvent!]!;
    expect(selected.event.event).toBe("on_chat_model_stream");
    expect(selected.t).toBe(target.t);
  });

  it("follows a selection made elsewhere", async () => {
    const services = await ranJoke();
    const index = services.run.getState().events.findIndex((e) => e.event.event === "on_parser_stream");
    act(() => services.runView.getState().selectEvent(index, "parser"));
    expect(row("Parser").getAttribute("aria-selected")).toBe("true");
    expect(tree().getAttribute("aria-activedescendant")).toBe(row("Parser").id);
  });

  it("shows only the selected nodes' rows, and says so", async () => {
    const services = await ranJoke();
    act(() => services.documents.getState().select({ nodes: ["model"], edges: [] }));
    expect(rowNames()).toEqual(["Model"]);
    const note = screen.getByText(/Filtered to Model/);
    fireEvent.click(within(note).getByRole("button", { name: "Show all" }));
    expect(rowNames()).toHaveLength(4);
    expect(screen.queryByText(/Filtered to/)).toBeNull();
  });

  it("zooms in and out with the buttons and keys, and Fit returns to the whole run", async () => {
    await ranJoke();
    const whole = range();
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    const zoomed = range();
    expect(zoomed).not.toBe(whole);
    expect(screen.getByRole("button", { name: "Fit" }).getAttribute("aria-pressed")).toBe("false");
    fireEvent.keyDown(tree(), { key: "+" });
    expect(range()).not.toBe(zoomed);
    fireEvent.keyDown(tree(), { key: "-" });
    expect(range()).toBe(zoomed);
    fireEvent.keyDown(tree(), { key: "0" });
    expect(range()).toBe(whole);
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    fireEvent.click(screen.getByRole("button", { name: "Zoom out" }));
    expect(range()).toBe(whole);
    expect(screen.getByRole("button", { name: "Fit" }).getAttribute("aria-pressed")).toBe("true");
  });
});

/** 200 sibling runs under one root, the first streaming 5000 chunks. */
function bigTrace(): TimedEvent[] {
  const at = (t: number, event: StreamEvent["event"], runId: string, parents: string[]): TimedEvent => ({
    t,
    event: {
      event,
      name: runId,
      run_id: runId,
      parent_ids: parents,
      tags: [],
      metadata: {},
      data: { chunk: "x" },
    } as StreamEvent,
    nodeId: undefined,
  });
  const events = [at(0, "on_chain_start", "root", [])];
  for (let i = 0; i < 200; i++) events.push(at(i, "on_chat_model_start", `run-${i}`, ["root"]));
  for (let k = 0; k < 5000; k++) events.push(at(200 + k / 5, "on_chat_model_stream", "run-0", ["root"]));
  return events;
}

function renderBigTrace() {
  const services = createTestServices();
  const events = bigTrace();
  services.run.setState({
    status: "running",
    runNumber: 1,
    startedAt: 0,
    events,
    eventCount: events.length,
  });
  render(withServices(services, <TimelinePanel />));
}

describe("Timeline with a large trace", () => {
  it("renders only the rows in view, and one tick path per row however many chunks stream", () => {
    renderBigTrace();
    const rendered = within(tree()).getAllByRole("treeitem");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    const streaming = row("run-0");
    expect(streaming.querySelectorAll("path")).toHaveLength(2); // the ticks, the first-token marker
    expect(tree().style.height).toBe(`${201 * 22}px`);
  });

  it("shows the rows a fold leaves while scrolled far down, before any scroll event", () => {
    renderBigTrace();
    fireEvent.scroll(tree().parentElement!, { target: { scrollTop: 200 * 22 } });
    expect(rowNames()).toContain("run-199");
    // One row is left; the offset the scroller had must not window it away.
    fireEvent.keyDown(tree(), { key: "Home" });
    fireEvent.keyDown(tree(), { key: "ArrowLeft" });
    expect(rowNames()).toEqual(["root"]);
  });
});
