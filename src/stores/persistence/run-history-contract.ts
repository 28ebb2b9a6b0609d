/**
 * The behaviour every run-history backend must show, as a Vitest suite: memory in
 * `run-history.test.ts`, IndexedDB (through fake-indexeddb) in `idb-repository.test.ts`.
 * Test-only: nothing in the app imports this file.
 */
import { describe, expect, it } from "vitest";
import { AIMessageChunk, ChatPromptValue, HumanMessage, type StreamEvent } from "../../core/index.ts";
import type { RunsBackend } from "./backend.ts";
import { createChainRepository } from "./repository.ts";
import { chainWithSecrets, dumpBackend, SECRET_FRAGMENTS } from "./repository-contract.ts";
import { createRunHistory, RUNS_KEPT_PER_CHAIN } from "./run-history.ts";
import type { RunRecord } from "./run-history-types.ts";
import { EMPTY_NODE_RUN } from "../run-store.ts";

export interface RunHistorySubject {
  backend: RunsBackend;
  /** The same storage as a fresh page load sees it. */
  reopen: () => RunsBackend;
}

const event = (e: Partial<StreamEvent> & Pick<StreamEvent, "event" | "data">, nodeId?: string) => ({
  name: "x",
  run_id: nodeId ?? "root",
  tags: [],
  metadata: nodeId ? { node_id: nodeId } : {},
  ...e,
});

/** A small finished run of `prompt | model`, with real message classes in its events. */
export function sampleRun(id: string, chainId: string, startedAt: number, topic = "parrots"): RunRecord {
  const prompt = new ChatPromptValue([new HumanMessage(`tell me a joke about ${topic}`)]);
  const chunks = [new AIMessageChunk("Why "), new AIMessageChunk({ content: topic, id: "msg-1" })];
  const final = new AIMessageChunk({
    content: `Why ${topic}`,
    id: "msg-1",
    usage_metadata: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
  });
  return {
    id,
    chainId,
    chainName: "Joke",
    status: "done",
    startedAt,
    duration: 120,
    doc: {
      format: "sluice.chain",
      version: 1,
      name: "Joke",
      nodes: [{ id: "p", type: "parser", position: { x: 0, y: 0 }, data: { parser: "str" } }],
      edges: [],
    },
    input: { topic },
    nodes: {
      p: { ...EMPTY_NODE_RUN, status: "done", hasValue: true, value: prompt, boundaries: [] },
      m: {
        ...EMPTY_NODE_RUN,
        status: "done",
        chunks: 2,
        text: `Why ${topic}`,
        boundaries: [4, 4 + topic.length],
        usage: final.usage_metadata!,
        startedAt: 1,
        endedAt: 110,
      },
    },
    output: chunks,
    events: [
      { t: 0, nodeId: undefined, event: event({ event: "on_chain_start", data: { input: { topic } } }) },
      { t: 2, nodeId: "p", event: event({ event: "on_prompt_end", data: { output: prompt } }, "p") },
      ...chunks.map((chunk, i) => ({
        t: 50 + i,
        nodeId: "m",
        event: event({ event: "on_chat_model_stream", data: { chunk } }, "m"),
      })),
      { t: 110, nodeId: "m", event: event({ event: "on_chat_model_end", data: { output: final } }, "m") },
    ],
  };
}

