import { describe, expect, it } from "vitest";
import { type ChainDocument, type ModelData } from "../graph/index.ts";
import { ScriptedChatModel } from "../core/index.ts";
import { createRunHistory, outputText } from "../stores/index.ts";
import { RunController } from "./run-controller.ts";
import { createTestServices, instantJokeDocument, jokeDocument } from "./testing/test-services.tsx";

/** The joke example whose model fails after a few chunks. */
function failingJoke(): ChainDocument {
  const doc = instantJokeDocument();
  for (const n of doc.nodes) if (n.type === "model") n.data.script!.failAfterChunks = 3;
  return doc;
}

/** The joke example on a remote provider (OpenAI): the model is built with the key from Settings. */
function remoteJoke(): ChainDocument {
  const doc = instantJokeDocument();
  for (const n of doc.nodes)
    if (n.type === "model")
      n.data = { provider: "openai", model: "gpt-4o-mini", baseUrl: "https://api.example.com/v1" };
  return doc;
}

const KEY = "sk-proj-history-test-0123456789abcdef";

/** A stand-in for a provider model: it holds the key as a real one does, and answers offline. */
class KeyedModel extends ScriptedChatModel {
  constructor(readonly apiKey: string) {
    super({ responses: ["A short joke."] });
  }
}

describe("run controller and the run history", () => {
  it("saves each finished run of the open chain: done, error and cancelled", async () => {
    const services = createTestServices();
    const chainId = services.chains.state.getState().openId;
    await services.runner.run({ topic: "parrots" });
    await services.history.whenSaved();
    const live = services.run.getState();
    const [summary] = services.history.state.getState().runs;
    expect(summary).toMatchObject({
      chainId,
      chainName: "Joke",
      status: "done",
      inputPreview: "topic: parrots",
    });
    expect(summary!.eventCount).toBe(live.eventCount);
    const stored = await services.history.load(summary!.id);
    expect(outputText(stored!.output)).toBe(outputText(live.output));
    expect(stored!.events.map((e) => e.event.event)).toEqual(live.events.map((e) => e.event.event));
    expect(stored!.doc.nodes.map((n) => n.id)).toEqual(["prompt", "model", "parser"]);

    services.documents.getState().load(failingJoke());
    await services.runner.run({ topic: "errors" });
    // The real joke's model waits 250 ms before its first token: stopping now cancels the run.
    services.documents.getState().load(jokeDocument());
    const slow = services.runner.run({ topic: "slow" });
    services.runner.stop();
    await slow;
    await services.history.whenSaved();
    const runs = services.history.state.getState().runs;
    expect(runs.map((r) => [r.status, r.inputPreview])).toEqual([
      ["cancelled", "topic: slow"],
      ["error", "topic: errors"],
      ["done", "topic: parrots"],
    ]);
    expect(runs[1]!.error?.message).toMatch(/Scripted failure/);
  });

  it("keeps running when storage fails, and says so", async () => {
    const services = createTestServices();
    services.storage.failWith = new DOMException("full", "QuotaExceededError");
    await services.runner.run({ topic: "parrots" });
    await services.history.whenSaved();
    expect(services.run.getState().status).toBe("done");
    expect(services.history.state.getState().notice).toBe(
      "This run could not be kept in the history: the browser's storage for this site is full.",
    );
    services.storage.failWith = undefined;
    await services.runner.run({ topic: "again" });
    await services.history.whenSaved();
    expect(services.history.state.getState().runs).toHaveLength(1);
  });

  it("never stores a provider key set in Settings", async () => {
    const services = createTestServices(remoteJoke());
    services.settings.getState().setProvider("openai", { apiKey: KEY });
    // Wired as main.tsx wires it: the key goes from Settings into the model at run time.
    const runner = new RunController({
      ...services.runner.deps,
      createChatModel: (data: ModelData) =>
        new KeyedModel(services.settings.getState().providers[data.provider as "openai"].apiKey),
    });
    await runner.run({ topic: "keys" });
    await services.history.whenSaved();
    expect(services.run.getState().nodes.parser!.text).toBe("A short joke.");
    const dump = services.storage.dump();
    expect(dump).toContain("gpt-4o-mini");
    expect(dump).toContain("A short joke.");
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain("sk-proj");
  });

  it("opens a past run, goes back to the live one, and a new run ends the viewing", async () => {
    const services = createTestServices();
    await services.runner.run({ topic: "first" });
    await services.history.whenSaved();
    const first = (await services.history.load(services.history.state.getState().runs[0]!.id))!;
    services.documents.getState().load(failingJoke());
    await services.runner.run({ topic: "second" });
    const live = services.run.getState();
    expect(live.status).toBe("error");

    await services.runner.open(first);
    const shown = services.run.getState();
    expect(shown.viewing).toEqual({ runId: first.id, startedAt: first.startedAt, mode: "open" });
    expect(shown.status).toBe("done");
    expect(shown.nodes.parser!.text).toBe(first.nodes.parser!.text);
    expect(shown.runNumber).toBeGreaterThan(live.runNumber);

    await services.runner.backToLive();
    const back = services.run.getState();
    expect(back.viewing).toBeUndefined();
    expect(back.status).toBe("error");
    expect(back.events).toBe(live.events);

    await services.runner.open(first);
    await services.runner.run({ topic: "third" });
    expect(services.run.getState().viewing).toBeUndefined();
    // The replaced live run is not brought back by a stale "Back to live".
    await services.runner.backToLive();
    expect(services.run.getState().status).toBe("error");
  });

  it("opening another chain clears the run views: no past run, no live run of the other chain", async () => {
    const services = createTestServices();
    await services.runner.run({ topic: "first" });
    await services.history.whenSaved();
    const first = (await services.history.load(services.history.state.getState().runs[0]!.id))!;
    await services.runner.open(first);
    expect(services.run.getState().viewing).toBeDefined();
    const before = services.run.getState().runNumber;

    await services.chains.openNew(instantJokeDocument());
    await services.runner.settle();
    const after = services.run.getState();
    expect(after.viewing).toBeUndefined();
    expect(after.status).toBe("idle");
    expect(after.nodes).toEqual({});
    expect(after.runNumber).toBeGreaterThan(before);
    // "Back to live" has nothing of the other chain's to bring back.
    await services.runner.backToLive();
    expect(services.run.getState().status).toBe("idle");
  });

  it("a run stopped by opening another chain is saved to the chain it ran in", async () => {
    const services = createTestServices();
    const chainId = services.chains.state.getState().openId;
    // The real joke's model waits 250 ms before its first token: opening a chain now stops it.
    const slow = services.runner.run({ topic: "slow" });
    await services.chains.openNew(instantJokeDocument());
    await slow;
    await services.history.whenSaved();
    expect(services.run.getState().status).toBe("idle");
    const saved = await createRunHistory(services.storage).list(chainId);
    expect(saved.map((r) => r.status)).toEqual(["cancelled"]);
  });

  it("replays a past run instantly, and Stop ends a paced replay", async () => {
    const services = createTestServices();
    await services.runner.run({ topic: "parrots" });
    await services.history.whenSaved();
    const live = services.run.getState();
    const record = (await services.history.load(services.history.state.getState().runs[0]!.id))!;

    const instant = services.runner.replay(record, "instant");
    services.flushFrames();
    await instant;
    const replayed = services.run.getState();
    expect(replayed.viewing?.mode).toBe("replay");
    expect(replayed.status).toBe("done");
    expect(replayed.nodes.parser!.text).toBe(live.nodes.parser!.text);
    expect(replayed.events.map((e) => e.t)).toEqual(live.events.map((e) => e.t));

    // Stretch the recording so a paced replay is still going when Stop comes.
    const long = {
      ...record,
      duration: 60_000,
      events: record.events.map((e, i) => ({ ...e, t: i * 1000 })),
    };
    const paced = services.runner.replay(long, 1);
    expect(services.runner.running).toBe(true);
    services.runner.stop();
    await paced;
    services.flushFrames();
    expect(services.run.getState().status).toBe("cancelled");
    expect(services.run.getState().eventCount).toBeLessThan(long.events.length);
    // Replays are not runs: the history still holds the one run.
    await services.history.whenSaved();
    expect(services.history.state.getState().runs).toHaveLength(1);
  });
});
