import { EmptyNote } from "../../Panel.tsx";

/** Past runs of the open chain (placeholder until run history lands). */
export function HistoryPanel() {
  return <EmptyNote>Past runs of this chain appear here.</EmptyNote>;
}
