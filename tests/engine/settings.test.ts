/**
 * «Настройки» (DATA.md): two columns, repeated keys make lists, anything absent takes the default
 * of METHODOLOGY.md and is reported in defaultsUsed.
 */
import { identify } from '../../shared/method/identify';
import { DEFAULT_SETTINGS, STANDARD_INDICATORS, readSettings } from '../../shared/method/settings';
import { indicatorKey, indicatorKeyFromText } from '../../shared/method/indicators';
import type { Grid } from '../../shared/types';
import { byCode, messages, resultsGrid, schoolsGrid, settingsGrid, warningsOf } from './helpers';

const ALL_DEFAULTS_TEXT = [
  'Год = последний год на листе «Результаты»',
  'Метод = региональный',
  'Критическое значение z = 1,96',
  'Ширина группы, σ = 0,5',
  'Минимум участников = 10',
  'Порог неуспешности, % = 30',
  'Минимум участников в показателе = 5',
  'Минимум показателей = 1',
  'Индикаторы = восемь стандартных (ВПР-4, ВПР-5, ОГЭ-9, ЕГЭ-11 по математике и русскому языку)',
  'Факторы ИСБШ = «Родители с высшим образованием, %», «На учёте в КДН и ПДН, %», «Неполные семьи, %»',
  'Лет для устойчивости = 2',
  'Веса показателей = равные',
  'Региональное среднее = невзвешенное',
  'Число похожих школ = 20',
  'Число партнёров = 3',
  'Минимум участников для признаков объективности = 5',
];

describe('defaults (METHODOLOGY.md, «Sources»)', () => {
  test('the default values', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      year: null, method: 'regional', zCritical: 1.96, bandWidth: 0.5, minParticipants: 10, failShare: 0.3,
      minIndicatorParticipants: 5, minLowIndicators: 1, stabilityYears: 2, indicatorWeights: 'equal', regionalMean: 'unweighted',
      similarCount: 20, maxPartners: 3,
    });
    expect(DEFAULT_SETTINGS.indicators).toEqual([
      'ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык',
      'ОГЭ-9 Математика', 'ОГЭ-9 Русский язык', 'ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык',
    ]);
    expect(DEFAULT_SETTINGS.factors).toEqual(['Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %']);
  });

  test('no sheet: every default is used and reported', () => {
    const r = readSettings(undefined);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.defaultsUsed).toEqual(ALL_DEFAULTS_TEXT);
    expect(r.problems).toEqual([]);
  });

  test('a sheet with some parameters: only the absent ones are reported as defaults', () => {
    const r = readSettings(settingsGrid([['Год', 2024], ['Метод', 'оба'], ['Индикаторы', 'все']]));
    expect(r.defaultsUsed).toEqual(ALL_DEFAULTS_TEXT.filter((t) => !/^(Год|Метод|Индикаторы) =/.test(t)));
  });

  test('identify() passes the defaults used on', () => {
    const r = identify({ schools: schoolsGrid(['1', '2']), results: resultsGrid([{ code: '1', n: 10, mean: 4 }, { code: '2', n: 10, mean: 3 }]) });
    expect(r.defaultsUsed).toEqual(ALL_DEFAULTS_TEXT);
  });
});

