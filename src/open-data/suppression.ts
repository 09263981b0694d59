/**
 * Small-cell suppression for published statistics (the regency's open-data portal): a count of people
 * below SUPPRESSION_THRESHOLD could single someone out ("the one woman from Karangjambu who attended"), so
 * it is published as null.
 *
 * Primary suppression: every people count below the threshold, 0 included (a 0 next to a published total
 * also says something about a small group). Complementary suppression: when the total of a column is
 * published and exactly one cell of that column is suppressed, that cell would be the total minus the
 * others (exactly so for the groupings that partition the registrations), so the smallest published cell
 * of the column is suppressed too; two unknowns with one equation cannot be separated. Totals are
 * published when they reach the threshold themselves.
 *
 * Event counts are not suppressed: trainings are public (the event list), not people.
 */
export const SUPPRESSION_THRESHOLD = 5;

export type Counts<K extends string> = Record<K, number>;
export type Suppressed<K extends string> = Record<K, number | null>;

const primary = (v: number): number | null => (v < SUPPRESSION_THRESHOLD ? null : v);

export function suppress<K extends string, R extends Counts<K>, T extends Counts<K>>(
  measures: readonly K[],
  rows: readonly R[],
  totals: T,
): { rows: (Omit<R, K> & Suppressed<K>)[]; totals: Omit<T, K> & Suppressed<K> } {
  const out = rows.map((r) => {
    const copy: Record<string, unknown> = { ...r };
    for (const m of measures) copy[m] = primary(r[m]);
    return copy as Omit<R, K> & Suppressed<K>;
  });
  const shownTotals = { ...totals, ...Object.fromEntries(measures.map((m) => [m, primary(totals[m])])) } as Omit<T, K> &
    Suppressed<K>;
  for (const m of measures) {
    if ((shownTotals as Suppressed<K>)[m] === null) continue;
    const hidden = out.filter((r) => r[m] === null).length;
    if (hidden !== 1) continue;
    // The smallest published cell (the first such row on a tie) goes too.
    let smallest = -1;
    out.forEach((r, i) => {
      const v = r[m];
      if (v !== null && (smallest === -1 || v < (out[smallest][m] as number))) smallest = i;
    });
    if (smallest !== -1) (out[smallest] as Record<string, unknown>)[m] = null;
  }
  return { rows: out, totals: shownTotals };
}
