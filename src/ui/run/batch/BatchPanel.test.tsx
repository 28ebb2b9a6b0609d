import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { formatValue } from "../../format-value.ts";
import { createTestServices, withServices } from "../../testing/test-services.tsx";
import { BatchPanel } from "./BatchPanel.tsx";

describe("BatchPanel", () => {
  afterEach(cleanup);

  it("runs a 3-row CSV batch of the joke example and opens a row as the main run", async () => {
    const services = createTestServices();
    render(withServices(services, <BatchPanel />));
    const run = screen.getByRole("button", { name: "Run batch" });
    expect(run).toHaveProperty("disabled", true);

    fireEvent.change(screen.getByLabelText(/Batch inputs/), {
      target: { value: 'topic\nparrots\n"cats, mostly"\nowls\n' },
    });
    expect(screen.getByText("3 inputs")).toBeTruthy();
    expect(screen.getByRole("combobox", { name: "Format" })).toHaveProperty("value", "auto");
    expect(screen.getByRole("option", { name: "Detect (CSV)" })).toBeTruthy();
    fireEvent.change(screen.getByRole("spinbutton", { name: "Concurrency" }), { target: { value: "2" } });
    fireEvent.click(run);

    // A generous wait: three runs of ~600 events each in jsdom on a busy machine.
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("3 / 3 done"), {
      timeout: 15_000,
    });
    const table = screen.getByRole("table", { name: "Batch results" });
    for (const [n, topic] of [
      [1, "parrots"],
      [2, "cats, mostly"],
      [3, "owls"],
    ] as const) {
      const row = within(table).getByRole("row", { name: `Row ${n}` });
      expect(within(row).getByText(`topic: ${topic}`)).toBeTruthy();
      expect(within(row).getByText("done")).toBeTruthy();
      expect(row.textContent).toContain("Here's a joke about a parrot");
    }

    const before = services.run.getState().runNumber;
    fireEvent.click(within(table).getByRole("button", { name: "Open row 2" }));
    await waitFor(() => expect(screen.getByText("Showing batch row 2")).toBeTruthy());
    const shown = services.run.getState();
    expect(shown.runNumber).toBe(before + 1);
    expect(shown.status).toBe("done");
    expect(formatValue(shown.nodes.prompt?.value)).toBe("human: tell me a joke about cats, mostly");
    expect(shown.nodes.parser?.text).toMatch(/^Here's a joke about a parrot/);
  });

  it("names the line of a parse error and keeps Run batch disabled", () => {
    const services = createTestServices();
    render(withServices(services, <BatchPanel />));
    fireEvent.change(screen.getByLabelText(/Batch inputs/), {
      target: { value: '{"topic":"a"}\n{"topic":\n' },
    });
    expect(screen.getByRole("alert").textContent).toMatch(/^Line 2: /);
    expect(screen.getByRole("button", { name: "Run batch" })).toHaveProperty("disabled", true);
  });

  it("warns when CSV columns do not match the chain's variables, and the format can be switched", () => {
    const services = createTestServices();
    render(withServices(services, <BatchPanel />));
    fireEvent.change(screen.getByLabelText(/Batch inputs/), { target: { value: '"subject"\n"owls"' } });
    // Two JSON strings per line read as JSON lines until the user says CSV.
    expect(screen.getByRole("option", { name: "Detect (JSON lines)" })).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Format" }), { target: { value: "csv" } });
    expect(screen.getByText("1 input")).toBeTruthy();
    expect(screen.getByText("Missing column for the chain: topic.")).toBeTruthy();
    expect(screen.getByText("Column the chain does not use: subject.")).toBeTruthy();
  });
});
