import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createTestServices, withServices } from "../testing/test-services.tsx";
import { RunInputs } from "./RunInputs.tsx";

describe("RunInputs", () => {
  it("offers the chain's root variables and submits them", () => {
    const services = createTestServices();
    const onRun = vi.fn();
    render(withServices(services, <RunInputs onRun={onRun} />));
    fireEvent.change(screen.getByLabelText("topic"), { target: { value: "owls" } });
    fireEvent.submit(screen.getByRole("form", { name: "Run inputs" }));
    expect(onRun).toHaveBeenCalledWith({ topic: "owls" });
  });

  it("chooses the events schema for the next run", async () => {
    const services = createTestServices();
    const { container } = render(withServices(services, <RunInputs onRun={() => undefined} />));
    // Radio buttons, not a <select>: Chromium lays out no ancestor of a <select> on its own, so one
    // here made every update of the output below lay out the whole page (docs/run.md#performance).
    expect(container.querySelector("select")).toBeNull();
    expect(screen.getByRole("radio", { name: "v2" })).toHaveProperty("checked", true);
    fireEvent.click(screen.getByRole("radio", { name: "v1" }));
    expect(screen.getByRole("radio", { name: "v1" })).toHaveProperty("checked", true);
    const version = services.runView.getState().eventsVersion;
    expect(version).toBe("v1");
    await services.runner.run({ topic: "owls" }, version);
    services.flushFrames();
    const { events } = services.run.getState();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.event.parent_ids === undefined)).toBe(true);
  });

  it("says when the JSON input is not valid, without running", () => {
    const services = createTestServices();
    const onRun = vi.fn();
    render(withServices(services, <RunInputs onRun={onRun} />));
    fireEvent.click(screen.getByLabelText("JSON"));
    fireEvent.change(screen.getByLabelText("Input (JSON)"), { target: { value: "{topic:" } });
    fireEvent.submit(screen.getByRole("form", { name: "Run inputs" }));
    expect(onRun).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/not valid JSON/);
  });
});
