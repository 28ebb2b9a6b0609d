import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { RunTabs } from "../RunTabs.tsx";
import { createTestServices, instantJokeDocument, withServices } from "../../testing/test-services.tsx";
import { PastRunBanner } from "./PastRunBanner.tsx";

beforeAll(() => {
  // jsdom has no modal dialogs: open and close by the attribute, as a browser would.
  const proto = HTMLDialogElement.prototype as Partial<HTMLDialogElement>;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});

/** The joke whose scripted answer names the topic, so two runs differ. */
function topicJoke(topic: string) {
  const doc = instantJokeDocument();
  for (const n of doc.nodes)
    if (n.type === "model") n.data.script!.responses = [`Why did the ${topic} cross the road?`];
  return doc;
}

async function twoRuns() {
  const services = createTestServices();
  services.documents.getState().load(topicJoke("parrot"));
  await services.runner.run({ topic: "parrots" });
  await services.history.whenSaved();
  services.documents.getState().load(topicJoke("penguin"));
  await services.runner.run({ topic: "penguins" });
  await services.history.whenSaved();
  render(
    withServices(
      services,
      <>
        <RunTabs onRun={() => undefined} />
        <PastRunBanner />
      </>,
    ),
  );
  fireEvent.click(screen.getByRole("tab", { name: "History" }));
  const list = await screen.findByRole("list", { name: "Past runs" });
  return { services, list };
}

describe("History tab", () => {
  it("lists the chain's runs newest first, and a new run appears by itself", async () => {
    const { services, list } = await twoRuns();
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("topic: penguins");
    expect(items[0]!.textContent).toContain("Why did the penguin cross the road?");
    expect(items[0]!.textContent).toContain("done");
    expect(items[1]!.textContent).toContain("topic: parrots");

    await act(async () => {
      await services.runner.run({ topic: "owls" });
      await services.history.whenSaved();
    });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(3));
    expect(within(list).getAllByRole("listitem")[0]!.textContent).toContain("topic: owls");
  });

  it("opens an older run in the run views, with a banner leading back to the live run", async () => {
    const { services, list } = await twoRuns();
    const older = within(list).getAllByRole("listitem")[1]!;
    fireEvent.click(within(older).getByRole("button", { name: /^Open run of/ }));
    const banner = await screen.findByRole("region", { name: "Past run" });
    expect(banner.textContent).toMatch(/Viewing run of \d\d:\d\d:\d\d/);
    expect(services.run.getState().nodes.parser!.text).toBe("Why did the parrot cross the road?");
    // The open chain now answers about penguins: the banner says the chain changed since.
    expect(banner.textContent).toContain("The chain has changed since this run.");
    expect(older.getAttribute("aria-current")).toBe("true");

    fireEvent.click(screen.getByRole("tab", { name: "Output" }));
    expect(screen.getByLabelText("Stream output").textContent).toContain(
      "Why did the parrot cross the road?",
    );

    fireEvent.click(within(banner).getByRole("button", { name: "Back to live" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Past run" })).toBeNull());
    expect(services.run.getState().nodes.parser!.text).toBe("Why did the penguin cross the road?");
  });

  it("replays a run instantly at the chosen speed", async () => {
    const { services, list } = await twoRuns();
    fireEvent.change(screen.getByLabelText("Replay speed"), { target: { value: "instant" } });
    const older = within(list).getAllByRole("listitem")[1]!;
    fireEvent.click(within(older).getByRole("button", { name: /^Replay run of/ }));
    await waitFor(() => expect(services.run.getState().viewing?.mode).toBe("replay"));
    act(() => services.flushFrames());
    await waitFor(() => expect(services.run.getState().status).toBe("done"));
    expect(services.run.getState().nodes.parser!.text).toBe("Why did the parrot cross the road?");
    expect((await screen.findByRole("region", { name: "Past run" })).textContent).toContain("Viewing run of");
  });

  it("compares two runs side by side with the differences marked", async () => {
    const { list } = await twoRuns();
    const compare = screen.getByRole("button", { name: /^Compare/ });
    expect((compare as HTMLButtonElement).disabled).toBe(true);
    for (const item of within(list).getAllByRole("listitem"))
      fireEvent.click(within(item).getByRole("checkbox", { name: /^Compare run of/ }));
    expect((compare as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(compare);
    const dialog = await screen.findByRole("dialog", { name: "Compare runs" });
    const input = within(dialog).getByRole("region", { name: "Input" });
    const [oldInput, newInput] = within(input).getAllByLabelText(/^Input, Run of/);
    expect(oldInput!.textContent).toContain('"topic": "parrots"');
    expect(newInput!.textContent).toContain('"topic": "penguins"');
    expect(oldInput!.querySelector("del")!.textContent).toContain("parrots");
    expect(newInput!.querySelector("ins")!.textContent).toContain("penguins");

    const output = within(dialog).getByRole("region", { name: "Output" });
    expect(output.textContent).toContain("differs");
    expect(output.querySelector("ins")!.textContent).toContain("penguin");
    // Per node: the prompt, the model and the parser ran in both, each with the other topic.
    for (const name of ["Prompt", "Model", "Parser"]) {
      const node = within(dialog).getByRole("region", { name });
      expect(node.textContent).toContain("differs");
      expect(node.querySelector("del")!.textContent).toMatch(/parrot/);
    }
  });

  it("deletes a run", async () => {
    const { list } = await twoRuns();
    fireEvent.click(within(list).getAllByRole("button", { name: /^Delete run of/ })[0]!);
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(1));
    expect(within(list).getByRole("listitem").textContent).toContain("topic: parrots");
  });
});
