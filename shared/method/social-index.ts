/**
 * The social well-being index ИСБШ (METHODOLOGY.md § 4): ordinary least squares of the quality
 * index on the school's social factors; ИСБШ = ŷ / mean(ŷ over the fit sample).
 */
import { invert, symmetricEigen } from './small-matrix';
import { MSG } from '../messages';
import { mean, studentTwoSidedP } from './statistics';

export interface FactorEstimate {
  /** Column header exactly as written on «Социальные показатели». */
  name: string;
  b: number;
  se: number;
  t: number;
  p: number;
  /** Standardized beta: b · sd(x) / sd(y) over the fit sample. */
  beta: number;
}

export interface SocialModel {
  factors: FactorEstimate[];
  intercept: number;
  r2: number;
  adjR2: number;
  n: number;
  residualSD: number;
}

export type FitResult = { ok: true; model: SocialModel } | { ok: false; message: string };

/** Relative size of the smallest eigenvalue of the factors' correlation matrix below which the fit is singular. */
const SINGULAR_TOLERANCE = 1e-10;

/**
 * Fits y = b0 + Σ b_j x_j by OLS. `x[i]` is the i-th school's factor values in the order of `names`.
 * A fit that cannot be trusted (too few schools, a constant factor, collinear factors) returns a
 * plain Russian message naming the factors instead of numbers.
 * @example fitSocialModel([1, 2, 3, 4.1], [[1], [2], [3], [4]], ['x']) // b ≈ 1.03
 */
export function fitSocialModel(y: ArrayLike<number>, x: number[][], names: string[]): FitResult {
  return fitColumns(y, names.map((_, j) => Float64Array.from(x, (row) => row[j])), names);
}

/**
 * OLS from centred cross-products: one pass over the schools builds the k × k matrix Sxx and the
 * vector Sxy, the k × k system is solved on the correlation scale, and a second pass sums the
 * squared residuals. O(n·k²) with no n × k matrix: a national sample of 40,000 schools fits in a
 * few milliseconds, where a general matrix library takes about a hundred.
 * (ml-regression-multivariate-linear and statsmodels check it in tests/engine.)
 */
export function fitColumns(y: ArrayLike<number>, columns: ArrayLike<number>[], names: string[]): FitResult {
  const n = y.length;
  const k = names.length;
  if (n < k + 2) return { ok: false, message: MSG.tooFewForModel(n, k + 2) };
  // Row-major copies: one monomorphic typed array keeps the inner loops fast.
  const x = new Float64Array(n * k);
  const means = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      x[i * k + j] = c[i];
      sum += c[i];
    }
    means[j] = sum / n;
  }
  const yv = Float64Array.from(y);
  const yMean = mean(yv);
  const sxx = new Float64Array(k * k);
  const sxy = new Float64Array(k);
  let syy = 0;
  const d = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) d[j] = x[i * k + j] - means[j];
    const dy = yv[i] - yMean;
    syy += dy * dy;
    for (let j = 0; j < k; j++) {
      sxy[j] += d[j] * dy;
      for (let l = 0; l <= j; l++) sxx[j * k + l] += d[j] * d[l];
    }
  }
  for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) sxx[l * k + j] = sxx[j * k + l];
  const scale = names.map((_, j) => Math.sqrt(sxx[j * k + j]));
  const constant = names.filter((_, j) => !(scale[j] > 1e-12 * Math.sqrt(n) * Math.max(1, Math.abs(means[j]))));
  if (constant.length > 0) return { ok: false, message: MSG.constantFactor(constant) };
  let b: number[] = [];
  let diagInverse: number[] = [];
  if (k > 0) {
    // Correlation scale: a (near-)zero eigenvalue means collinear factors; its vector names them.
    const corr = names.map((_, j) => names.map((__, l) => sxx[j * k + l] / (scale[j] * scale[l])));
    const eig = symmetricEigen(corr);
    // Eigenvalues come ascending: the first is the smallest.
    if (eig.values[0] < SINGULAR_TOLERANCE * eig.values[k - 1]) {
      const involved = names.filter((_, j) => Math.abs(eig.vectors[j][0]) > 0.05);
      return { ok: false, message: MSG.collinear(involved.length > 1 ? involved : names) };
    }
    const corrInverse = invert(corr);
    b = names.map((_, j) => {
      let v = 0;
      for (let l = 0; l < k; l++) v += (corrInverse[j][l] * sxy[l]) / scale[l];
      return v / scale[j];
    });
    diagInverse = names.map((_, j) => corrInverse[j][j] / (scale[j] * scale[j]));
  }
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let e = yv[i] - yMean;
    for (let j = 0; j < k; j++) e -= b[j] * (x[i * k + j] - means[j]);
    ssr += e * e;
  }
  const df = n - k - 1;
  const variance = ssr / df;
  const sdY = Math.sqrt(syy / (n - 1));
  const r2 = syy > 0 ? 1 - ssr / syy : 0;
  const factors = names.map((name, j) => {
    const se = Math.sqrt(variance * diagInverse[j]);
    const t = b[j] / se;
    return { name, b: b[j], se, t, p: studentTwoSidedP(t, df), beta: sdY > 0 ? (b[j] * scale[j]) / Math.sqrt(n - 1) / sdY : 0 };
  });
  const intercept = yMean - b.reduce((acc, bj, j) => acc + bj * means[j], 0);
  return {
    ok: true,
    model: { factors, intercept, r2, adjR2: 1 - ((1 - r2) * (n - 1)) / df, n, residualSD: Math.sqrt(variance) },
  };
}

