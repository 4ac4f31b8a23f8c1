/**
 * Dynamics (METHODOLOGY.md § 9): per school and indicator, the change of QI and of the failure
 * share; positive when the change is beyond its combined SE in the good direction.
 */
import { indicatorChange } from '../../shared/method/dynamics';
import { identify } from '../../shared/method/identify';
import { shnorPositiveDynamics } from '../../shared/method/summary';
import { resultsGrid, schoolsGrid, settingsGrid } from './helpers';

describe('indicatorChange', () => {
  test('QI up beyond its SE and failures down beyond theirs → positive', () => {
    // ΔQI = 0.97 − 0.9 = 0.07; SE = √(0.02² + 0.02²) = 0.0282843 → up
    // p0 = 6/30 = 0.2, p1 = 2/28 = 0.0714286; Δ = −0.1285714
    // SE = √(0.2·0.8/30 + 0.0714286·0.9285714/28) = √(0.0053333 + 0.0023688) = 0.0877617 → down
    const c = indicatorChange('ОГЭ-9 Математика', { qi: 0.9, se: 0.02, n: 30, fails: 6 }, { qi: 0.97, se: 0.02, n: 28, fails: 2 });
    expect(c.qiChange).toBeCloseTo(0.07, 12);
    expect(c.qiChangeSE).toBeCloseTo(Math.sqrt(0.0008), 12);
    expect(c.failSharePrevious).toBeCloseTo(0.2, 12);
    expect(c.failShareCurrent).toBeCloseTo(2 / 28, 12);
    expect(c.failShareChange).toBeCloseTo(2 / 28 - 0.2, 12);
    expect(c.failShareChangeSE).toBeCloseTo(Math.sqrt(0.16 / 30 + (2 / 28) * (26 / 28) / 28), 12);
    expect(c.positive).toBe(true);
    expect(c.negative).toBe(false);
  });

  test('a change within its SE is neither positive nor negative', () => {
    // ΔQI = 0.02 < 0.0283; failures 3/30 → 3/30 (no change)
    const c = indicatorChange('k', { qi: 0.9, se: 0.02, n: 30, fails: 3 }, { qi: 0.92, se: 0.02, n: 30, fails: 3 });
    expect(c.positive).toBe(false);
    expect(c.negative).toBe(false);
  });

  test('QI down beyond its SE → negative', () => {
    const c = indicatorChange('k', { qi: 1.0, se: 0.01, n: 30, fails: NaN }, { qi: 0.95, se: 0.01, n: 30, fails: NaN });
    expect(c.negative).toBe(true);
    expect(c.positive).toBe(false);
    expect(c.failShareChange).toBeNull();
  });

  test('QI up but failures up too (both beyond SE): neither', () => {
    // p: 0.1 → 0.5 with n = 30: Δ 0.4, SE = √(0.09/30 + 0.25/30) = 0.106 → up
    const c = indicatorChange('k', { qi: 0.9, se: 0.01, n: 30, fails: 3 }, { qi: 1.0, se: 0.01, n: 30, fails: 15 });
    expect(c.positive).toBe(false);
    expect(c.negative).toBe(false);
  });

  test('nothing measurable (no SE, no failures): null', () => {
    const c = indicatorChange('k', { qi: 0.9, se: NaN, n: 30, fails: NaN }, { qi: 1.0, se: NaN, n: 30, fails: NaN });
    expect(c.qiChange).toBeCloseTo(0.1, 12);
    expect(c.qiChangeSE).toBeNull();
    expect(c.positive).toBeNull();
    expect(c.negative).toBeNull();
  });

  test('only failures measurable: they decide', () => {
    // p: 0.5 → 0.1, n = 30: Δ −0.4 beyond SE 0.106 → positive
    const c = indicatorChange('k', { qi: 0.9, se: NaN, n: 30, fails: 15 }, { qi: 0.9, se: NaN, n: 30, fails: 3 });
    expect(c.positive).toBe(true);
  });
});

describe('dynamics end to end, and the programme indicator', () => {
  // Both years: X = 4 (means 3.2, 4, 4.8), SD 1 with n = 25 → SE_k = 1/(5·4) = 0.05.
  // A: 2024 3.2 (QI 0.8, 10 of 25 failed), 2025 3.6 (QI 0.9, 2 of 25) → ΔQI 0.1 > √(2·0.05²) = 0.0707 → positive
  // B: 2024 4.0, 2025 3.6 → ΔQI −0.1 → negative
  const rows = [
    { code: 'A', year: 2024, n: 25, mean: 3.2, sd: 1, fails: 10 }, { code: 'B', year: 2024, n: 25, mean: 4.0, sd: 1, fails: 2 }, { code: 'C', year: 2024, n: 25, mean: 4.8, sd: 1, fails: 0 },
    { code: 'A', n: 25, mean: 3.6, sd: 1, fails: 2 }, { code: 'B', n: 25, mean: 3.6, sd: 1, fails: 2 }, { code: 'C', n: 25, mean: 4.8, sd: 1, fails: 0 },
    { code: 'D', n: 25, mean: 4.0, sd: 1, fails: 0 }, // only in 2025: no dynamics
  ];
  const r = identify({ schools: schoolsGrid(['A', 'B', 'C', 'D']), results: resultsGrid(rows), settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]) });

  test('per school and indicator, for schools with the indicator in both years', () => {
    // 2025: X = (3.6 + 3.6 + 4.8 + 4)/4 = 4
    const a = r.dynamics.find((d) => d.code === 'A')!.changes[0];
    expect(a.indicator).toBe('ОГЭ-9 Математика');
    expect(a.qiPrevious).toBeCloseTo(0.8, 12);
    expect(a.qiCurrent).toBeCloseTo(0.9, 12);
    expect(a.qiChangeSE).toBeCloseTo(Math.sqrt(2) * 0.05, 12);
    expect(a.failShareChange).toBeCloseTo(2 / 25 - 10 / 25, 12);
    expect(a.positive).toBe(true);
    const b = r.dynamics.find((d) => d.code === 'B')!.changes[0];
    expect(b.negative).toBe(true);
    expect(r.dynamics.find((d) => d.code === 'D')).toBeUndefined();
  });

  test('«доля ШНОР, достигших положительной динамики»: ШНОР with a measurable change, share positive', () => {
    // 2025 QI: A 0.9, B 0.9, C 1.2, D 1.0; σ = SD(0.9, 0.9, 1.2, 1.0) = 0.141421; z(A) = −0.1/0.05 = −2 → A, B ШНОР
    expect(r.schools.filter((s) => s.lowResults).map((s) => s.code)).toEqual(['A', 'B']);
    expect(shnorPositiveDynamics(r)).toEqual([{ indicator: 'ОГЭ-9 Математика', measured: 2, positive: 1, share: 0.5 }]);
  });
});
