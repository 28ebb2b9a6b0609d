import { describe, expect, it } from "vitest";
import { rowWindow, scrollToRow } from "./virtual-window.ts";

describe("row windowing", () => {
  it("renders only the rows in view plus an overscan, for hundreds of runs", () => {
    expect(rowWindow(0, 220, 22, 200, 2)).toEqual({ first: 0, last: 12 });
    expect(rowWindow(2200, 220, 22, 200, 2)).toEqual({ first: 98, last: 112 });
    expect(rowWindow(4300, 220, 22, 200, 2)).toEqual({ first: 193, last: 200 });
  });

  it("scrolls just enough to show a row, or not at all when it is visible", () => {
    expect(scrollToRow(5, 0, 220, 22)).toBeUndefined();
    expect(scrollToRow(20, 0, 220, 22)).toBe(20 * 22 + 22 - 220);
    expect(scrollToRow(2, 200, 220, 22)).toBe(44);
  });
});
