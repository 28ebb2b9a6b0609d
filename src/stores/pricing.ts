import type { UsageMetadata } from "../core/index.ts";

/** US dollars per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** The user's edits: a price per model name; `null` hides a default row the user removed. */
export type PriceOverrides = Record<string, ModelPrice | null>;

/** When the default prices were copied from the providers' price pages: they are estimates. */
export const PRICES_AS_OF = "August 2025";

/**
 * List prices of common models (standard tier, text, no caching or batch discounts), keyed by the
 * model name a node uses. Estimates: providers change them, so the user's edits always win.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  "o4-mini": { input: 1.1, output: 4.4 },
  "claude-opus-4-1": { input: 15, output: 75 },
  "claude-opus-4": { input: 15, output: 75 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "gemini-2.5-pro": { input: 1.25, output: 10 },
  "gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
  "gemini-2.0-flash": { input: 0.1, output: 0.4 },
};

/** The table the user sees and edits: defaults, then the user's rows (an edit replaces a default). */
export function effectivePrices(overrides: PriceOverrides): Record<string, ModelPrice> {
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICES };
  for (const [model, price] of Object.entries(overrides)) {
    if (price === null) delete table[model];
    else table[model] = price;
  }
  return table;
}

// Providers append a release date or alias to a model's family name: claude-sonnet-4-20250514,
// gpt-4o-2024-08-06, claude-3-5-haiku-latest, gemini-2.0-flash-001. Anything else (gpt-4o-audio)
// is a different model with a different price, so it gets no price rather than a wrong one.
const VERSION_SUFFIX = /^-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest|\d{3})$/;

/**
 * The price of a model by name: an exact row first, then the row whose name is the model's name
 * without a date or version suffix. Names are compared without case and without a `models/` prefix
 * (Gemini's form).
 */
export function findPrice(
  model: string | undefined,
  table: Readonly<Record<string, ModelPrice>>,
): { model: string; price: ModelPrice } | undefined {
  if (!model) return undefined;
  const wanted = normalise(model);
  const rows = Object.entries(table).map(([name, price]) => [normalise(name), name, price] as const);
  const exact = rows.find(([key]) => key === wanted);
  if (exact) return { model: exact[1], price: exact[2] };
  const family = rows.find(
    ([key]) => wanted.startsWith(key) && VERSION_SUFFIX.test(wanted.slice(key.length)),
  );
  return family && { model: family[1], price: family[2] };
}

function normalise(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^models\//, "");
}

/** Dollars for the tokens used at a price. */
export function costOf(usage: UsageMetadata, price: ModelPrice): number {
  return (usage.input_tokens * price.input + usage.output_tokens * price.output) / 1_000_000;
}

/** Adds usages up; `undefined` when there is none to add. */
export function sumUsage(usages: readonly (UsageMetadata | undefined)[]): UsageMetadata | undefined {
  let total: UsageMetadata | undefined;
  for (const u of usages) {
    if (!u) continue;
    total = {
      input_tokens: (total?.input_tokens ?? 0) + u.input_tokens,
      output_tokens: (total?.output_tokens ?? 0) + u.output_tokens,
      total_tokens: (total?.total_tokens ?? 0) + u.total_tokens,
    };
  }
  return total;
}

/**
 * Dollars as a person reads them: cents for a dollar or more, four decimals above a cent, and two
 * significant digits below, so a tiny run never reads "$0.00".
 */
export function formatCost(dollars: number): string {
  if (dollars === 0) return "$0";
  if (dollars >= 1) return `$${dollars.toFixed(2)}`;
  if (dollars >= 0.01) return `$${dollars.toFixed(4)}`;
  const decimals = Math.min(12, 1 - Math.floor(Math.log10(dollars)));
  return `$${dollars.toFixed(decimals)}`;
}

/** A price as typed by a person: a finite, non-negative number, or undefined. */
export function parsePrice(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
