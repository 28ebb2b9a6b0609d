import type { EventFilters } from "../../../core/index.ts";
import { type FacetKind, type FilterMode, modeOf, nextMode, setMode } from "./event-query.ts";
import type { FacetChoices } from "./use-event-list.ts";

const GROUPS: { kind: FacetKind; label: string; key: keyof FacetChoices }[] = [
  { kind: "type", label: "Run type", key: "types" },
  { kind: "name", label: "Name", key: "names" },
  { kind: "tag", label: "Tag", key: "tags" },
];

const MODE_CLASSES: Record<FilterMode | "off", string> = {
  off: "border-slate-300 text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800",
  include:
    "border-cyan-600 bg-cyan-50 text-cyan-800 dark:border-cyan-500 dark:bg-cyan-950 dark:text-cyan-200",
  exclude:
    "border-red-400 bg-red-50 text-red-700 line-through dark:border-red-500 dark:bg-red-950 dark:text-red-300",
};

export const MODE_MARK: Record<FilterMode, string> = { include: "+", exclude: "−" };
const MODE_WORD: Record<FilterMode, string> = { include: "included", exclude: "excluded" };

/**
 * The names, run types and tags of the run as chips. A click cycles a chip through include,
 * exclude and off: the same three states `streamEvents` options give each value.
 */
export function FilterPicker({
  id,
  choices,
  filters,
  onChange,
}: {
  id: string;
  choices: FacetChoices;
  filters: EventFilters;
  onChange: (filters: EventFilters) => void;
}) {
  return (
    <div id={id} className="max-h-56 space-y-1.5 overflow-auto px-3 py-2">
      <p className="text-[11px] text-slate-500 dark:text-slate-400">
        Click: include (+), again: exclude (−), again: off. Includes add up; excludes win.
      </p>
      {GROUPS.map(({ kind, label, key }) => (
        <div key={kind} role="group" aria-label={label} className="flex flex-wrap items-center gap-1">
          <span className="w-16 shrink-0 text-[11px] font-medium text-slate-500 dark:text-slate-400">
            {label}
          </span>
          {choices[key].length === 0 && <span className="text-[11px] text-slate-400">none yet</span>}
          {choices[key].map((value) => {
            const mode = modeOf(filters, kind, value);
            return (
              <button
                key={value}
                type="button"
                aria-label={mode ? `${value} (${MODE_WORD[mode]})` : value}
                onClick={() => onChange(setMode(filters, kind, value, nextMode(mode)))}
                className={`rounded-full border px-2 py-px font-mono text-[11px] focus-visible:ring-2 focus-visible:ring-cyan-500 focus-visible:outline-none ${MODE_CLASSES[mode ?? "off"]}`}
              >
                {mode && <span aria-hidden="true">{MODE_MARK[mode]} </span>}
                {value}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