describe('reading values', () => {
  test('every parameter, Russian number formats, case and spaces in keys and choices', () => {
    const grid: Grid = [
      ['Настройки идентификации', null],
      [null, null],
      [' параметр ', 'ЗНАЧЕНИЕ'],
      ['Год', '2024'],
      ['МЕТОД', 'Федеральный'],
      ['Уровень значимости,  z', '2,58'],
      ['Ширина группы, σ', '0,25'],
      ['Минимум участников', '15'],
      ['Порог неуспешности, %', '25%'],
      ['Минимум участников в показателе', 8],
      ['Минимум показателей', 2],
      ['Лет для устойчивости', 3],
      ['Веса показателей', 'по участникам'],
      ['Региональное среднее', 'Взвешенное'],
      ['Число похожих школ', 10],
      ['Число партнёров', 5],
      ['Минимум участников для признаков объективности', '7'],
      [],
      ['Фактор ИСБШ', 'Многодетные семьи, %'],
      ['Фактор ИСБШ', 'ОВЗ, %'],
    ];
    const r = readSettings(grid);
    expect(r.problems).toEqual([]);
    expect(r.settings).toEqual({
      year: 2024, method: 'federal', zCritical: 2.58, bandWidth: 0.25, minParticipants: 15, failShare: 0.25,
      minIndicatorParticipants: 8, minLowIndicators: 2, indicators: STANDARD_INDICATORS, factors: ['Многодетные семьи, %', 'ОВЗ, %'],
      stabilityYears: 3, indicatorWeights: 'participants', regionalMean: 'weighted', similarCount: 10, maxPartners: 5,
      objectivityMinParticipants: 7,
    });
    expect(r.defaultsUsed).toEqual(['Индикаторы = восемь стандартных (ВПР-4, ВПР-5, ОГЭ-9, ЕГЭ-11 по математике и русскому языку)']);
  });

  test('«Метод»: региональный / федеральный / оба', () => {
    expect(readSettings(settingsGrid([['Метод', 'региональный']])).settings.method).toBe('regional');
    expect(readSettings(settingsGrid([['Метод', 'федеральный']])).settings.method).toBe('federal');
    expect(readSettings(settingsGrid([['Метод', 'Оба']])).settings.method).toBe('both');
  });

  test.each<[unknown, number]>([['30', 0.3], [30, 0.3], ['30%', 0.3], ['0,3', 0.3], [0.3, 0.3], ['40', 0.4], ['12,5', 0.125]])(
    '«Порог неуспешности, %» = %p → share %p', (value, share) => {
      expect(readSettings(settingsGrid([['Порог неуспешности, %', value as never]])).settings.failShare).toBeCloseTo(share, 12);
    });

  test('«Индикаторы» = «все»', () => {
    const r = readSettings(settingsGrid([['Индикаторы', 'Все']]));
    expect(r.settings.indicators).toBe('all');
    expect(r.defaultsUsed.some((t) => t.startsWith('Индикаторы'))).toBe(false);
  });

  test('«Индикатор» rows: one indicator per row, written «Процедура-Класс Предмет» in any spacing/case', () => {
    const r = readSettings(settingsGrid([
      ['Индикатор', 'ОГЭ-9 Математика'],
      ['Индикатор', 'егэ 11  математика (база)'],
      ['Индикатор', 'ВПР-6 Русский язык'],
    ]));
    expect(r.settings.indicators).toEqual(['ОГЭ-9 Математика', 'ЕГЭ-11 Математика (базовая)', 'ВПР-6 Русский язык']);
    expect(r.defaultsUsed.some((t) => t.startsWith('Индикаторы'))).toBe(false);
  });

  test('indicator keys', () => {
    expect(indicatorKey('огэ', 9, 'математика')).toBe('ОГЭ-9 Математика');
    expect(indicatorKey(' ЕГЭ ', '11', 'Русский язык ')).toBe('ЕГЭ-11 Русский язык');
    expect(indicatorKeyFromText('ОГЭ 9 математика')).toBe('ОГЭ-9 Математика');
    expect(indicatorKeyFromText('ВПР-4  Русский язык')).toBe('ВПР-4 Русский язык');
  });

  test('an unknown parameter is a located warning; a bad value a warning and the default', () => {
    const r = readSettings(settingsGrid([['Цвет', 'синий'], ['Метод', 'другой'], ['Уровень значимости, z', 'много'], ['Минимум участников', '7,5']]));
    expect(r.settings.method).toBe('regional');
    expect(r.settings.zCritical).toBe(1.96);
    expect(r.settings.minParticipants).toBe(10);
    expect(messages(r.problems)).toEqual([
      'Лист «Настройки», строка 2, столбец «Параметр»: неизвестный параметр «Цвет»: строка пропущена',
      'Лист «Настройки», строка 3, столбец «Значение»: значение «другой» не подходит: ожидалось «региональный» или «федеральный» или «оба»; взято значение по умолчанию',
      'Лист «Настройки», строка 4, столбец «Значение»: значение «много» не подходит: ожидалось число от 0,5 до 5; взято значение по умолчанию',
      'Лист «Настройки», строка 5, столбец «Значение»: значение «7,5» не подходит: ожидалось целое число от 1 до 100000; взято значение по умолчанию',
    ]);
    expect(r.problems.every((p) => p.severity === 'warning' && p.sheet === 'Настройки')).toBe(true);
    // The default was used, so it is reported as used.
    expect(r.defaultsUsed).toEqual(expect.arrayContaining(['Метод = региональный', 'Критическое значение z = 1,96', 'Минимум участников = 10']));
  });

  test('a sheet without «Параметр»/«Значение»: a warning, all defaults', () => {
    const r = readSettings([['Ключ', 'Что-то'], ['Год', 2024]]);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(messages(r.problems)).toEqual(['Лист «Настройки»: нет столбцов «Параметр», «Значение»: настройки не прочитаны, взяты значения по умолчанию']);
  });
});

