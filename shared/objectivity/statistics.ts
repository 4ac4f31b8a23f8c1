/**
 * The arithmetic of the Рособрнадзор markers of non-objective results, over plain numbers: the
 * pooled regional mean and SD, the 95% intervals, quartiles by linear interpolation, the binomial
 * z of a share. Shared by the engine (engine.ts) and the spreadsheet functions.
 */

/** The critical value of the method's 95% intervals and of the region's binomial test (fixed by the method). */
export const Z95 = 1.96;

/** Participants, mean and SD of all participants, pooled from per-school counts, means and SDs. */
export interface Pooled {
  n: number;
  mean: number;
  /** Sample SD (n − 1) of all participants; NaN for fewer than 2. */
  sd: number;
}

/**
 * Pools schools into the region: N = Σm, x̄ = Σ m·x̄ᵢ / N, total sum of squares
 * Σ[(mᵢ − 1)·sᵢ² + mᵢ·(x̄ᵢ − x̄)²], s = √(SS / (N − 1)). A school of one participant adds no
 * within-school square (its SD is not needed); others without an SD are not pooled by the caller.
 * @example pool([10, 10], [4, 6], [1, 1]) // { n: 20, mean: 5, sd: √((9 + 9 + 10 + 10) / 19) }
 */
export function pool(m: ArrayLike<number>, means: ArrayLike<number>, sds: ArrayLike<number>): Pooled {
  let n = 0, sum = 0;
  for (let i = 0; i < m.length; i++) {
    n += m[i];
    sum += m[i] * means[i];
  }
  if (n === 0) return { n: 0, mean: NaN, sd: NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < m.length; i++) {
    const d = means[i] - mean;
    ss += (m[i] > 1 ? (m[i] - 1) * sds[i] * sds[i] : 0) + m[i] * d * d;
  }
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** The 95% interval x̄ ± 1,96·s/√n. */
export function interval95(mean: number, sd: number, n: number): [number, number] {
  const h = (Z95 * sd) / Math.sqrt(n);
  return [mean - h, mean + h];
}

/**
 * The quantile p (0–1) by linear interpolation between order statistics, as Excel's QUARTILE.INC
 * and PERCENTILE.INC and numpy's default: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * `sorted` ascending; NaN when empty.
 * @example quantileSorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The limits of a sharp change: Q25 − 3·IQR and Q75 + 3·IQR of K. */
export interface CohortLimits {
  count: number;
  q25: number;
  q75: number;
  iqr: number;
  /** Below it: a sharp rise of the cohort (grade 5 far above grade 4). */
  low: number;
  /** Above it: a sharp drop (grade 4 far above grade 5). */
  high: number;
}

export function cohortLimits(ks: ArrayLike<number>): CohortLimits {
  const sorted = Float64Array.from(ks).sort();
  const q25 = quantileSorted(sorted, 0.25);
  const q75 = quantileSorted(sorted, 0.75);
  const iqr = q75 - q25;
  return { count: sorted.length, q25, q75, iqr, low: q25 - 3 * iqr, high: q75 + 3 * iqr };
}

/** The binomial z of a school's share p of m against the region's share p0: (p − p0) / √(p0(1 − p0)/m). NaN when p0 is 0 or 1. */
export function binomialZ(p: number, p0: number, m: number): number {
  const v = (p0 * (1 - p0)) / m;
  return v > 0 ? (p - p0) / Math.sqrt(v) : NaN;
}

/** Index of objectivity: 100 − the percent of schools marked, over the schools with a computed marker; NaN when none. */
export function objectivityIndex(marked: number, computed: number): number {
  return computed > 0 ? 100 - (100 * marked) / computed : NaN;
}
