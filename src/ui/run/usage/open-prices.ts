import type { StoreApi } from "zustand";
import type { UiState } from "../../services.tsx";

/** The id of the Prices section in the settings dialog, which "no price" links lead to. */
export const PRICES_SECTION_ID = "settings-prices";

/** Opens Settings at its Prices section. */
export function openPrices(ui: StoreApi<UiState>): void {
  ui.setState({ settingsOpen: true });
  // The dialog renders its content when it opens; the section is there on the next frame.
  requestAnimationFrame(() => {
    const section = document.getElementById(PRICES_SECTION_ID);
    section?.scrollIntoView({ block: "start" });
    section?.focus();
  });
}
