import { diffWordsWithSpace } from "diff";

/** A piece of one side of a comparison; `changed` marks text the other side does not have. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

export interface SideBySide {
  left: DiffPart[];
  right: DiffPart[];
  same: boolean;
  /** The texts differ too much to mark word by word in reasonable time: shown whole. */
  tooDifferent: boolean;
}

/** Beyond this many edits the word diff gives up (it is quadratic in the worst case). */
const MAX_EDITS = 4000;

/**
 * Two texts side by side with the words that differ marked on each side (the `diff` library's
 * word diff, whitespace kept so the text reads as it was).
 */
export function sideBySide(left: string, right: string): SideBySide {
  if (left === right) {
    const whole = [{ text: left, changed: false }];
    return { left: whole, right: whole, same: true, tooDifferent: false };
  }
  const changes = diffWordsWithSpace(left, right, { maxEditLength: MAX_EDITS });
  if (!changes) {
    return {
      left: [{ text: left, changed: true }],
      right: [{ text: right, changed: true }],
      same: false,
      tooDifferent: true,
    };
  }
  const out: SideBySide = { left: [], right: [], same: false, tooDifferent: false };
  for (const c of changes) {
    if (!c.added) out.left.push({ text: c.value, changed: c.removed });
    if (!c.removed) out.right.push({ text: c.value, changed: c.added });
  }
  return out;
}
