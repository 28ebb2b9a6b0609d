export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** A realistic model output: an array of records with strings and numbers, about `bytes` long. */
export function jsonDocument(bytes: number): string {
  const items: unknown[] = [];
  let i = 0;
  let size = 20;
  while (size < bytes) {
    const item = {
      id: i,
      name: `Country number ${i}`,
      population: 1000003 * (i + 7),
      capital: `City ${i * 7}`,
      tags: ["a", "b"],
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
    i++;
  }
  return JSON.stringify({ countries: items }, null, 1);
}

/** Splits text into n-character chunks. */
export function chunks(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}
