/**
 * The little linear algebra the ИСБШ fit needs, on k × k matrices (k = number of factors): a
 * symmetric eigendecomposition and an inverse. Small enough for the Apps Script bundle, which
 * Apps Script loads on every custom function call (a general matrix library adds ~69 KiB).
 * tests/engine/small-matrix.test.ts holds both to ml-matrix's results.
 */

export type Square = number[][];

/**
 * Eigenvalues (ascending) and eigenvectors (as columns: vectors[row][col]) of a symmetric matrix,
 * by cyclic Jacobi rotations.
 * @example symmetricEigen([[2, 1], [1, 2]]).values // [1, 3]
 */
export function symmetricEigen(matrix: Square): { values: number[]; vectors: Square } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: Square = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let all = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        all += a[p][q] * a[p][q];
        if (p !== q) off += a[p][q] * a[p][q];
      }
    }
    if (off <= 1e-30 * all) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p][q];
        if (apq === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i][i] - a[j][j]);
  return {
    values: order.map((i) => a[i][i]),
    vectors: Array.from({ length: n }, (_, r) => order.map((i) => v[r][i])),
  };
}

/**
 * The inverse of a square matrix by Gauss–Jordan elimination with partial pivoting.
 * @example invert([[2, 0], [0, 4]]) // [[0.5, 0], [0, 0.25]]
 */
export function invert(matrix: Square): Square {
  const n = matrix.length;
  const a: Square = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (a[pivot][col] === 0) throw new Error('invert: the matrix is singular');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const d = a[col][col];
    for (let j = 0; j < 2 * n; j++) a[col][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col];
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
}
