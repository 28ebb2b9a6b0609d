import { createStore } from "zustand/vanilla";

export type RemoteProvider = "openai" | "openai-compatible" | "anthropic" | "google" | "ollama";
export const REMOTE_PROVIDERS: readonly RemoteProvider[] = [
  "openai",
  "openai-compatible",
  "anthropic",
  "google",
  "ollama",
];

export interface ProviderSettings {
  apiKey: string;
  baseUrl: string;
}

/** A small key-value storage (localStorage in browsers); injected so the store runs in Node tests. */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SettingsState {
  providers: Record<RemoteProvider, ProviderSettings>;
  /** Keys are kept in memory only, unless the user asks to remember them on this device. */
  rememberKeys: boolean;
  /** Set when the storage refused a write (quota, private mode): the settings stay in memory. */
  storageError: string | undefined;
  setProvider(provider: RemoteProvider, patch: Partial<ProviderSettings>): void;
  setRememberKeys(remember: boolean): void;
}

const STORAGE_KEY = "sluice.settings.v1";

function emptyProviders(): Record<RemoteProvider, ProviderSettings> {
  return Object.fromEntries(REMOTE_PROVIDERS.map((p) => [p, { apiKey: "", baseUrl: "" }])) as Record<
    RemoteProvider,
    ProviderSettings
  >;
}

/** Shows enough of a key to recognise it, never the whole key. */
export function maskKey(key: string): string {
  if (!key) return "";
  if (key.length <= 8) return "•".repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/**
 * Provider settings. Base URLs are always remembered; keys only with `rememberKeys`, and then in the
 * given KeyStorage (localStorage), never in IndexedDB where chains live, so exports and lambda
 * sandboxes cannot reach them.
 */
export function createSettingsStore(storage: KeyStorage | undefined) {
  const saved = load(storage);
  const store = createStore<SettingsState>()((set, get) => ({
    providers: saved.providers,
    rememberKeys: saved.rememberKeys,
    storageError: undefined,
    setProvider(provider, patch) {
      set({ providers: { ...get().providers, [provider]: { ...get().providers[provider], ...patch } } });
    },
    setRememberKeys(rememberKeys) {
      set({ rememberKeys });
    },
  }));
  store.subscribe((state) => {
    const error = save(storage, state);
    if (error !== state.storageError) store.setState({ storageError: error });
  });
  return store;
}

function load(storage: KeyStorage | undefined): {
  providers: Record<RemoteProvider, ProviderSettings>;
  rememberKeys: boolean;
} {
  const providers = emptyProviders();
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return { providers, rememberKeys: false };
    const parsed = JSON.parse(raw) as {
      rememberKeys?: unknown;
      providers?: Record<string, Partial<ProviderSettings>>;
    };
    for (const p of REMOTE_PROVIDERS) {
      const s = parsed.providers?.[p];
      if (typeof s?.baseUrl === "string") providers[p].baseUrl = s.baseUrl;
      if (parsed.rememberKeys === true && typeof s?.apiKey === "string") providers[p].apiKey = s.apiKey;
    }
    return { providers, rememberKeys: parsed.rememberKeys === true };
  } catch {
    return { providers, rememberKeys: false };
  }
}

function save(storage: KeyStorage | undefined, state: SettingsState): string | undefined {
  if (!storage) return undefined;
  const providers: Record<string, Partial<ProviderSettings>> = {};
  for (const p of REMOTE_PROVIDERS) {
    const s = state.providers[p];
    providers[p] = state.rememberKeys ? { baseUrl: s.baseUrl, apiKey: s.apiKey } : { baseUrl: s.baseUrl };
  }
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ rememberKeys: state.rememberKeys, providers }));
    return undefined;
  } catch (err) {
    return `Settings could not be saved on this device (${err instanceof Error ? err.message : String(err)}); they stay in memory.`;
  }
}
