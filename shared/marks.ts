/**
 * Indicator values derived from the distribution of marks 2–5 (as in the ВПР statistics export).
 */

export interface MarkStats {
  mean: number;
  /** Sample SD (n − 1); NaN when the total is 1 or less. */
  sd: number;
  /** Count of mark «2». */
  fails: number;
  total: number;
}

/**
 * Mean Σ m·c / Σ c, sample SD and failures from counts of marks 2, 3, 4, 5 (counts may be fractional
 * when they come from percentages).
 * @example statsFromMarks([1, 2, 3, 4]) // { mean: 4, sd: 1.054…, fails: 1, total: 10 }
 */
export function statsFromMarks(counts: readonly [number, number, number, number]): MarkStats {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    total += counts[i];
    sum += (i + 2) * counts[i];
  }
  const mean = total > 0 ? sum / total : NaN;
  let ss = 0;
  for (let i = 0; i < 4; i++) ss += counts[i] * (i + 2 - mean) * (i + 2 - mean);
  return { mean, sd: total > 1 ? Math.sqrt(ss / (total - 1)) : NaN, fails: counts[0], total };
}
