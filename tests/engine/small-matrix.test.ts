/**
 * shared/method/small-matrix.ts against ml-matrix, a general library: the engine's own k × k
 * eigendecomposition and inverse must give the library's answers.
 */
import { EigenvalueDecomposition as LibEVD, Matrix as LibMatrix, inverse as libInverse } from 'ml-matrix';
import { invert, symmetricEigen } from '../../shared/method/small-matrix';

/** A seeded correlation-like matrix: XᵀX of random columns, scaled to a unit diagonal. */
function correlation(k: number, seed: number, collinear = false): number[][] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const n = 40;
  const x = Array.from({ length: n }, () => Array.from({ length: k }, rand));
  if (collinear) for (const row of x) row[k - 1] = row[0] - 2 * row[1];
  const c = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => x.reduce((a, r) => a + r[i] * r[j], 0)));
  return c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i][i] * c[j][j])));
}

describe('small-matrix against ml-matrix', () => {
  test.each([1, 2, 3, 5, 8])('eigenvalues, eigenvectors and inverse of a correlation matrix of %i factors', (k) => {
    const a = correlation(k, 7 * k);
    const mine = symmetricEigen(a);
    const theirs = new LibEVD(new LibMatrix(a), { assumeSymmetric: true });
    mine.values.forEach((v, i) => expect(v).toBeCloseTo(theirs.realEigenvalues[i], 12));
    // Eigenvectors agree up to sign.
    for (let j = 0; j < k; j++) {
      const ours = mine.vectors.map((row) => row[j]);
      const lib = theirs.eigenvectorMatrix.getColumn(j);
      const sign = Math.sign(ours.reduce((acc, v, i) => acc + v * lib[i], 0));
      ours.forEach((v, i) => expect(v * sign).toBeCloseTo(lib[i], 9));
    }
    const inv = invert(a);
    const libInv = libInverse(new LibMatrix(a));
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(inv[i][j]).toBeCloseTo(libInv.get(i, j), 9);
  });

  test('a collinear set: a zero eigenvalue whose vector names the factors involved', () => {
    const evd = symmetricEigen(correlation(4, 11, true));
    expect(Math.abs(evd.values[0])).toBeLessThan(1e-12);
    const v = evd.vectors.map((row) => Math.abs(row[0]));
    expect(v[0]).toBeGreaterThan(0.05);
    expect(v[1]).toBeGreaterThan(0.05);
    expect(v[3]).toBeGreaterThan(0.05);
    expect(v[2]).toBeLessThan(0.05);
  });

  test('a singular matrix cannot be inverted', () => {
    expect(() => invert([[1, 2], [2, 4]])).toThrow(/singular/);
  });
});
