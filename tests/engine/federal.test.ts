/**
 * The federal criterion (METHODOLOGY.md § 5; precise rule 7): an indicator counts when n ≥ 5 and
 * f / n ≥ 30%; the school is flagged with at least one such indicator. «Метод» chooses which
 * criterion makes a school ШНОР.
 */
import { federalLow, lowIndicatorColumns } from '../../shared/method/federal';
import { identify } from '../../shared/method/identify';
import { emptyMatrix } from '../../shared/method/quality-index';
import type { Cell, RegionTables } from '../../shared/types';
import { byCode, resultsGrid, schoolsGrid, settingsGrid } from './helpers';

const OPTS = { failShare: 0.3, minParticipants: 5, minLow: 1 };

describe('lowIndicatorColumns / federalLow', () => {
  // one school, four indicators: [n, fails]
  function m(cells: [number, number][]) {
    const x = emptyMatrix(1, cells.length);
    cells.forEach(([n, f], k) => {
      x.n[k] = n;
      x.mean[k] = 4;
      x.fails[k] = f;
    });
    return x;
  }
  test('exactly 30% counts; just under does not', () => {
    // 3/10 = 0.30 ≥ 0.30 ✓; 9/30 = 0.30 ✓; 2/7 = 0.2857 ✗; 29/100 ✗
    expect(lowIndicatorColumns(m([[10, 3], [30, 9], [7, 2], [100, 29]]), 0, OPTS)).toEqual([0, 1]);
  });
  test('n < 5 never counts, even at 100%; n = 5 does', () => {
    // 4/4 = 100% but n = 4 < 5; 2/5 = 40% with n = 5
    expect(lowIndicatorColumns(m([[4, 4], [5, 2]]), 0, OPTS)).toEqual([1]);
  });
  test('unknown failures do not take part', () => {
    expect(lowIndicatorColumns(m([[10, NaN]]), 0, OPTS)).toEqual([]);
  });
  test('at least m low indicators', () => {
    expect(federalLow(1, OPTS)).toBe(true);
    expect(federalLow(0, OPTS)).toBe(false);
    expect(federalLow(1, { ...OPTS, minLow: 2 })).toBe(false);
    expect(federalLow(2, { ...OPTS, minLow: 2 })).toBe(true);
  });
});

