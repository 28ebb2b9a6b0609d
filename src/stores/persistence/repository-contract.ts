/**
 * The behaviour every `ChainRepository` backend must show, as a Vitest suite: the in-memory backend
 * runs it in `repository.test.ts`, IndexedDB (through fake-indexeddb) in `idb-repository.test.ts`.
 * Test-only: nothing in the app imports this file.
 */
import { describe, expect, it } from "vitest";
import type { ChainDocument } from "../../graph/index.ts";
import type { PersistenceBackend } from "./backend.ts";
import { STORE_NAMES } from "./backend.ts";
import { createChainRepository } from "./repository.ts";

export interface ContractSubject {
  backend: PersistenceBackend;
  /** The same storage as a fresh page load sees it. */
  reopen: () => PersistenceBackend;
}

export function chain(
  name: string | undefined,
  nodeCount = 1,
  extra: Partial<ChainDocument> = {},
): ChainDocument {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    type: "parser" as const,
    position: { x: i * 300, y: 0 },
    data: { parser: "str" as const },
  }));
  return {
    format: "sluice.chain",
    version: 1,
    ...(name === undefined ? {} : { name }),
    nodes,
    edges: [],
    ...extra,
  };
}

/** A chain with secrets in every place a careless user could put them. */
export function chainWithSecrets(): ChainDocument {
  return {
    format: "sluice.chain",
    version: 1,
    name: "Leaky",
    nodes: [
      {
        id: "p",
        type: "prompt",
        position: { x: 0, y: 0 },
        data: { messages: [{ role: "system", template: "use sk-proj-abcdefghijklmnopqrstuvwx to call" }] },
      },
      {
        id: "m",
        type: "model",
        position: { x: 300, y: 0 },
        data: {
          provider: "openai",
          model: "gpt-4o-mini",
          apiKey: "sk-live-0123456789abcdefghij",
          baseUrl: "https://user:hunter2@example.com/v1",
          headers: { Authorization: "Bearer abcdef0123456789" },
        },
      },
    ],
    edges: [{ id: "e1", source: "p", target: "m" }],
  };
}

export const SECRET_FRAGMENTS = ["sk-proj-abc", "sk-live", "hunter2", "abcdef0123456789", "apiKey"];

export async function dumpBackend(backend: PersistenceBackend): Promise<string> {
  const all = await Promise.all(STORE_NAMES.map((s) => backend.getAll(s)));
  return JSON.stringify(all);
}

