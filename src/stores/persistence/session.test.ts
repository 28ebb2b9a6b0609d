import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDocumentStore } from "../document-store.ts";
import { createAutosave } from "./autosave.ts";
import { MemoryBackend } from "./memory-backend.ts";
import { createChainRepository } from "./repository.ts";
import { chain } from "./repository-contract.ts";
import { restoreSession } from "./session.ts";

const starter = () => chain("Starter", 3);

describe("restoreSession", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("creates the starter chain on the first visit", async () => {
    const repo = createChainRepository(new MemoryBackend(), { createId: () => "first" });
    const session = await restoreSession(repo, starter);
    expect(session).toEqual({
      chainId: "first",
      doc: starter(),
      viewport: undefined,
      saved: true,
      rev: 1,
      problem: undefined,
    });
    expect(await repo.getOpenChainId()).toBe("first");
  });

  it("reopens the open chain with its edits and viewport after a reload", async () => {
    const backend = new MemoryBackend();
    let t = 0;
    const repo = createChainRepository(backend, { now: () => ++t });
    const first = await restoreSession(repo, starter);
    const documents = createDocumentStore(first.doc);
    const autosave = createAutosave(documents, repo, { chainId: first.chainId, rev: first.rev });
    const newer = await repo.create(chain("Newer but not open", 1));
    documents.getState().change("edit", (d) => void (d.name = "Edited starter"));
    await autosave.saveViewport({ x: 5, y: 6, zoom: 0.75 });
    await vi.advanceTimersByTimeAsync(400);
    await repo.create(chain("Even newer", 1)); // later than the save: the open chain wins anyway
    expect((await repo.list())[0]?.id).not.toBe(first.chainId);

    // The page reloads.
    const again = await restoreSession(createChainRepository(backend), starter);
    expect(again.chainId).toBe(first.chainId);
    expect(again.doc.name).toBe("Edited starter");
    expect(again.rev).toBe(2);
    expect(again.viewport).toEqual({ x: 5, y: 6, zoom: 0.75 });

    // The open chain was deleted elsewhere: the most recent one opens.
    await repo.delete(first.chainId);
    const third = await restoreSession(createChainRepository(backend), starter);
    expect(third.doc.name).toBe("Even newer");
    expect(third.chainId).not.toBe(newer.id);
  });

  it("skips an unreadable chain, says so, and leaves it stored", async () => {
    const backend = new MemoryBackend();
    const repo = createChainRepository(backend);
    const good = await repo.create(chain("Good", 1));
    await backend.write([
      {
        type: "put",
        store: "chains",
        key: "bad",
        value: { id: "bad", name: "Bad", updatedAt: Date.now() + 1000, doc: { format: "other" } },
      },
    ]);
    await repo.setOpenChainId("bad");
    const session = await restoreSession(repo, starter);
    expect(session.chainId).toBe(good.id);
    expect(session.problem).toMatch(/^The saved chain "Bad" cannot be read: .*it was left as it is\.$/);
    expect(backend.stores.chains.has("bad")).toBe(true);
  });

  it("opens the starter in memory when storage is unavailable, and autosave says it is not saved", async () => {
    const backend = new MemoryBackend();
    backend.failWith = backend.failReadsWith = new DOMException("no", "SecurityError");
    const repo = createChainRepository(backend);
    const session = await restoreSession(repo, starter, { createId: () => "mem" });
    expect(session).toMatchObject({ chainId: "mem", doc: starter(), saved: false });
    expect(session.problem).toMatch(/could not be opened: browser storage is unavailable.*this tab only/);
    const documents = createDocumentStore(session.doc);
    const autosave = createAutosave(documents, repo, { chainId: session.chainId, saved: session.saved });
    await vi.advanceTimersByTimeAsync(400);
    expect(autosave.status().state).toBe("error");
    expect(documents.getState().doc).toEqual(starter());
    // Storage comes back (the user allowed site data): the next change stores everything.
    backend.failWith = backend.failReadsWith = undefined;
    documents.getState().change("edit", (d) => void (d.name = "Kept"));
    await vi.advanceTimersByTimeAsync(400);
    expect((await repo.get("mem"))?.doc.name).toBe("Kept");
  });

  it("opens the starter in memory when it cannot be stored", async () => {
    const backend = new MemoryBackend();
    backend.failWith = new DOMException("full", "QuotaExceededError");
    const session = await restoreSession(createChainRepository(backend), starter);
    expect(session.saved).toBe(false);
    expect(session.problem).toMatch(/storage for this site is full/);
  });
});
