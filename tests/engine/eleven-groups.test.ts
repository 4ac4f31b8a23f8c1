/**
 * The eleven groups (METHODOLOGY.md § 3; precise rules 4–5): band = clamp(round(2d), −5, 5) with
 * rounding half away from zero, and the significance gate of the quality index.
 */
import { bandGroup, gatedGroup } from '../../shared/method/eleven-groups';
import { identify } from '../../shared/method/identify';
import { byCode, codes, messages, oneIndicatorRegion, warningsOf } from './helpers';

describe('bandGroup: group = 6 + clamp(round(d / width), −5, 5)', () => {
  test('round half away from zero at exactly ±2.5 (binary-exact values)', () => {
    // σ = 0.25: v = 1.3125 → d = 0.3125/0.25 = 1.25 → d/0.5 = 2.5 → 3 → group 9
    expect(bandGroup(1.3125, 0.25)).toBe(9);
    // v = 0.6875 → d = −1.25 → −2.5 → −3 → group 3 (Math.round would give −2 → 4)
    expect(bandGroup(0.6875, 0.25)).toBe(3);
    // ±0.5: v = 1.0625 → d = 0.25 → 0.5 → 1 → 7; v = 0.9375 → −0.5 → −1 → 5
    expect(bandGroup(1.0625, 0.25)).toBe(7);
    expect(bandGroup(0.9375, 0.25)).toBe(5);
    // ±1.5: v = 0.8125 → d = −0.75 → −1.5 → −2 → 4
    expect(bandGroup(0.8125, 0.25)).toBe(4);
    expect(bandGroup(1.1875, 0.25)).toBe(8);
  });

  test('just under the half rounds towards zero', () => {
    // d/width = 2.4 → 2 → 8; −2.4 → −2 → 4
    expect(bandGroup(1.3, 0.25)).toBe(8);
    expect(bandGroup(0.7, 0.25)).toBe(4);
  });

  test('the average is group 6', () => {
    expect(bandGroup(1, 0.1)).toBe(6);
    expect(bandGroup(1.02, 0.1)).toBe(6); // d = 0.2 → 0.4 → 0
    expect(bandGroup(0.98, 0.1)).toBe(6);
  });

  test('clamped at ±5: groups 1 and 11', () => {
    // d = 2 → 4 → 10; d = 2.75 → 5.5 → 6 → clamp 5 → 11; d = 10 → 20 → 11
    expect(bandGroup(1.5, 0.25)).toBe(10);
    expect(bandGroup(1.6875, 0.25)).toBe(11);
    expect(bandGroup(3.5, 0.25)).toBe(11);
    expect(bandGroup(0.3125, 0.25)).toBe(1);
    expect(bandGroup(-2, 0.25)).toBe(1);
  });

  test('another width (setting «Ширина группы, σ»): d / width', () => {
    // width 0.25: d = −1 → −4 → group 2
    expect(bandGroup(0.8, 0.2, 0.25)).toBe(2);
    // width 1: d = 1.5 → 2 → group 8
    expect(bandGroup(1.375, 0.25, 1)).toBe(8);
  });
});

describe('gatedGroup: the significance gate (precise rule 5)', () => {
  test('band 6 but z ≤ −1.96 → 5; band 6 but z ≥ 1.96 → 7', () => {
    expect(gatedGroup(0.99, 0.1, -2.5)).toBe(5);
    expect(gatedGroup(1.01, 0.1, 2.5)).toBe(7);
  });
  test('band 2 (d = −2) but z not significant → 6; band 10 and z not significant → 6', () => {
    expect(gatedGroup(0.8, 0.1, -1.5)).toBe(6);
    expect(gatedGroup(1.2, 0.1, 1.95)).toBe(6);
  });
  test('significant: the band decides when it goes further', () => {
    expect(gatedGroup(0.8, 0.1, -8)).toBe(2);
    expect(gatedGroup(1.2, 0.1, 8)).toBe(10);
  });
  test('the bounds are inclusive: z = −1.96 and z = 1.96 are significant', () => {
    expect(gatedGroup(1, 0.1, -1.96)).toBe(5);
    expect(gatedGroup(1, 0.1, 1.96)).toBe(7);
    expect(gatedGroup(1, 0.1, -1.9599)).toBe(6);
  });
  test('null z (no SE) skips the gate: band rule only', () => {
    expect(gatedGroup(0.8, 0.1, null)).toBe(2);
    expect(gatedGroup(0.99, 0.1, null)).toBe(6);
    expect(gatedGroup(0.8, 0.1, NaN)).toBe(2);
  });
  test('another critical value (setting «Уровень значимости, z»)', () => {
    expect(gatedGroup(0.8, 0.1, -2.2, 2.58)).toBe(6);
    expect(gatedGroup(0.8, 0.1, -2.6, 2.58)).toBe(2);
  });
});