describe('federal rule end to end', () => {
  const tables: RegionTables = {
    schools: schoolsGrid(['A', 'B', 'C', 'D', 'E', 'F', 'G']),
    results: resultsGrid([
      { code: 'A', ind: 'ОГЭ-9 Математика', n: 10, mean: 3.5, fails: 3 }, // 30% exactly → low
      { code: 'A', ind: 'ОГЭ-9 Русский язык', n: 10, mean: 3.8, fails: 2 }, // 20%
      { code: 'B', ind: 'ОГЭ-9 Математика', n: 4, mean: 2.5, fails: 4 }, // 100% but n = 4 < 5
      { code: 'B', ind: 'ЕГЭ-11 Математика', n: 5, mean: 40, fails: 2 }, // 40%, n = 5 → low
      { code: 'C', ind: 'ОГЭ-9 Математика', n: 10, mean: 3.9 }, // failures unknown
      { code: 'D', ind: 'ОГЭ-9 Математика', n: 20, mean: 4, fails: 5 }, // 25%
      { code: 'E', ind: 'ЕГЭ-11 Русский язык', n: 20, mean: 55, fails: 6 }, // 30% → low (listed after ОГЭ-9 by indicator order)
      { code: 'E', ind: 'ОГЭ-9 Математика', n: 10, mean: 3.4, fails: '3' }, // 30% → low
      { code: 'F', ind: 'ОГЭ-9 Математика', n: 10, marks: [3, 3, 2, 2] }, // «2» = 3 of 10 → low
      { code: 'G', ind: 'ОГЭ-9 Математика', n: 10, pct: [30, 30, 20, 20] }, // 30% of 10 = 3 → low
    ]),
  };

  test('federalLow and lowIndicators («ОГЭ-9 Математика», in indicator order)', () => {
    const r = identify(tables);
    expect(r.ok).toBe(true);
    expect(r.schools.map((s) => [s.code, s.federalLow, s.lowIndicators])).toEqual([
      ['A', true, ['ОГЭ-9 Математика']],
      ['B', true, ['ЕГЭ-11 Математика']],
      ['C', false, []],
      ['D', false, []],
      ['E', true, ['ОГЭ-9 Математика', 'ЕГЭ-11 Русский язык']],
      ['F', true, ['ОГЭ-9 Математика']],
      ['G', true, ['ОГЭ-9 Математика']],
    ]);
    expect(byCode(r, 'A').failShares[r.indicators.indexOf('ОГЭ-9 Математика')]).toBeCloseTo(0.3, 12);
    expect(byCode(r, 'C').failShares[r.indicators.indexOf('ОГЭ-9 Математика')]).toBeNull();
  });

  test('the reason names the low indicators with their shares', () => {
    const r = identify(tables);
    expect(byCode(r, 'E').reason).toMatch(/; доля не справившихся не менее 30%: ОГЭ-9 Математика — 30%, ЕГЭ-11 Русский язык — 30%; вывод: значимость отличия индекса качества от среднего не оценена$/);
  });

  test('«Порог неуспешности, %» = 40: only 40% and above', () => {
    const r = identify({ ...tables, settings: settingsGrid([['Порог неуспешности, %', '40%']]) });
    expect(r.schools.filter((s) => s.federalLow).map((s) => s.code)).toEqual(['B']);
  });

  test('«Минимум участников в показателе» = 4: the 4-participant indicator counts', () => {
    const r = identify({ ...tables, settings: settingsGrid([['Минимум участников в показателе', 4]]) });
    expect(byCode(r, 'B').lowIndicators).toEqual(['ОГЭ-9 Математика', 'ЕГЭ-11 Математика']);
  });

  test('«Минимум показателей» = 2: only a school with two low indicators', () => {
    const r = identify({ ...tables, settings: settingsGrid([['Минимум показателей', 2]]) });
    expect(r.schools.filter((s) => s.federalLow).map((s) => s.code)).toEqual(['E']);
    expect(byCode(r, 'A').lowIndicators).toEqual(['ОГЭ-9 Математика']); // still listed, not flagged
  });

  test('an indicator outside the selection does not count', () => {
    const r = identify({ ...tables, settings: settingsGrid([['Индикатор', 'ОГЭ-9 Русский язык']]) });
    expect(r.schools.every((s) => !s.federalLow)).toBe(true);
  });
});

describe('«Метод»: which criterion makes the list (both shown side by side)', () => {
  // X = 4; QI 0.8, 1, 1.2 → σ = 0.2, no SD → groups by band: A 4, B 6, C 8; S has 9 participants (no group)
  // failures: A 2/20 = 10%, B 8/20 = 40%, C 0, S 5/9 = 55.6%
  const means: [string, number, number, Cell][] = [['A', 20, 3.2, 2], ['B', 20, 4, 8], ['C', 20, 4.8, 0], ['S', 9, 4, 5]];
  const tables = (method?: string): RegionTables => ({
    schools: schoolsGrid(means.map((m) => m[0])),
    results: resultsGrid(means.map(([code, n, mean, fails]) => ({ code, n, mean, fails }))),
    settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ...(method ? [['Метод', method] as [string, Cell]] : [])]),
  });

  test('региональный (default): quality groups 1–5', () => {
    const r = identify(tables());
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([4, 6, 8, null]);
    expect(r.schools.map((s) => s.federalLow)).toEqual([false, true, false, true]);
    expect(r.schools.map((s) => s.lowResults)).toEqual([true, false, false, false]);
    expect(r.schools.map((s) => s.category)).toEqual(['ШНОР', 'средние', 'высокие результаты', null]);
  });

  test('федеральный: the federal flag; a school in group 4 that is not flagged has no category (rule 8: «otherwise null»)', () => {
    const r = identify(tables('федеральный'));
    expect(r.schools.map((s) => s.lowResults)).toEqual([false, true, false, true]);
    expect(r.schools.map((s) => s.category)).toEqual([null, 'ШНОР', 'высокие результаты', 'ШНОР']);
    // the small school has no quality group: stable / change stay null
    expect(byCode(r, 'S')).toMatchObject({ stable: null, change: null });
  });

  test('оба: either criterion', () => {
    const r = identify(tables('оба'));
    expect(r.schools.map((s) => s.lowResults)).toEqual([true, true, false, true]);
    expect(r.schools.map((s) => s.category)).toEqual(['ШНОР', 'ШНОР', 'высокие результаты', 'ШНОР']);
  });
});
