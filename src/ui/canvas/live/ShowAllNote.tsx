/**
 * "Showing … of …" beside a "Show all" button: under a node's live text and above the Output tab's
 * output. `className` sizes and places the line; `buttonClassName` adds to the button.
 */
export function ShowAllNote({
  note,
  onShowAll,
  className,
  buttonClassName = "",
}: {
  note: string;
  onShowAll: () => void;
  className: string;
  buttonClassName?: string;
}) {
  return (
    <p className={`flex items-center gap-2 text-slate-500 dark:text-slate-400 ${className}`}>
      {note}
      <button
        type="button"
        onClick={onShowAll}
        className={`shrink-0 whitespace-nowrap text-cyan-700 underline focus-visible:outline-2 focus-visible:outline-cyan-600 dark:text-cyan-400 ${buttonClassName}`}
      >
        Show all
      </button>
    </p>
  );
}
