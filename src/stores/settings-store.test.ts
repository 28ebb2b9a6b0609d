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

  it("remembers price edits, restores defaults on reset and ignores malformed saved rows", () => {
    const storage = memoryStorage();
    const s = createSettingsStore(storage);
    s.getState().setPrice(" scripted ", { input: 1, output: 2 });
    s.getState().setPrice("gpt-4o", { input: 9, output: 9 });
    s.getState().hidePrice("gpt-4o-mini");
    s.getState().setRememberKeys(false);
    const again = createSettingsStore(storage);
    expect(again.getState().prices).toEqual({
      scripted: { input: 1, output: 2 },
      "gpt-4o": { input: 9, output: 9 },
      "gpt-4o-mini": null,
    });
    again.getState().resetPrice("gpt-4o");
    again.getState().hidePrice("scripted");
    expect(again.getState().prices).toEqual({ "gpt-4o-mini": null });

    storage.data.set(
      "sluice.settings.v1",
      JSON.stringify({ prices: { ok: { input: 1, output: 1 }, bad: { input: -1, output: 1 }, junk: "x" } }),
    );
    expect(createSettingsStore(storage).getState().prices).toEqual({ ok: { input: 1, output: 1 } });
  });
});
