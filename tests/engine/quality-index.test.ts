/**
 * The quality index (METHODOLOGY.md § 2; precise rules 1–4): regional means, QI, composite,
 * SE with the pooled SD, z; small schools; no SD anywhere.
 */
import { identify } from '../../shared/method/identify';
import { type IndicatorMatrix, emptyMatrix, pooledSDs, qualityIndex, regionalMeans } from '../../shared/method/quality-index';
import { byCode, messages, oneIndicatorRegion, resultsGrid, schoolsGrid, settingsGrid, warningsOf } from './helpers';

type Cellv = [n: number, mean: number, sd?: number, fails?: number] | null;

/** A school × indicator matrix from rows of [n, mean, sd, fails] (null = no value). */
function matrix(rows: Cellv[][]): IndicatorMatrix {
  const m = emptyMatrix(rows.length, rows[0].length);
  rows.forEach((row, s) => row.forEach((v, k) => {
    if (!v) return;
    const i = s * m.cols + k;
    m.n[i] = v[0];
    m.mean[i] = v[1];
    if (v[2] !== undefined) m.sd[i] = v[2];
    if (v[3] !== undefined) m.fails[i] = v[3];
  }));
  return m;
}

const nanToNull = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('regional mean X_k (precise rule 1)', () => {
  // k0: A 4.0 (n 20), B 3.0 (n 5, a small school), C 5.0 (n 40); k1: A 3.6 (n 30), C 4.4 (n 40)
  const m = matrix([
    [[20, 4.0], [30, 3.6]],
    [[5, 3.0], null],
    [[40, 5.0], [40, 4.4]],
  ]);
  test('unweighted mean over all schools with a value, small schools included', () => {
    // X0 = (4 + 3 + 5)/3 = 4; X1 = (3.6 + 4.4)/2 = 4
    expect(nanToNull(regionalMeans(m))).toEqual([4, 4]);
  });
  test('option: weighted by participants', () => {
    // X0 = (20·4 + 5·3 + 40·5)/65 = 295/65 = 4.538462; X1 = (30·3.6 + 40·4.4)/70 = (108 + 176)/70 = 4.057143
    const X = regionalMeans(m, true);
    expect(X[0]).toBeCloseTo(295 / 65, 12);
    expect(X[1]).toBeCloseTo(284 / 70, 12);
  });
  test('an indicator nobody has: NaN (not zero)', () => {
    expect(nanToNull(regionalMeans(matrix([[[10, 4], null]])))).toEqual([4, null]);
  });
});

describe('QI_sk, composite QI_s, SE_s and z_s', () => {
  // SDs known everywhere: k0 A 1.0, B 2.0, C 1.5; k1 A 0.8, C 1.2
  const m = matrix([
    [[20, 4.0, 1.0], [30, 3.6, 0.8]],
    [[5, 3.0, 2.0], null],
    [[40, 5.0, 1.5], [40, 4.4, 1.2]],
  ]);
  const q = qualityIndex(m);

  test('QI_sk = x̄_sk / X_k; composite = mean over the indicators the school has', () => {
    // X0 = X1 = 4. A: (4/4 + 3.6/4)/2 = (1 + 0.9)/2 = 0.95; B (no ОГЭ, not a zero): 3/4 = 0.75; C: (1.25 + 1.1)/2 = 1.175
    expect(nanToNull(q.indicatorQI).map((v) => (v === null ? null : +v.toFixed(12)))).toEqual([1, 0.9, 0.75, null, 1.25, 1.1]);
    expect(q.qi[0]).toBeCloseTo(0.95, 12);
    expect(q.qi[1]).toBeCloseTo(0.75, 12);
    expect(q.qi[2]).toBeCloseTo(1.175, 12);
    expect(Array.from(q.participants)).toEqual([50, 5, 80]);
  });

  test('SE_sk = s / (√n · X_k); SE_s = √(Σ SE_sk²) / K; z = (QI − 1) / SE', () => {
    // A: SE_A0 = 1/(√20·4) → SE² = 1/320; SE_A1 = 0.8/(√30·4) → SE² = 0.64/480
    // SE_A = √(1/320 + 0.64/480) / 2 = √(0.003125 + 0.0013333) / 2 = 0.0333854; z = −0.05 / 0.0333854 = −1.49766
    const seA = Math.sqrt(1 / 320 + 0.64 / 480) / 2;
    expect(q.indicatorSE[0]).toBeCloseTo(1 / (Math.sqrt(20) * 4), 12);
    expect(q.se[0]).toBeCloseTo(seA, 12);
    expect(q.se[0]).toBeCloseTo(0.0333854, 6);
    expect(q.z[0]).toBeCloseTo(-0.05 / seA, 10);
    expect(q.z[0]).toBeCloseTo(-1.49766, 4);
    // B: one indicator: SE = 2/(√5·4) = 0.2236068; z = −0.25/0.2236068 = −1.118034
    expect(q.se[1]).toBeCloseTo(2 / (Math.sqrt(5) * 4), 12);
    expect(q.z[1]).toBeCloseTo(-1.118034, 5);
  });

  test('option: weights n_sk in the composite and its SE', () => {
    // A: w = 20, 30 → QI = (20·1 + 30·0.9)/50 = 47/50 = 0.94
    // SE = √(20²·(1/320) + 30²·(0.64/480)) / 50 = √(1.25 + 1.2) / 50 = √2.45/50 = 0.0313050
    const w = qualityIndex(m, { weightByParticipants: true });
    expect(w.qi[0]).toBeCloseTo(0.94, 12);
    expect(w.se[0]).toBeCloseTo(Math.sqrt(2.45) / 50, 12);
  });
});

