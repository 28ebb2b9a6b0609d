import { describe, expect, it } from "vitest";
import { parseExportArgs, parseRunArgs, parseValidateArgs } from "./args.ts";
import { UsageError } from "./errors.ts";

describe("argument parsing", () => {
  it("reads every run flag", () => {
    expect(
      parseRunArgs([
        "chain.json",
        "--input",
        '{"a":1}',
        "--mode",
        "events",
        "--events-version",
        "v1",
        "--include-names",
        "a,b",
        "--include-names",
        "c",
        "--include-types",
        "chat_model",
        "--include-tags",
        "seq:step:1",
        "--exclude-names",
        "x",
        "--exclude-types",
        "parser",
        "--exclude-tags",
        "t",
        "--allow-code",
        "--code-timeout-ms",
        "500",
      ]),
    ).toEqual({
      file: "chain.json",
      input: { json: '{"a":1}' },
      mode: "events",
      eventsVersion: "v1",
      filters: {
        includeNames: ["a", "b", "c"],
        includeTypes: ["chat_model"],
        includeTags: ["seq:step:1"],
        excludeNames: ["x"],
        excludeTypes: ["parser"],
        excludeTags: ["t"],
      },
      allowCode: true,
      codeTimeoutMs: 500,
    });
  });

  it("has defaults", () => {
    expect(parseRunArgs(["c.json"])).toEqual({
      file: "c.json",
      input: undefined,
      mode: "invoke",
      eventsVersion: "v2",
      filters: {},
      allowCode: false,
      codeTimeoutMs: 30_000,
    });
    expect(parseRunArgs(["c.json", "--input-file", "-"]).input).toEqual({ path: "-" });
    expect(parseValidateArgs(["c.json"])).toEqual({ file: "c.json" });
    expect(parseExportArgs(["c.json", "-o", "out.ts"])).toEqual({ file: "c.json", out: "out.ts" });
  });

  it.each([
    [["run"], "missing the chain file"],
    [["run", "a.json", "b.json"], "expected one chain file, got 2: a.json b.json"],
    [["run", "x.json", "--nope"], "Unknown option '--nope'"],
    [["run", "x.json", "--mode"], "Option '--mode <value>' argument missing"],
    [["run", "x.json", "--mode", "fast"], '--mode must be invoke, stream or events, not "fast"'],
    [["run", "x.json", "--include-names", "a"], "--include-names only apply to --mode events"],
    [["run", "x.json", "--events-version", "v1"], "--events-version only apply to --mode events"],
    [["run", "x.json", "--mode", "events", "--include-types", "llm"], 'unknown run type "llm"'],
    [["run", "x.json", "--mode", "events", "--include-names", "a,,b"], "--include-names has an empty name"],
    [
      ["run", "x.json", "--mode", "events", "--events-version", "v3"],
      '--events-version must be v1 or v2, not "v3"',
    ],
    [["run", "x.json", "--input", "{}", "--input-file", "f"], "either with --input or with --input-file"],
    [["run", "x.json", "--code-timeout-ms", "soon"], "--code-timeout-ms must be a whole number"],
    [["run", "x.json", "--code-timeout-ms", "0"], "--code-timeout-ms must be a whole number"],
    [["validate", "a", "b"], "expected one chain file"],
    [["export-code", "x.json", "--out"], "Option '-o, --out <value>' argument missing"],
  ])("refuses %j", (args, message) => {
    const [command, ...rest] = args as [string, ...string[]];
    const parse = { run: parseRunArgs, validate: parseValidateArgs, "export-code": parseExportArgs }[
      command
    ]!;
    let error: unknown;
    try {
      parse(rest);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(message);
    expect((error as UsageError).command).toBe(command);
  });
});
