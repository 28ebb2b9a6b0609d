/** Test helpers: spawn the real CLI (`node bin/sluice.mjs ...`) and write chain documents to disk. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "sluice.mjs");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to the environment; the real key variables are always removed first. */
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
  /** Called with the child and the stdout so far, on every stdout chunk. */
  onStdout?: (child: ChildProcess, stdout: string) => void;
}

const KEY_VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY"];

// Each start costs about a second of CPU (tsx, zod): a few at a time keeps timings predictable.
const MAX_CHILDREN = 6;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Options that press Ctrl+C (SIGINT) once, as soon as the stdout so far satisfies `ready`. */
export function interruptWhen(ready: (stdout: string) => boolean): CliOptions {
  let sent = false;
  return {
    onStdout: (child, stdout) => {
      if (sent || !ready(stdout)) return;
      sent = true;
      child.kill("SIGINT");
    },
  };
}

/** Runs `node bin/sluice.mjs ...args` and collects its exit code and output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return slot(() => spawnCli(args, options));
}

function spawnCli(args: string[], options: CliOptions): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of KEY_VARIABLES) delete env[k];
  delete env.NODE_OPTIONS; // Vitest's own loader hooks must not leak into the child.
  Object.assign(env, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`sluice ${args.join(" ")} took longer than ${options.timeoutMs ?? 30_000} ms\n${stderr}`),
      );
    }, options.timeoutMs ?? 30_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(child, stdout);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** The JSON lines of a stream or events run. */
export function jsonLines(text: string): unknown[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown);
}

/** A temporary folder for chain files, removed by `cleanup`. */
export function tempFolder(): {
  path: (name: string) => string;
  write: (name: string, value: unknown) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "sluice-cli-"));
  return {
    path: (name) => join(dir, name),
    write: (name, value) => {
      const file = join(dir, name);
      writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

type Node = { id: string; type: string; name?: string; data: Record<string, unknown> };
type Edge = { source: string; target: string; targetHandle?: string };

/** A chain document from nodes and edges (positions and edge ids filled in). */
export function chain(name: string, nodes: Node[], edges: Edge[] = []): Record<string, unknown> {
  return {
    format: "sluice.chain",
    version: 1,
    name,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 300, y: 0 } })),
    edges: edges.map((e, i) => ({ id: `e${i + 1}`, ...e })),
  };
}

export const scripted = (responses: (string | string[])[], extra: Record<string, unknown> = {}) => ({
  provider: "scripted",
  model: "scripted",
  script: { responses, ...extra },
});
