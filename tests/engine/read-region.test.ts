/**
 * Reading the region workbook (DATA.md): dirty input read calmly, errors located exactly,
 * every problem in one pass; marks-derived values (precise rule 2).
 */
import { identify } from '../../shared/method/identify';
import { readRegion, socialRow } from '../../shared/input/read-region';
import type { Grid } from '../../shared/types';
import { RESULT_HEADER, errorsOf, messages, resultRows, resultsGrid, schoolsGrid, socialGrid, warningsOf } from './helpers';

const SCHOOLS = schoolsGrid(['001', '002', '003']);

describe('marks-derived mean, SD and failures (precise rule 2)', () => {
  test('counts of marks: mean = Σ m·c / Σ c, sample SD (n − 1), failures = count of «2»', () => {
    // counts 1,2,3,4 (n = 10): mean = (2·1 + 3·2 + 4·3 + 5·4) / 10 = 40/10 = 4
    // SS = 1·(2−4)² + 2·(3−4)² + 3·0 + 4·(5−4)² = 4 + 2 + 0 + 4 = 10; SD = √(10/9) = 1.054093
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([{ code: '001', n: 10, marks: [1, 2, 3, 4] }]) });
    expect(problems).toEqual([]);
    expect(resultRows(data)).toHaveLength(1);
    const r = resultRows(data)[0];
    expect(r.indicator).toBe('ОГЭ-9 Математика');
    expect(r.n).toBe(10);
    expect(r.mean).toBeCloseTo(4, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(10 / 9), 12);
    expect(r.fails).toBe(1);
  });

  test('percentages of marks become counts p·n/100 without rounding', () => {
    // 10/20/30/40 % of n = 20 → counts 2, 4, 6, 8; mean = (4 + 12 + 24 + 40)/20 = 4
    // SS = 2·4 + 4·1 + 0 + 8·1 = 20; SD = √(20/19) = 1.025978; failures = 2
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([{ code: '001', n: 20, pct: ['10%', '20,0 %', 30, '40'] }]) });
    expect(problems).toEqual([]);
    const r = resultRows(data)[0];
    expect(r.mean).toBeCloseTo(4, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(20 / 19), 12);
    expect(r.fails).toBeCloseTo(2, 12);
  });

  test('percentages give fractional counts when p·n/100 is not whole (no rounding)', () => {
    // 25/25/25/25 % of n = 6 → counts 1.5 each; mean = 1.5·(2+3+4+5)/6 = 3.5; failures = 1.5
    // SS = 1.5·(2.25 + 0.25 + 0.25 + 2.25) = 7.5; SD = √(7.5/5) = 1.224745
    const { data } = readRegion({ schools: SCHOOLS, results: resultsGrid([{ code: '001', n: 6, pct: [25, 25, 25, 25] }]) });
    expect(resultRows(data)[0].mean).toBeCloseTo(3.5, 12);
    expect(resultRows(data)[0].fails).toBeCloseTo(1.5, 12);
    expect(resultRows(data)[0].sd).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  test('percentages off 100 ± 1: a warning with row and column, values computed as they are', () => {
    // 10+20+30+38 = 98 %; n = 50 → counts 5, 10, 15, 19 (Σ 49); mean = (10 + 30 + 60 + 95)/49 = 195/49
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([
      { code: '001', n: 50, pct: [10, 20, 30, 38] },
      { code: '002', n: 50, pct: [10, 20, 30, 40.8] }, // 100.8: within ± 1, no warning
    ]) });
    expect(errorsOf(problems)).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: 'Результаты', row: 2, column: '2, % – 5, %', severity: 'warning' });
    expect(problems[0].message).toBe('Лист «Результаты», строка 2, столбец «2, % – 5, %»: сумма процентов отметок «2»–«5» равна 98,0, а не 100; отметки пересчитаны как есть');
    expect(resultRows(data)[0].mean).toBeCloseTo(195 / 49, 12);
    expect(resultRows(data)[0].fails).toBeCloseTo(5, 12);
  });

  test('given mean, SD and failures win over marks; missing ones come from the marks', () => {
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([
      { code: '001', n: 10, mean: '3,5', sd: '0,5', fails: 0, marks: [1, 2, 3, 4] },
      { code: '002', n: 10, mean: 3.9, marks: [1, 2, 3, 4] }, // SD and failures from marks
    ]) });
    expect(problems).toEqual([]);
    expect(resultRows(data)[0]).toMatchObject({ mean: 3.5, sd: 0.5, fails: 0 });
    expect(resultRows(data)[1].mean).toBe(3.9);
    expect(resultRows(data)[1].sd).toBeCloseTo(Math.sqrt(10 / 9), 12);
    expect(resultRows(data)[1].fails).toBe(1);
  });

  test('n = 1: the SD is unknown, also when an SD is given or marks are given', () => {
    const { data } = readRegion({ schools: SCHOOLS, results: resultsGrid([
      { code: '001', n: 1, mean: 4, sd: 0.7 },
      { code: '002', n: 1, marks: [0, 0, 1, 0] },
    ]) });
    expect(Number.isNaN(resultRows(data)[0].sd)).toBe(true);
    expect(Number.isNaN(resultRows(data)[1].sd)).toBe(true);
    expect(resultRows(data)[1].mean).toBe(4);
    expect(resultRows(data)[1].fails).toBe(0);
  });

  test('counts and percentages columns on one sheet: each row uses what it has; counts win when a row has both', () => {
    // row 2: counts 1,2,3,4 → mean 4; row 3: 50/50/0/0 % of 10 → counts 5, 5 → mean 2.5, failures 5;
    // row 4: counts 0,0,0,10 (mean 5) and percentages 100/0/0/0 → counts win → mean 5
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([
      { code: '001', n: 10, marks: [1, 2, 3, 4] },
      { code: '002', n: 10, pct: ['50%', '50%', '', ''] },
      { code: '003', n: 10, marks: [0, 0, 0, 10], pct: [100, 0, 0, 0] },
    ]) });
    expect(problems).toEqual([]);
    expect(resultRows(data).map((r) => [r.mean, r.fails])).toEqual([[4, 1], [2.5, 5], [5, 0]]);
  });

  test('counts of marks that do not add up to «Участников» are an error', () => {
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([{ code: '001', n: 10, marks: [1, 2, 3, 3] }]) });
    expect(resultRows(data)).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', row: 2, column: '2–5' });
    expect(problems[0].message).toBe('Лист «Результаты», строка 2, столбец «2–5»: сумма отметок «2»–«5» (9) не равна числу участников (10)');
  });

  test('no participants → no value (not a zero); failures unknown when neither given nor derivable', () => {
    const { data, problems } = readRegion({ schools: SCHOOLS, results: resultsGrid([
      { code: '001', n: 0, mean: '' },
      { code: '002', n: 12, mean: 4 },
    ]) });
    expect(problems).toEqual([]);
    expect(resultRows(data).map((r) => r.school)).toEqual([1]);
    expect(Number.isNaN(resultRows(data)[0].fails)).toBe(true);
    expect(Number.isNaN(resultRows(data)[0].sd)).toBe(true);
  });
});

