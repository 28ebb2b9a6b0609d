import { useState } from "react";
import { REMOTE_PROVIDERS, type RemoteProvider, maskKey } from "../stores/index.ts";
import { Dialog } from "./Dialog.tsx";
import { Field, TextInput } from "./inspector/controls.tsx";
import { PricesSection } from "./run/usage/PricesSection.tsx";
import { useServices, useSettings } from "./services.tsx";

const LABELS: Record<RemoteProvider, { name: string; key: boolean; baseUrl: string }> = {
  openai: { name: "OpenAI", key: true, baseUrl: "https://api.openai.com/v1" },
  "openai-compatible": {
    name: "OpenAI-compatible (vLLM, LM Studio, OpenRouter, Groq…)",
    key: true,
    baseUrl: "http://localhost:1234/v1",
  },
  anthropic: { name: "Anthropic", key: true, baseUrl: "https://api.anthropic.com/v1" },
  google: { name: "Google Gemini", key: true, baseUrl: "https://generativelanguage.googleapis.com/v1beta" },
  ollama: { name: "Ollama", key: false, baseUrl: "http://localhost:11434" },
};

/** API keys and base URLs per provider (a key is never shown in full once entered), and prices. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { settings } = useServices();
  const providers = useSettings((s) => s.providers);
  const remember = useSettings((s) => s.rememberKeys);
  const storageError = useSettings((s) => s.storageError);
  const [editing, setEditing] = useState<RemoteProvider>();
  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <div className="space-y-4">
        {REMOTE_PROVIDERS.map((p) => {
          const info = LABELS[p];
          const key = providers[p].apiKey;
          return (
            <fieldset
              key={p}
              className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
            >
              <legend className="px-1 text-sm font-semibold">{info.name}</legend>
              {info.key && (
                <Field label="API key">
                  {key && editing !== p ? (
                    <span className="flex items-center gap-2">
                      <code
                        className="rounded bg-slate-100 px-2 py-1 text-xs dark:bg-slate-800"
                        aria-label={`${info.name} key`}
                      >
                        {maskKey(key)}
                      </code>
                      <button
                        type="button"
                        className="text-xs text-cyan-700 underline dark:text-cyan-400"
                        onClick={() => setEditing(p)}
                      >
                        Replace
                      </button>
                      <button
                        type="button"
                        className="text-xs text-red-600 underline"
                        onClick={() => settings.getState().setProvider(p, { apiKey: "" })}
                      >
                        Remove
                      </button>
                    </span>
                  ) : (
                    <TextInput
                      type="password"
                      autoComplete="off"
                      placeholder="Paste the key"
                      onBlur={(e) => {
                        if (e.target.value)
                          settings.getState().setProvider(p, { apiKey: e.target.value.trim() });
                        setEditing(undefined);
                      }}
                    />
                  )}
                </Field>
              )}
              <Field label="Base URL" help={`Default: ${info.baseUrl}`}>
                <TextInput
                  type="url"
                  value={providers[p].baseUrl}
                  placeholder={info.baseUrl}
                  onChange={(e) => settings.getState().setProvider(p, { baseUrl: e.target.value })}
                />
              </Field>
            </fieldset>
          );
        })}
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => settings.getState().setRememberKeys(e.target.checked)}
            className="mt-1"
          />
          <span>
            Remember keys on this device
            <span className="block text-xs text-slate-500">
              Off: keys live in memory and are gone when you close the tab. On: they are kept in this
              browser&apos;s local storage, never in exported files, share links or lambda sandboxes.
            </span>
          </span>
        </label>
        {storageError && (
          <p role="alert" className="text-xs text-red-600">
            {storageError}
          </p>
        )}
        <PricesSection />
      </div>
    </Dialog>
  );
}
