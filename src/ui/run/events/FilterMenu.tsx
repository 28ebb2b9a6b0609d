import { useCallback, useId, useRef, useState } from "react";
import type { EventFilters } from "../../../core/index.ts";
import { FilterPicker } from "./FilterPicker.tsx";
import { activeRules } from "./event-query.ts";
import type { FacetChoices } from "./use-event-list.ts";
import { useCloseOnOutsidePointer } from "../../use-close-on-outside-pointer.ts";

/**
 * The Filters button and its popover of chips. The popover floats over the list rather than
 * pushing it down: the list is short enough already in the bottom panel.
 */
export function FilterMenu({
  choices,
  filters,
  onChange,
  buttonClassName,
}: {
  choices: FacetChoices;
  filters: EventFilters;
  onChange: (filters: EventFilters) => void;
  buttonClassName: string;
}) {
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useCloseOnOutsidePointer(root, open, closeMenu);
  const active = activeRules(filters).length;
  return (
    <div
      ref={root}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        Filters{active > 0 ? ` (${active})` : ""}
        <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      {open && (
        <div className="absolute inset-x-2 top-full z-20 mt-1 rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <FilterPicker id={id} choices={choices} filters={filters} onChange={onChange} />
        </div>
      )}
    </div>
  );
}
