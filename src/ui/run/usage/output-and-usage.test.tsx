import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { importDocument } from "../../../graph/index.ts";
import countries from "../../../../examples/countries.json";
import { SettingsDialog } from "../../SettingsDialog.tsx";
import { createTestServices, type TestServices, withServices } from "../../testing/test-services.tsx";
import { OutputPanel } from "../OutputPanel.tsx";

let services: TestServices;
beforeEach(() => {
  services = createTestServices();
});

const panel = () => withServices(services, <OutputPanel onRun={() => undefined} />);
const streamOutput = () => screen.getByLabelText("Stream output");
async function run(input: unknown = { topic: "parrots" }) {
  await act(() => services.runner.run(input));
  act(() => services.flushFrames());
}

describe("Output tab", () => {
  it("shows the chain's stream chunk by chunk, with bars at the boundaries when asked", async () => {
    render(panel());
    await run();
    const { outputCount, output } = services.run.getState();
    expect(screen.getByLabelText("Chunk count").textContent).toBe(`${outputCount} chunks`);
    expect(screen.getByLabelText("Run status").textContent).toBe("Done");
    expect(streamOutput().textContent).toBe(output.join(""));
    fireEvent.click(screen.getByRole("checkbox", { name: "Show chunk boundaries" }));
    expect(services.runView.getState().showBoundaries).toBe(true);
    expect(streamOutput().textContent).toBe(output.map((c) => `${String(c)}|`).join(""));
  });

  it("says clearly when the chain yielded one chunk", () => {
    render(panel());
    act(() =>
      services.run.setState({ status: "done", output: [["France", "Spain", "Japan"]], outputCount: 1 }),
    );
    expect(screen.getByLabelText("Chunk count").textContent).toBe("1 chunk");
    expect(streamOutput().textContent).toBe('["France","Spain","Japan"]');
  });

  it("lists a JSON parser's partial objects one per line", async () => {
    const r = importDocument(countries);
    if (!r.ok) throw new Error("examples/countries.json is invalid");
    for (const n of r.document.nodes)
      if (n.type === "model") n.data.script = { responses: n.data.script!.responses };
    services = createTestServices(r.document);
    render(panel());
    await run("countries please");
    const { outputCount } = services.run.getState();
    const items = within(streamOutput()).getAllByRole("listitem");
    expect(items).toHaveLength(outputCount);
    expect(items.at(-1)!.textContent).toContain('"population":125584000');
  });

  it("keeps 100k chunks cheap: only the tail is drawn, and it grows incrementally", () => {
    render(panel());
    const output: unknown[] = Array.from({ length: 100_000 }, (_, i) => `t${i} `);
    act(() => services.run.setState({ status: "running", output, outputCount: 50_000 }));
    expect(streamOutput().textContent.length).toBeLessThan(10_000);
    expect(streamOutput().textContent.endsWith("t49999 ")).toBe(true);
    act(() => services.run.setState({ outputCount: 100_000 }));
    expect(streamOutput().textContent.endsWith("t99998 t99999 ")).toBe(true);
    expect(screen.getByText(/Showing the last [\d,]+ of [\d,]+ characters/)).toBeTruthy();
  });

  it("sums usage over the model nodes and costs it once the model has a price", async () => {
    render(panel());
    await run();
    const usage = services.run.getState().nodes.model!.usage!;
    const summary = screen.getByRole("region", { name: "Usage and cost" });
    expect(summary.textContent).toContain(`${usage.input_tokens} in · ${usage.output_tokens} out`);
    fireEvent.click(within(summary).getByRole("button", { name: /No price for scripted/ }));
    expect(services.ui.getState().settingsOpen).toBe(true);
    act(() => services.settings.getState().setPrice("scripted", { input: 2_000_000, output: 0 }));
    // $2M per 1M input tokens: the cost in dollars is twice the input tokens.
    expect(summary.textContent).toContain(`$${(2 * usage.input_tokens).toFixed(2)} (estimate)`);
  });
});

describe("Settings → Prices", () => {
  it("adds a price for a model of the last run, edits and resets a default", async () => {
    await run();
    render(withServices(services, <SettingsDialog open onClose={() => undefined} />));
    const prices = screen.getByRole("region", { name: "Prices", hidden: true });
    expect(prices.textContent).toMatch(/estimates .* as of \w+ \d{4}/);
    fireEvent.click(within(prices).getByRole("button", { name: "Set a price for scripted", hidden: true }));
    const form = within(prices).getByRole("form", { name: "Add a model price", hidden: true });
    expect(within(form).getByRole("textbox", { name: "Model", hidden: true })).toHaveProperty(
      "value",
      "scripted",
    );
    fireEvent.change(within(form).getByRole("textbox", { name: "Input $/1M", hidden: true }), {
      target: { value: "1.5" },
    });
    fireEvent.change(within(form).getByRole("textbox", { name: "Output $/1M", hidden: true }), {
      target: { value: "3" },
    });
    fireEvent.submit(form);
    expect(services.settings.getState().prices.scripted).toEqual({ input: 1.5, output: 3 });

    const gpt = within(prices).getByRole("textbox", { name: "Input price of gpt-4o", hidden: true });
    fireEvent.change(gpt, { target: { value: "7" } });
    fireEvent.blur(gpt);
    expect(services.settings.getState().prices["gpt-4o"]).toEqual({ input: 7, output: 10 });
    fireEvent.click(within(prices).getByRole("button", { name: "Reset the price of gpt-4o", hidden: true }));
    expect(services.settings.getState().prices["gpt-4o"]).toBeUndefined();
    expect(
      within(prices).getByRole("textbox", { name: "Input price of gpt-4o", hidden: true }),
    ).toHaveProperty("value", "2.5");
  });

  it("refuses a price that is not a number", () => {
    render(withServices(services, <SettingsDialog open onClose={() => undefined} />));
    const form = screen.getByRole("form", { name: "Add a model price", hidden: true });
    fireEvent.change(within(form).getByRole("textbox", { name: "Model", hidden: true }), {
      target: { value: "x" },
    });
    fireEvent.change(within(form).getByRole("textbox", { name: "Input $/1M", hidden: true }), {
      target: { value: "cheap" },
    });
    fireEvent.submit(form);
    expect(within(form).getByRole("alert", { hidden: true }).textContent).toMatch(/numbers of dollars/);
    expect(services.settings.getState().prices).toEqual({});
  });
});
