import { Profiler } from "react";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { ReactFlowProvider } from "@xyflow/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Document } from "../../../core/index.ts";
import { EMPTY_NODE_RUN, type NodeRun } from "../../../stores/index.ts";
import { createTestServices, type TestServices, withServices } from "../../testing/test-services.tsx";
import { type ChainFlowNode, ChainNodeView } from "../ChainNodeView.tsx";
import { NodeLiveOutput } from "../NodeLiveOutput.tsx";
import type { NodeProps } from "@xyflow/react";

let services: TestServices;
beforeEach(() => {
  services = createTestServices();
});

const live = (id: string) => withServices(services, <NodeLiveOutput nodeId={id} name={id} />);
const setNode = (id: string, patch: Partial<NodeRun>) =>
  act(() => {
    const nodes = services.run.getState().nodes;
    services.run.setState({
      nodes: { ...nodes, [id]: { ...EMPTY_NODE_RUN, boundaries: [], ...nodes[id], ...patch } },
    });
  });
const output = () => screen.getByLabelText("Live output");

async function runJoke() {
  await act(() => services.runner.run({ topic: "parrots" }));
  act(() => services.flushFrames());
}

describe("NodeLiveOutput", () => {
  it("shows a model's streamed answer, its metrics, and a cost once its model has a price", async () => {
    render(live("model"));
    await runJoke();
    expect(screen.getByText("Done")).toBeTruthy();
    expect(output().textContent).toContain("talking parrot");
    const metrics = screen.getByRole("list", { name: "Metrics" });
    expect(metrics.textContent).toMatch(/chunks/);
    expect(metrics.textContent).toMatch(/\d+ → \d+ tok/);
    expect(within(metrics).getByRole("button", { name: /No price for scripted/ })).toBeTruthy();

    act(() => services.settings.getState().setPrice("scripted", { input: 1_000_000, output: 1_000_000 }));
    const usage = services.run.getState().nodes.model!.usage!;
    // At $1M per 1M tokens, the cost in dollars is the token count.
    expect(metrics.textContent).toContain(`$${usage.total_tokens.toFixed(2)}`);
  });

  it("draws chunk boundaries as bars when the toggle is on", async () => {
    render(live("parser"));
    await runJoke();
    expect(output().textContent).not.toContain("|");
    act(() => services.runView.getState().setShowBoundaries(true));
    const run = services.run.getState().nodes.parser!;
    // The box draws the text's tail: one bar after each chunk that ends inside it.
    const drawn = output().textContent;
    const start = run.text.length - drawn.replaceAll("|", "").length;
    expect(drawn.replaceAll("|", "")).toBe(run.text.slice(start));
    expect(drawn.split("|").length - 1).toBe(run.boundaries.filter((b) => b > start).length);
    expect(drawn.split("|").length - 1).toBeGreaterThan(20);
  });

  it("shows a prompt's formatted messages with their roles", async () => {
    render(live("prompt"));
    await runJoke();
    const messages = screen.getByRole("list", { name: "Formatted messages" });
    expect(messages.textContent).toContain("Human");
    expect(messages.textContent).toContain("tell me a joke about parrots");
  });

  it("shows a retriever's documents and a JSON parser's partial object, pretty-printed", () => {
    render(live("docs"));
    const docs: Document[] = [
      { pageContent: "harrison worked at kensho", metadata: { source: "a.txt" } },
      { pageContent: "harrison likes spicy food", metadata: {} },
    ];
    setNode("docs", { status: "done", value: docs, hasValue: true });
    const list = screen.getByLabelText("Documents");
    expect(list.textContent).toContain("2 documents");
    expect(list.textContent).toContain("spicy food");
    expect(list.textContent).toContain('{"source":"a.txt"}');

    setNode("docs", { status: "streaming", value: { countries: [{ name: "Fr" }] } });
    expect(output().textContent).toBe(JSON.stringify({ countries: [{ name: "Fr" }] }, null, 2));
  });

  it("says why a node has nothing, and keeps partial output on failure or cancel", () => {
    render(live("n"));
    setNode("n", { status: "waiting" });
    expect(screen.getByText("Waiting for its input…")).toBeTruthy();
    setNode("n", { status: "skipped" });
    expect(screen.getByText("Did not run")).toBeTruthy();
    expect(screen.getByText(/did not run: the run ended before/i)).toBeTruthy();
    setNode("n", {
      status: "error",
      text: "partial ans",
      error: { name: "ProviderError", message: "HTTP 500 from the provider" },
    });
    expect(screen.getByRole("alert").textContent).toContain("HTTP 500 from the provider");
    expect(output().textContent).toBe("partial ans");
    setNode("n", { status: "cancelled" });
    expect(screen.getByText("Cancelled")).toBeTruthy();
    expect(output().textContent).toBe("partial ans");
  });

  it("draws only the tail of a 1 MB output, and the whole of it on demand", () => {
    render(live("big"));
    const text = "0123456789abcdef".repeat(65_536);
    setNode("big", { status: "streaming", text, boundaries: [text.length], chunks: 1 });
    expect(output().textContent.length).toBeLessThan(10_000);
    expect(text.endsWith(output().textContent)).toBe(true);
    expect(screen.getByText(/Showing the last [\d,]+ of 1,048,576 characters/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    const dialog = screen.getByRole("dialog", { name: "Output of big", hidden: true });
    expect(dialog.textContent).toContain("1,048,576 characters");
    expect(dialog.querySelector("pre")!.textContent.length).toBe(text.length);
  });

  it("re-renders only the node whose run changed", () => {
    const renders: Record<string, number> = { a: 0, b: 0 };
    const count = (id: string) => () => void (renders[id] = renders[id]! + 1);
    render(
      withServices(
        services,
        <>
          <Profiler id="a" onRender={count("a")}>
            <NodeLiveOutput nodeId="a" name="a" />
          </Profiler>
          <Profiler id="b" onRender={count("b")}>
            <NodeLiveOutput nodeId="b" name="b" />
          </Profiler>
        </>,
      ),
    );
    setNode("b", { status: "streaming", text: "x" });
    const before = { ...renders };
    for (const text of ["Hel", "Hello", "Hello wor", "Hello world"])
      setNode("a", { status: "streaming", text });
    expect(renders.a! - before.a!).toBe(4);
    expect(renders.b).toBe(before.b);
  });
});

describe("ChainNodeView", () => {
  it("rings the node the run views highlight", () => {
    const doc = services.documents.getState().doc;
    const node = doc.nodes.find((n) => n.id === "model")!;
    const props = { id: node.id, data: { node, problems: [], keyedInputs: [] }, selected: false };
    render(
      withServices(
        services,
        <ReactFlowProvider>
          {/* Outside a flow its handles draw nothing; the node's own box is what this test reads. */}
          <ChainNodeView {...(props as unknown as NodeProps<ChainFlowNode>)} />
        </ReactFlowProvider>,
      ),
    );
    const view = () => document.querySelector("[data-highlighted]");
    expect(view()).toBeNull();
    act(() => services.runView.getState().selectEvent(3, "model"));
    expect(view()).not.toBeNull();
    act(() => services.runView.getState().selectEvent(4, "prompt"));
    expect(view()).toBeNull();
  });
});
