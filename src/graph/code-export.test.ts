import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeRunner } from "../core/index.ts";
import { type ChainDocument, compileDocument, exportCode, importDocument } from "./index.ts";
import { typeParameters } from "./code-export-typing.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Lambdas for this test only: plain `new Function`, no isolation (the CLI has the real runner). */
const testRunner: CodeRunner = {
  load(code) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test-only stand-in for a sandbox
    const fn = new Function(`return (${code}\n);`)() as (...args: unknown[]) => unknown;
    const isGenerator = Object.prototype.toString.call(fn) === "[object AsyncGeneratorFunction]";
    return {
      isGenerator,
      name: fn.name || undefined,
      call: (input) => Promise.resolve(fn(input)),
      transform: (input) => fn(input) as AsyncIterable<unknown>,
    };
  },
};

type Node = { id: string; type: string; name?: string; data: Record<string, unknown> };
function doc(
  name: string,
  nodes: Node[],
  edges: { source: string; target: string; targetHandle?: string }[],
) {
  const r = importDocument({
    format: "sluice.chain",
    version: 1,
    name,
    nodes: nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
    edges: edges.map((e, i) => ({ id: `e${i}`, ...e })),
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.document;
}

const scripted = (responses: (string | string[])[]) => ({
  provider: "scripted",
  model: "scripted",
  script: { responses },
});

/** Documents that reach what the examples do not: fan-out, several outputs, chunks, mustache, typing. */
const BUILT: { file: string; doc: ChainDocument; input: unknown }[] = [
  {
    file: "fan-out.json",
    input: "fruit",
    doc: doc(
      "Fan out",
      [
        { id: "q", type: "passthrough", name: "question", data: {} },
        {
          id: "p1",
          type: "prompt",
          data: {
            messages: [
              { role: "system", template: "Be brief." },
              { role: "human", template: "Colors of {{topic}}?" },
            ],
            templateFormat: "mustache",
          },
        },
        { id: "m1", type: "model", data: scripted([["red, ", "green", ", blue"]]) },
        { id: "l", type: "parser", name: "colors", data: { parser: "list" } },
        {
          id: "p2",
          type: "prompt",
          data: {
            messages: [
              { role: "human", template: "Name a {topic}" },
              { role: "ai", template: "ok" },
            ],
          },
        },
        { id: "m2", type: "model", data: scripted(["apple", "pear"]) },
        { id: "s", type: "parser", data: { parser: "str" } },
        { id: "shout", type: "lambda", data: { code: "text => text.toUpperCase() + '!'" } },
      ],
      [
        { source: "q", target: "p1", targetHandle: "topic" },
        { source: "q", target: "p2", targetHandle: "topic" },
        { source: "p1", target: "m1" },
        { source: "m1", target: "l" },
        { source: "p2", target: "m2" },
        { source: "m2", target: "s" },
        { source: "s", target: "shout" },
      ],
    ),
  },
  {
    file: "typing.json",
    input: { items: ["a", "b"], extra: 1 },
    doc: doc(
      "Lambda typing",
      [
        {
          id: "f",
          type: "lambda",
          data: {
            code: "function summarize({ items = [] }, ...rest) {\n  const out = {};\n  const seen = [];\n  try {\n    items.forEach((x, i) => { out[x] = i; seen.push(x); });\n    return { out, pairs: items.map(function (x, i = 0) { return `${i}:${x}`; }), rest: rest.length };\n  } catch (e) {\n    return e.message;\n  }\n}",
          },
        },
        {
          id: "g",
          type: "lambda",
          name: "keys",
          data: {
            code: "async function* keys(chunks) {\n  for await (const c of chunks) for (const k of Object.keys(c.out)) yield k;\n}",
          },
        },
      ],
      [{ source: "f", target: "g" }],
    ),
  },
];

function examples(): { file: string; doc: ChainDocument; input: unknown }[] {
  const dir = join(ROOT, "examples");
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((file) => {
        const raw = JSON.parse(readFileSync(join(dir, file), "utf8")) as { exampleInput?: unknown };
        const r = importDocument(raw);
        if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => p.message).join("; ")}`);
        return { file, doc: r.document, input: raw.exampleInput ?? {} };
      })
      // Offline chains only: every model scripted.
      .filter(({ doc }) => doc.nodes.every((n) => n.type !== "model" || n.data.provider === "scripted"))
  );
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("exportCode", () => {
  const cases = [...examples(), ...BUILT];
  // Inside the project, so the programs resolve @langchain/core and @types/node from node_modules.
  const cache = join(ROOT, "node_modules", ".cache");
  let dir: string;
  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, "sluice-code-export-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes programs that type-check and give the same output as Sluice's invoke", async () => {
    const files = cases.map(({ file, doc }) => {
      const path = join(dir, file.replace(/\.json$/, ".ts"));
      writeFileSync(path, exportCode(doc));
      return path;
    });

    const program = ts.createProgram(files, {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ["node"],
      skipLibCheck: true,
      noEmit: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);

    await Promise.all(
      cases.map(async ({ doc, input }, i) => {
        const [langchain, sluice] = await Promise.all([
          // `npx tsx`, without npm's own start-up: the same local binary npx would run.
          run(join(ROOT, "node_modules", ".bin", "tsx"), [files[i]!, JSON.stringify(input)]),
          compileDocument(doc, { codeRunner: testRunner }).invoke(input),
        ]);
        expect(langchain.stderr).toBe("");
        expect(langchain.code).toBe(0);
        expect({ file: files[i], output: JSON.parse(langchain.stdout) as unknown }).toEqual({
          file: files[i],
          output: JSON.parse(JSON.stringify(sluice)) as unknown,
        });
      }),
    );
  }, 180_000);

  it("covers the examples and the built documents", () => {
    expect(cases.length).toBeGreaterThanOrEqual(BUILT.length);
    const fanOut = exportCode(BUILT[0]!.doc);
    expect(fanOut).toContain("const question_once = shared(question, 2);");
    expect(fanOut).toContain("RunnableMap.from({ topic: question_once })");
    expect(fanOut).toContain(
      'new FakeStreamingChatModel({\n  responses: [new AIMessage("red, green, blue")],',
    );
    expect(fanOut).toContain('{ templateFormat: "mustache" }');
    expect(fanOut).toMatch(/const chain = RunnableMap\.from\(\{\n {2}colors: .*,\n {2}Lambda: /);
  });

  it("writes each provider with its model, parameters, base URL and key variable", () => {
    const remote = (provider: string, baseUrl?: string) =>
      exportCode(
        doc(
          "Remote",
          [
            {
              id: "m",
              type: "model",
              name: "llm",
              data: {
                provider,
                model: "the-model",
                ...(baseUrl ? { baseUrl } : {}),
                params: { temperature: 0.5, maxTokens: 99, topP: 0.9, stop: ["END"] },
              },
            },
          ],
          [],
        ),
      );
    const openai = remote("openai", "https://proxy.example/v1");
    expect(openai).toContain('import { ChatOpenAI } from "@langchain/openai";');
    expect(openai).toContain(
      'model: "the-model",\n  temperature: 0.5,\n  maxTokens: 99,\n  topP: 0.9,\n  stop: ["END"],\n  apiKey: process.env.OPENAI_API_KEY,\n  configuration: { baseURL: "https://proxy.example/v1" },',
    );
    expect(openai).toContain("//   npm install @langchain/core @langchain/openai");
    expect(openai).toContain("// Keys come from the environment: OPENAI_API_KEY.");
    expect(remote("openai-compatible", "http://localhost:1234/v1")).toContain(
      'apiKey: process.env.OPENAI_API_KEY ?? "not-needed"',
    );
    const anthropic = remote("anthropic", "https://proxy.example/v1/");
    expect(anthropic).toContain("new ChatAnthropic({");
    expect(anthropic).toContain(
      'stopSequences: ["END"],\n  apiKey: process.env.ANTHROPIC_API_KEY,\n  anthropicApiUrl: "https://proxy.example",',
    );
    const google = remote("google", "https://generativelanguage.googleapis.com/v1beta");
    expect(google).toContain("new ChatGoogleGenerativeAI({");
    expect(google).toContain("maxOutputTokens: 99,");
    expect(google).toContain(
      'baseUrl: "https://generativelanguage.googleapis.com",\n  apiVersion: "v1beta",',
    );
    const ollama = remote("ollama");
    expect(ollama).toContain(
      'new ChatOllama({\n  model: "the-model",\n  temperature: 0.5,\n  numPredict: 99,',
    );
    expect(ollama).not.toContain("apiKey");
    expect(ollama).toContain('}).withConfig({ runName: "llm" });');
  });

  it("types every parameter of lambda code as any, and nothing else", () => {
    expect(typeParameters("x => x * 2")).toBe("(x: any) => x * 2");
    expect(typeParameters("async x => x")).toBe("async (x: any) => x");
    expect(typeParameters("(a, { b }, [c], d = 1, ...e) => a")).toBe(
      "(a: any, { b }: any, [c]: any, d: any = 1, ...e: any[]) => a",
    );
    expect(
      typeParameters(
        "function f(a) {\n  try { return [a].map(function (y) { return y; }); } catch (err) { return err; }\n}",
      ),
    ).toBe(
      "function f(a: any) {\n  try { return [a].map(function (y: any) { return y; }); } catch (err: any) { return err; }\n}",
    );
    expect(typeParameters("async function* g(chunks) { for await (const c of chunks) yield c; }")).toBe(
      "async function* g(chunks: any) { for await (const c of chunks) yield c; }",
    );
    expect(typeParameters("function f() { try {} catch {} return '(x) => x'; }")).toBe(
      "function f() { try {} catch {} return '(x) => x'; }",
    );
    expect(
      typeParameters("function f({ a } = {}) { const o = {}, l = []; return [o, l, { a }, [a]]; }"),
    ).toBe(
      "function f({ a }: any = ({} as Record<string, any>)) { const o = ({} as Record<string, any>), l = ([] as any[]); return [o, l, { a }, [a]]; }",
    );
  });
});
