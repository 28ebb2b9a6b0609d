/**
 * Telling CORS from an unreachable server. Browsers cannot be reproduced in Node (Node's fetch has no
 * CORS), so these unit tests fake the two things the classifier observes: the error and the probe.
 */
import { describe, expect, it, vi } from "vitest";
import type { ErrorContext } from "./error-text.ts";
import { classifyFetchFailure } from "./network.ts";
import { resolveRuntime } from "./runtime.ts";
import type { RemoteProviderId } from "./types.ts";

const ctx = (provider: RemoteProviderId, baseUrl = "http://localhost:11434"): ErrorContext => ({
  provider,
  model: "m",
  baseUrl,
  hasKey: false,
});
const timers = resolveRuntime({}).timers;
/** What Chrome throws for both a CORS refusal and a refused connection. */
const browserError = () => new TypeError("Failed to fetch");

function probeAnswering(ok: boolean) {
  return vi.fn<typeof fetch>(() =>
    ok ? Promise.resolve(new Response(null, { status: 200 })) : Promise.reject(browserError()),
  );
}

describe("classifyFetchFailure", () => {
  it("calls it CORS when a credential-less no-cors probe reaches the origin", async () => {
    const probe = probeAnswering(true);
    const url = "http://localhost:11434/api/chat";
    const e = await classifyFetchFailure(ctx("ollama"), url, browserError(), {
      fetch: probe,
      timers,
      enabled: true,
    });
    expect(e).toMatchObject({ kind: "cors", retryable: false });
    expect(e.message).toContain("OLLAMA_ORIGINS");
    expect(probe).toHaveBeenCalledTimes(1);
    const [target, init] = probe.mock.calls[0]!;
    expect(target).toBe("http://localhost:11434/");
    expect(init).toMatchObject({ method: "GET", mode: "no-cors", credentials: "omit" });
    expect(init?.headers).toBeUndefined();
  });

  it("calls it network when the probe fails too, and still mentions CORS as the other cause", async () => {
    const e = await classifyFetchFailure(
      ctx("openai-compatible", "http://localhost:1234/v1"),
      "http://localhost:1234/v1/chat/completions",
      browserError(),
      {
        fetch: probeAnswering(false),
        timers,
        enabled: true,
      },
    );
    expect(e).toMatchObject({ kind: "network", retryable: true });
    expect(e.message).toContain("Is the server running at http://localhost:1234/v1?");
    expect(e.message).toContain("Enable CORS");
  });

  it("trusts a named cause (Node's ECONNREFUSED) without probing or blaming CORS", async () => {
    const probe = probeAnswering(true);
    const err = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    const e = await classifyFetchFailure(ctx("ollama"), "http://localhost:11434/api/chat", err, {
      fetch: probe,
      timers,
      enabled: true,
    });
    expect(e.kind).toBe("network");
    expect(e.message).toContain("(ECONNREFUSED)");
    expect(e.message).not.toContain("CORS");
    expect(probe).not.toHaveBeenCalled();
  });

  it("reports network with both explanations when probing is off", async () => {
    const probe = probeAnswering(true);
    const e = await classifyFetchFailure(
      ctx("anthropic", "https://api.anthropic.com/v1"),
      "https://api.anthropic.com/v1/messages",
      browserError(),
      {
        fetch: probe,
        timers,
        enabled: false,
      },
    );
    expect(e.kind).toBe("network");
    expect(e.message).toContain("anthropic-dangerous-direct-browser-access");
    expect(probe).not.toHaveBeenCalled();
  });

  it("gives each provider its own CORS advice", async () => {
    const advice: [RemoteProviderId, string][] = [
      ["openai", "proxy"],
      ["openai-compatible", "lms server start --cors"],
      ["anthropic", "anthropic-dangerous-direct-browser-access"],
      ["google", "x-goog-api-key"],
      ["ollama", "OLLAMA_ORIGINS"],
    ];
    for (const [provider, text] of advice) {
      const e = await classifyFetchFailure(ctx(provider), "https://h/x", browserError(), {
        fetch: probeAnswering(true),
        timers,
        enabled: true,
      });
      expect(e.kind).toBe("cors");
      expect(e.message).toContain(text);
    }
  });
});
