/** Sluice core: the framework-free streaming runtime (docs/core.md). */
export const CORE_VERSION = 1;
