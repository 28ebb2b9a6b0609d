/** What must hold after any fuzzed input: no polluted prototype, and a clear error or a correct result. */
import { expect } from "vitest";
import { ScriptedChatModel } from "../core/index.ts";
import { CompileError, compileDocument } from "./compile.ts";
import { testCodeRunner } from "./fixtures/test-code-runner.ts";
import type { Json } from "./fuzz-mutations.test-helpers.ts";
import { type ImportResult, exportDocument, importDocument, validateDocument } from "./io.ts";
import { chainDocumentSchema } from "./schema.ts";

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const pristine = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(","));

export function expectNoPollution(): void {
  expect(({} as Json).polluted).toBeUndefined();
  expect(({} as Json).isAdmin).toBeUndefined();
  expect(([] as unknown as Json).polluted).toBeUndefined();
  PROTOTYPES.forEach((p, i) => expect(Object.getOwnPropertyNames(p).sort().join(",")).toBe(pristine[i]));
}

const compileContext = () => ({
  codeRunner: testCodeRunner(),
  createChatModel: () => new ScriptedChatModel({ responses: ["from a provider"] }),
});

/**
 * What must hold for any input: a clear error, or a document that is valid and round-trips. The
 * time limit catches a hang or a quadratic blow-up, with room for a loaded machine.
 */
export function checkDocument(input: unknown, { roundTrip = true } = {}): ImportResult {
  const started = performance.now();
  const r = importDocument(input);
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(typeof p.path).toBe("string");
      expect(p.message.startsWith(p.path), p.message).toBe(true);
      expect(p.message.length).toBeLessThan(2000);
      expect(p.severity).toBe("error");
    }
    expect(validateDocument(input)).toEqual(r.problems);
  } else {
    expect(chainDocumentSchema.safeParse(r.document).success).toBe(true);
    const errors = r.warnings.filter((p) => p.severity === "error");
    if (roundTrip) {
      const text = exportDocument(r.document);
      const again = importDocument(text);
      expect(again.ok).toBe(true);
      if (again.ok) expect(exportDocument(again.document)).toBe(text);
      expect(validateDocument(input)).toEqual(errors);
    }
    for (const p of r.warnings) expect(p.message.length).toBeGreaterThan(0);
    try {
      compileDocument(r.document, compileContext());
      expect(errors).toEqual([]);
    } catch (err) {
      // The only way compilation may fail: a CompileError listing the problems.
      expect(err).toBeInstanceOf(CompileError);
      expect((err as CompileError).problems.length).toBeGreaterThan(0);
    }
  }
  expect(performance.now() - started).toBeLessThan(15_000);
  return r;
}
