import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TimedEvent } from "../../../stores/index.ts";
import { createTestServices, type TestServices, withServices } from "../../testing/test-services.tsx";
import { EventsPanel } from "../EventsPanel.tsx";

// jsdom lays nothing out: give the list a height so it renders a screenful of rows.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(Element.prototype, "clientHeight", { configurable: true, get: () => 720 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(Element.prototype, "clientHeight", clientHeight);
});

afterEach(cleanup);

let services: TestServices;
let events: TimedEvent[];

beforeEach(async () => {
  services = createTestServices();
  await services.runner.run({ topic: "parrots" });
  services.flushFrames();
  events = services.run.getState().events;
  render(withServices(services, <EventsPanel />));
});

const region = () => screen.getByRole("region", { name: "Events" });
const rows = () => within(region()).getAllByRole("option");
const count = (pred: (e: TimedEvent) => boolean) => events.filter(pred).length;

describe("EventsPanel", () => {
  it("lists the run's events, virtualised, with every node in them", () => {
    expect(events.length).toBeGreaterThan(100);
    expect(within(region()).getByText(`${events.length} events`)).toBeTruthy();
    // Only a screenful of rows exists, whatever the run's length.
    expect(rows().length).toBeLessThan(60);
    const list = within(region()).getByRole("listbox", { name: "Event list" });
    expect(list.textContent).toContain("on_chain_start");
    for (const node of ["Prompt", "Model", "Parser"]) expect(list.textContent).toContain(node);
  });

  it("narrows to a run type with the filter chips, and back", () => {
    fireEvent.click(within(region()).getByRole("button", { name: /^Filters/ }));
    const types = within(region()).getByRole("group", { name: "Run type" });
    fireEvent.click(within(types).getByRole("button", { name: "parser" }));
    const parsers = count((e) => e.event.event.startsWith("on_parser_"));
    expect(parsers).toBeGreaterThan(2);
    expect(within(region()).getByText(`${parsers} of ${events.length} events`)).toBeTruthy();
    for (const row of rows()) expect(row.textContent).toContain("on_parser_");
    // Again: exclude parsers.
    fireEvent.click(within(types).getByRole("button", { name: "parser (included)" }));
    expect(within(region()).getByText(`${events.length - parsers} of ${events.length} events`)).toBeTruthy();
    for (const row of rows()) expect(row.textContent).not.toContain("on_parser_");
    fireEvent.click(within(region()).getByRole("button", { name: /exclude type: parser/i }));
    expect(within(region()).getByText(`${events.length} events`)).toBeTruthy();
  });

  it("narrows by free text over names and data", async () => {
    fireEvent.change(within(region()).getByRole("searchbox", { name: "Search events" }), {
      target: { value: "TALKING" },
    });
    const expected = count((e) => JSON.stringify(e.event.data).toLowerCase().includes("talking"));
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(events.length);
    expect(await within(region()).findByText(`${expected} of ${events.length} events`)).toBeTruthy();
  });

  it("shows only the selected nodes' events, with a chip that deselects them", () => {
    act(() => services.documents.getState().select({ nodes: ["model"], edges: [] }));
    const model = count((e) => e.nodeId === "model");
    expect(within(region()).getByText(`${model} of ${events.length} events`)).toBeTruthy();
    for (const row of rows()) expect(row.textContent).toContain("ScriptedChatModel");
    fireEvent.click(within(region()).getByRole("button", { name: /^Node: Model/ }));
    expect(services.documents.getState().selection.nodes).toEqual([]);
    expect(within(region()).getByText(`${events.length} events`)).toBeTruthy();
  });

  it("selects an event on click, moves with the arrows and shows its JSON", () => {
    const first = rows()[1] as HTMLElement;
    fireEvent.click(first);
    expect(services.runView.getState().selectedEvent).toBe(1);
    expect(services.runView.getState().highlightedNode).toBe(events[1]?.nodeId);
    expect(first.getAttribute("aria-selected")).toBe("true");
    const json = () => within(region()).getByLabelText("Event JSON").textContent ?? "";
    expect(JSON.parse(json())).toMatchObject({
      event: events[1]?.event.event,
      run_id: events[1]?.event.run_id,
    });
    fireEvent.keyDown(within(region()).getByRole("listbox"), { key: "ArrowDown" });
    expect(services.runView.getState().selectedEvent).toBe(2);
    expect(JSON.parse(json())).toMatchObject({ event: events[2]?.event.event });
  });

  it("copies the selected event's JSON", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    fireEvent.click(rows()[0] as HTMLElement);
    fireEvent.click(within(region()).getByRole("button", { name: "Copy" }));
    expect(await within(region()).findByText("Copied")).toBeTruthy();
    expect(copied).toHaveLength(1);
    expect(JSON.parse(copied[0] ?? "")).toMatchObject({
      event: "on_chain_start",
      data: { input: { topic: "parrots" } },
    });
    Reflect.deleteProperty(navigator, "clipboard");
  });

  it("shows a selection made elsewhere, such as the timeline", () => {
    const last = events.length - 1;
    act(() => services.runView.getState().selectEvent(last, events[last]?.nodeId));
    const json = within(region()).getByLabelText("Event JSON").textContent ?? "";
    expect(JSON.parse(json)).toMatchObject({ event: "on_chain_end" });
    // The list scrolled to it (jsdom keeps the offset set; e2e/events.spec.ts checks real layout).
    const list = within(region()).getByRole("listbox", { name: "Event list" });
    expect(list.scrollTop).toBeGreaterThan(0);
    const row = within(list).getByRole("option", { selected: true });
    expect(row.getAttribute("aria-posinset")).toBe(String(events.length));
    expect(list.getAttribute("aria-activedescendant")).toBe(row.id);
  });
});