export function repositoryContract(
  label: string,
  makeSubject: () => ContractSubject | Promise<ContractSubject>,
) {
  describe(`chain repository (${label})`, () => {
    const setup = async () => {
      const subject = await makeSubject();
      let t = 1000;
      let n = 0;
      const options = { now: () => (t += 10), createId: () => `c${++n}` };
      return { ...subject, repo: createChainRepository(subject.backend, options), options };
    };

    it("creates, reads back and lists chains, most recently updated first", async () => {
      const { repo } = await setup();
      expect(await repo.list()).toEqual([]);
      const a = await repo.create(chain("Alpha", 2));
      const b = await repo.create(chain(undefined, 0));
      const c = await repo.create(chain("Gamma", 3));
      expect(a).toEqual({ id: "c1", name: "Alpha", updatedAt: 1010, nodeCount: 2, rev: 1 });
      expect((await repo.list()).map((s) => [s.id, s.name, s.nodeCount])).toEqual([
        [c.id, "Gamma", 3],
        [b.id, "Untitled chain", 0],
        [a.id, "Alpha", 2],
      ]);
      expect((await repo.get(a.id))?.doc).toEqual(chain("Alpha", 2));
      expect(await repo.get("nope")).toBeUndefined();
      // Saving moves a chain to the top and keeps its creation time.
      await repo.put(a.id, chain("Alpha 2", 5));
      const [top] = await repo.list();
      expect(top).toEqual({ id: a.id, name: "Alpha 2", updatedAt: 1040, nodeCount: 5, rev: 2 });
      expect((await repo.get(a.id))?.createdAt).toBe(1010);
    });

    it("refuses a save that started from an older revision (another tab saved in between)", async () => {
      const { repo } = await setup();
      const { id, rev } = await repo.create(chain("Shared", 1));
      // Two tabs read revision 1; the first to save wins the next revision.
      expect((await repo.put(id, chain("Tab A", 2), rev)).rev).toBe(2);
      await expect(repo.put(id, chain("Tab B", 3), rev)).rejects.toMatchObject({
        name: "PersistenceError",
        kind: "conflict",
      });
      expect((await repo.get(id))?.doc.name).toBe("Tab A");
      // Renaming is a revision too; a save that knows the latest one goes through, and so does one
      // that names none (the user chose to keep theirs).
      expect((await repo.rename(id, "Renamed")).rev).toBe(3);
      await expect(repo.put(id, chain("Tab A again", 2), 2)).rejects.toMatchObject({ kind: "conflict" });
      expect((await repo.put(id, chain("Tab A again", 2), 3)).rev).toBe(4);
      expect((await repo.put(id, chain("Tab B", 3))).rev).toBe(5);
      // A missing record (deleted in another tab) is written again, after the revision its writer knew.
      expect((await repo.put("fresh", chain("New", 1), 7)).rev).toBe(8);
      expect((await repo.put("newer", chain("New", 1))).rev).toBe(1);
    });

    it("keeps stored documents apart from the caller's objects", async () => {
      const { repo } = await setup();
      const doc = chain("Mine", 1);
      const { id } = await repo.create(doc);
      doc.nodes.pop();
      const back = await repo.get(id);
      expect(back?.doc.nodes).toHaveLength(1);
      back!.doc.nodes.pop();
      expect((await repo.get(id))?.doc.nodes).toHaveLength(1);
    });

    it("renames, duplicates and deletes", async () => {
      const { repo } = await setup();
      const a = await repo.create(chain("Alpha", 2));
      const b = await repo.create(chain("Beta", 1));
      expect(await repo.rename(a.id, "  Renamed ")).toMatchObject({ id: a.id, name: "Renamed" });
      expect((await repo.get(a.id))?.doc.name).toBe("Renamed");
      await expect(repo.rename("nope", "x")).rejects.toMatchObject({ kind: "not-found" });
      await expect(repo.rename(a.id, "   ")).rejects.toMatchObject({ kind: "invalid" });

      const copy = await repo.duplicate(a.id);
      expect(copy).toMatchObject({ name: "Renamed (copy)", nodeCount: 2 });
      expect(copy.id).not.toBe(a.id);
      const named = await repo.duplicate(b.id, "Beta two");
      expect((await repo.get(named.id))?.doc).toEqual(chain("Beta two", 1));
      await expect(repo.duplicate("nope")).rejects.toMatchObject({ kind: "not-found" });

      await repo.delete(a.id);
      await repo.delete("nope");
      expect(await repo.get(a.id)).toBeUndefined();
      expect((await repo.list()).map((s) => s.name)).toEqual(["Beta two", "Renamed (copy)", "Beta"]);
    });

    it("restores the open chain and each chain's viewport after a reload", async () => {
      const { repo, reopen, options } = await setup();
      const a = await repo.create(chain("A"));
      const b = await repo.create(chain("B"));
      expect(await repo.getOpenChainId()).toBeUndefined();
      await repo.setOpenChainId(a.id);
      await repo.setViewport(a.id, { x: 10, y: -20, zoom: 1.5 });
      await repo.setViewport(b.id, { x: 0, y: 0, zoom: 0.5 });
      await expect(repo.setViewport(a.id, { x: Number.NaN, y: 0, zoom: 1 })).rejects.toMatchObject({
        kind: "invalid",
      });
      await expect(repo.setViewport(a.id, { x: 0, y: 0, zoom: 0 })).rejects.toMatchObject({
        kind: "invalid",
      });

      const again = createChainRepository(reopen(), options);
      expect(await again.getOpenChainId()).toBe(a.id);
      expect(await again.getViewport(a.id)).toEqual({ x: 10, y: -20, zoom: 1.5 });
      expect(await again.getViewport(b.id)).toEqual({ x: 0, y: 0, zoom: 0.5 });
      expect(await again.getViewport("nope")).toBeUndefined();

      // Deleting the open chain forgets it was open, and forgets its viewport and its runs.
      await subjectPutRun(reopen(), "r1", a.id);
      await subjectPutRun(reopen(), "r2", b.id);
      await again.delete(a.id);
      expect(await again.getOpenChainId()).toBeUndefined();
      expect(await again.getViewport(a.id)).toBeUndefined();
      expect(await again.getViewport(b.id)).toEqual({ x: 0, y: 0, zoom: 0.5 });
      const runs = (await reopen().getAll("runs")) as { chainId: string }[];
      expect(runs.map((r) => r.chainId)).toEqual([b.id]);
      await again.setOpenChainId(b.id);
      await again.setOpenChainId(undefined);
      expect(await again.getOpenChainId()).toBeUndefined();
    });

    it("never stores a secret", async () => {
      const { repo, backend } = await setup();
      const { id } = await repo.create(chainWithSecrets());
      await repo.put(id, chainWithSecrets());
      await repo.duplicate(id);
      const stored = await dumpBackend(backend);
      for (const secret of SECRET_FRAGMENTS) expect(stored).not.toContain(secret);
      expect(stored).toContain("gpt-4o-mini");
      const back = JSON.stringify((await repo.get(id))?.doc);
      for (const secret of SECRET_FRAGMENTS) expect(back).not.toContain(secret);
    });

    it("migrates old documents on read and refuses unreadable ones without losing them", async () => {
      const { repo, backend } = await setup();
      const v0 = {
        format: "sluice.chain",
        version: 0,
        name: "Old",
        nodes: [{ id: "o", kind: "parser", x: 1, y: 2, config: { type: "string" } }],
        links: [],
      };
      const broken = { format: "sluice.chain", version: 1, name: "Broken", nodes: "oops", edges: [] };
      await backend.write([
        {
          type: "put",
          store: "chains",
          key: "old",
          value: { id: "old", name: "Old", updatedAt: 5, doc: v0 },
        },
        {
          type: "put",
          store: "chains",
          key: "bad",
          value: { id: "bad", name: "Broken", updatedAt: 6, doc: broken },
        },
        { type: "put", store: "chains", key: "junk", value: "not a record" },
      ]);
      const old = await repo.get("old");
      expect(old?.doc).toMatchObject({ version: 1, nodes: [{ type: "parser", position: { x: 1, y: 2 } }] });
      expect(old?.nodeCount).toBe(1);
      await expect(repo.get("bad")).rejects.toMatchObject({
        kind: "corrupt",
        message: /"Broken" cannot be read/,
      });
      expect((await repo.list()).map((s) => s.id)).toEqual(["bad", "old"]);
    });
  });
}

async function subjectPutRun(backend: PersistenceBackend, id: string, chainId: string): Promise<void> {
  await backend.write([{ type: "put", store: "runs", key: id, value: { id, chainId, startedAt: 1 } }]);
}