/**
 * ŷ = b0 + Σ b_j x_j for one school. The factors are `x[0 … k − 1]`, or, for a row kept inside a
 * wider table, `x[at + columns[j]]`.
 */
export function predict(model: SocialModel, x: ArrayLike<number>, at = 0, columns?: readonly number[]): number {
  let v = model.intercept;
  for (let j = 0; j < model.factors.length; j++) v += model.factors[j].b * x[at + (columns ? columns[j] : j)];
  return v;
}

/** A candidate factor tried alongside the chosen ones, so an analyst can see whether it carries weight. */
export interface CandidateFactor extends FactorEstimate {
  /** Schools in the extended fit. */
  n: number;
  /** Adjusted R² of the chosen factors plus this one. */
  adjR2: number;
  /** Gain in adjusted R² over the chosen factors fitted on the same schools. */
  adjR2Gain: number;
  /** Already one of the model's factors. */
  inModel: boolean;
  /** Why the candidate could not be estimated, when it could not. */
  message: string | null;
}

/**
 * For every candidate column: its estimate when added alone to the chosen factors (for a chosen
 * factor: its estimate in the model). Rows with any needed value missing are left out of that fit.
 */
export function candidateTable(
  y: ArrayLike<number>, factorColumns: ArrayLike<number>[], chosen: string[], candidates: { name: string; values: ArrayLike<number> }[],
  /** The chosen factors' fit on the same rows, when the caller already has it. */
  baseFit?: FitResult,
): CandidateFactor[] {
  const out: CandidateFactor[] = [];
  const base = baseFit ?? fitColumns(y, factorColumns, chosen);
  for (const cand of candidates) {
    const inModel = chosen.includes(cand.name);
    const blank: CandidateFactor = { name: cand.name, b: NaN, se: NaN, t: NaN, p: NaN, beta: NaN, n: 0, adjR2: NaN, adjR2Gain: NaN, inModel, message: null };
    if (inModel) {
      if (base.ok) {
        const est = base.model.factors.find((f) => f.name === cand.name)!;
        out.push({ ...blank, ...est, n: base.model.n, adjR2: base.model.adjR2, adjR2Gain: 0 });
      } else out.push({ ...blank, message: base.message });
      continue;
    }
    const keep: number[] = [];
    for (let i = 0; i < y.length; i++) if (!Number.isNaN(cand.values[i])) keep.push(i);
    const pick = (c: ArrayLike<number>) => {
      const out = new Float64Array(keep.length);
      for (let j = 0; j < keep.length; j++) out[j] = c[keep[j]];
      return out;
    };
    const ys = pick(y);
    const restrictedColumns = factorColumns.map(pick);
    const extended = fitColumns(ys, [...restrictedColumns, pick(cand.values)], [...chosen, cand.name]);
    const restricted = keep.length === y.length && base.ok ? base : fitColumns(ys, restrictedColumns, chosen);
    if (!extended.ok) {
      out.push({ ...blank, n: keep.length, message: extended.message });
      continue;
    }
    const est = extended.model.factors[extended.model.factors.length - 1];
    out.push({
      ...blank, ...est, n: extended.model.n, adjR2: extended.model.adjR2,
      adjR2Gain: restricted.ok ? extended.model.adjR2 - restricted.model.adjR2 : NaN,
    });
  }
  return out;
}
