/**
 * gas/lib/matrix-lite.ts stands in for ml-matrix in the Apps Script bundle: it must give the
 * library's answers for what the engine asks (a symmetric k × k matrix's eigenvalues and vectors,
 * and its inverse).
 */
import { EigenvalueDecomposition as LibEVD, Matrix as LibMatrix, inverse as libInverse } from 'ml-matrix';
import { EigenvalueDecomposition, Matrix, inverse } from '../gas/lib/matrix-lite';

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

function both(a: number[][]): [Matrix, LibMatrix] {
  const m = new Matrix(a.length, a.length);
  a.forEach((row, i) => row.forEach((v, j) => m.set(i, j, v)));
  return [m, new LibMatrix(a)];
}

describe('matrix-lite against ml-matrix', () => {
  test.each([1, 2, 3, 5, 8])('eigenvalues and inverse of a correlation matrix of %i factors', (k) => {
    const [m, lib] = both(correlation(k, 7 * k));
    const mine = new EigenvalueDecomposition(m, { assumeSymmetric: true });
    const theirs = new LibEVD(lib, { assumeSymmetric: true });
    mine.realEigenvalues.forEach((v, i) => expect(v).toBeCloseTo(theirs.realEigenvalues[i], 12));
    // Eigenvectors agree up to sign.
    for (let j = 0; j < k; j++) {
      const a = mine.eigenvectorMatrix.getColumn(j);
      const b = theirs.eigenvectorMatrix.getColumn(j);
      const sign = Math.sign(a.reduce((acc, v, i) => acc + v * b[i], 0));
      a.forEach((v, i) => expect(v * sign).toBeCloseTo(b[i], 9));
    }
    const inv = inverse(m);
    const libInv = libInverse(lib);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(inv.get(i, j)).toBeCloseTo(libInv.get(i, j), 9);
  });

  test('a collinear set: a zero eigenvalue whose vector names the factors involved', () => {
    const [m] = both(correlation(4, 11, true));
    const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
    expect(Math.abs(evd.realEigenvalues[0])).toBeLessThan(1e-12);
    const v = evd.eigenvectorMatrix.getColumn(0).map(Math.abs);
    expect(v[0]).toBeGreaterThan(0.05);
    expect(v[1]).toBeGreaterThan(0.05);
    expect(v[3]).toBeGreaterThan(0.05);
    expect(v[2]).toBeLessThan(0.05);
  });
});
