/**
 * Where each setting of a run came from (issue 12 § 4.1): a parameter is known by its key, never by
 * a prefix of its title — «Минимум участников» is not «Минимум участников в показателе».
 */
import { identify } from '../../shared/method/identify';
import { describeSettings, readSettings } from '../../shared/method/settings';
import { outputSheets } from '../../shared/report-tables';
import { summaryText } from '../../cli/summary-text';
import type { RegionTables } from '../../shared/types';
import { resultsGrid, schoolsGrid, settingsGrid } from './helpers';

const sourceOf = (rows: [string, string, string][], title: string) => {
  const row = rows.find((r) => r[0] === title);
  if (!row) throw new Error(`no row ${title}`);
  return row[2];
};

function region(pairs: [string, string | number][]): RegionTables {
  return {
    schools: schoolsGrid(['1', '2']),
    results: resultsGrid([{ code: '1', n: 12, mean: 4 }, { code: '2', n: 12, mean: 3 }]),
    settings: settingsGrid(pairs),
  };
}

describe('a setting given on «Настройки» is not reported as a default', () => {
  test.each([10, 12])('«Минимум участников» = %d: from the sheet; «… в показателе» stays the default', (value) => {
    const r = readSettings(settingsGrid([['Минимум участников', value]]));
    expect(r.settings.minParticipants).toBe(value);
    expect(r.defaultKeys).not.toContain('minParticipants');
    expect(r.defaultKeys).toContain('minIndicatorParticipants');
    expect(r.defaultsUsed).not.toContain('Минимум участников = 10');
    expect(r.defaultsUsed).toContain('Минимум участников в показателе = 5');
    const rows = describeSettings(r.settings, r, ['ОГЭ-9 Математика']);
    expect(sourceOf(rows, 'Минимум участников')).toBe('лист «Настройки»');
    expect(sourceOf(rows, 'Минимум участников в показателе')).toBe('по умолчанию');
  });

  test('the other way round: only «Минимум участников в показателе» is on the sheet', () => {
    const r = readSettings(settingsGrid([['Минимум участников в показателе', 7]]));
    const rows = describeSettings(r.settings, r, []);
    expect(sourceOf(rows, 'Минимум участников в показателе')).toBe('лист «Настройки»');
    expect(sourceOf(rows, 'Минимум участников')).toBe('по умолчанию');
    expect(sourceOf(rows, 'Минимум показателей')).toBe('по умолчанию');
  });

  test('titles match exactly after normalisation (case, spaces), and «Индикатор» rows set the indicators', () => {
    const r = readSettings(settingsGrid([['  минимум   УЧАСТНИКОВ ', 12], ['Индикатор', 'ОГЭ-9 Математика'], ['Фактор ИСБШ', 'x']]));
    expect(r.settings.minParticipants).toBe(12);
    const rows = describeSettings(r.settings, r, ['ОГЭ-9 Математика']);
    expect(sourceOf(rows, 'Минимум участников')).toBe('лист «Настройки»');
    expect(sourceOf(rows, 'Индикаторы')).toBe('лист «Настройки»');
    expect(sourceOf(rows, 'Фактор ИСБШ')).toBe('лист «Настройки»');
    expect(sourceOf(rows, 'Минимум участников в показателе')).toBe('по умолчанию');
  });

  test('a value that does not fit leaves the default, reported as such', () => {
    const r = readSettings(settingsGrid([['Минимум участников', 'много']]));
    expect(r.defaultKeys).toContain('minParticipants');
    expect(sourceOf(describeSettings(r.settings, r, []), 'Минимум участников')).toBe('по умолчанию');
  });

  test('«Модель ИСБШ» sheet and the CLI summary', () => {
    const result = identify(region([['Минимум участников', 12], ['Индикатор', 'ОГЭ-9 Математика']]));
    const model = outputSheets(result).find((s) => s.name.startsWith('Модель ИСБШ'))!;
    const params = model.blocks.find((b) => b.caption === 'Параметры расчёта')!;
    expect(params.rows).toContainEqual(['Минимум участников: 12', 'лист «Настройки»']);
    expect(params.rows).toContainEqual(['Минимум участников в показателе: 5', 'по умолчанию']);
    const line = summaryText(result).split('\n').find((l) => l.startsWith('По умолчанию'))!;
    expect(line).toContain('«Минимум участников в показателе»');
    expect(line).not.toContain('«Минимум участников»');
  });
});

describe('settings set by the run (the wizard, --year)', () => {
  test('an override equal to the sheet or to the default changes no source; another value is «задано при запуске»', () => {
    const tables = region([['Минимум участников', 12], ['Индикатор', 'ОГЭ-9 Математика']]);
    // The wizard passes every setting: the sheet's 12, the default 5, the latest year (what an absent «Год» means).
    const same = identify(tables, { settings: { minParticipants: 12, minIndicatorParticipants: 5, year: 2025 } });
    expect(same.runKeys).toEqual([]);
    expect(same.defaultKeys).toEqual(expect.arrayContaining(['year', 'minIndicatorParticipants']));
    const changed = identify(tables, { settings: { minParticipants: 11, minIndicatorParticipants: 6 } });
    expect(changed.runKeys).toEqual(['minParticipants', 'minIndicatorParticipants']);
    expect(changed.defaultKeys).not.toContain('minIndicatorParticipants');
    expect(changed.defaultsUsed).not.toContain('Минимум участников в показателе = 5');
    const rows = describeSettings(changed.settings, changed, changed.indicators);
    expect(sourceOf(rows, 'Минимум участников')).toBe('задано при запуске');
    expect(sourceOf(rows, 'Минимум участников в показателе')).toBe('задано при запуске');
    expect(sourceOf(rows, 'Минимум показателей')).toBe('по умолчанию');
    const withYear = identify(tables, { year: 2024 });
    expect(withYear.runKeys).toEqual(['year']);
  });
});
