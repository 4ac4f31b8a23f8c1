/**
 * identify() as a whole: the JSON contract of DATA.md, indicator selection, and edge cases where
 * the data cannot carry the method (nothing may turn into NaN).
 */
import { toContractJson } from '../../shared/contract';
import { identify } from '../../shared/method/identify';
import { lastRow, municipalitySummary } from '../../shared/method/summary';
import type { Grid } from '../../shared/types';
import { byCode, errorsOf, messages, nonFinitePaths, resultsGrid, schoolsGrid, settingsGrid, socialGrid, warningsOf } from './helpers';
import { regionTables } from './region-fixture';

describe('the JSON contract (DATA.md)', () => {
  const r = identify(regionTables());
  const json = toContractJson(r);

  test('exactly the contract\'s fields, in its order', () => {
    expect(Object.keys(json)).toEqual(['year', 'model', 'schools', 'problems', 'objectivity']);
    expect(Object.keys(json.objectivity)).toEqual(['index', 'indexWithAdditions', 'municipalities', 'schools']);
    expect(json.objectivity.schools.map((s) => s.code)).toEqual(json.schools.map((s) => s.code));
    expect(Object.keys(json.model!)).toEqual(['factors', 'intercept', 'r2', 'adjR2', 'n', 'residualSD']);
    expect(Object.keys(json.schools[0])).toEqual([
      'code', 'name', 'municipality', 'qualityIndex', 'qualityIndexSE', 'qualityZ', 'qualityGroup', 'isbsh', 'isbshGroup',
      'residual', 'federalLow', 'lowIndicators', 'category', 'stable', 'change', 'reason', 'partners',
    ]);
    expect(Object.keys(json.problems[0])).toEqual(['sheet', 'row', 'column', 'message']);
  });

  test('one entry per row of «Школы»; plain numbers; null for missing; lists where there is nothing to list', () => {
    expect(json.year).toBe(2025);
    expect(json.schools.map((s) => s.code)).toEqual(['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10']);
    expect(nonFinitePaths(json)).toEqual([]);
    const s10 = json.schools[9];
    expect(s10).toMatchObject({ isbsh: null, isbshGroup: null, residual: null, federalLow: false, lowIndicators: [], partners: [] });
    // a JSON round trip changes nothing (no NaN / Infinity / undefined hidden anywhere)
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('«Индикаторы = все» and indicator selection', () => {
  const schools = schoolsGrid(['A', 'B', 'C']);
  // Order of first appearance: ОГЭ-9 Русский язык, ВПР-5 Математика, ВПР-11 …, ВПР-4 …, ВПР-СПО (a label, not a number)
  const rows = ['ОГЭ-9 Русский язык', 'ВПР-5 Математика', 'ВПР-11 География', 'ВПР-4 Математика', 'ОГЭ-9 Математика', 'ВПР-4 Русский язык', 'ВПР-СПО Математика']
    .flatMap((ind) => [{ code: 'A', ind, n: 10, mean: 3.5 }, { code: 'B', ind, n: 10, mean: 4 }, { code: 'C', ind, n: 10, mean: 4.5 }]);

  test('every indicator of the year, by procedure (first appearance), grade (numbers ascending, labels after), subject (first appearance)', () => {
    const r = identify({ schools, results: resultsGrid(rows), settings: settingsGrid([['Индикаторы', 'все']]) });
    expect(r.indicators).toEqual([
      'ОГЭ-9 Русский язык', 'ОГЭ-9 Математика',
      'ВПР-4 Русский язык', 'ВПР-4 Математика', 'ВПР-5 Математика', 'ВПР-11 География', 'ВПР-СПО Математика',
    ]);
    expect(messages(r.problems).some((m) => m.startsWith('В данных есть показатели, не включённые в расчёт'))).toBe(false);
  });

  test('default: the standard eight; indicators in the data but not selected give one warning', () => {
    const r = identify({ schools, results: resultsGrid(rows) });
    expect(r.indicators).toEqual([
      'ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык',
      'ОГЭ-9 Математика', 'ОГЭ-9 Русский язык', 'ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык',
    ]);
    const w = messages(warningsOf(r.problems)).filter((m) => m.startsWith('В данных есть показатели'));
    expect(w).toEqual(['В данных есть показатели, не включённые в расчёт: «ВПР-11 География». Чтобы учесть их, добавьте строки «Индикатор» на лист «Настройки» или укажите «Индикаторы» = «все»']);
    // An indicator close to a standard one is named with it, and with how to include it.
    const near = messages(warningsOf(r.problems)).filter((m) => m.startsWith('Показатель «ВПР-СПО Математика»'));
    expect(near).toHaveLength(1);
    expect(near[0]).toContain('похож на «ВПР-4 Математика» (тот же предмет, другой класс)');
    expect(near[0]).toContain('добавьте на лист «Настройки» строку «Индикатор» со значением «ВПР-СПО Математика»');
    // QI over 5 indicators: A = 3.5/4 = 0.875; participants 5 × 10 = 50
    expect(byCode(r, 'A').qualityIndex).toBeCloseTo(0.875, 12);
    expect(byCode(r, 'A').participants).toBe(50);
  });

  test('«Индикатор» rows: only those; a listed indicator absent from the data is a warning', () => {
    const r = identify({ schools, results: resultsGrid(rows), settings: settingsGrid([['Индикатор', 'впр-11 география'], ['Индикатор', 'ЕГЭ-11 Химия']]) });
    expect(r.indicators).toEqual(['ВПР-11 География', 'ЕГЭ-11 Химия']);
    expect(messages(r.problems)).toContain('Показатели из настроек не найдены в данных года: «ЕГЭ-11 Химия»');
    expect(byCode(r, 'A').participants).toBe(10);
  });

  test('an indicator listed twice (in two spellings) is one indicator', () => {
    const r = identify({ schools, results: resultsGrid(rows), settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ['Индикатор', 'огэ 9  математика']]) });
    expect(r.indicators).toEqual(['ОГЭ-9 Математика']);
    // X = (3.5 + 4 + 4.5)/3 = 4
    expect(r.regionalMeans).toEqual([4]);
    expect(byCode(r, 'A').participants).toBe(10);
  });

  test('«Математика (профиль)» is the standard profile indicator, «Математика (база)» a distinct one', () => {
    const r = identify({
      schools,
      results: resultsGrid([
        { code: 'A', ind: 'ЕГЭ-11 Математика (профиль)', n: 10, mean: 50 },
        { code: 'A', ind: 'ЕГЭ-11 Математика (база)', n: 10, mean: 4 },
      ]),
      settings: settingsGrid([['Индикаторы', 'все']]),
    });
    expect(r.ok).toBe(true);
    expect(r.indicators).toEqual(['ЕГЭ-11 Математика', 'ЕГЭ-11 Математика (базовая)']);
  });

  test('basic mathematics alone is named beside the missing profile indicator, never merged into it', () => {
    const r = identify({
      schools,
      results: resultsGrid([
        { code: 'A', ind: 'ЕГЭ-11 Математика (базовый уровень)', n: 10, mean: 4 },
        { code: 'A', ind: 'ЕГЭ-11 Русский язык', n: 10, mean: 60 },
        { code: 'B', ind: 'ЕГЭ-11 Русский язык', n: 10, mean: 70 },
      ]),
    });
    expect(r.indicators).not.toContain('ЕГЭ-11 Математика (базовая)');
    const near = messages(warningsOf(r.problems)).find((m) => m.startsWith('Показатель «ЕГЭ-11 Математика (базовая)»'));
    expect(near).toContain('похож на стандартный «ЕГЭ-11 Математика», которого нет в данных года (базовая и профильная математика — разные показатели)');
  });
});

describe('runs the data cannot carry: messages, nulls, never NaN', () => {
  test('two schools, neither eligible: no groups, no model, all null', () => {
    const r = identify({
      schools: schoolsGrid(['A', 'B']),
      results: resultsGrid([{ code: 'A', n: 3, mean: 4 }, { code: 'B', n: 4, mean: 3 }]),
      social: socialGrid([{ code: 'A', values: [30, 2, 20] }, { code: 'B', values: [40, 1, 25] }]),
    });
    expect(r.ok).toBe(true);
    expect(r.schools.map((s) => [s.qualityGroup, s.isbsh, s.category])).toEqual([[null, null, null], [null, null, null]]);
    expect(r.modelMessage).toBe('Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами 0, нужно не меньше 5');
    expect(nonFinitePaths(toContractJson(r))).toEqual([]);
  });

  test('a perfect fit (QI an exact linear function of the factors): still no NaN or Infinity in the JSON', () => {
    // QI = mean/4 with mean = 2 + 0.05·x1 exactly; x2, x3 vary independently
    const x = [[20, 1, 30], [30, 4, 25], [40, 2, 35], [50, 5, 20], [60, 3, 28], [35, 6, 33]];
    const codes = x.map((_, i) => `S${i + 1}`);
    const r = identify({
      schools: schoolsGrid(codes),
      results: resultsGrid(codes.map((code, i) => ({ code, n: 20, mean: 2 + 0.05 * x[i][0] }))),
      social: socialGrid(codes.map((code, i) => ({ code, values: x[i] }))),
      settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика']]),
    });
    expect(r.ok).toBe(true);
    expect(nonFinitePaths(toContractJson(r))).toEqual([]);
  });

  test('a duplicate school code on «Школы» stops the run with a located error', () => {
    const schools: Grid = [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'А', 'М'], ['001', 'Б', 'М']];
    const r = identify({ schools, results: resultsGrid([{ code: '001', n: 10, mean: 4 }]) });
    expect(r.ok).toBe(false);
    expect(r.schools).toEqual([]);
    expect(messages(errorsOf(r.problems))).toEqual(['Лист «Школы», строка 3, столбец «Код ОО»: код ОО «001» повторяется (впервые в строке 2)']);
  });

  test('an empty «Школы» row after the header is skipped, not an error; a row without a code is', () => {
    const schools: Grid = [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['', '', ''], ['001', 'А', 'М'], ['', 'Без кода', 'М']];
    const r = identify({ schools, results: resultsGrid([{ code: '001', n: 10, mean: 4 }]) });
    expect(messages(errorsOf(r.problems))).toEqual(['Лист «Школы», строка 4, столбец «Код ОО»: пустая ячейка: значение обязательно']);
  });
});

describe('municipal summary', () => {
  test('counts by municipality and category, a total row last', () => {
    const r = identify(regionTables());
    const rows = municipalitySummary(r);
    expect(rows.map((x) => x.municipality)).toEqual(['Район А', 'Район Б', 'Итого по региону']);
    // А: S01 ШНОР и ШФНСУ, S03 ШНОР, S05 средние, S08 высокие, S09 null; Б: S02 ШНОР и ШФНСУ, S04 средние, S06 высокие, S07 резильентная, S10 средние
    expect(rows[0]).toMatchObject({ schools: 5, analysed: 4, lowResults: 2 });
    expect(rows[0].byCategory).toEqual({ 'ШНОР и ШФНСУ': 1, 'ШНОР': 1, 'ШФНСУ': 0, 'резильентная': 0, 'высокие результаты': 1, 'средние': 1 });
    expect(lastRow(rows).byCategory).toEqual({ 'ШНОР и ШФНСУ': 2, 'ШНОР': 1, 'ШФНСУ': 0, 'резильентная': 1, 'высокие результаты': 2, 'средние': 3 });
    expect(lastRow(rows).schools).toBe(10);
  });
});