describe('dirty input is read calmly (DATA.md)', () => {
  const schools: Grid = [
    ['Список общеобразовательных организаций', null, null, null],
    ['', '', '', ''],
    ['  КОД  ', 'наименование', 'Муниципальное  образование', 'тип местности'],
    ['001', 'Школа № 1', 'г. Свободный', 'город'],
    [],
    ['002', ' Школа\u00a0№ 2 ', 'Район', 'село'],
    [null, '  ', null, null],
    ['003', 'Школа № 3', 'Район', ''],
  ];
  const results: Grid = [
    ['Результаты ОГЭ, 2025', '', '', '', '', '', '', '', ''],
    ['ГОД', 'Логин ОО', 'процедура', 'КЛАСС', ' предмет ', 'Число участников', 'средняя отметка', 'СКО', 'Не справились с работой'],
    [2025, '001', 'ОГЭ', 9, 'Математика', '1 234', '4,25', '0,9', '1\u00a0000'],
    ['2025', '002', 'огэ', '9', 'математика', '20', '3,5', 'н/д', '-'],
    [],
    [2025, '002', 'ОГЭ', 9, 'Русский язык', 15, '#N/A', '', ''],
    [2025, '001', 'ОГЭ', 9, 'Русский  язык', 25, '4', '#DIV/0!', 'нет данных'],
    [2025, 3, 'ОГЭ', 9, 'Русский язык', 25, '3,9', '—', '#Н/Д'], // code 3 lost its zeros in a number cell
  ];
  const social: Grid = [
    ['Социальный паспорт', '', '', '', ''],
    ['Год', 'Код ОО', 'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %'],
    [2025, '001', '12,5%', 0.02, '30'],
    [2025, '002', '40 %', 0.05, 'н/д'],
    [2025, '003', '35', 0, '28,5'],
  ];
  const read = readRegion({ schools, results, social });

  test('schools: title rows, synonyms, case and spaces in headers, empty rows skipped, names trimmed', () => {
    expect(read.data.schools.map((s) => [s.code, s.name, s.municipality, s.locality])).toEqual([
      ['001', 'Школа № 1', 'г. Свободный', 'город'],
      ['002', 'Школа № 2', 'Район', 'село'],
      ['003', 'Школа № 3', 'Район', null],
    ]);
  });

  test('results: thousands spaces, NBSP, decimal commas, «н/д», «-», «нет данных», «—», #N/A, #DIV/0!', () => {
    const rows = resultRows(read.data).map((r) => ({ ...r, sd: Number.isNaN(r.sd) ? null : r.sd, fails: Number.isNaN(r.fails) ? null : r.fails }));
    expect(rows).toEqual([
      { year: 2025, school: 0, indicator: 'ОГЭ-9 Математика', n: 1234, mean: 4.25, sd: 0.9, fails: 1000 },
      { year: 2025, school: 1, indicator: 'ОГЭ-9 Математика', n: 20, mean: 3.5, sd: null, fails: null },
      { year: 2025, school: 0, indicator: 'ОГЭ-9 Русский язык', n: 25, mean: 4, sd: null, fails: null },
      { year: 2025, school: 2, indicator: 'ОГЭ-9 Русский язык', n: 25, mean: 3.9, sd: null, fails: null },
    ]);
    expect(read.data.years).toEqual([2025]);
    expect([...read.data.indicatorYears.keys()]).toEqual(['ОГЭ-9 Математика', 'ОГЭ-9 Русский язык']);
  });

  test('a row whose mean is #N/A (and no marks) is left out with a located warning; a lost leading zero is forgiven with a warning', () => {
    expect(errorsOf(read.problems)).toEqual([]);
    const w = messages(warningsOf(read.problems));
    expect(w).toContain('Лист «Результаты», строка 6, столбец «средняя отметка»: нет ни среднего балла, ни распределения отметок: строка не учтена');
    expect(w).toContain('1 код ОО сопоставлен со «Школами» без ведущих нулей (число в ячейке потеряло нули); запишите коды как текст');
  });

  test('social: «12,5%», «40 %», a fraction column (every value in [0, 1]) read as percent with a warning', () => {
    expect(read.data.socialColumns).toEqual(['Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %']);
    const values = Array.from({ length: read.data.social.length }, (_, r) => socialRow(read.data.social, r).map((v) => (Number.isNaN(v) ? null : v)));
    expect(values[0][0]).toBe(12.5);
    expect(values[1][0]).toBe(40);
    expect(values[0][1]).toBeCloseTo(2, 12); // 0,02 → 2 %
    expect(values[1][1]).toBeCloseTo(5, 12);
    expect(values[2][1]).toBe(0);
    expect(values[1][2]).toBeNull(); // «н/д»
    expect(values[2][2]).toBe(28.5);
    expect(messages(read.problems)).toContain(
      'Лист «Социальные показатели», столбец «На учёте в КДН и ПДН, %»: значения столбца «На учёте в КДН и ПДН, %» все от 0 до 1: они прочитаны как доли и умножены на 100 (если это уже проценты, запишите их со знаком «%»)');
  });
});

