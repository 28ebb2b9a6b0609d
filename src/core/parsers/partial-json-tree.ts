/**
 * The live value behind IncrementalJsonParser, handed out as immutable snapshots, plus exact
 * "did the value change?" tracking.
 *
 * The parser writes only the open containers (the stack), in place; they stay private. A snapshot
 * copies the open path (root to innermost, each copy linked to the next) and shares everything
 * closed, so it costs O(total width of the open containers). That is the floor for plain arrays:
 * each emitted snapshot of a growing array is a distinct array of its current length. Closed
 * containers never change again; they are frozen when they close, which guards the shared parts.
 */
import { setOwn } from "../plain-json.ts";

type JsonObject = Record<string, unknown>;

interface Frame {
  container: unknown[] | JsonObject;
  isArray: boolean;
  /** Objects: the key whose value is being parsed (arrays write their last element). */
  key: string;
  /** The current key's value replaced an earlier one during this push (a duplicate key). */
  dup: boolean;
}

/** A duplicate key replaced `before`; whether that changed anything is decided at the end of the push. */
interface DupCheck {
  frame: Frame;
  key: string;
  before: unknown;
}

export class SnapshotTree {
  private root: unknown = undefined;
  private rootSet = false;
  private readonly stack: Frame[] = [];
  /** The last snapshot, and whether anything was written since. */
  private published: unknown = undefined;
  private dirty = false;
  private changed = false;
  /** Frames whose current value is a duplicate key's: changes below them are judged by `checks`. */
  private suppress = 0;
  private checks: DupCheck[] = [];

  constructor(private readonly freeze: boolean) {}

  /** Whether a top-level value has started (a top-level `null` counts; the parser hides it). */
  get hasRoot(): boolean {
    return this.rootSet;
  }

  /** Whether there is a value other than a top-level null (LangChain cannot tell that from failure). */
  get hasValue(): boolean {
    return this.rootSet && this.root !== null;
  }

  /** The innermost open container, if any. */
  get top(): { readonly isArray: boolean } | undefined {
    return this.stack.at(-1);
  }

  /** Adds a value where the next one goes: the root, a new array element, or the pending key. */
  attach(value: unknown): void {
    this.dirty = true;
    const frame = this.stack.at(-1);
    if (!frame) {
      this.root = value;
      this.rootSet = true;
      this.mark();
      return;
    }
    const c = frame.container;
    if (Array.isArray(c)) {
      c.push(value);
      this.mark();
    } else if (Object.hasOwn(c, frame.key)) {
      // A duplicate key: the old value is replaced, which may or may not change anything.
      if (this.suppress === 0 && !this.checks.some((d) => d.frame === frame && d.key === frame.key))
        this.checks.push({ frame, key: frame.key, before: c[frame.key] });
      frame.dup = true;
      this.suppress++;
      setOwn(c, frame.key, value);
    } else {
      setOwn(c, frame.key, value);
      this.mark();
    }
  }

  /** Attaches a new empty container and makes it the innermost open one. */
  open(isArray: boolean): void {
    const container = isArray ? [] : {};
    this.attach(container);
    this.stack.push({ container, isArray, key: "", dup: false });
  }

  /** Closes the innermost container: it never changes again, so it is frozen and shared from now on. */
  close(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    this.endValue(frame);
    if (this.freeze) Object.freeze(frame.container);
    this.dirty = true; // the last snapshot holds a copy of it, not the final container
  }

  /** The innermost object's next key (its value is attached when it starts). */
  setKey(key: string): void {
    const frame = this.stack.at(-1);
    if (!frame) return;
    this.endValue(frame);
    frame.key = key;
  }

  /** Replaces the value being parsed (a growing string or number) with a different one. */
  update(value: unknown): void {
    const frame = this.stack.at(-1);
    if (!frame) this.root = value;
    else if (Array.isArray(frame.container)) frame.container[frame.container.length - 1] = value;
    else setOwn(frame.container, frame.key, value);
    this.dirty = true;
    this.mark();
  }

  /** The current value as a snapshot that later writes do not change. */
  snapshot(): unknown {
    if (!this.dirty) return this.published;
    // Copy the open containers innermost first, so each copy can point at its child's copy.
    let child: unknown = this.root;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i];
      if (!frame) break;
      const c = frame.container;
      let copy: unknown[] | JsonObject;
      if (Array.isArray(c)) {
        copy = c.slice();
        if (i + 1 < this.stack.length) copy[copy.length - 1] = child;
      } else {
        copy = { ...c };
        if (i + 1 < this.stack.length) setOwn(copy, frame.key, child);
      }
      child = this.freeze ? Object.freeze(copy) : copy;
    }
    this.published = child;
    this.dirty = false;
    return child;
  }

  /** Whether the value differs deeply from the one at the last call; starts a new comparison. */
  takeChange(): boolean {
    let changed = this.changed;
    for (const d of this.checks) {
      if (changed) break;
      changed = !deepEqual(d.before, (d.frame.container as JsonObject)[d.key]);
    }
    this.changed = false;
    this.checks = [];
    if (this.suppress > 0) for (const frame of this.stack) this.endValue(frame);
    return changed;
  }

  private mark(): void {
    if (this.suppress === 0) this.changed = true;
  }

  private endValue(frame: Frame): void {
    if (!frame.dup) return;
    frame.dup = false;
    this.suppress--;
  }
}

/** Deep equality of JSON values, as LangChain's deepCompareStrict (=== for primitives, key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.hasOwn(b, k) && deepEqual((a as JsonObject)[k], (b as JsonObject)[k]));
}
