/**
 * The quality index (METHODOLOGY.md § 2): each school's mean over the regional mean, per indicator
 * and composite, with its standard error and z. Works on a dense school × indicator matrix where
 * NaN means "no value" (a primary-only school has no ОГЭ: not a zero).
 */

/** School × indicator values, row-major (index = school * cols + indicator). */
export interface IndicatorMatrix {
  rows: number;
  cols: number;
  /** Participants; 0 where the school has no value. */
  n: Float64Array;
  mean: Float64Array;
  /** Within-school SD; NaN where unknown. */
  sd: Float64Array;
  /** Failures; NaN where unknown. */
  fails: Float64Array;
}

export function emptyMatrix(rows: number, cols: number): IndicatorMatrix {
  const nan = () => new Float64Array(rows * cols).fill(NaN);
  return { rows, cols, n: new Float64Array(rows * cols), mean: nan(), sd: nan(), fails: nan() };
}

export interface QualityOptions {
  /** Weight indicators by participants in the composite (default: equal weights). */
  weightByParticipants?: boolean;
  /** Weight schools by participants in the regional mean (default: unweighted). */
  weightedRegionalMean?: boolean;
}

export interface QualityIndexResult {
  /** Regional mean X_k per indicator (NaN where no school has a value). */
  regionalMean: Float64Array;
  /** Pooled within-school SD per indicator (NaN where no school has a known SD with n > 1). */
  pooledSD: Float64Array;
  /** QI_sk = x̄_sk / X_k, NaN where absent. */
  indicatorQI: Float64Array;
  /** SE_sk, NaN where unknown. */
  indicatorSE: Float64Array;
  /** Composite QI_s, NaN for a school with no values. */
  qi: Float64Array;
  /** SE_s, NaN where any of the school's indicators has an unknown SE, or SE = 0. */
  se: Float64Array;
  /** z_s = (QI_s − 1) / SE_s, NaN where SE is unknown. */
  z: Float64Array;
  /** Participants over all indicators. */
  participants: Float64Array;
}

/**
 * Regional mean of each indicator: unweighted mean over schools with a value (small schools
 * included), or weighted by participants.
 * @example regionalMeans(matrix) // Float64Array [X_1, …, X_K]
 */
export function regionalMeans(m: IndicatorMatrix, weighted = false): Float64Array {
  const sum = new Float64Array(m.cols);
  const weight = new Float64Array(m.cols);
  for (let s = 0; s < m.rows; s++) {
    for (let k = 0; k < m.cols; k++) {
      const i = s * m.cols + k;
      const x = m.mean[i];
      if (Number.isNaN(x)) continue;
      const w = weighted ? m.n[i] : 1;
      sum[k] += w * x;
      weight[k] += w;
    }
  }
  return sum.map((v, k) => (weight[k] > 0 ? v / weight[k] : NaN));
}

/**
 * Pooled within-school SD: √(Σ (n − 1) s² / Σ (n − 1)) over schools with a known SD and n > 1.
 * @example pooledSD(matrix)[k] // NaN when no school reports an SD for k
 */
export function pooledSDs(m: IndicatorMatrix): Float64Array {
  const num = new Float64Array(m.cols);
  const den = new Float64Array(m.cols);
  for (let s = 0; s < m.rows; s++) {
    for (let k = 0; k < m.cols; k++) {
      const i = s * m.cols + k;
      const sd = m.sd[i];
      const n = m.n[i];
      if (Number.isNaN(sd) || n <= 1 || Number.isNaN(m.mean[i])) continue;
      num[k] += (n - 1) * sd * sd;
      den[k] += n - 1;
    }
  }
  return num.map((v, k) => (den[k] > 0 ? Math.sqrt(v / den[k]) : NaN));
}

/**
 * The composite quality index with its standard error and z for every school.
 * QI_s = Σ w_k QI_sk / Σ w_k; SE_s = √(Σ w_k² SE_sk²) / Σ w_k; SE_sk = s_sk / (√n_sk · X_k), the
 * pooled SD standing in for an unknown s_sk.
 */
export function qualityIndex(m: IndicatorMatrix, options: QualityOptions = {}): QualityIndexResult {
  const X = regionalMeans(m, options.weightedRegionalMean);
  const pooled = pooledSDs(m);
  const size = m.rows * m.cols;
  const indicatorQI = new Float64Array(size).fill(NaN);
  const indicatorSE = new Float64Array(size).fill(NaN);
  const qi = new Float64Array(m.rows).fill(NaN);
  const se = new Float64Array(m.rows).fill(NaN);
  const z = new Float64Array(m.rows).fill(NaN);
  const participants = new Float64Array(m.rows);
  for (let s = 0; s < m.rows; s++) {
    let sumW = 0;
    let sumWQ = 0;
    let sumW2SE2 = 0;
    let seKnown = true;
    for (let k = 0; k < m.cols; k++) {
      const i = s * m.cols + k;
      const x = m.mean[i];
      if (Number.isNaN(x)) continue;
      const n = m.n[i];
      const q = x / X[k];
      const sd = Number.isNaN(m.sd[i]) ? pooled[k] : m.sd[i];
      const seK = sd / (Math.sqrt(n) * X[k]);
      indicatorQI[i] = q;
      indicatorSE[i] = seK;
      const w = options.weightByParticipants ? n : 1;
      participants[s] += n;
      sumW += w;
      sumWQ += w * q;
      if (Number.isNaN(seK)) seKnown = false;
      else sumW2SE2 += w * w * seK * seK;
    }
    if (sumW === 0) continue;
    qi[s] = sumWQ / sumW;
    if (seKnown && sumW2SE2 > 0) {
      se[s] = Math.sqrt(sumW2SE2) / sumW;
      z[s] = (qi[s] - 1) / se[s];
    }
  }
  return { regionalMean: X, pooledSD: pooled, indicatorQI, indicatorSE, qi, se, z, participants };
}
