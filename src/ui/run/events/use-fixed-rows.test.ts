import { describe, expect, it } from "vitest";
import { fixedWindow, scrollTopToShow } from "./use-fixed-rows.ts";

const base = { scrollTop: 0, viewport: 360, count: 1000, rowHeight: 36, overscan: 5 };

describe("fixedWindow", () => {
  it("renders the rows in view plus the overscan on each side", () => {
    // Rows 100..109 are in view (3600..3960); 95..114 with the overscan.
    expect(fixedWindow({ ...base, scrollTop: 3600 })).toEqual({ start: 95, end: 115 });
    // Part-visible rows at both edges count: 3610 shows rows 100 (partly) to 110 (partly).
    expect(fixedWindow({ ...base, scrollTop: 3610 })).toEqual({ start: 95, end: 116 });
  });

  it("clamps the overscan at the start and the end of the list", () => {
    expect(fixedWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 15 });
    // At the very end: rows 990..999 in view.
    expect(fixedWindow({ ...base, scrollTop: 1000 * 36 - 360 })).toEqual({ start: 985, end: 1000 });
  });

  it("renders nothing for an empty list", () => {
    expect(fixedWindow({ ...base, count: 0 })).toEqual({ start: 0, end: 0 });
    expect(fixedWindow({ ...base, count: 0, scrollTop: 5000 })).toEqual({ start: 0, end: 0 });
  });

  it("shows the last screenful when scrolled past the end (the list shrank)", () => {
    // 100 rows end at 3600; an offset of 20,000 is clamped to 3240 as the browser will.
    expect(fixedWindow({ ...base, count: 100, scrollTop: 20_000 })).toEqual({ start: 85, end: 100 });
    // A list shorter than the viewport renders whole, wherever the stale offset points.
    expect(fixedWindow({ ...base, count: 4, scrollTop: 20_000 })).toEqual({ start: 0, end: 4 });
  });

  it("renders only the overscan for a viewport of no height", () => {
    expect(fixedWindow({ ...base, viewport: 0, scrollTop: 3600 })).toEqual({ start: 95, end: 105 });
    expect(fixedWindow({ ...base, viewport: 0, overscan: 0, scrollTop: 3600 })).toEqual({
      start: 100,
      end: 100,
    });
  });

  it("renders as many rows of 50,000 as of 1,000", () => {
    expect(fixedWindow({ ...base, count: 50_000, scrollTop: 36 * 25_000 })).toEqual({
      start: 24_995,
      end: 25_015,
    });
  });
});

describe("scrollTopToShow", () => {
  // Viewport 360 px at offset 3600: rows 100..109 fully visible.
  it("leaves a row that is in view alone", () => {
    expect(scrollTopToShow(100, 3600, 360, 36)).toBeUndefined();
    expect(scrollTopToShow(109, 3600, 360, 36)).toBeUndefined();
  });

  it("puts a row above the viewport at its top", () => {
    expect(scrollTopToShow(99, 3600, 360, 36)).toBe(99 * 36);
    expect(scrollTopToShow(0, 3600, 360, 36)).toBe(0);
  });

  it("puts a row below the viewport (or cut by its bottom) at its bottom", () => {
    expect(scrollTopToShow(110, 3600, 360, 36)).toBe(111 * 36 - 360);
    expect(scrollTopToShow(5000, 3600, 360, 36)).toBe(5001 * 36 - 360);
    // Row 109 is cut by 10 px at an offset of 3590.
    expect(scrollTopToShow(109, 3590, 360, 36)).toBe(3600);
  });

  it("shows a row's top when the viewport is shorter than a row", () => {
    expect(scrollTopToShow(10, 0, 20, 36)).toBe(360);
  });
});
