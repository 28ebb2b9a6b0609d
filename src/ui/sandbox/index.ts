/** The browser's lambda sandbox (docs/sandbox.md). */
export {
  BrowserCodeRunner,
  DEFAULT_TIMEOUT_MS,
  type BrowserCodeRunnerOptions,
} from "./browser-code-runner.ts";
export { LambdaError, LambdaTimeoutError, SandboxError } from "./errors.ts";
export { SANDBOX_FRAME_ATTRIBUTE } from "./iframe-frame.ts";
export type { FrameFactory, SandboxFrame } from "./host.ts";
