/**
 * The social well-being index ИСБШ (METHODOLOGY.md § 4): ordinary least squares of the quality
 * index on the school's social factors; ИСБШ = ŷ / mean(ŷ over the fit sample).
 */
import MLR from 'ml-regression-multivariate-linear';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { MSG } from './messages';
import { mean, sampleSD, studentTwoSidedP } from './statistics';

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

/** Relative size of the smallest singular value of the standardized design below which it is singular. */
const SINGULAR_TOLERANCE = 1e-8;

/**
 * Fits y = b0 + Σ b_j x_j by OLS. `x[i]` is the i-th school's factor values in the order of `names`.
 * A fit that cannot be trusted (too few schools, a constant factor, collinear factors) returns a
 * plain Russian message naming the factors instead of numbers.
 * @example fitSocialModel([1, 2, 3, 4.1], [[1], [2], [3], [4]], ['x']) // b ≈ 1.03
 */
export function fitSocialModel(y: number[], x: number[][], names: string[]): FitResult {
  const n = y.length;
  const k = names.length;
  if (n < k + 2) return { ok: false, message: MSG.tooFewForModel(n, k + 2) };
  const columns = names.map((_, j) => x.map((row) => row[j]));
  const means = columns.map((c) => mean(c));
  const sds = columns.map((c) => sampleSD(c));
  const constant = names.filter((_, j) => !(sds[j] > 1e-12 * Math.max(1, Math.abs(means[j]))));
  if (constant.length > 0) return { ok: false, message: MSG.constantFactor(constant) };
  const sdY = sampleSD(y);
  if (k > 0) {
    // Standardize, then look for a (near-)zero singular value: its vector names the collinear factors.
    const z = new Matrix(n, k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) z.set(i, j, (x[i][j] - means[j]) / sds[j] / Math.sqrt(n - 1));
    const svd = new SingularValueDecomposition(z, { autoTranspose: true });
    const sv = svd.diagonal;
    const smallest = sv.indexOf(Math.min(...sv));
    if (sv[smallest] < SINGULAR_TOLERANCE * Math.max(...sv)) {
      const v = svd.rightSingularVectors.getColumn(smallest);
      const involved = names.filter((_, j) => Math.abs(v[j]) > 0.05);
      return { ok: false, message: MSG.collinear(involved.length > 1 ? involved : names) };
    }
  }
  // Centred factors keep the normal equations well conditioned; slopes and their SEs are unchanged.
  const centred = x.map((row) => row.map((v, j) => v - means[j]));
  const regression = new MLR(centred, y.map((v) => [v]), { intercept: true, statistics: true });
  const weights = regression.weights.map((w) => w[0]);
  const b = weights.slice(0, k);
  const intercept = weights[k] - b.reduce((acc, bj, j) => acc + bj * means[j], 0);
  const df = n - k - 1;
  let ssr = 0;
  const yMean = mean(y);
  let sst = 0;
  for (let i = 0; i < n; i++) {
    let fitted = weights[k];
    for (let j = 0; j < k; j++) fitted += b[j] * centred[i][j];
    ssr += (y[i] - fitted) ** 2;
    sst += (y[i] - yMean) ** 2;
  }
  const r2 = sst > 0 ? 1 - ssr / sst : 0;
  const factors = names.map((name, j) => {
    const se = regression.stdErrors[j];
    const t = b[j] / se;
    return { name, b: b[j], se, t, p: studentTwoSidedP(t, df), beta: sdY > 0 ? (b[j] * sds[j]) / sdY : 0 };
  });
  return {
    ok: true,
    model: { factors, intercept, r2, adjR2: 1 - ((1 - r2) * (n - 1)) / df, n, residualSD: Math.sqrt(ssr / df) },
  };
}

/** ŷ = b0 + Σ b_j x_j for one school. */
export function predict(model: SocialModel, x: number[]): number {
  let v = model.intercept;
  for (let j = 0; j < model.factors.length; j++) v += model.factors[j].b * x[j];
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
  y: number[], factorRows: number[][], chosen: string[], candidates: { name: string; values: number[] }[],
): CandidateFactor[] {
  const out: CandidateFactor[] = [];
  const base = fitSocialModel(y, factorRows, chosen);
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
    const ys = keep.map((i) => y[i]);
    const extended = fitSocialModel(ys, keep.map((i) => [...factorRows[i], cand.values[i]]), [...chosen, cand.name]);
    const restricted = fitSocialModel(ys, keep.map((i) => factorRows[i]), chosen);
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
