import { describe, expect, it } from "vitest";
import { createRunViewStore } from "./run-view-store.ts";

describe("run view store", () => {
  it("selecting an event highlights its node; reset clears both but keeps the boundary toggle", () => {
    const view = createRunViewStore();
    view.getState().setShowBoundaries(true);
    view.getState().selectEvent(3, "model-1");
    expect(view.getState()).toMatchObject({ selectedEvent: 3, highlightedNode: "model-1" });
    view.getState().reset();
    expect(view.getState()).toMatchObject({
      selectedEvent: undefined,
      highlightedNode: undefined,
      showBoundaries: true,
    });
  });
});
