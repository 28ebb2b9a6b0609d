import { describe, expect, it } from "vitest";
import { axisTicks, formatAxisTime, formatDuration, niceStep } from "./axis.ts";

describe("axis ticks", () => {
  it("picks 1, 2 or 5 × 10ⁿ steps that fit the requested count", () => {
    expect(niceStep(1000, 10)).toBe(100);
    expect(niceStep(1000, 4)).toBe(500);
    expect(niceStep(5300, 8)).toBe(1000);
    expect(niceStep(3, 5)).toBe(1);
    expect(niceStep(0.9, 5)).toBe(0.2);
    expect(niceStep(0, 5)).toBe(1);
  });

  it("labels multiples of the step inside the range, in ms below a second and s above", () => {
    expect(axisTicks({ start: 0, end: 1000 }, 5).map((t) => t.label)).toEqual([
      "0 ms",
      "200 ms",
      "400 ms",
      "600 ms",
      "800 ms",
      "1000 ms",
    ]);
    expect(axisTicks({ start: 1500, end: 6400 }, 5).map((t) => t.label)).toEqual([
      "2 s",
      "3 s",
      "4 s",
      "5 s",
      "6 s",
    ]);
    expect(axisTicks({ start: 1000, end: 2000 }, 2).map((t) => t.label)).toEqual(["1 s", "1.5 s", "2 s"]);
    expect(axisTicks({ start: 1000, end: 2000 }, 5).map((t) => t.label)).toEqual([
      "1 s",
      "1.2 s",
      "1.4 s",
      "1.6 s",
      "1.8 s",
      "2 s",
    ]);
    expect(axisTicks({ start: 1000, end: 1100 }, 5).map((t) => t.label)[1]).toBe("1020 ms");
  });

  it("keeps labels exact for fractional steps", () => {
    expect(axisTicks({ start: 0.05, end: 0.75 }, 7).map((t) => t.label)).toEqual([
      "0.1 ms",
      "0.2 ms",
      "0.3 ms",
      "0.4 ms",
      "0.5 ms",
      "0.6 ms",
      "0.7 ms",
    ]);
    expect(formatAxisTime(1250, 250, false)).toBe("1250 ms");
    expect(formatAxisTime(1250, 50, true)).toBe("1.25 s");
  });

  it("formats durations for people", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(0.44)).toBe("0.4 ms");
    expect(formatDuration(250.4)).toBe("250 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(12_345)).toBe("12.3 s");
  });
});
