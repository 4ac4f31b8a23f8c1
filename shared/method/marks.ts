/**
 * Indicator values derived from the distribution of marks 2–5 (as in the ВПР statistics export).
 */

/**
 * Mean Σ m·c / Σ c, sample SD (n − 1) and failures (the count of «2») from counts of marks 2, 3, 4, 5
 * (fractional when they come from percentages), written into `v` = [mean, SD, failures] where it
 * holds NaN (not given on the sheet). A Float64Array and plain arguments: called per result row,
 * it allocates nothing.
 * @example fillFromMarks(v = Float64Array.of(NaN, NaN, NaN), 1, 2, 3, 4) // v = [4, 1.054…, 1]
 */
export function fillFromMarks(v: Float64Array, m2: number, m3: number, m4: number, m5: number): void {
  const total = m2 + m3 + m4 + m5;
  const mean = (2 * m2 + 3 * m3 + 4 * m4 + 5 * m5) / total; // NaN for a total of 0 (0 / 0)
  if (v[0] !== v[0]) v[0] = mean;
  if (v[1] !== v[1] && total > 1) {
    // (An SD of one participant or none stays unknown: NaN.)
    const ss = m2 * (2 - mean) * (2 - mean) + m3 * (3 - mean) * (3 - mean) + m4 * (4 - mean) * (4 - mean) + m5 * (5 - mean) * (5 - mean);
    v[1] = Math.sqrt(ss / (total - 1));
  }
  if (v[2] !== v[2]) v[2] = m2;
}
