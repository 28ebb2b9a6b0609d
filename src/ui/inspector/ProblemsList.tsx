import { useReactFlow } from "@xyflow/react";
import { cachedGraphProblems } from "../../graph/index.ts";
import { useDocument, useServices } from "../services.tsx";

/** The chain's problems; clicking one selects its node and brings it into view. */
export function ProblemsList() {
  const { documents } = useServices();
  const doc = useDocument((s) => s.doc);
  const flow = useReactFlow();
  const problems = cachedGraphProblems(doc);
  if (problems.length === 0) {
    return <p className="text-xs text-emerald-700 dark:text-emerald-400">No problems: the chain can run.</p>;
  }
  return (
    <section aria-label="Problems" className="space-y-1">
      <h3 className="text-xs font-semibold text-red-700 dark:text-red-400">
        {problems.length} problem{problems.length > 1 ? "s" : ""}
      </h3>
      <ul className="space-y-1">
        {problems.map((p, i) => (
          <li key={i}>
            <button
              type="button"
              className="w-full rounded bg-red-50 px-2 py-1 text-left text-xs text-red-800 hover:bg-red-100 dark:bg-red-950 dark:text-red-200 dark:hover:bg-red-900"
              onClick={() => {
                if (!p.nodeId) return;
                documents.getState().select({ nodes: [p.nodeId], edges: [] });
                void flow.fitView({ nodes: [{ id: p.nodeId }], duration: 250, maxZoom: 1.2, padding: 0.5 });
              }}
            >
              {p.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
