import { describe, expect, it } from "vitest";
import { followAfterScroll } from "./follow.ts";

const base = { contentHeight: 1000, viewportHeight: 200, slack: 18 };

describe("followAfterScroll", () => {
  it("follows at the end, stops when the user scrolls up, resumes at the end", () => {
    expect(followAfterScroll({ ...base, top: 800, lastTop: 500, following: false })).toBe(true);
    expect(followAfterScroll({ ...base, top: 700, lastTop: 800, following: true })).toBe(false);
    expect(followAfterScroll({ ...base, top: 600, lastTop: 500, following: false })).toBe(false);
  });

  it("keeps following when rows arrived after its own scroll to the end", () => {
    // Scrolled to 800 (the end of 1000), but 10 rows more arrived before the scroll event.
    expect(followAfterScroll({ ...base, contentHeight: 1360, top: 800, lastTop: 400, following: true })).toBe(
      true,
    );
  });
});
