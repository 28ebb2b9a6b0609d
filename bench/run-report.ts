/** The run benchmark's results table: one row per metric, with its target and whether it was met. */

/** metric, measured value, target (empty when informative only), met (undefined when no target). */
export type Row = [metric: string, value: string, target: string, met: boolean | undefined];

export interface Section {
  title: string;
  rows: Row[];
}

export interface Check {
  section: string;
  metric: string;
  met: boolean;
}

/** Prints the sections as aligned text and returns every row that has a target. */
export function printTable(sections: Section[]): Check[] {
  const all = sections.flatMap((s) => s.rows);
  const w0 = Math.max(...all.map((r) => r[0].length));
  const w1 = Math.max(...all.map((r) => r[1].length));
  const w2 = Math.max(...all.map((r) => r[2].length));
  const checks: Check[] = [];
  for (const s of sections) {
    console.log(`\n${s.title}`);
    console.log(`  ${"metric".padEnd(w0)}  ${"measured".padEnd(w1)}  ${"target".padEnd(w2)}  met`);
    for (const [metric, value, target, met] of s.rows) {
      const mark = met === undefined ? "" : met ? "yes" : "NO";
      console.log(`  ${metric.padEnd(w0)}  ${value.padEnd(w1)}  ${target.padEnd(w2)}  ${mark}`);
      if (met !== undefined) checks.push({ section: s.title, metric, met });
    }
  }
  const missed = checks.filter((c) => !c.met);
  console.log(
    missed.length === 0
      ? `\nrun benchmark: all ${checks.length} targets met`
      : `\nrun benchmark: ${missed.length} of ${checks.length} targets missed: ${missed.map((c) => c.metric).join("; ")}`,
  );
  return checks;
}
