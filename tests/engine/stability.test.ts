/**
 * Stability and change of status (METHODOLOGY.md § 6; precise rule 9): compared with the previous
 * calendar year, computed from that year's own data with the same settings.
 */
import { identify } from '../../shared/method/identify';
import type { RegionTables } from '../../shared/types';
import { type ResultSpec, byCode, messages, resultsGrid, schoolsGrid, settingsGrid, warningsOf } from './helpers';
import type { Cell } from '../../shared/types';

// One indicator. Deviations of QI from 1 in sixteenths: ±5, −3, +2, +1 and 0 → SS = 64/256 = 0.25.
// With six eligible schools σ = √(0.25/5) = 0.223607; d = dev/σ:
//   +5/16 → 1.3975 → 2d = 2.795 → 3 → group 9;  −5/16 → group 3;  −3/16 → −0.8385 → −1.677 → −2 → 4;
//   +2/16 → 0.559 → 1.118 → 1 → 7;  +1/16 → 0.2795 → 0.559 → 1 → 7;  0 → 6.
//
// 2024 (means ×2, X = 48/6 = 8, so the QIs are the same only if 2024 uses its own X):
//   S1 5.5 (QI 0.6875, g3)  S2 10.5 (1.3125, g9)  S3 6.5 (0.8125, g4)  S4 9 (1.125, g7)  S5 8.5 (1.0625, g7)  S6 8 (1, g6)
// 2025 (X = 28/7 = 4; S6 has 5 participants → no group; S7 is new in the data):
//   S1 3.25 (g4)  S2 2.75 (g3)  S3 4.5 (g7)  S4 4.25 (g7)  S5 5.25 (g9)  S6 4 (n 5)  S7 4 (g6)
const Y2024: [string, number, number][] = [['S1', 20, 5.5], ['S2', 20, 10.5], ['S3', 20, 6.5], ['S4', 20, 9], ['S5', 20, 8.5], ['S6', 20, 8]];
const Y2025: [string, number, number][] = [['S1', 20, 3.25], ['S2', 20, 2.75], ['S3', 20, 4.5], ['S4', 20, 4.25], ['S5', 20, 5.25], ['S6', 5, 4], ['S7', 20, 4]];

function tables(years: Record<number, [string, number, number][]>, settings: [string, Cell][] = []): RegionTables {
  const rows: ResultSpec[] = [];
  for (const [year, list] of Object.entries(years)) for (const [code, n, mean] of list) rows.push({ code, year: Number(year), n, mean });
  return {
    schools: schoolsGrid(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']),
    results: resultsGrid(rows),
    settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ...settings]),
  };
}

describe('stable and change: all four cases and the nulls', () => {
  const r = identify(tables({ 2024: Y2024, 2025: Y2025 }));

  test('the previous year is computed from its own data (its own X and σ)', () => {
    expect(r.year).toBe(2025);
    expect(r.previousYear).toBe(2024);
    expect(byCode(r, 'S1').previous).toEqual({ qualityIndex: 0.6875, qualityGroup: 3, lowResults: true, isbshGroup: null, category: 'ШНОР' });
    expect(r.schools.map((s) => s.previous?.qualityGroup ?? null)).toEqual([3, 9, 4, 7, 7, 6, null]);
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([4, 3, 7, 7, 9, null, 6]);
  });

  test('continuing / new / left / null', () => {
    expect(r.schools.map((s) => [s.code, s.stable, s.change])).toEqual([
      ['S1', true, 'continuing'], // ШНОР in 2024 and 2025
      ['S2', false, 'new'], // ШНОР in 2025 only
      ['S3', false, 'left'], // ШНОР in 2024 only
      ['S4', false, null], // neither
      ['S5', false, null],
      ['S6', null, null], // no quality group in 2025
      ['S7', null, null], // no quality group in 2024 (no data)
    ]);
  });

  test('no previous-year warning when the previous year exists', () => {
    expect(messages(r.problems).some((m) => m.startsWith('Нет результатов за'))).toBe(false);
  });

  test('the reason does not depend on the history', () => {
    expect(byCode(r, 'S4').reason).toBe('индекс качества 1,06, группа 7; ИСБШ не рассчитан; вывод: значимость отличия индекса качества от среднего не оценена');
  });
});

describe('no previous year', () => {
  test('only one year: stable and change null for everyone, with a warning', () => {
    const r = identify(tables({ 2025: Y2025 }));
    expect(r.previousYear).toBeNull();
    expect(r.schools.every((s) => s.stable === null && s.change === null && s.previous === null)).toBe(true);
    expect(messages(warningsOf(r.problems))).toContain('Нет результатов за 2024 год: устойчивость и изменение статуса не определены');
    expect(r.dynamics).toEqual([]);
  });

  test('«Год» = 2024 with 2024 and 2025 in the data: 2023 is missing (a later year is not a previous one)', () => {
    const r = identify(tables({ 2024: Y2024, 2025: Y2025 }, [['Год', 2024]]));
    expect(r.year).toBe(2024);
    expect(r.schools.every((s) => s.stable === null && s.change === null)).toBe(true);
    expect(messages(r.problems)).toContain('Нет результатов за 2023 год: устойчивость и изменение статуса не определены');
  });

  test('a gap: 2023 and 2025 but no 2024 — no previous year', () => {
    const r = identify(tables({ 2023: Y2024, 2025: Y2025 }));
    expect(r.previousYear).toBeNull();
    expect(byCode(r, 'S1').change).toBeNull();
  });
});

describe('«Лет для устойчивости» = 3', () => {
  test('ШНОР in 2023, 2024 and 2025 → stable', () => {
    const r = identify(tables({ 2023: Y2024, 2024: Y2024, 2025: Y2025 }, [['Лет для устойчивости', 3]]));
    expect(byCode(r, 'S1')).toMatchObject({ stable: true, change: 'continuing' });
  });

  test('not ШНОР in 2023 → not stable, still «continuing» against 2024', () => {
    // 2023: S1 and S2 swap their means → S1 group 9 in 2023
    const y2023 = Y2024.map(([c, n, m]): [string, number, number] => [c, n, c === 'S1' ? 10.5 : c === 'S2' ? 5.5 : m]);
    const r = identify(tables({ 2023: y2023, 2024: Y2024, 2025: Y2025 }, [['Лет для устойчивости', 3]]));
    expect(byCode(r, 'S1')).toMatchObject({ stable: false, change: 'continuing' });
  });

  test('only two years in the data: stability over three years is unknown (null), change still known', () => {
    const r = identify(tables({ 2024: Y2024, 2025: Y2025 }, [['Лет для устойчивости', 3]]));
    expect(byCode(r, 'S1')).toMatchObject({ stable: null, change: 'continuing' });
  });
});

describe('the previous year uses the same settings', () => {
  test('«Минимум участников» = 25 applies to 2024 too: nobody has a group then, so change is null', () => {
    const y2025 = Y2025.map(([c, , m]): [string, number, number] => [c, 30, m]);
    const r = identify(tables({ 2024: Y2024, 2025: y2025 }, [['Минимум участников', 25]]));
    expect(byCode(r, 'S1').qualityGroup).not.toBeNull();
    expect(r.schools.every((s) => s.previous!.qualityGroup === null)).toBe(true);
    expect(r.schools.every((s) => s.stable === null && s.change === null)).toBe(true);
  });
});
