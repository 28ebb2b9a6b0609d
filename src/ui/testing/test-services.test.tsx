import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RunTabs } from "../run/RunTabs.tsx";
import { createTestServices, withServices } from "./test-services.tsx";

describe("test services", () => {
  it("run the joke example through the real controller and recorder", async () => {
    const services = createTestServices();
    await services.runner.run({ topic: "parrots" });
    services.flushFrames();
    const state = services.run.getState();
    expect(state.error?.message).toBeUndefined();
    expect(state.status).toBe("done");
    expect(state.outputCount).toBeGreaterThan(3);
    render(withServices(services, <RunTabs onRun={() => undefined} />));
    expect(screen.getByLabelText("Stream output").textContent).toContain("parrot");
  });
});
