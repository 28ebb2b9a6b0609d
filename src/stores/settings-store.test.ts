import { describe, expect, it } from "vitest";
import { type KeyStorage, createSettingsStore, maskKey } from "./settings-store.ts";

function memoryStorage(fail = false): KeyStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (fail) throw new Error("QuotaExceededError");
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

describe("settings store", () => {
  it("keeps keys in memory unless asked to remember them", () => {
    const storage = memoryStorage();
    const s = createSettingsStore(storage);
    s.getState().setProvider("openai", { apiKey: "sk-secret-1234567890", baseUrl: "http://127.0.0.1:1/v1" });
    expect([...storage.data.values()].join()).not.toContain("sk-secret");
    expect([...storage.data.values()].join()).toContain("127.0.0.1");
    s.getState().setRememberKeys(true);
    expect([...storage.data.values()].join()).toContain("sk-secret");
    const again = createSettingsStore(storage);
    expect(again.getState().providers.openai.apiKey).toBe("sk-secret-1234567890");
  });

  it("reports a storage failure and keeps working in memory", () => {
    const s = createSettingsStore(memoryStorage(true));
    s.getState().setProvider("anthropic", { apiKey: "sk-ant-x" });
    expect(s.getState().storageError).toMatch(/stay in memory/);
    expect(s.getState().providers.anthropic.apiKey).toBe("sk-ant-x");
  });

  it("never shows a whole key", () => {
    expect(maskKey("sk-proj-abcdefghijklmnop")).toBe("sk-…mnop");
    expect(maskKey("short")).toBe("•••••");
    expect(maskKey("")).toBe("");
  });
});