describe('settings drive identify()', () => {
  const schools = schoolsGrid(['A', 'B', 'C']);
  const results = resultsGrid([
    { code: 'A', year: 2024, n: 20, mean: 3.2 }, { code: 'B', year: 2024, n: 20, mean: 4 }, { code: 'C', year: 2024, n: 20, mean: 4.8 },
    { code: 'A', n: 20, mean: 3.2 }, { code: 'B', n: 20, mean: 4 }, { code: 'C', n: 20, mean: 4.8 },
  ]);

  test('«Год» picks the year; default is the latest year', () => {
    expect(identify({ schools, results }).year).toBe(2025);
    expect(identify({ schools, results, settings: settingsGrid([['Год', 2024]]) }).year).toBe(2024);
    expect(identify({ schools, results, settings: settingsGrid([['Год', 2024]]) }, { year: 2025 }).year).toBe(2025);
  });

  test('a «Год» with no results is an error', () => {
    const r = identify({ schools, results, settings: settingsGrid([['Год', 2020]]) });
    expect(r.ok).toBe(false);
    expect(messages(r.problems)).toContain('На листе «Результаты» нет данных за 2020 год');
  });

  test('«Минимум участников» = 25: nobody has a quality group', () => {
    const r = identify({ schools, results, settings: settingsGrid([['Минимум участников', 25]]) });
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([null, null, null]);
    expect(byCode(r, 'A').reason).toContain('недостаточно данных (20 участников, нужно не менее 25)');
    expect(messages(warningsOf(r.problems))).toContain('Группы по индексу качества не рассчитаны: школ с достаточным числом участников 0, нужно не меньше 2 с разными результатами');
  });

  test('«Критическое значение z» is the title; «Уровень значимости, z» (the earlier wording) and the title with its level are read as it', () => {
    for (const title of ['Критическое значение z', 'Критическое значение z (уровень значимости 0,05)', 'Уровень значимости, z']) {
      const r = readSettings(settingsGrid([[title, '2,58']]));
      expect(r.settings.zCritical).toBe(2.58);
      expect(r.problems).toEqual([]);
    }
  });

  test('«Уровень значимости, z» = 2,58: the gate and the interval in the reason follow (99% ДИ)', () => {
    // SE = 1/(√25·4) = 0.05; A: z = (0.8 − 1)/0.05 = −4 ≤ −2.58 → group 4; CI = 0.8 ± 2.58·0.05 = 0.671 … 0.929
    const sd = resultsGrid([{ code: 'A', n: 25, mean: 3.2, sd: 1 }, { code: 'B', n: 25, mean: 4, sd: 1 }, { code: 'C', n: 25, mean: 4.8, sd: 1 }]);
    const r = identify({ schools, results: sd, settings: settingsGrid([['Уровень значимости, z', '2,58'], ['Индикатор', 'ОГЭ-9 Математика']]) });
    expect(byCode(r, 'A').qualityGroup).toBe(4);
    expect(byCode(r, 'A').reason).toBe('индекс качества 0,80 (99% ДИ 0,67–0,93), группа 4; ИСБШ не рассчитан; вывод: индекс качества значимо ниже среднего по региону');
  });

  test('«Ширина группы, σ» = 0,25: bands of a quarter SD', () => {
    // X = 4; QI = 0.8, 1, 1.2; σ = 0.2 (SS = 0.08, /2 = 0.04); d(A) = −1 → −1/0.25 = −4 → group 2; C → 10
    const r = identify({ schools, results, settings: settingsGrid([['Ширина группы, σ', '0,25'], ['Индикатор', 'ОГЭ-9 Математика']]) });
    expect(r.schools.map((s) => s.qualityGroup)).toEqual([2, 6, 10]);
  });
});