export function runHistoryContract(
  label: string,
  makeSubject: () => RunHistorySubject | Promise<RunHistorySubject>,
) {
  describe(`run history (${label})`, () => {
    it("saves runs and reads them back with their classes; lists summaries newest first", async () => {
      const { backend, reopen } = await makeSubject();
      const history = createRunHistory(backend);
      expect(await history.list("c1")).toEqual([]);
      const older = sampleRun("r1", "c1", 1000, "parrots");
      const newer = sampleRun("r2", "c1", 2000, "penguins");
      const summary = await history.save(older);
      await history.save(newer);
      await history.save(sampleRun("r3", "c2", 3000));
      expect(summary).toEqual({
        id: "r1",
        chainId: "c1",
        chainName: "Joke",
        status: "done",
        startedAt: 1000,
        duration: 120,
        inputPreview: "topic: parrots",
        outputPreview: "Why parrots",
        tokens: 7,
        eventCount: 5,
      });

      const again = createRunHistory(reopen());
      const list = await again.list("c1");
      expect(list.map((s) => [s.id, s.inputPreview])).toEqual([
        ["r2", "topic: penguins"],
        ["r1", "topic: parrots"],
      ]);
      expect(list[0]).not.toHaveProperty("events");

      const back = await again.get("r1");
      expect(back).toBeDefined();
      expect(back!.output[1]).toBeInstanceOf(AIMessageChunk);
      expect(back!.nodes.p!.value).toBeInstanceOf(ChatPromptValue);
      const end = back!.events[4]!.event.data as { output: AIMessageChunk };
      expect(end.output).toBeInstanceOf(AIMessageChunk);
      expect(end.output.usage_metadata).toEqual({ input_tokens: 5, output_tokens: 2, total_tokens: 7 });
      expect(back!.nodes.m).toEqual(older.nodes.m);
      expect(back!.events.map((e) => [e.t, e.nodeId, e.event.event])).toEqual(
        older.events.map((e) => [e.t, e.nodeId, e.event.event]),
      );
      expect({ ...back, events: undefined, nodes: undefined }).toEqual({
        ...older,
        ...summary,
        events: undefined,
        nodes: undefined,
      });
      expect(await again.get("nope")).toBeUndefined();
    });

    it(`keeps the newest ${RUNS_KEPT_PER_CHAIN} runs of each chain, pruning as it saves`, async () => {
      const { backend } = await makeSubject();
      const history = createRunHistory(backend);
      await history.save(sampleRun("other", "c2", 1));
      for (let i = 1; i <= RUNS_KEPT_PER_CHAIN + 2; i++)
        await history.save(sampleRun(`r${String(i).padStart(2, "0")}`, "c1", i * 1000));
      const list = await history.list("c1");
      expect(list).toHaveLength(RUNS_KEPT_PER_CHAIN);
      expect(list[0]!.id).toBe("r52");
      expect(list.at(-1)!.id).toBe("r03");
      expect(await history.get("r01")).toBeUndefined();
      expect(await history.get("r03")).toBeDefined();
      // The pruned runs' bodies went too: two records per kept run, plus the other chain's.
      expect(await backend.getAll("runs")).toHaveLength(2 * RUNS_KEPT_PER_CHAIN + 2);
      expect((await history.list("c2")).map((s) => s.id)).toEqual(["other"]);

      // A run older than all kept ones is dropped at once; saving a kept one again replaces it.
      await history.save(sampleRun("ancient", "c1", 5));
      expect(await history.get("ancient")).toBeUndefined();
      await history.save({ ...sampleRun("r52", "c1", 52_000), status: "cancelled" });
      const top = await history.list("c1");
      expect(top).toHaveLength(RUNS_KEPT_PER_CHAIN);
      expect(top[0]).toMatchObject({ id: "r52", status: "cancelled" });
    });

    it("saves and reads a long run in slices, pausing between them, in order", async () => {
      const { backend, reopen } = await makeSubject();
      const base = sampleRun("long", "c1", 1);
      const chunk = base.events[2]!;
      const events = Array.from({ length: 2500 }, (_, i) => ({ ...chunk, t: i }));
      const output = Array.from({ length: 1200 }, (_, i) => new AIMessageChunk(`w${i} `));
      let pauses = 0;
      const pause = () => {
        pauses++;
        return Promise.resolve();
      };
      await createRunHistory(backend).save({ ...base, events, output }, { pause });
      // 3 slices of events and 2 of output: a pause between each two.
      expect(pauses).toBe(2 + 1);
      pauses = 0;
      const back = await createRunHistory(reopen()).get("long", { pause });
      expect(pauses).toBe(3);
      expect(back!.events.map((e) => e.t)).toEqual(events.map((e) => e.t));
      expect(back!.events[2499]!.event.data).toStrictEqual({ chunk: new AIMessageChunk("Why ") });
      expect(back!.output.at(-1)).toEqual(new AIMessageChunk("w1199 "));
      expect(back!.output[0]).toBeInstanceOf(AIMessageChunk);
    });

    it("deletes a run, and a chain's runs with the chain", async () => {
      const { backend } = await makeSubject();
      const history = createRunHistory(backend);
      const chains = createChainRepository(backend);
      await history.save(sampleRun("a1", "chain-a", 1));
      await history.save(sampleRun("a2", "chain-a", 2));
      await history.save(sampleRun("b1", "chain-b", 3));
      await history.delete("a1");
      await history.delete("nope");
      expect((await history.list("chain-a")).map((s) => s.id)).toEqual(["a2"]);
      expect(await history.get("a1")).toBeUndefined();

      await chains.delete("chain-a");
      expect(await history.list("chain-a")).toEqual([]);
      expect(await history.get("a2")).toBeUndefined();
      expect((await history.list("chain-b")).map((s) => s.id)).toEqual(["b1"]);
      expect(await backend.getAll("runs")).toHaveLength(2);
    });

    it("never stores a secret from the document, and refuses a run without ids", async () => {
      const { backend } = await makeSubject();
      const history = createRunHistory(backend);
      await history.save({ ...sampleRun("s1", "c1", 1), doc: chainWithSecrets() });
      const stored = await dumpBackend(backend);
      for (const secret of SECRET_FRAGMENTS) expect(stored).not.toContain(secret);
      expect(stored).toContain("gpt-4o-mini");
      await expect(history.save(sampleRun("bad#id", "c1", 1))).rejects.toMatchObject({ kind: "invalid" });
      await expect(history.save(sampleRun("x", "", 1))).rejects.toMatchObject({ kind: "invalid" });
    });
  });
}
