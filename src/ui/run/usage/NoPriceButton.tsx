import { useServices } from "../../services.tsx";
import { openPrices } from "./open-prices.ts";

/** "no price" for a model, as a link to Settings → Prices where the user can set one. */
export function NoPriceButton({ model }: { model: string | undefined }) {
  const { ui } = useServices();
  return (
    <button
      type="button"
      onClick={() => openPrices(ui)}
      title={`No price for ${model ?? "this model"}: set one in Settings → Prices.`}
      aria-label={`No price for ${model ?? "this model"}: set one in Settings, Prices`}
      className="nodrag rounded text-amber-700 underline decoration-dotted hover:text-amber-900 focus-visible:outline-2 focus-visible:outline-cyan-600 dark:text-amber-400 dark:hover:text-amber-300"
    >
      no price
    </button>
  );
}
