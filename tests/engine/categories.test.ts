/**
 * Categories for support (METHODOLOGY.md § 7; precise rule 8), in this order:
 * low quality & low ИСБШ → «ШНОР и ШФНСУ»; low quality → «ШНОР»; low ИСБШ & high quality →
 * «резильентная»; low ИСБШ → «ШФНСУ»; high quality → «высокие результаты»; group 6 → «средние»; else null.
 */
import { categoryFromGroups, isLowIsbsh, schoolCategory } from '../../shared/method/categories';
import { identify } from '../../shared/method/identify';
import { byCode } from './helpers';
import { regionTables } from './region-fixture';

describe('schoolCategory (regional method: low quality = group 1–5)', () => {
  const cat = (q: number | null, i: number | null) => schoolCategory({ lowQuality: q !== null && q <= 5, qualityGroup: q, isbshGroup: i });

  test.each<[number | null, number | null, string | null]>([
    // quality 1–5 and ИСБШ 1–4
    [1, 1, 'ШНОР и ШФНСУ'], [5, 4, 'ШНОР и ШФНСУ'],
    // quality 1–5, ИСБШ ≥ 5 or unknown
    [5, 5, 'ШНОР'], [3, 11, 'ШНОР'], [2, null, 'ШНОР'],
    // ИСБШ 1–4 and quality ≥ 7
    [7, 4, 'резильентная'], [11, 1, 'резильентная'],
    // ИСБШ 1–4, quality 6 or no quality group
    [6, 4, 'ШФНСУ'], [null, 1, 'ШФНСУ'],
    // quality ≥ 7, ИСБШ ≥ 5 or unknown
    [7, 5, 'высокие результаты'], [9, null, 'высокие результаты'],
    // quality 6, ИСБШ ≥ 5 or unknown
    [6, 5, 'средние'], [6, null, 'средние'], [6, 11, 'средние'],
    // neither group, or only a high/average ИСБШ
    [null, null, null], [null, 5, null], [null, 9, null],
  ])('quality %p, ИСБШ %p → %p', (q, i, expected) => {
    expect(cat(q, i)).toBe(expected);
    expect(categoryFromGroups(q, i)).toBe(expected);
  });

  test('the boundaries: ИСБШ 4 is low, 5 is not; quality 5 is low, 7 is high', () => {
    expect(isLowIsbsh(4)).toBe(true);
    expect(isLowIsbsh(5)).toBe(false);
    expect(isLowIsbsh(null)).toBe(false);
  });
});

describe('«low quality» follows the method (federal or both)', () => {
  test('a federal-low school is «ШНОР» even with quality group ≥ 7 (low quality comes first)', () => {
    expect(schoolCategory({ lowQuality: true, qualityGroup: 8, isbshGroup: 6 })).toBe('ШНОР');
    expect(schoolCategory({ lowQuality: true, qualityGroup: 8, isbshGroup: 2 })).toBe('ШНОР и ШФНСУ');
    expect(schoolCategory({ lowQuality: true, qualityGroup: null, isbshGroup: null })).toBe('ШНОР');
  });
  test('not low by the method and group 1–5: no category', () => {
    expect(schoolCategory({ lowQuality: false, qualityGroup: 3, isbshGroup: 6 })).toBeNull();
    expect(schoolCategory({ lowQuality: false, qualityGroup: 3, isbshGroup: 2 })).toBe('ШФНСУ');
  });
});

describe('categories end to end', () => {
  test('a small school (no quality group) with a low ИСБШ is «ШФНСУ»', () => {
    // S09 gets S01's factors: its ИСБШ equals S01's (0.854…, group 4 in isbsh_reference.py); the model is
    // unchanged because S09 has no quality group and is not in the fit sample.
    const r = identify(regionTables((code, f) => (code === 'S09' ? [20, 5, 40] : f)));
    expect(byCode(r, 'S09').qualityGroup).toBeNull();
    expect(byCode(r, 'S09').isbsh).toBeCloseTo(0.8540935771386989, 10);
    expect(byCode(r, 'S09').isbshGroup).toBe(4);
    expect(byCode(r, 'S09').category).toBe('ШФНСУ');
    expect(byCode(r, 'S09').reason).toBe('индекс качества 1,00 (95% ДИ 0,84–1,16), недостаточно данных (6 участников, нужно не менее 10); ИСБШ 0,85, группа 4; вывод: отличие индекса качества от среднего по региону в пределах статистической погрешности, социальные условия неблагоприятные');
  });
});