describe('pooled SD (precise rule 3)', () => {
  test('√(Σ (n − 1) s² / Σ (n − 1)) over schools with a known SD and n > 1; stands in for unknown SDs', () => {
    // k0: A n 20 s 1, B n 5 s 2, C n 40 s unknown, D n 1 (SD unknown by rule 2; even a stray SD is ignored)
    // pooled = √((19·1 + 4·4)/(19 + 4)) = √(35/23) = 1.233592
    const m = matrix([[[20, 4, 1]], [[5, 3, 2]], [[40, 5]], [[1, 4, 3]]]);
    const pooled = Math.sqrt(35 / 23);
    expect(pooledSDs(m)[0]).toBeCloseTo(pooled, 12);
    const q = qualityIndex(m);
    // X = (4 + 3 + 5 + 4)/4 = 4; SE_C = pooled/(√40·4) = 0.04876; SE_D uses the stray SD 3 given in the matrix
    expect(q.se[2]).toBeCloseTo(pooled / (Math.sqrt(40) * 4), 12);
  });

  test('no school with a known SD: SE and z unknown for every school with k, known for the others', () => {
    const m = matrix([
      [[20, 4], [20, 4, 1]],
      [[20, 3], null],
      [null, [20, 5, 1]],
    ]);
    const q = qualityIndex(m);
    expect(Number.isNaN(q.pooledSD[0])).toBe(true);
    expect(nanToNull(q.se).map((v) => v !== null)).toEqual([false, false, true]);
    expect(nanToNull(q.z).map((v) => v !== null)).toEqual([false, false, true]);
    // C has only k1: SE = 1/(√20·4.5) (X1 = (4 + 5)/2 = 4.5)
    expect(q.se[2]).toBeCloseTo(1 / (Math.sqrt(20) * 4.5), 12);
  });

  test('SE = 0 (every SD zero) is treated as unknown, z too', () => {
    const q = qualityIndex(matrix([[[20, 4, 0]], [[20, 5, 0]]]));
    expect(nanToNull(q.se)).toEqual([null, null]);
    expect(nanToNull(q.z)).toEqual([null, null]);
  });
});

