import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestServices, type TestServices, withServices } from "../testing/test-services.tsx";
import { FOLLOW_ROWS, LIST_TAIL, OutputPanel } from "./OutputPanel.tsx";

afterEach(cleanup);

let services: TestServices;
beforeEach(() => {
  services = createTestServices();
});

/** A parallel map's partial outputs, as the benchmark streams them: one small object per chunk. */
const chunks = Array.from({ length: 20_000 }, (_, i) => ({ text_1: `[1:${i}]` }));
const chunkText = (i: number) => JSON.stringify(chunks[i]);

const list = () => screen.getByRole("list", { name: "Stream output" });
const items = () => within(list()).getAllByRole("listitem");
const row = (i: number) => items().find((li) => li.textContent === chunkText(i));
const note = () => screen.getByText(/^Showing /).textContent;
const stream = (outputCount: number) => act(() => services.run.setState({ outputCount }));

function renderStreaming(outputCount: number) {
  render(withServices(services, <OutputPanel onRun={() => undefined} />));
  act(() => services.run.setState({ status: "running", output: chunks, outputCount }));
}

describe("Output tab's chunk list during a fast run", () => {
  it("draws only the newest rows while it follows the stream", () => {
    renderStreaming(5_000);
    expect(items()).toHaveLength(FOLLOW_ROWS);
    expect(items()[0]!.textContent).toBe(chunkText(5_000 - FOLLOW_ROWS));
    expect(items().at(-1)!.textContent).toBe(chunkText(4_999));
    expect(list().getAttribute("start")).toBe(String(5_000 - FOLLOW_ROWS + 1));
    expect(note()).toMatch(`Showing the last ${FOLLOW_ROWS} of 5,000 chunks`);
    // A row already drawn keeps its DOM (keys are chunk indexes) as the window slides.
    const kept = row(4_999);
    stream(5_010);
    expect(items()).toHaveLength(FOLLOW_ROWS);
    expect(row(4_999)).toBe(kept);
    expect(items().at(-1)!.textContent).toBe(chunkText(5_009));
  });

  it("keeps the rows the user scrolled up to while the stream goes on, and follows again at the bottom", async () => {
    renderStreaming(5_000);
    const first = 5_000 - FOLLOW_ROWS;
    const read = row(first + 10);
    const box = list().parentElement!;
    fireEvent.wheel(box, { deltaY: -100 });

    stream(5_100);
    expect(items()[0]!.textContent).toBe(chunkText(first));
    expect(row(first + 10)).toBe(read);
    expect(items()).toHaveLength(5_100 - first);
    expect(note()).toMatch(`Showing the last ${5_100 - first} of 5,100 chunks`);

    // Far more chunks: the list stops growing rather than dropping the rows being read.
    stream(20_000);
    expect(items()[0]!.textContent).toBe(chunkText(first));
    expect(row(first + 10)).toBe(read);
    const last = 5_000 + LIST_TAIL;
    expect(items()).toHaveLength(last - first);
    expect(items().at(-1)!.textContent).toBe(chunkText(last - 1));
    expect(note()).toMatch(`Showing chunks ${(first + 1).toLocaleString("en")}–5,200 of 20,000`);

    // Back at the bottom (jsdom's boxes are always there): the short window of the newest rows.
    fireEvent.keyDown(box, { key: "End" });
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(items()).toHaveLength(FOLLOW_ROWS);
    expect(items().at(-1)!.textContent).toBe(chunkText(19_999));
    expect(note()).toMatch(`Showing the last ${FOLLOW_ROWS} of 20,000 chunks`);
  });

  it("puts both scroll boxes in a flex item of their own, as relayout boundaries", () => {
    renderStreaming(100);
    const isBoundary = (box: HTMLElement) => {
      expect(box.classList).toContain("absolute");
      expect(box.classList).toContain("inset-0");
      expect(box.classList).toContain("[contain:strict]");
      expect([...box.parentElement!.classList]).toEqual(["relative", "min-h-24", "flex-1"]);
    };
    isBoundary(list().parentElement!);
    cleanup();
    services = createTestServices();
    render(withServices(services, <OutputPanel onRun={() => undefined} />));
    act(() => services.run.setState({ status: "running", output: ["a", "b"], outputCount: 2 }));
    isBoundary(screen.getByLabelText("Stream output"));
  });
});
