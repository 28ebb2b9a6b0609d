import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseExportArgs, parseRunArgs, parseValidateArgs, wantsHelp } from "./args.ts";
import { DocumentError, UsageError } from "./errors.ts";
import { ALL_KEY_VARIABLES } from "./keys.ts";
import { GLOBAL_HELP, HELP } from "./help.ts";
import { LineWriter, makeRedactor } from "./output.ts";

// The commands load the runtime (the graph with zod, the core) only when they run, so `--help`
// answers without paying for it.
const loadModule = () => import("./load.ts");

/**
 * The `sluice` command line (docs/cli.md). `bin/sluice.mjs` registers tsx and calls `cli()`.
 *
 * @example
 * // sluice run examples/joke.json --input '{"topic":"parrots"}' --mode stream
 * process.exitCode = await cli(process.argv.slice(2));
 */
export async function cli(argv: string[]): Promise<number> {
  const env = process.env;
  const redact = makeRedactor(ALL_KEY_VARIABLES.map((v) => env[v] ?? "").filter(Boolean));
  const controller = new AbortController();
  let interrupted = false;
  const stdout = new LineWriter(process.stdout, redact, () => controller.abort());
  const error = (line: string) => {
    process.stderr.write(`${redact(line)}\n`);
  };
  const onSigint = () => {
    if (interrupted) process.exit(130); // a second Ctrl+C does not wait
    interrupted = true;
    controller.abort();
    // A run that ignores the abort (code stuck in a loop) still ends.
    setTimeout(() => process.exit(130), 3000).unref();
  };
  process.on("SIGINT", onSigint);

  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      error(GLOBAL_HELP.trimEnd());
      return 2;
    }
    if (command === "--help" || command === "-h") {
      await stdout.line(GLOBAL_HELP.trimEnd());
      return 0;
    }
    if (command === "--version" || command === "-v") {
      await stdout.line(version());
      return 0;
    }
    if (command === "help") {
      const topic = rest[0];
      if (topic !== undefined && !Object.hasOwn(HELP, topic))
        throw new UsageError(`no help for "${topic}": unknown command`);
      await stdout.line((topic === undefined ? GLOBAL_HELP : HELP[topic]!).trimEnd());
      return 0;
    }
    if (!Object.hasOwn(HELP, command)) {
      throw new UsageError(
        command.startsWith("-") ? `unknown option "${command}"` : `unknown command "${command}"`,
      );
    }
    if (wantsHelp(rest)) {
      await stdout.line(HELP[command]!.trimEnd());
      return 0;
    }
    switch (command) {
      case "run": {
        const args = parseRunArgs(rest);
        const { runCommand } = await import("./run.ts");
        return await runCommand(args, {
          stdout,
          error,
          env,
          signal: controller.signal,
          interrupted: () => interrupted,
        });
      }
      case "validate":
        return await validateCommand(parseValidateArgs(rest).file, stdout, error);
      default:
        return await exportCommand(rest, stdout);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      const hint = err.command ? `sluice ${err.command} --help` : "sluice --help";
      error(`sluice${err.command ? ` ${err.command}` : ""}: ${err.message} (see ${hint})`);
      return 2;
    }
    if (err instanceof DocumentError) {
      for (const line of err.lines) error(line);
      return 2;
    }
    throw err;
  } finally {
    await stdout.flush();
    process.off("SIGINT", onSigint);
  }
}

async function validateCommand(file: string, stdout: LineWriter, error: (line: string) => void) {
  const { lambdaNodes, loadDocument, nodeLabel } = await loadModule();
  const { document, warnings } = await loadDocument(file);
  for (const w of warnings) error(w);
  const name = document.name === undefined ? "" : ` "${document.name}"`;
  const n = document.nodes.length;
  const e = document.edges.length;
  await stdout.line(
    `${file}: ok: chain${name}, ${n} node${n === 1 ? "" : "s"}, ${e} edge${e === 1 ? "" : "s"}`,
  );
  const lambdas = lambdaNodes(document);
  if (lambdas.length > 0) {
    await stdout.line(
      `note: lambda nodes ${lambdas.map(nodeLabel).join(", ")} run code: \`sluice run\` needs --allow-code`,
    );
  }
  return 0;
}

async function exportCommand(args: string[], stdout: LineWriter) {
  const { file, out } = parseExportArgs(args);
  const { describeFsError, loadDocument } = await loadModule();
  const { exportCode } = await import("../graph/index.ts");
  const { document } = await loadDocument(file);
  const program = exportCode(document);
  if (out === undefined) {
    await stdout.line(program.trimEnd());
    return 0;
  }
  try {
    await writeFile(out, program);
  } catch (err) {
    throw new UsageError(`--out ${out}: cannot write the file (${describeFsError(err)})`, "export-code");
  }
  process.stderr.write(`sluice: wrote ${out}\n`);
  return 0;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version?: string;
  };
  return `sluice ${pkg.version ?? "unknown"}`;
}
