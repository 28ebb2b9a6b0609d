import { act, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useStickToBottom } from "./use-stick-to-bottom.ts";

function Box({ onFollowingChange }: { onFollowingChange: (following: boolean) => void }) {
  const { ref } = useStickToBottom<HTMLDivElement>(onFollowingChange);
  return <div ref={ref} data-testid="box" />;
}

/** jsdom has no layout: give the box a height, a content height and a clamped scrollTop. */
function sized(box: HTMLElement, content: { height: number }, clientHeight = 100) {
  let top = 0;
  Object.defineProperty(box, "clientHeight", { get: () => clientHeight });
  Object.defineProperty(box, "scrollHeight", { get: () => content.height });
  Object.defineProperty(box, "scrollTop", {
    get: () => top,
    set: (v: number) => {
      top = Math.max(0, Math.min(v, content.height - clientHeight));
    },
  });
}

describe("useStickToBottom", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const changes: boolean[] = [];
    const { getByTestId } = render(<Box onFollowingChange={(f) => changes.push(f)} />);
    const box = getByTestId("box");
    const content = { height: 1000 };
    sized(box, content);
    return { box, content, changes };
  }

  it("follows by layout: the box is marked and never scrolled while the content grows", () => {
    const { box, content, changes } = setup();
    expect(box.hasAttribute("data-following")).toBe(true);
    content.height = 5000;
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(box.scrollTop).toBe(0);
    expect(changes).toEqual([]);
  });

  it("a wheel up turns it into a scroll box at its bottom and scrolls it by the notch", () => {
    const { box, changes } = setup();
    const notch = fireEvent.wheel(box, { deltaY: -120 });
    expect(notch).toBe(false); // prevented: the hook scrolled it
    expect(box.hasAttribute("data-following")).toBe(false);
    expect(box.scrollTop).toBe(900 - 120);
    expect(changes).toEqual([false]);
    // The rest of the gesture is the hook's too; lines count as 16 px.
    fireEvent.wheel(box, { deltaY: -2, deltaMode: 1 });
    expect(box.scrollTop).toBe(900 - 120 - 32);
    // Later, the browser scrolls on its own.
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(fireEvent.wheel(box, { deltaY: -120 })).toBe(true);
  });

  it("follows again once the user reaches the bottom the box had when they moved, though it grew since", () => {
    const { box, content, changes } = setup();
    fireEvent.keyDown(box, { key: "PageUp" });
    expect(changes).toEqual([false]);
    box.scrollTop = 400;
    fireEvent.keyDown(box, { key: "End" });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(changes).toEqual([false]); // not at the bottom yet

    fireEvent.keyDown(box, { key: "End" });
    box.scrollTop = 900; // the key's scroll lands at the bottom
    content.height = 1300; // and the stream grows before the hook looks
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(changes).toEqual([false, true]);
    expect(box.hasAttribute("data-following")).toBe(true);
  });

  it("holds still while a pointer is down, and looks for the bottom once it is released", () => {
    const { box, changes } = setup();
    fireEvent.pointerDown(box);
    expect(changes).toEqual([false]);
    expect(box.scrollTop).toBe(900);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(changes).toEqual([false]);
    fireEvent.pointerUp(window);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(changes).toEqual([false, true]);
  });
});
