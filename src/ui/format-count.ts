const counts = new Intl.NumberFormat("en");

/**
 * 1234567 → "1,234,567". One shared formatter: `Number#toLocaleString` builds a new one per call,
 * and live nodes format their counts every frame (1 % of a fast run's profile).
 */
export function formatCount(n: number): string {
  return counts.format(n);
}
