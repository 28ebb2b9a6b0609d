import { EmptyNote } from "../../Panel.tsx";

/** Runs the chain over many inputs (placeholder until batch runs land). */
export function BatchPanel() {
  return <EmptyNote>Run the chain over many inputs.</EmptyNote>;
}
