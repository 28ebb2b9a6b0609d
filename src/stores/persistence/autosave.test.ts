import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDocumentStore } from "../document-store.ts";
import { type AutosaveStatus, createAutosave } from "./autosave.ts";
import type { PersistenceBackend } from "./backend.ts";
import { MemoryBackend } from "./memory-backend.ts";
import { createChainRepository } from "./repository.ts";
import { SECRET_FRAGMENTS, chain, chainWithSecrets, dumpBackend } from "./repository-contract.ts";

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

async function setup(options: { delayMs?: number; backend?: PersistenceBackend } = {}) {
  const backend = options.backend ?? new MemoryBackend();
  const repo = createChainRepository(backend);
  const { id } = await repo.create(chain("Doc", 0));
  const documents = createDocumentStore(chain("Doc", 0));
  const statuses: AutosaveStatus[] = [];
  const autosave = createAutosave(documents, repo, {
    chainId: id,
    onStatus: (s) => statuses.push(s),
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
  });
  const edit = (name: string) =>
    documents.getState().change("Rename", (d) => {
      d.name = name;
    });
  const stored = async () => (await repo.get(id))?.doc.name;
  return { backend, repo, id, documents, autosave, statuses, edit, stored };
}

describe("autosave", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("saves 400 ms after the last change and reports saving, then saved", async () => {
    const { autosave, statuses, edit, stored } = await setup();
    edit("One");
    expect(autosave.status()).toEqual({ state: "saving" });
    await vi.advanceTimersByTimeAsync(300);
    edit("Two");
    await vi.advanceTimersByTimeAsync(399);
    expect(await stored()).toBe("Doc");
    await vi.advanceTimersByTimeAsync(1);
    expect(await stored()).toBe("Two");
    expect(statuses).toEqual([{ state: "saving" }, { state: "saved" }]);
    expect(autosave.hasUnsavedChanges()).toBe(false);
  });

  it("saves at least once a second while changes keep coming", async () => {
    const { backend, edit, stored } = await setup();
    const memory = backend as MemoryBackend;
    const before = memory.writeCount;
    const saves: string[] = [];
    for (let i = 1; i <= 30; i++) {
      edit(`v${i}`);
      await vi.advanceTimersByTimeAsync(100);
      if (i % 10 === 0) saves.push((await stored())!);
    }
    // Typed every 100 ms for 3 s: the quiet-time timer never fires, the max-wait one does.
    expect(saves).toEqual(["v10", "v20", "v30"]);
    expect(memory.writeCount - before).toBe(3);
    await vi.advanceTimersByTimeAsync(400);
    expect(await stored()).toBe("v30");
  });

  it("keeps the document and reports when storage is full, then retries on the next change", async () => {
    const { backend, documents, autosave, statuses, edit, stored } = await setup();
    const memory = backend as MemoryBackend;
    memory.failWith = quota();
    edit("Precious");
    await vi.advanceTimersByTimeAsync(400);
    expect(autosave.status()).toEqual({
      state: "error",
      message: expect.stringMatching(
        /^Not saved: the browser's storage for this site is full\. Your changes are kept/,
      ),
    });
    expect(documents.getState().doc.name).toBe("Precious");
    expect(autosave.hasUnsavedChanges()).toBe(true);
    expect(await stored()).toBe("Doc");

    // Still failing: retried on the next change, the error is not announced again.
    const writes = memory.writeCount;
    edit("Precious 2");
    expect(autosave.status().state).toBe("error");
    await vi.advanceTimersByTimeAsync(400);
    expect(memory.writeCount).toBe(writes + 1);
    expect(statuses.filter((s) => s.state === "error")).toHaveLength(1);
    expect(await autosave.flush()).toBe(false);

    memory.failWith = undefined;
    edit("Precious 3");
    await vi.advanceTimersByTimeAsync(400);
    expect(await stored()).toBe("Precious 3");
    expect(statuses.map((s) => s.state)).toEqual(["saving", "error", "saved"]);
  });

  it("reports unavailable storage (private mode) the same way", async () => {
    const { backend, autosave, edit } = await setup();
    (backend as MemoryBackend).failWith = new DOMException("denied", "InvalidStateError");
    edit("x");
    await vi.advanceTimersByTimeAsync(400);
    expect(autosave.status()).toMatchObject({ state: "error", message: /storage is unavailable/ });
  });

  it("flushes at once, for beforeunload", async () => {
    const { autosave, edit, stored } = await setup();
    expect(await autosave.flush()).toBe(true);
    edit("Leaving");
    expect(await autosave.flush()).toBe(true);
    expect(await stored()).toBe("Leaving");
    expect(autosave.status()).toEqual({ state: "saved" });
  });

  it("saves changes made while a save is being written", async () => {
    const backend = new MemoryBackend();
    const slow: PersistenceBackend = {
      get: (s, k) => backend.get(s, k),
      getAll: (s) => backend.getAll(s),
      write: (ops) => backend.write(ops),
      update: async (s, k, decide) => {
        await new Promise((r) => setTimeout(r, 500));
        return backend.update(s, k, decide);
      },
    };
    await createChainRepository(backend, { createId: () => "c1" }).create(chain("Doc", 0));
    const documents = createDocumentStore(chain("Doc", 0));
    const autosave = createAutosave(documents, createChainRepository(slow), { chainId: "c1" });
    const stored = async () => ((await backend.get("chains", "c1")) as { name: string }).name;
    documents.getState().change("a", (d) => void (d.name = "A"));
    await vi.advanceTimersByTimeAsync(600); // the save of "A" is being written
    documents.getState().change("b", (d) => void (d.name = "B"));
    await vi.advanceTimersByTimeAsync(300);
    expect(await stored()).toBe("A");
    expect(autosave.status().state).toBe("saving");
    await vi.advanceTimersByTimeAsync(700);
    expect(await stored()).toBe("B");
    expect(autosave.status()).toEqual({ state: "saved" });
  });

  it("switches chains after saving the open one, without saving the loaded document", async () => {
    const { backend, repo, id, documents, autosave, edit } = await setup();
    const other = await repo.create(chain("Other", 2));
    edit("Edited");
    const writes = (backend as MemoryBackend).writeCount;
    await autosave.open(other.id, (await repo.get(other.id))!.doc);
    expect((await repo.get(id))?.doc.name).toBe("Edited");
    expect(documents.getState().doc.name).toBe("Other");
    expect(documents.getState().history.past).toHaveLength(0);
    expect(autosave.chainId).toBe(other.id);
    expect(await repo.getOpenChainId()).toBe(other.id);
    await vi.advanceTimersByTimeAsync(2000);
    expect((backend as MemoryBackend).writeCount).toBe(writes + 2); // the flush, the open chain id
    documents.getState().change("x", (d) => void (d.name = "Other edited"));
    await vi.advanceTimersByTimeAsync(400);
    expect((await repo.get(other.id))?.doc.name).toBe("Other edited");
    expect((await repo.get(id))?.doc.name).toBe("Edited");
  });

  it("refuses to switch away from changes it cannot save, unless told to discard them", async () => {
    const { backend, repo, documents, autosave, edit } = await setup();
    const other = await repo.create(chain("Other", 2));
    (backend as MemoryBackend).failWith = quota();
    edit("Unsaved");
    await expect(autosave.open(other.id, chain("Other", 2))).rejects.toMatchObject({ kind: "quota" });
    expect(documents.getState().doc.name).toBe("Unsaved");
    expect(autosave.chainId).not.toBe(other.id);
    await autosave.open(other.id, chain("Other", 2), { discardUnsaved: true });
    expect(documents.getState().doc.name).toBe("Other");
    expect(autosave.status()).toEqual({ state: "saved" });
  });

  it("never writes over another tab's save: the user keeps theirs or loads the other", async () => {
    const repo = createChainRepository(new MemoryBackend());
    const { id, rev } = await repo.create(chain("Doc", 0));
    const stored = async () => (await repo.get(id))?.doc.name;
    /** One tab: its own document store and autosave, opened at the same stored revision. */
    const tab = () => {
      const documents = createDocumentStore(chain("Doc", 0));
      const autosave = createAutosave(documents, repo, { chainId: id, rev });
      const edit = (name: string) =>
        documents.getState().change("Rename", (d) => {
          d.name = name;
        });
      return { documents, autosave, edit, name: () => documents.getState().doc.name };
    };
    const a = tab();
    const b = tab();
    a.edit("A1");
    await vi.advanceTimersByTimeAsync(400);
    expect(await stored()).toBe("A1");

    // B read the chain before A saved: its save is refused, and it keeps its work in memory.
    b.edit("B1");
    await vi.advanceTimersByTimeAsync(400);
    expect(b.autosave.status()).toMatchObject({ state: "conflict" });
    b.edit("B2");
    await vi.advanceTimersByTimeAsync(1000);
    expect(await stored()).toBe("A1");
    expect(b.name()).toBe("B2");
    expect(b.autosave.hasUnsavedChanges()).toBe(true);

    // B keeps its version; now A is the one behind.
    expect(await b.autosave.resolveConflict("mine")).toBe(true);
    expect(await stored()).toBe("B2");
    expect(b.autosave.status()).toEqual({ state: "saved" });
    a.edit("A2");
    await vi.advanceTimersByTimeAsync(400);
    expect(a.autosave.status()).toMatchObject({ state: "conflict" });
    expect(await stored()).toBe("B2");

    // A loads B's version, dropping its own change, and goes on from there.
    expect(await a.autosave.resolveConflict("theirs")).toBe(true);
    expect(a.name()).toBe("B2");
    expect(a.autosave.status()).toEqual({ state: "saved" });
    expect(a.autosave.hasUnsavedChanges()).toBe(false);
    a.edit("A3");
    await vi.advanceTimersByTimeAsync(400);
    expect(await stored()).toBe("A3");
    expect(a.autosave.status()).toEqual({ state: "saved" });
  });

  it("saves soon a document that storage did not hold yet", async () => {
    const backend = new MemoryBackend();
    const repo = createChainRepository(backend);
    const documents = createDocumentStore(chain("Fresh", 1));
    const autosave = createAutosave(documents, repo, { chainId: "fresh", saved: false });
    expect(autosave.hasUnsavedChanges()).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect((await repo.get("fresh"))?.doc.name).toBe("Fresh");
  });

  it("stores the open chain's viewport and stops when disposed", async () => {
    const { backend, repo, id, autosave, edit } = await setup();
    expect(await autosave.saveViewport({ x: 1, y: 2, zoom: 3 })).toBe(true);
    expect(await repo.getViewport(id)).toEqual({ x: 1, y: 2, zoom: 3 });
    expect(await autosave.saveViewport({ x: 1, y: 2, zoom: -1 })).toBe(false);
    autosave.dispose();
    const writes = (backend as MemoryBackend).writeCount;
    edit("after dispose");
    await vi.advanceTimersByTimeAsync(2000);
    expect((backend as MemoryBackend).writeCount).toBe(writes);
  });

  it("never stores an API key typed into the document", async () => {
    const { backend, documents, edit } = await setup();
    documents.getState().load(chainWithSecrets());
    edit("Leaky");
    await vi.advanceTimersByTimeAsync(400);
    const dump = await dumpBackend(backend);
    expect(dump).toContain("gpt-4o-mini");
    for (const secret of SECRET_FRAGMENTS) expect(dump).not.toContain(secret);
    // The document in memory is the user's and is left alone.
    expect(JSON.stringify(documents.getState().doc)).toContain("sk-live");
  });
});