describe('groups end to end (identify)', () => {
  test('the gate both ways and the band rule with significance', () => {
    // X = (3.96 + 4.04 + 3.2 + 4.8 + 4)/5 = 4 → QI = 0.99, 1.01, 0.8, 1.2, 1.0
    // σ = √((0.0001 + 0.0001 + 0.04 + 0.04 + 0)/4) = √0.02005 = 0.141598
    // A: d = −0.01/0.1416 = −0.0706 → band 0 (group 6); SE = 0.2/(√100·4) = 0.005 → z = −2 → group 5
    // B: mirror → z = +2 → group 7
    // C: d = −1.4125 → 2d = −2.825 → −3 → band group 3; SE = 2/(√16·4) = 0.125 → z = −1.6 → not significant → 6
    // D: d = +1.4125 → group 9; SE = 0.4/(10·4) = 0.01 → z = 20 → max(9, 7) = 9
    // E: z = 0 → 6
    const r = identify(oneIndicatorRegion({ A: [100, 3.96, 0.2], B: [100, 4.04, 0.2], C: [16, 3.2, 2], D: [100, 4.8, 0.4], E: [100, 4, 0.2] }));
    expect(r.qualitySigma).toBeCloseTo(Math.sqrt(0.02005), 12);
    expect(byCode(r, 'A').qualityZ).toBeCloseTo(-2, 10);
    expect(byCode(r, 'C').qualityZ).toBeCloseTo(-1.6, 10);
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([5, 7, 6, 9, 6]);
    expect(r.schools.map((s) => s.category)).toEqual(['ШНОР', 'высокие результаты', 'средние', 'высокие результаты', 'средние']);
    // 95% CI = QI ± 1.96·SE: A 0.99 ± 0.0098 → 0,98–1,00
    expect(byCode(r, 'A').ciLow).toBeCloseTo(0.99 - 1.96 * 0.005, 12);
    expect(byCode(r, 'A').ciHigh).toBeCloseTo(0.99 + 1.96 * 0.005, 12);
    expect(byCode(r, 'A').reason).toBe('индекс качества 0,99 (95% ДИ 0,98–1,00), группа 5; ИСБШ не рассчитан; вывод: индекс качества значимо ниже среднего по региону'); // 0,99 + 1,96 · 0,005 = 0,9998 < 1
  });

  test('clamp at ±5 with real data: 20 average schools, one far above, one far below', () => {
    // 20 schools at 4, one at 8, one at 0: X = 88/22 = 4 → QI = 1 (×20), 2, 0
    // σ = √((1 + 1)/21) = 0.308607; d = ±3.2404 → 2d = ±6.48 → ±6 → clamp ±5 → groups 11 and 1
    const means: Record<string, [number, number]> = {};
    for (const c of codes(20)) means[c] = [10, 4];
    means.HI = [10, 8];
    means.LO = [10, 0];
    const r = identify(oneIndicatorRegion(means));
    expect(r.qualitySigma).toBeCloseTo(Math.sqrt(2 / 21), 12);
    expect(byCode(r, 'HI').qualityGroup).toBe(11);
    expect(byCode(r, 'LO').qualityGroup).toBe(1);
    expect(byCode(r, 'S01').qualityGroup).toBe(6);
  });

  test('fewer than two eligible schools, or σ = 0: no quality groups, with a message', () => {
    const one = identify(oneIndicatorRegion({ A: [20, 4], B: [5, 3] }));
    expect(one.ok).toBe(true);
    expect(one.schools.map((s) => s.qualityGroup)).toEqual([null, null]);
    expect(one.qualitySigma).toBeNull();
    expect(messages(one.problems)).toContain('Группы по индексу качества не рассчитаны: школ с достаточным числом участников 1, нужно не меньше 2 с разными результатами');
    const same = identify(oneIndicatorRegion({ A: [20, 4], B: [20, 4] }));
    expect(same.schools.map((s) => s.qualityGroup)).toEqual([null, null]);
    expect(messages(warningsOf(same.problems)).some((m) => m.startsWith('Группы по индексу качества не рассчитаны: школ с достаточным числом участников 2'))).toBe(true);
  });
});
