import { describe, expect, it } from "vitest";
import { cliFixtures } from "./cli.test-helpers.ts";
import { runCli } from "./testing.ts";

// `sluice --help`, each command's help, and bad arguments (exit code 2).
// Every test spawns the real CLI (`node bin/sluice.mjs`), so they run concurrently.
const { tmp, joke } = cliFixtures();

describe.concurrent("sluice CLI", { timeout: 120_000 }, () => {
  describe("help", () => {
    it("prints the global help with every command", async () => {
      const r = await runCli(["--help"]);
      expect(r.code).toBe(0);
      for (const word of [
        "run <chain.json>",
        "validate <chain.json>",
        "export-code <chain.json>",
        "Exit codes",
      ]) {
        expect(r.stdout).toContain(word);
      }
      const none = await runCli([]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("Usage: sluice <command>");
    });

    it("prints each command's help, with every flag of run", async () => {
      const [run, helpRun, validate, exportCode, version] = await Promise.all([
        runCli(["run", "--help"]),
        runCli(["help", "run"]),
        runCli(["validate", "-h"]),
        runCli(["export-code", "--help"]),
        runCli(["--version"]),
      ]);
      expect(run.code).toBe(0);
      expect(helpRun.stdout).toBe(run.stdout);
      const flags = [
        "--input",
        "--input-file",
        "--mode",
        "--events-version",
        "--include-names",
        "--include-types",
      ];
      flags.push("--include-tags", "--exclude-names", "--exclude-types", "--exclude-tags", "--allow-code");
      flags.push("--code-timeout-ms", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY");
      for (const flag of flags) expect(run.stdout).toContain(flag);
      expect(validate.stdout).toContain("Usage: sluice validate");
      expect(exportCode.stdout).toContain("--out");
      expect(version.stdout).toMatch(/^sluice \d+\.\d+\.\d+/);
    });
  });

  describe("bad arguments exit 2", () => {
    // Every message of the argument parser is tested in args.test.ts; these prove the exit code.
    it.each([
      [["constructor"], 'unknown command "constructor"'],
      [["run"], "missing the chain file"],
      [["run", "x.json", "--nope"], "Unknown option '--nope'"],
      [["run", "x.json", "--include-names", "a"], "--include-names only apply to --mode events"],
    ])("sluice %j", async (args, message) => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toMatch(/\(see sluice (run )?--help\)\n$/);
      expect(r.stdout).toBe("");
    });

    it("refuses input that is not JSON, and a missing file", async () => {
      const [notJson, missing, missingInput] = await Promise.all([
        runCli(["run", joke, "--input", "parrots"]),
        runCli(["run", tmp.path("nothing.json")]),
        runCli(["run", joke, "--input-file", tmp.path("none.json")]),
      ]);
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toContain("--input is not valid JSON");
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("nothing.json: cannot read the file (no such file)");
      expect(missingInput.code).toBe(2);
      expect(missingInput.stderr).toContain("cannot read the file (no such file)");
    });
  });
});
