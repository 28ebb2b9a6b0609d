// The sandbox harness page's entry (docs/sandbox.md#testing): exposes window.sluiceSandboxHarness.
import { installSandboxHarness } from "../src/ui/sandbox/harness.ts";

installSandboxHarness(window);