describe('errors: exact sheet, 1-based row and column; every problem in one pass', () => {
  const schools: Grid = [
    ['Код ОО', 'Наименование ОО', 'Муниципалитет'],
    ['001', 'Школа 1', 'Район А'],
    ['002', 'Школа 2', 'Район А'],
    ['003', 'Школа 3', 'Район Б'],
    ['002', 'Школа 2 (повтор)', 'Район А'],
  ];
  const H = [...RESULT_HEADER, '2', '3', '4', '5'];
  const row = (...cells: unknown[]) => [...cells, ...Array(H.length - cells.length).fill('')];
  const results = [
    ['Результаты оценочных процедур'], // row 1: title
    [], // row 2: blank
    H, // row 3: header
    row(2025, '001', 'ОГЭ', 9, 'Математика', 'двадцать', '4,1'), // 4
    row(2025, '999', 'ОГЭ', 9, 'Математика', 20, '4,1'), // 5
    row(2025, '001', 'ОГЭ', 9, 'Русский язык', 20, '4,1'), // 6
    row(2025, '001', 'ОГЭ', 9, 'Русский язык', 20, '4,0'), // 7: duplicates 6
    row(2025, '002', 'ОГЭ', 9, 'Математика', -3, '4'), // 8
    row(2025, '002', 'ОГЭ', 9, 'Русский язык', 10, '4', '', 12), // 9
    row(2025, '003', 'ОГЭ', 9, 'Математика', 10, 'четыре'), // 10
    row(2025, '003', 'ОГЭ', 9, 'Русский язык', 10, '', '', '', 1, 2, 3, 3), // 11
    row('двадцать пятый', '003', 'ВПР', 4, 'Математика', 10, '4'), // 12
    row(2025, '003', 'ВПР', 4, 'Русский язык', 10, '4', '-0,5', '2,5'), // 13
    row(2025, '001', 'ВПР', 4, 'Математика', 10, '', '', '', 'два', 2, 3, 5), // 14
  ] as Grid;
  const social: Grid = [
    ['Год', 'Код ОО', 'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %'],
    [2025, '001', 30, 2, 25],
    [2025, '002', 40, 'много', 25], // 3
    [2025, '003', 150, -5, 20], // 4
    [2025, '001', 31, 2, 25], // 5: duplicate of 2
    [2025, '777', 31, 2, 25], // 6: unknown school
  ];
  const tables = { schools, results, social };

  const expected = [
    'Лист «Школы», строка 5, столбец «Код ОО»: код ОО «002» повторяется (впервые в строке 3)',
    'Лист «Результаты», строка 4, столбец «Участников»: ожидалось целое число, найдено «двадцать»',
    'Лист «Результаты», строка 5, столбец «Код ОО»: код ОО «999» не найден на листе «Школы»',
    'Лист «Результаты», строка 7, столбец «Процедура»: строка повторяет показатель «ОГЭ-9 Русский язык» за 2025 год (впервые в строке 6)',
    'Лист «Результаты», строка 8, столбец «Участников»: число не может быть отрицательным, найдено «-3»',
    'Лист «Результаты», строка 9, столбец «Не справились»: не справились (12) больше, чем участников (10)',
    'Лист «Результаты», строка 10, столбец «Средний балл»: ожидалось число, найдено «четыре»',
    'Лист «Результаты», строка 11, столбец «2–5»: сумма отметок «2»–«5» (9) не равна числу участников (10)',
    'Лист «Результаты», строка 12, столбец «Год»: ожидалось целое число, найдено «двадцать пятый»',
    'Лист «Результаты», строка 13, столбец «Стандартное отклонение»: число не может быть отрицательным, найдено «-0,5»',
    'Лист «Результаты», строка 13, столбец «Не справились»: ожидалось целое число, найдено «2,5»',
    'Лист «Результаты», строка 14, столбец «2»: ожидалось целое число, найдено «два»',
    'Лист «Социальные показатели», строка 3, столбец «На учёте в КДН и ПДН, %»: ожидалось число, найдено «много»',
    'Лист «Социальные показатели», строка 4, столбец «На учёте в КДН и ПДН, %»: число не может быть отрицательным, найдено «-5»',
    'Лист «Социальные показатели», строка 5, столбец «Код ОО»: социальные показатели школы за 2025 год уже заданы в строке 2',
    'Лист «Социальные показатели», строка 6, столбец «Код ОО»: код ОО «777» не найден на листе «Школы»',
    'Лист «Социальные показатели», строка 4, столбец «Родители с высшим образованием, %»: доля не может быть больше 100%, найдено «150»',
  ];

  test('readRegion lists every error, in sheet order, with exact messages', () => {
    const { problems } = readRegion(tables);
    expect(messages(errorsOf(problems))).toEqual(expected);
  });

  test('problems carry sheet, row, column and the cell address', () => {
    const { problems } = readRegion(tables);
    const p = problems.find((x) => x.row === 4 && x.sheet === 'Результаты')!;
    expect(p).toEqual({
      sheet: 'Результаты', row: 4, column: 'Участников', severity: 'error', cell: 'F4',
      message: 'Лист «Результаты», строка 4, столбец «Участников»: ожидалось целое число, найдено «двадцать»',
    });
  });

  test('identify() returns ok = false, no schools, and all the problems', () => {
    const result = identify(tables);
    expect(result.ok).toBe(false);
    expect(result.schools).toEqual([]);
    expect(messages(errorsOf(result.problems))).toEqual(expected);
  });

  test('the example of DATA.md, literally: row 17 of «Результаты» says «двадцать»', () => {
    // row 1 title, row 2 blank, row 3 header, rows 4–16 fine, row 17 bad
    const good = Array.from({ length: 13 }, (_, i) => [2025, '001', 'ВПР', 4 + (i % 2), `Предмет ${i}`, 20, 4]);
    const grid: Grid = [['Результаты ВПР'], [], ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл'], ...good,
      [2025, '002', 'ВПР', 4, 'Математика', 'двадцать', 4]];
    const r = identify({ schools: SCHOOLS, results: grid });
    expect(r.ok).toBe(false);
    expect(messages(r.problems)).toEqual(['Лист «Результаты», строка 17, столбец «Участников»: ожидалось целое число, найдено «двадцать»']);
  });

  test('the column in a message is the header as the official wrote it', () => {
    const grid: Grid = [['год', 'код оо', 'процедура', 'класс', 'предмет', 'УЧАСТНИКОВ', 'средний балл'], [2025, '001', 'ОГЭ', 9, 'Математика', '2O', 4]];
    const { problems } = readRegion({ schools: SCHOOLS, results: grid });
    expect(messages(problems)).toEqual(['Лист «Результаты», строка 2, столбец «УЧАСТНИКОВ»: ожидалось целое число, найдено «2O»']);
  });
});

