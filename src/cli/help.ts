/** The CLI's help texts (docs/cli.md has the long form). */

export const GLOBAL_HELP = `Usage: sluice <command> [options]

Runs chain documents made with the Sluice visual builder, headless, with the same core.

Commands:
  run <chain.json>          run a chain; print its output, its chunks or its events
  validate <chain.json>     check a chain document; print each problem with its JSON path
  export-code <chain.json>  print the chain as a standalone LangChain.js TypeScript program
  help [command]            show the help of a command

Options:
  -h, --help                show this help (after a command: that command's help)
  -v, --version             print Sluice's version

Exit codes: 0 success, 1 the run failed, 2 bad arguments or an invalid document,
130 interrupted (Ctrl+C). More in docs/cli.md.
`;

export const RUN_HELP = `Usage: sluice run <chain.json> [options]

Runs a chain document and prints the result on stdout. Problems and failures go to stderr.

Input (default: the document's "exampleInput", else {}):
  --input JSON              the chain's input as JSON, e.g. '{"topic":"parrots"}' or '"hello"'
  --input-file PATH         read the input JSON from a file ("-" reads stdin)

Output:
  --mode invoke             print the final output as JSON (the default)
  --mode stream             print each output chunk as one JSON line, as it arrives
  --mode events             print each event of every run as one JSON line (LangChain's schema)
  --events-version v1|v2    the event schema version (events mode; default v2)

Event filters (events mode; a list is comma-separated, or repeat the flag):
  --include-names a,b       runs with these names
  --include-types t         runs of these types: chain, prompt, chat_model, parser, retriever
  --include-tags t          runs with these tags (e.g. seq:step:1)
  --exclude-names a,b       never these names (excludes win over includes)
  --exclude-types t
  --exclude-tags t

Code:
  --allow-code              run lambda nodes' JavaScript (refused without it; see below)
  --code-timeout-ms N       the most time one lambda call may run its own code (default 30000)

  -h, --help                show this help

Keys come from the environment: OPENAI_API_KEY (openai; optional for openai-compatible),
ANTHROPIC_API_KEY (anthropic), GOOGLE_API_KEY (google); ollama and scripted models need none.
A model node's baseUrl replaces the provider's endpoint. Keys are never printed.

Lambda code runs in a fresh node:vm context with only JavaScript's built-ins (no process,
require, timers, network or environment). node:vm is not a security boundary: only pass
--allow-code for chains you trust.

Exit codes: 0 success; 1 the run failed (one line on stderr naming the node, the provider and
the status where known; in stream and events mode what streamed before is already printed);
2 bad arguments or an invalid document (each problem on its own line, with its JSON path);
130 interrupted (Ctrl+C aborts the run).

Examples:
  sluice run examples/joke.json --input '{"topic":"parrots"}'
  sluice run examples/joke.json --input '{"topic":"parrots"}' --mode stream
  sluice run chain.json --mode events --include-types chat_model,parser
`;

export const VALIDATE_HELP = `Usage: sluice validate <chain.json>

Checks a chain document (JSON, schema, migrations and graph) without running it. Prints "ok" and
a summary on stdout, or each problem on its own line on stderr, starting with its JSON path.

Exit codes: 0 valid, 2 invalid (or the file cannot be read).
`;

export const EXPORT_CODE_HELP = `Usage: sluice export-code <chain.json> [--out PATH]

Prints the chain as a standalone LangChain.js TypeScript program with the same structure:
ChatPromptTemplate, ChatOpenAI / ChatAnthropic / ChatGoogleGenerativeAI / ChatOllama (keys from
the same environment variables), output parsers, RunnableLambda with each lambda's code inlined,
RunnablePassthrough, an in-memory retriever and RunnableParallel maps. Scripted models become
FakeListChatModel / FakeStreamingChatModel. The program reads its input as JSON from its first
argument and prints the output:

  sluice export-code chain.json --out chain.ts
  npx tsx chain.ts '{"topic":"parrots"}'

Options:
  -o, --out PATH            write the program to PATH instead of stdout
  -h, --help                show this help

Exit codes: 0 written, 2 bad arguments or an invalid document.
`;

export const HELP: Record<string, string> = {
  run: RUN_HELP,
  validate: VALIDATE_HELP,
  "export-code": EXPORT_CODE_HELP,
};
