import { NODE_KINDS } from "../graph/node-kinds.ts";

/** The node types a user can add to the canvas. */
export function Palette() {
  return (
    <nav
      aria-label="Palette"
      className="flex w-48 shrink-0 flex-col gap-1 border-r border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="px-1 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Nodes
      </h2>
      {NODE_KINDS.map((kind) => (
        <button
          key={kind.type}
          type="button"
          title={kind.description}
          className="flex items-center gap-2 rounded-md border border-transparent px-2 py-1.5 text-left text-sm hover:border-slate-200 hover:bg-slate-50 dark:hover:border-slate-700 dark:hover:bg-slate-800"
        >
          <span className={`h-2.5 w-2.5 rounded-full ${KIND_COLOURS[kind.type]}`} aria-hidden />
          {kind.label}
        </button>
      ))}
    </nav>
  );
}

const KIND_COLOURS: Record<(typeof NODE_KINDS)[number]["type"], string> = {
  prompt: "bg-amber-500",
  model: "bg-violet-500",
  parser: "bg-emerald-500",
  lambda: "bg-sky-500",
  passthrough: "bg-slate-400",
  retriever: "bg-rose-500",
};
