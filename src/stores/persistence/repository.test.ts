import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./memory-backend.ts";
import { PersistenceError, toPersistenceError } from "./errors.ts";
import { createChainRepository, newChainId } from "./repository.ts";
import { chain, repositoryContract } from "./repository-contract.ts";

repositoryContract("memory", () => {
  const backend = new MemoryBackend();
  return { backend, reopen: () => backend };
});

describe("storage failures", () => {
  it("rejects with a PersistenceError a user can read, and recovers when storage does", async () => {
    const backend = new MemoryBackend();
    const repo = createChainRepository(backend);
    backend.failWith = new DOMException("The quota has been exceeded.", "QuotaExceededError");
    const err = await repo.create(chain("A")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PersistenceError);
    expect(err).toMatchObject({ kind: "quota", message: "the browser's storage for this site is full" });
    expect(backend.stores.chains.size).toBe(0);
    backend.failWith = undefined;
    await expect(repo.create(chain("A"))).resolves.toMatchObject({ name: "A" });
  });

  it("names each kind of browser failure", () => {
    const kind = (name: string) => toPersistenceError(new DOMException("x", name)).kind;
    expect(kind("QuotaExceededError")).toBe("quota");
    expect(kind("NS_ERROR_DOM_QUOTA_REACHED")).toBe("quota");
    expect(kind("InvalidStateError")).toBe("unavailable");
    expect(kind("SecurityError")).toBe("unavailable");
    expect(kind("UnknownError")).toBe("unavailable");
    expect(toPersistenceError(new DOMException("x", "VersionError")).message).toMatch(/reload the page/);
    expect(toPersistenceError(new Error("disk on fire"))).toMatchObject({
      kind: "failed",
      message: "browser storage failed: disk on fire",
    });
  });

  it("leaves every store untouched when one write of a batch cannot be stored", async () => {
    const backend = new MemoryBackend();
    await expect(
      backend.write([
        { type: "put", store: "ui", key: "a", value: 1 },
        { type: "put", store: "ui", key: "b", value: () => 1 },
      ]),
    ).rejects.toThrow();
    expect(backend.stores.ui.size).toBe(0);
  });
});

describe("newChainId", () => {
  it("makes distinct ids without crypto.randomUUID", () => {
    const ids = new Set(Array.from({ length: 1000 }, newChainId));
    expect(ids.size).toBe(1000);
    expect([...ids][0]).toMatch(/^chain-[0-9a-f]{20}$/);
  });
});
