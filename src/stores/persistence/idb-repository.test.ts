import { describe, expect, it } from "vitest";
import { DB_VERSION, IdbBackend, createIdbRepository } from "./idb-repository.ts";
import { chain, repositoryContract } from "./repository-contract.ts";
import { runHistoryContract } from "./run-history-contract.ts";

/**
 * IndexedDB runs in Node through fake-indexeddb (a dev dependency). Imported by a computed name so
 * that this file still type-checks and the suite is skipped, not failed, where it is not installed.
 */
const specifier = "fake-indexeddb";
const fake = (await import(/* @vite-ignore */ specifier).catch(() => undefined)) as
  { IDBFactory: new () => IDBFactory } | undefined;

if (!fake) {
  describe("IndexedDB repository", () => {
    it.skip("needs the fake-indexeddb dev dependency", () => undefined);
  });
} else {
  const { IDBFactory: FakeFactory } = fake;

  const subject = () => {
    const factory = new FakeFactory();
    return { backend: new IdbBackend(factory), reopen: () => new IdbBackend(factory) };
  };
  repositoryContract("IndexedDB", subject);
  runHistoryContract("IndexedDB", subject);

  describe("IndexedDB repository", () => {
    it("creates the version-1 schema: chains, ui, and runs indexed by chain", async () => {
      const factory = new FakeFactory();
      await createIdbRepository(factory).list();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = factory.open("sluice");
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error("open failed"));
      });
      expect(db.version).toBe(DB_VERSION);
      expect(DB_VERSION).toBe(1);
      expect([...db.objectStoreNames].sort()).toEqual(["chains", "runs", "ui"]);
      const runs = db.transaction("runs").objectStore("runs");
      expect([...runs.indexNames]).toEqual(["chainId"]);
      expect(runs.index("chainId").keyPath).toBe("chainId");
      db.close();
    });

    it("reports missing IndexedDB as unavailable storage", async () => {
      await expect(createIdbRepository(undefined).list()).rejects.toMatchObject({
        kind: "unavailable",
        message: "this browser offers no IndexedDB storage",
      });
    });

    it("tries again after a failed open (storage blocked, then allowed)", async () => {
      const real = new FakeFactory();
      let refuse = true;
      const flaky = {
        open: (name: string, version?: number) => {
          if (refuse) throw new DOMException("The operation is insecure.", "SecurityError");
          return real.open(name, version);
        },
      } as IDBFactory;
      const repo = createIdbRepository(flaky);
      await expect(repo.create(chain("A"))).rejects.toMatchObject({ kind: "unavailable" });
      refuse = false;
      await expect(repo.create(chain("A"))).resolves.toMatchObject({ name: "A" });
      expect(await repo.list()).toHaveLength(1);
    });

    it("steps aside when another tab upgrades the database, and asks for a reload", async () => {
      const factory = new FakeFactory();
      const repo = createIdbRepository(factory);
      await repo.create(chain("A"));
      await new Promise<void>((resolve, reject) => {
        const r = factory.open("sluice", DB_VERSION + 1);
        r.onsuccess = () => {
          r.result.close();
          resolve();
        };
        r.onerror = () => reject(r.error ?? new Error("upgrade failed"));
      });
      await expect(repo.list()).rejects.toMatchObject({ kind: "unavailable", message: /reload the page/ });
    });

    it("writes nothing when a read-modify-write gives up", async () => {
      const backend = new IdbBackend(new FakeFactory());
      await backend.write([{ type: "put", store: "ui", key: "a", value: 1 }]);
      await expect(
        backend.update("ui", "a", (current) => {
          if (current === 1) throw new Error("no");
          return [];
        }),
      ).rejects.toThrow("no");
      await expect(
        backend.write([
          { type: "put", store: "ui", key: "b", value: 2 },
          { type: "put", store: "ui", key: "c", value: () => 3 },
        ]),
      ).rejects.toMatchObject({ name: "DataCloneError" });
      expect(await backend.getAll("ui")).toEqual([1]);
      await backend.close();
    });
  });
}
