import { describe, it } from "vitest";
import { IdbBackend } from "./idb-repository.ts";
import { runHistoryContract } from "./run-history-contract.ts";

/** IndexedDB in Node through fake-indexeddb, loaded like `idb-repository.test.ts` does. */
const specifier = "fake-indexeddb";
const fake = (await import(/* @vite-ignore */ specifier).catch(() => undefined)) as
  { IDBFactory: new () => IDBFactory } | undefined;

if (!fake) {
  describe("IndexedDB run history", () => {
    it.skip("needs the fake-indexeddb dev dependency", () => undefined);
  });
} else {
  const { IDBFactory: FakeFactory } = fake;
  runHistoryContract("IndexedDB", () => {
    const factory = new FakeFactory();
    return { backend: new IdbBackend(factory), reopen: () => new IdbBackend(factory) };
  });
}
