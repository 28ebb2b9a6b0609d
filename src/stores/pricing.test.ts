import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRICES,
  costOf,
  effectivePrices,
  findPrice,
  formatCost,
  parsePrice,
  sumUsage,
} from "./pricing.ts";

const usage = (input: number, output: number) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
});

describe("pricing", () => {
  it("costs input and output tokens at their own price per million", () => {
    expect(costOf(usage(1_000_000, 0), { input: 3, output: 15 })).toBe(3);
    expect(costOf(usage(0, 2_000_000), { input: 3, output: 15 })).toBe(30);
    expect(costOf(usage(1200, 300), { input: 2.5, output: 10 })).toBeCloseTo(0.006, 10);
  });

  it("finds a model by exact name, then by its family without a date or version suffix", () => {
    const table = { "gpt-4o": { input: 2.5, output: 10 }, "gpt-4o-mini": { input: 0.15, output: 0.6 } };
    expect(findPrice("gpt-4o-mini", table)?.model).toBe("gpt-4o-mini");
    expect(findPrice("gpt-4o-2024-08-06", table)?.model).toBe("gpt-4o");
    expect(findPrice("gpt-4o-mini-2024-07-18", table)?.model).toBe("gpt-4o-mini");
    expect(findPrice("GPT-4o", table)?.model).toBe("gpt-4o");
    // A different model of the same family has a different price: none beats a wrong one.
    expect(findPrice("gpt-4o-audio-preview", table)).toBeUndefined();
    expect(findPrice("scripted", table)).toBeUndefined();
    expect(findPrice(undefined, table)).toBeUndefined();
  });

  it("knows the dated names providers report for the defaults", () => {
    expect(findPrice("claude-sonnet-4-20250514", DEFAULT_PRICES)?.model).toBe("claude-sonnet-4");
    expect(findPrice("claude-3-5-haiku-latest", DEFAULT_PRICES)?.model).toBe("claude-3-5-haiku");
    expect(findPrice("models/gemini-2.5-flash", DEFAULT_PRICES)?.model).toBe("gemini-2.5-flash");
    expect(findPrice("gemini-2.0-flash-001", DEFAULT_PRICES)?.model).toBe("gemini-2.0-flash");
  });

  it("lets the user's rows override, add and hide defaults", () => {
    const table = effectivePrices({
      "gpt-4o": { input: 1, output: 2 },
      scripted: { input: 5, output: 7 },
      "gpt-4o-mini": null,
    });
    expect(table["gpt-4o"]).toEqual({ input: 1, output: 2 });
    expect(table.scripted).toEqual({ input: 5, output: 7 });
    expect(table["gpt-4o-mini"]).toBeUndefined();
    expect(table["claude-sonnet-4"]).toEqual(DEFAULT_PRICES["claude-sonnet-4"]);
  });

  it("sums usages, skipping nodes that reported none", () => {
    expect(sumUsage([usage(10, 5), undefined, usage(1, 2)])).toEqual(usage(11, 7));
    expect(sumUsage([undefined])).toBeUndefined();
  });

  it("formats dollars so a tiny cost never reads as zero", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(12.345)).toBe("$12.35");
    expect(formatCost(0.0123456)).toBe("$0.0123");
    expect(formatCost(0.00042)).toBe("$0.00042");
    expect(formatCost(0.000001234)).toBe("$0.0000012");
  });

  it("reads typed prices, refusing negatives and junk", () => {
    expect(parsePrice("2.5")).toBe(2.5);
    expect(parsePrice("0")).toBe(0);
    expect(parsePrice("")).toBeUndefined();
    expect(parsePrice("-1")).toBeUndefined();
    expect(parsePrice("abc")).toBeUndefined();
  });
});