describe('quality index end to end (identify)', () => {
  test('n = 1: the school\'s SD is unknown, the pooled SD gives its SE', () => {
    // A n 26 s 1.0, B n 11 s 2.0 → pooled = √((25·1 + 10·4)/35) = √(65/35) = 1.362770
    // C n 1 (SD 0.3 given, ignored): X = (4 + 3 + 5)/3 = 4; SE_C = 1.362770/(√1·4) = 0.3406926; z_C = 0.25/0.3406926 = 0.733800
    const r = identify(oneIndicatorRegion({ A: [26, 4, 1], B: [11, 3, 2], C: [1, 5, 0.3] }));
    expect(r.ok).toBe(true);
    expect(r.pooledSDs).toEqual([expect.closeTo(Math.sqrt(65 / 35), 12)]);
    expect(byCode(r, 'C').qualityIndexSE).toBeCloseTo(Math.sqrt(65 / 35) / 4, 12);
    expect(byCode(r, 'C').qualityZ).toBeCloseTo(0.25 / (Math.sqrt(65 / 35) / 4), 10);
    expect(byCode(r, 'C').qualityGroup).toBeNull(); // 1 participant < 10
  });

  test('small schools count in X but not in σ; < 10 participants → no group, «недостаточно данных»', () => {
    // X = (3.2 + 4 + 4.8 + 6)/4 = 18/4 = 4.5 (the small school S, n = 9, included)
    // σ over A, B, C only: QI = 3.2/4.5, 4/4.5, 4.8/4.5 → SD = 0.8/4.5 = 0.177778
    // d = (x/4.5 − 1)/(0.8/4.5) = (x − 4.5)/0.8: A −1.625 → 2d = −3.25 → −3 → 3; B −0.625 → −1.25 → −1 → 5; C 0.375 → 0.75 → 1 → 7
    const r = identify(oneIndicatorRegion({ A: [20, 3.2], B: [20, 4], C: [20, 4.8], S: [9, 6] }));
    expect(r.regionalMeans).toEqual([4.5]);
    expect(r.qualitySigma).toBeCloseTo(0.8 / 4.5, 12);
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([3, 5, 7, null]);
    const s = byCode(r, 'S');
    expect(s.qualityIndex).toBeCloseTo(6 / 4.5, 12);
    expect(s.category).toBeNull();
    expect(s.reason).toBe('индекс качества 1,33, недостаточно данных (9 участников, нужно не менее 10); ИСБШ не рассчитан; вывод: значимость отличия индекса качества от среднего не оценена');
  });

  test('participants are summed over all indicators of the year: 6 + 5 ≥ 10 gives a group', () => {
    const ind = ['ВПР-4 Математика', 'ВПР-4 Русский язык'];
    const r = identify({
      schools: schoolsGrid(['A', 'B', 'C', 'D']),
      results: resultsGrid([
        { code: 'A', ind: ind[0], n: 6, mean: 4 }, { code: 'A', ind: ind[1], n: 5, mean: 4 },
        { code: 'B', ind: ind[0], n: 20, mean: 3 }, { code: 'B', ind: ind[1], n: 20, mean: 3 },
        { code: 'C', ind: ind[0], n: 20, mean: 5 }, { code: 'C', ind: ind[1], n: 20, mean: 5 },
        { code: 'D', ind: ind[0], n: 5, mean: 4 }, { code: 'D', ind: ind[1], n: 4, mean: 4 },
      ]),
      settings: settingsGrid([['Индикатор', ind[0]], ['Индикатор', ind[1]]]),
    });
    expect(byCode(r, 'A').participants).toBe(11);
    expect(byCode(r, 'A').qualityGroup).toBe(6);
    expect(byCode(r, 'D').participants).toBe(9);
    expect(byCode(r, 'D').qualityGroup).toBeNull();
  });

  test('no SD anywhere: SE and z null, gate skipped (band rule only), a warning in problems', () => {
    // Means 5.25, 2.75, 3.25, 4.5, 4.25 → X = 20/5 = 4; QI = 1.3125, 0.6875, 0.8125, 1.125, 1.0625 (deviations ±5/16, −3/16, 2/16, 1/16)
    // σ = √((25 + 25 + 9 + 4 + 1)/256 / 4) = √(0.0625) = 0.25 exactly
    // d = dev/0.25: 1.25 → 2d = 2.5 → 3 → 9; −1.25 → −2.5 → −3 → 3 (half away from zero, both signs);
    //   −0.75 → −1.5 → −2 → 4; 0.5 → 1 → 7; 0.25 → 0.5 → 1 → 7
    const r = identify(oneIndicatorRegion({ A: [20, 5.25], B: [20, 2.75], C: [20, 3.25], D: [20, 4.5], E: [20, 4.25] }));
    expect(r.ok).toBe(true);
    expect(r.qualitySigma).toBe(0.25);
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([9, 3, 4, 7, 7]);
    expect(r.schools.every((s) => s.qualityIndexSE === null && s.qualityZ === null && s.ciLow === null)).toBe(true);
    expect(messages(warningsOf(r.problems))).toContain('Показатель «ОГЭ-9 Математика»: ни у одной школы нет стандартного отклонения (ни отметок, ни столбца «Стандартное отклонение»); стандартная ошибка и значимость не рассчитаны, группы определены только по отклонению от среднего');
    expect(byCode(r, 'E').reason).toBe('индекс качества 1,06, группа 7; ИСБШ не рассчитан; вывод: значимость отличия индекса качества от среднего не оценена');
  });

  test('SD from marks is enough for SE (no «Стандартное отклонение» column needed)', () => {
    // A: marks 1,2,3,4 (n 10) → mean 4, SD √(10/9); B: mean 3 n 10, no SD → pooled = √(9·(10/9)/9) = √(10/9)
    // X = 3.5; SE_B = √(10/9)/(√10·3.5) = 1/(3·3.5) = 0.0952381
    const r = identify({
      schools: schoolsGrid(['A', 'B']),
      results: resultsGrid([{ code: 'A', n: 10, marks: [1, 2, 3, 4] }, { code: 'B', n: 10, mean: 3 }]),
      settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]),
    });
    expect(r.regionalMeans[0]).toBeCloseTo(3.5, 12);
    expect(byCode(r, 'B').qualityIndexSE).toBeCloseTo(1 / (3 * 3.5), 12);
  });

  test('«Веса показателей = по участникам» and «Региональное среднее = взвешенное»', () => {
    const ind = ['ОГЭ-9 Математика', 'ОГЭ-9 Русский язык'];
    const tables = {
      schools: schoolsGrid(['A', 'B']),
      results: resultsGrid([
        { code: 'A', ind: ind[0], n: 10, mean: 3 }, { code: 'A', ind: ind[1], n: 30, mean: 4 },
        { code: 'B', ind: ind[0], n: 30, mean: 5 }, { code: 'B', ind: ind[1], n: 10, mean: 4 },
      ]),
    };
    // Unweighted: X0 = 4, X1 = 4; A = (0.75 + 1)/2 = 0.875
    const plain = identify({ ...tables, settings: settingsGrid([['Индикатор', ind[0]], ['Индикатор', ind[1]]]) });
    expect(byCode(plain, 'A').qualityIndex).toBeCloseTo(0.875, 12);
    // Weights n: A = (10·0.75 + 30·1)/40 = 37.5/40 = 0.9375
    const w = identify({ ...tables, settings: settingsGrid([['Индикатор', ind[0]], ['Индикатор', ind[1]], ['Веса показателей', 'по участникам']]) });
    expect(byCode(w, 'A').qualityIndex).toBeCloseTo(0.9375, 12);
    // Weighted X0 = (10·3 + 30·5)/40 = 4.5, X1 = 4; A = (3/4.5 + 1)/2 = 0.833333
    const wx = identify({ ...tables, settings: settingsGrid([['Индикатор', ind[0]], ['Индикатор', ind[1]], ['Региональное среднее', 'взвешенное']]) });
    expect(wx.regionalMeans).toEqual([4.5, 4]);
    expect(byCode(wx, 'A').qualityIndex).toBeCloseTo((3 / 4.5 + 1) / 2, 12);
  });

  test('rows of other years do not enter X', () => {
    const r = identify({
      schools: schoolsGrid(['A', 'B']),
      results: resultsGrid([
        { code: 'A', year: 2024, n: 20, mean: 100 }, { code: 'B', year: 2024, n: 20, mean: 50 },
        { code: 'A', n: 20, mean: 3 }, { code: 'B', n: 20, mean: 5 },
      ]),
      settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]),
    });
    expect(r.regionalMeans).toEqual([4]);
  });

  test('a school with no results gets an entry with nulls, federalLow false, empty lists', () => {
    const r = identify({ schools: schoolsGrid(['A', 'B', 'Z']), results: resultsGrid([{ code: 'A', n: 20, mean: 3 }, { code: 'B', n: 20, mean: 5 }]) });
    const z = byCode(r, 'Z');
    expect(z).toMatchObject({
      qualityIndex: null, qualityIndexSE: null, qualityZ: null, qualityGroup: null, isbsh: null, isbshGroup: null,
      residual: null, federalLow: false, lowIndicators: [], category: null, stable: null, change: null, partners: [],
    });
    expect(z.reason).toBe('нет результатов оценочных процедур; ИСБШ не рассчитан; вывод: результаты не оценены');
  });
});