describe('missing sheets and columns', () => {
  test('no «Школы», no «Результаты»: errors naming the sheet', () => {
    const r = identify({ schools: [], results: [] });
    expect(r.ok).toBe(false);
    expect(messages(r.problems)).toEqual(['Нет листа «Школы»: он обязателен', 'Нет листа «Результаты»: он обязателен']);
  });

  test('a required column missing: error naming it, on the header row', () => {
    const grid: Grid = [['Заголовок'], ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Средний балл']];
    const { problems } = readRegion({ schools: SCHOOLS, results: grid });
    expect(problems).toEqual([{ sheet: 'Результаты', row: 2, column: null, severity: 'error', message: 'Лист «Результаты»: нет столбца «Участников»' }]);
  });

  test('neither a mean nor the marks columns: error', () => {
    const grid: Grid = [['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников'], [2025, '001', 'ОГЭ', 9, 'Математика', 10]];
    const { problems } = readRegion({ schools: SCHOOLS, results: grid });
    expect(messages(errorsOf(problems))).toEqual(['Лист «Результаты»: нужен столбец «Средний балл» или столбцы отметок «2», «3», «4», «5» (или «2, %» … «5, %»)']);
  });

  test('no «Социальные показатели»: a warning, the run goes on without ИСБШ', () => {
    const r = identify({ schools: SCHOOLS, results: resultsGrid([{ code: '001', n: 20, mean: 4 }, { code: '002', n: 20, mean: 3 }]) });
    expect(r.ok).toBe(true);
    expect(messages(r.problems)).toContain('Нет листа «Социальные показатели»: ИСБШ и категория ШФНСУ не рассчитаны');
    expect(r.schools.every((s) => s.isbsh === null && s.isbshGroup === null)).toBe(true);
    expect(r.model).toBeNull();
  });

  test('social sheet with rows of another year only: ИСБШ not computed for anyone, a warning counts the schools', () => {
    const r = identify({
      schools: SCHOOLS,
      results: resultsGrid([{ code: '001', n: 20, mean: 4 }, { code: '002', n: 20, mean: 3 }, { code: '003', n: 20, mean: 5 }]),
      social: socialGrid([{ code: '001', year: 2024, values: [30, 2, 25] }]),
    });
    expect(r.ok).toBe(true);
    expect(messages(r.problems)).toContain('У 3 школ нет всех социальных показателей за год: ИСБШ для них не рассчитан');
    expect(r.schools.every((s) => s.isbsh === null)).toBe(true);
  });
});
