import { type FormEvent, useState } from "react";
import { DEFAULT_PRICES, type ModelPrice, PRICES_AS_OF, parsePrice } from "../../../stores/index.ts";
import { useServices, useSettings } from "../../services.tsx";
import { PRICES_SECTION_ID } from "./open-prices.ts";
import { usePriceTable, useRunUsage } from "./use-usage.ts";

const INPUT =
  "w-20 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-right font-mono text-xs text-slate-900 focus:border-cyan-500 focus-visible:outline-2 focus-visible:outline-cyan-600 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";
const LINK =
  "text-xs text-cyan-700 underline focus-visible:outline-2 focus-visible:outline-cyan-600 dark:text-cyan-400";

/**
 * The editable price table of Settings: default estimates per model, overridden by the user's
 * edits, plus models of their own (a scripted or local model they want to cost).
 */
export function PricesSection() {
  const { settings } = useServices();
  const overrides = useSettings((s) => s.prices);
  const table = usePriceTable();
  const unpriced = useRunUsage()?.unpriced.filter((m) => m !== "unknown model") ?? [];
  const [newModel, setNewModel] = useState("");
  const hidden = Object.keys(overrides).filter((m) => overrides[m] === null);
  // The user's own models first, then the defaults in their (provider) order.
  const models = [
    ...Object.keys(table).filter((m) => !(m in DEFAULT_PRICES)),
    ...Object.keys(DEFAULT_PRICES).filter((m) => m in table),
  ];
  return (
    <section
      id={PRICES_SECTION_ID}
      tabIndex={-1}
      aria-labelledby="prices-heading"
      className="space-y-2 outline-none"
    >
      <h3 id="prices-heading" className="text-sm font-semibold">
        Prices
      </h3>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        US dollars per 1M tokens, used to estimate the cost of a run. Defaults are estimates from the
        providers&apos; price lists as of {PRICES_AS_OF} (standard tier, no caching or batch discounts); your
        edits override them. Kept on this device only, never in exports.
      </p>
      {unpriced.length > 0 && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          No price for {unpriced.join(", ")} (used in the last run).{" "}
          {unpriced.map((m) => (
            <button key={m} type="button" className={LINK} onClick={() => setNewModel(m)}>
              Set a price for {m}
            </button>
          ))}
        </p>
      )}
      <AddPrice
        model={newModel}
        onModelChange={setNewModel}
        onAdd={(model, price) => {
          settings.getState().setPrice(model, price);
          setNewModel("");
        }}
      />
      <table className="w-full text-xs">
        <thead>
          <tr className="text-left text-slate-500 dark:text-slate-400">
            <th className="py-1 font-medium">Model</th>
            <th className="py-1 text-right font-medium">Input $/1M</th>
            <th className="py-1 text-right font-medium">Output $/1M</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Source and actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <PriceRow
              key={`${m}:${table[m]!.input}:${table[m]!.output}`}
              model={m}
              price={table[m]!}
              edited={overrides[m] !== undefined}
            />
          ))}
        </tbody>
      </table>
      {hidden.length > 0 && (
        <button
          type="button"
          className={LINK}
          onClick={() => hidden.forEach((m) => settings.getState().resetPrice(m))}
        >
          Restore {hidden.length} removed default{hidden.length === 1 ? "" : "s"}
        </button>
      )}
    </section>
  );
}

function PriceRow({ model, price, edited }: { model: string; price: ModelPrice; edited: boolean }) {
  const { settings } = useServices();
  const [input, setInput] = useState(String(price.input));
  const [output, setOutput] = useState(String(price.output));
  const isDefault = model in DEFAULT_PRICES;
  const commit = () => {
    const i = parsePrice(input);
    const o = parsePrice(output);
    if (i === undefined || o === undefined || (i === price.input && o === price.output)) return;
    settings.getState().setPrice(model, { input: i, output: o });
  };
  return (
    <tr className="border-t border-slate-100 dark:border-slate-800">
      <td className="py-1 font-mono">{model}</td>
      <PriceCell label={`Input price of ${model}`} value={input} onChange={setInput} onCommit={commit} />
      <PriceCell label={`Output price of ${model}`} value={output} onChange={setOutput} onCommit={commit} />
      <td className="py-1 pl-2 whitespace-nowrap">
        <span className="mr-2 text-[10px] text-slate-400 uppercase">{edited ? "yours" : "estimate"}</span>
        {isDefault && edited ? (
          <button
            type="button"
            className={LINK}
            aria-label={`Reset the price of ${model}`}
            onClick={() => settings.getState().resetPrice(model)}
          >
            Reset
          </button>
        ) : (
          <button
            type="button"
            className={LINK}
            aria-label={`Remove the price of ${model}`}
            onClick={() => settings.getState().hidePrice(model)}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

/** A price being edited in the table: saved on Enter or when focus leaves. */
function PriceCell({
  label,
  value,
  onChange,
  onCommit,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onCommit: () => void;
}) {
  return (
    <td className="py-1 text-right">
      <input
        aria-label={label}
        inputMode="decimal"
        value={value}
        aria-invalid={parsePrice(value) === undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onCommit}
        onKeyDown={(e) => e.key === "Enter" && onCommit()}
        className={INPUT}
      />
    </td>
  );
}

function AddPrice({
  model,
  onModelChange,
  onAdd,
}: {
  model: string;
  onModelChange: (model: string) => void;
  onAdd: (model: string, price: ModelPrice) => void;
}) {
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const i = parsePrice(input);
    const o = parsePrice(output);
    if (!model.trim()) return setError("Name the model, as its node's Model field says.");
    if (i === undefined || o === undefined) return setError("Prices are numbers of dollars, 0 or more.");
    setError(undefined);
    onAdd(model.trim(), { input: i, output: o });
    setInput("");
    setOutput("");
  };
  return (
    <form aria-label="Add a model price" onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Model
        <input
          value={model}
          onChange={(e) => onModelChange(e.target.value)}
          placeholder="e.g. scripted"
          className={`${INPUT} w-40 text-left`}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Input $/1M
        <input
          inputMode="decimal"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          className={INPUT}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Output $/1M
        <input
          inputMode="decimal"
          value={output}
          onChange={(e) => setOutput(e.target.value)}
          className={INPUT}
        />
      </label>
      <button
        type="submit"
        className="h-7 rounded-md border border-slate-300 px-2 text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Add price
      </button>
      {error && (
        <p role="alert" className="w-full text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
