/**
 * `npx tsx e2e/mock-provider/cli.ts [--port N] [--allowed-origins a,b] [--expose-headers]`
 * Prints `{"url": "http://127.0.0.1:PORT"}` as one line on stdout and serves until killed.
 */
import { parseArgs } from "node:util";
import { startMockProvider } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "allowed-origins": { type: "string" },
    "expose-headers": { type: "boolean" },
  },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`mock-provider: bad --port ${values.port}\n`);
  process.exit(2);
}

const mock = await startMockProvider({
  port,
  ...(values.host !== undefined ? { host: values.host } : {}),
  allowedOrigins: (values["allowed-origins"] ?? "").split(",").filter((o) => o !== ""),
  exposeHeaders: values["expose-headers"] === true,
});
process.stdout.write(JSON.stringify({ url: mock.url }) + "\n");

const stop = (): void => {
  void mock.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
