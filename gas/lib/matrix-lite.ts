/**
 * The part of ml-matrix the engine uses (shared/social-index.ts: a k × k correlation matrix,
 * its symmetric eigendecomposition and its inverse), small enough for the Apps Script bundle.
 * webpack.config.js aliases 'ml-matrix' to this file in the Apps Script build only: the whole
 * library adds about 69 KiB to Code.js, which Apps Script loads on every custom function call.
 * Other hosts and the tests use ml-matrix itself; tests/gas-matrix-lite.test.ts holds this file to
 * the library's results and the Apps Script tests compare the bundle's numbers with the engine's.
 */

export class Matrix {
  readonly rows: number;
  readonly columns: number;
  private readonly data: Float64Array;

  constructor(rows: number, columns: number) {
    this.rows = rows;
    this.columns = columns;
    this.data = new Float64Array(rows * columns);
  }

  get(row: number, column: number): number {
    return this.data[row * this.columns + column];
  }

  set(row: number, column: number, value: number): this {
    this.data[row * this.columns + column] = value;
    return this;
  }

  getColumn(column: number): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.rows; r++) out.push(this.get(r, column));
    return out;
  }

  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.set(i, i, 1);
    return m;
  }
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations, eigenvalues
 * ascending (as ml-matrix returns them for a symmetric matrix), eigenvectors as columns.
 */
export class EigenvalueDecomposition {
  readonly realEigenvalues: number[];
  readonly imaginaryEigenvalues: number[];
  readonly eigenvectorMatrix: Matrix;

  constructor(value: Matrix, _options?: { assumeSymmetric?: boolean }) {
    const n = value.rows;
    const a: number[][] = [];
    for (let i = 0; i < n; i++) a.push(value.getColumn(i));
    const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
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
    this.realEigenvalues = order.map((i) => a[i][i]);
    this.imaginaryEigenvalues = order.map(() => 0);
    this.eigenvectorMatrix = new Matrix(n, n);
    order.forEach((i, col) => {
      for (let r = 0; r < n; r++) this.eigenvectorMatrix.set(r, col, v[r][i]);
    });
  }
}

/** The inverse of a square matrix by Gauss–Jordan elimination with partial pivoting. */
export function inverse(matrix: Matrix): Matrix {
  const n = matrix.rows;
  const a: number[][] = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => matrix.get(i, j)),
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (a[pivot][col] === 0) throw new Error('Matrix is singular');
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
  const out = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.set(i, j, a[i][n + j]);
  return out;
}
