/** Where each provider's key comes from; scripted and ollama models need none. */
export const KEY_VARIABLES = {
  openai: "OPENAI_API_KEY",
  "openai-compatible": "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  google: "GOOGLE_API_KEY",
} as const;

/** Every key variable the CLI reads: their values are redacted from anything it prints. */
export const ALL_KEY_VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY"];
