/**
 * The engine's OLS (centred cross-products) against ml-regression-multivariate-linear, a general
 * matrix implementation, on a deterministic sample: same slopes, intercept and standard errors.
 * (statsmodels values are checked in social-index.test.ts.)
 */
import MLR from 'ml-regression-multivariate-linear';
import { fitSocialModel } from '../../shared/method/social-index';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

test('same b, intercept and SE as ml-regression-multivariate-linear on 500 schools with 4 factors', () => {
  const rnd = lcg(42);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 500; i++) {
    const row = [5 + 55 * rnd(), 8 * rnd(), 10 + 35 * rnd(), 20 * rnd()];
    x.push(row);
    y.push(0.9 + 0.004 * row[0] - 0.01 * row[1] - 0.002 * row[2] + 0.1 * (rnd() - 0.5));
  }
  const ours = fitSocialModel(y, x, ['a', 'b', 'c', 'd']);
  expect(ours.ok).toBe(true);
  if (!ours.ok) return;
  const theirs = new MLR(x, y.map((v) => [v]), { intercept: true, statistics: true });
  ours.model.factors.forEach((f, j) => {
    expect(f.b).toBeCloseTo(theirs.weights[j][0], 10);
    expect(f.se).toBeCloseTo(theirs.stdErrors[j], 10);
    expect(f.t).toBeCloseTo(theirs.tStats[j], 6);
  });
  expect(ours.model.intercept).toBeCloseTo(theirs.weights[4][0], 9);
  expect(ours.model.residualSD).toBeCloseTo(theirs.stdError, 10);
});
