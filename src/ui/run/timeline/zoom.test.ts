import { describe, expect, it } from "vitest";
import {
  MIN_SPAN,
  ZOOM_STEP,
  clampRange,
  coversAll,
  fitRange,
  panBy,
  reveal,
  timeToX,
  wheelZoomFactor,
  xToTime,
  zoomAt,
} from "./zoom.ts";

const all = { start: 0, end: 1000 };

describe("zoom maths", () => {
  it("fits the whole run, never narrower than a millisecond", () => {
    expect(fitRange(5300)).toEqual({ start: 0, end: 5300 });
    expect(fitRange(0)).toEqual({ start: 0, end: 1 });
  });

  it("zooms around the anchor: the anchor keeps its place on screen", () => {
    const range = { start: 200, end: 600 };
    const anchor = 300;
    const next = zoomAt(range, 0.5, anchor, all);
    expect(next.end - next.start).toBeCloseTo(200);
    expect(timeToX(anchor, next, 800)).toBeCloseTo(timeToX(anchor, range, 800));
  });

  it("stops at the narrowest span and at the whole run", () => {
    const tiny = zoomAt({ start: 10, end: 11 }, 0.001, 10.5, all);
    expect(tiny.end - tiny.start).toBeCloseTo(MIN_SPAN);
    expect(zoomAt({ start: 100, end: 900 }, ZOOM_STEP * 4, 500, all)).toEqual(all);
  });

  it("keeps a zoomed-out range inside the run instead of showing time before 0", () => {
    const next = zoomAt({ start: 0, end: 400 }, 2, 0, all);
    expect(next).toEqual({ start: 0, end: 800 });
    const atEnd = zoomAt({ start: 700, end: 1000 }, 2, 1000, all);
    expect(atEnd).toEqual({ start: 400, end: 1000 });
  });

  it("pans by a time delta and stops at the run's edges", () => {
    expect(panBy({ start: 100, end: 300 }, 50, all)).toEqual({ start: 150, end: 350 });
    expect(panBy({ start: 100, end: 300 }, -500, all)).toEqual({ start: 0, end: 200 });
    expect(panBy({ start: 700, end: 900 }, 500, all)).toEqual({ start: 800, end: 1000 });
  });

  it("clamps, tells when a range shows everything, and reveals a time out of view", () => {
    expect(clampRange({ start: -100, end: 2000 }, all)).toEqual(all);
    expect(coversAll(all, all)).toBe(true);
    expect(coversAll({ start: 0, end: 999 }, all)).toBe(false);
    const range = { start: 0, end: 100 };
    expect(reveal(range, 50, all)).toBe(range);
    expect(reveal(range, 500, all)).toEqual({ start: 450, end: 550 });
  });

  it("maps between time and pixels both ways", () => {
    const range = { start: 100, end: 300 };
    expect(timeToX(200, range, 400)).toBe(200);
    expect(xToTime(timeToX(250, range, 400), range, 400)).toBeCloseTo(250);
  });

  it("zooms in on wheel up and out on wheel down, at most one step per event", () => {
    expect(wheelZoomFactor(-100)).toBeLessThan(1);
    expect(wheelZoomFactor(100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(10_000)).toBeCloseTo(ZOOM_STEP);
    expect(wheelZoomFactor(0)).toBe(1);
  });
});
