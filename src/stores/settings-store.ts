import { createStore } from "zustand/vanilla";
import { type ModelPrice, type PriceOverrides, DEFAULT_PRICES } from "./pricing.ts";

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
  /** The user's price rows (per model name), over the default estimates; see pricing.ts. */
  prices: PriceOverrides;
  setProvider(provider: RemoteProvider, patch: Partial<ProviderSettings>): void;
  setRememberKeys(remember: boolean): void;
  /** Adds or edits a model's price; it overrides the default estimate of the same name. */
  setPrice(model: string, price: ModelPrice): void;
  /** Removes the user's row: a default comes back as it was, a custom model disappears. */
  resetPrice(model: string): void;
  /** Hides a default row the user has no use for. */
  hidePrice(model: string): void;
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
 * Provider settings and model prices. Prices and base URLs are always remembered; keys only with `rememberKeys`, and then in the
 * given KeyStorage (localStorage), never in IndexedDB where chains live, so exports and lambda
 * sandboxes cannot reach them.
 */
export function createSettingsStore(storage: KeyStorage | undefined) {
  const saved = load(storage);
  const store = createStore<SettingsState>()((set, get) => ({
    providers: saved.providers,
    rememberKeys: saved.rememberKeys,
    storageError: undefined,
    prices: saved.prices,
    setProvider(provider, patch) {
      set({ providers: { ...get().providers, [provider]: { ...get().providers[provider], ...patch } } });
    },
    setRememberKeys(rememberKeys) {
      set({ rememberKeys });
    },
    setPrice(model, price) {
      const name = model.trim();
      if (name) set({ prices: { ...get().prices, [name]: { input: price.input, output: price.output } } });
    },
    resetPrice(model) {
      const { [model]: _removed, ...rest } = get().prices;
      set({ prices: rest });
    },
    hidePrice(model) {
      if (model in DEFAULT_PRICES) set({ prices: { ...get().prices, [model]: null } });
      else get().resetPrice(model);
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
  prices: PriceOverrides;
} {
  const providers = emptyProviders();
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return { providers, rememberKeys: false, prices: {} };
    const parsed = JSON.parse(raw) as {
      rememberKeys?: unknown;
      providers?: Record<string, Partial<ProviderSettings>>;
      prices?: unknown;
    };
    for (const p of REMOTE_PROVIDERS) {
      const s = parsed.providers?.[p];
      if (typeof s?.baseUrl === "string") providers[p].baseUrl = s.baseUrl;
      if (parsed.rememberKeys === true && typeof s?.apiKey === "string") providers[p].apiKey = s.apiKey;
    }
    return { providers, rememberKeys: parsed.rememberKeys === true, prices: loadPrices(parsed.prices) };
  } catch {
    return { providers, rememberKeys: false, prices: {} };
  }
}

/** Keeps only well-formed rows: a hand-edited or older entry must not break the app. */
function loadPrices(raw: unknown): PriceOverrides {
  const prices: PriceOverrides = {};
  if (typeof raw !== "object" || raw === null) return prices;
  for (const [model, value] of Object.entries(raw)) {
    if (value === null) prices[model] = null;
    else if (isPrice(value)) prices[model] = { input: value.input, output: value.output };
  }
  return prices;
}

function isPrice(value: unknown): value is ModelPrice {
  const v = value as Partial<ModelPrice> | undefined;
  return (
    typeof v === "object" &&
    [v.input, v.output].every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0)
  );
}

function save(storage: KeyStorage | undefined, state: SettingsState): string | undefined {
  if (!storage) return undefined;
  const providers: Record<string, Partial<ProviderSettings>> = {};
  for (const p of REMOTE_PROVIDERS) {
    const s = state.providers[p];
    providers[p] = state.rememberKeys ? { baseUrl: s.baseUrl, apiKey: s.apiKey } : { baseUrl: s.baseUrl };
  }
  try {
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({ rememberKeys: state.rememberKeys, providers, prices: state.prices }),
    );
    return undefined;
  } catch (err) {
    return `Settings could not be saved on this device (${err instanceof Error ? err.message : String(err)}); they stay in memory.`;
  }
}
