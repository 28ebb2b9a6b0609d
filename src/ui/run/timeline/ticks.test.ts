import { describe, expect, it } from "vitest";
import { lowerBound, nearestTick, tickPath } from "./ticks.ts";

const segments = (d: string) => d.split("M").filter(Boolean);

describe("tick path", () => {
  it("draws one vertical segment per tick at its x", () => {
    expect(tickPath([0, 50, 100], { start: 0, end: 100 }, 100, 2, 10)).toBe("M0.5 2V10M50.5 2V10M100.5 2V10");
  });

  it("draws ticks sharing a pixel column once, so thousands of ticks stay within the row's width", () => {
    const ticks = Array.from({ length: 10_000 }, (_, i) => i / 10); // 0 .. 999.9 ms
    const d = tickPath(ticks, { start: 0, end: 1000 }, 200, 0, 10);
    expect(segments(d).length).toBeLessThanOrEqual(201);
    expect(segments(d).length).toBeGreaterThan(190);
  });

  it("draws only the ticks inside the visible range", () => {
    const d = tickPath([10, 20, 30, 40, 50], { start: 25, end: 45 }, 20, 0, 1);
    expect(segments(d)).toEqual(["5.5 0V1", "15.5 0V1"]);
  });
});

describe("tick hit testing", () => {
  it("finds the nearest tick within the tolerance, else none", () => {
    const ticks = [10, 20, 30];
    expect(nearestTick(ticks, 19, 2)).toBe(1);
    expect(nearestTick(ticks, 24, 5)).toBe(1);
    expect(nearestTick(ticks, 26, 5)).toBe(2);
    expect(nearestTick(ticks, 25, 2)).toBeUndefined();
    expect(nearestTick(ticks, 40, 20)).toBe(2);
    expect(nearestTick([], 0, 100)).toBeUndefined();
  });

  it("binary-searches the first time at or after t", () => {
    expect(lowerBound([1, 2, 2, 3], 2)).toBe(1);
    expect(lowerBound([1, 2, 3], 0)).toBe(0);
    expect(lowerBound([1, 2, 3], 4)).toBe(3);
  });
});
