/** The run benchmark's results table: one row per metric, with its target and whether it was met. */

/** metric, measured value, target (empty when informative only), met (undefined when no target). */
export type Row = [metric: string, value: string, target: string, met: boolean | undefined];

export interface Section {
  title: string;
  rows: Row[];
}

/** Prints the sections as aligned text, then how many targets were met. */
export function printTable(sections: Section[]): void {
  const all = sections.flatMap((s) => s.rows);
  const w0 = Math.max(...all.map((r) => r[0].length));
  const w1 = Math.max(...all.map((r) => r[1].length));
  const w2 = Math.max(...all.map((r) => r[2].length));
  for (const s of sections) {
    console.log(`\n${s.title}`);
    console.log(`  ${"metric".padEnd(w0)}  ${"measured".padEnd(w1)}  ${"target".padEnd(w2)}  met`);
    for (const [metric, value, target, met] of s.rows) {
      const mark = met === undefined ? "" : met ? "yes" : "NO";
      console.log(`  ${metric.padEnd(w0)}  ${value.padEnd(w1)}  ${target.padEnd(w2)}  ${mark}`);
    }
  }
  const targets = all.filter(([, , , met]) => met !== undefined);
  const missed = targets.filter(([, , , met]) => met === false);
  console.log(
    missed.length === 0
      ? `\nrun benchmark: all ${targets.length} targets met`
      : `\nrun benchmark: ${missed.length} of ${targets.length} targets missed: ${missed.map(([metric]) => metric).join("; ")}`,
  );
}
