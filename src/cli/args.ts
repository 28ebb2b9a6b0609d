import { parseArgs } from "node:util";
import { type EventFilters, type EventsVersion, RUN_TYPES } from "../core/index.ts";
import { UsageError } from "./errors.ts";

/** How long one lambda call may run its own code unless `--code-timeout-ms` says otherwise. */
export const DEFAULT_CODE_TIMEOUT_MS = 30_000;

export type RunMode = "invoke" | "stream" | "events";

export interface RunArgs {
  file: string;
  /** Inline JSON (`--input`), or a path to read it from (`--input-file`, `-` for stdin). */
  input: { json: string } | { path: string } | undefined;
  mode: RunMode;
  eventsVersion: EventsVersion;
  filters: EventFilters;
  allowCode: boolean;
  codeTimeoutMs: number;
}

export interface ExportArgs {
  file: string;
  out: string | undefined;
}

const FILTER_FLAGS = {
  "include-names": "includeNames",
  "include-types": "includeTypes",
  "include-tags": "includeTags",
  "exclude-names": "excludeNames",
  "exclude-types": "excludeTypes",
  "exclude-tags": "excludeTags",
} as const;

/** `true` when the arguments ask for help (`-h`/`--help` anywhere). */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

export function parseRunArgs(args: string[]): RunArgs {
  const { values, positionals } = parse("run", args, {
    input: { type: "string" },
    "input-file": { type: "string" },
    mode: { type: "string" },
    "events-version": { type: "string" },
    "include-names": { type: "string", multiple: true },
    "include-types": { type: "string", multiple: true },
    "include-tags": { type: "string", multiple: true },
    "exclude-names": { type: "string", multiple: true },
    "exclude-types": { type: "string", multiple: true },
    "exclude-tags": { type: "string", multiple: true },
    "allow-code": { type: "boolean" },
    "code-timeout-ms": { type: "string" },
  });
  const file = onePositional("run", positionals);
  const str = (key: string) => values[key] as string | undefined;
  if (str("input") !== undefined && str("input-file") !== undefined) {
    throw new UsageError("give the input either with --input or with --input-file, not both", "run");
  }
  const inputJson = str("input");
  const inputPath = str("input-file");
  const mode = str("mode") ?? "invoke";
  if (mode !== "invoke" && mode !== "stream" && mode !== "events") {
    throw new UsageError(`--mode must be invoke, stream or events, not "${mode}"`, "run");
  }
  const version = str("events-version");
  if (version !== undefined && version !== "v1" && version !== "v2") {
    throw new UsageError(`--events-version must be v1 or v2, not "${version}"`, "run");
  }
  const filters: EventFilters = {};
  for (const [flag, key] of Object.entries(FILTER_FLAGS)) {
    const raw = values[flag] as string[] | undefined;
    if (raw === undefined) continue;
    const list = raw.flatMap((v) => v.split(",")).map((v) => v.trim());
    if (list.some((v) => v === "")) throw new UsageError(`--${flag} has an empty name in its list`, "run");
    if (flag.endsWith("-types")) {
      const unknown = list.filter((t) => !(RUN_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0) {
        throw new UsageError(
          `--${flag}: unknown run type ${unknown.map((t) => `"${t}"`).join(", ")} (types: ${RUN_TYPES.join(", ")})`,
          "run",
        );
      }
    }
    filters[key] = list;
  }
  if (mode !== "events") {
    const eventOnly = [
      ...(version !== undefined ? ["--events-version"] : []),
      ...Object.keys(FILTER_FLAGS)
        .filter((f) => values[f] !== undefined)
        .map((f) => `--${f}`),
    ];
    if (eventOnly.length > 0) {
      throw new UsageError(`${eventOnly.join(", ")} only apply to --mode events`, "run");
    }
  }
  const timeoutText = str("code-timeout-ms");
  const codeTimeoutMs = timeoutText === undefined ? DEFAULT_CODE_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(codeTimeoutMs) || codeTimeoutMs <= 0) {
    throw new UsageError(`--code-timeout-ms must be a whole number of milliseconds above 0`, "run");
  }
  return {
    file,
    input:
      inputJson !== undefined
        ? { json: inputJson }
        : inputPath !== undefined
          ? { path: inputPath }
          : undefined,
    mode,
    eventsVersion: version ?? "v2",
    filters,
    allowCode: values["allow-code"] === true,
    codeTimeoutMs,
  };
}

export function parseValidateArgs(args: string[]): { file: string } {
  const { positionals } = parse("validate", args, {});
  return { file: onePositional("validate", positionals) };
}

export function parseExportArgs(args: string[]): ExportArgs {
  const { values, positionals } = parse("export-code", args, {
    out: { type: "string", short: "o" },
  });
  return { file: onePositional("export-code", positionals), out: values.out as string | undefined };
}

type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

function parse(command: string, args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Node's messages are long and mention `--` tricks; keep their first sentence.
    throw new UsageError(message.split(". ")[0]!.replace(/\.$/, ""), command);
  }
}

function onePositional(command: string, positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError("missing the chain file (a .json document)", command);
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one chain file, got ${positionals.length}: ${positionals.join(" ")}`,
      command,
    );
  }
  return positionals[0]!;
}
