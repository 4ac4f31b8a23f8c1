/**
 * ОГЭ / ЕГЭ results and social passports: columns mapped by their headers (with a preview and a
 * user-corrected mapping), schools matched by code then by name, counts turned into shares, and
 * how the rows join the workbook (added columns, duplicates, replace mode).
 */
import { planAppend } from '../shared/import/append';
import { SchoolDirectory } from '../shared/import/common';
import { applyMappingSpec, guessExamMapping, importExam, previewExam } from '../shared/import/exam';
import { importPassport, passportKindOf } from '../shared/import/passport';
import type { Grid } from '../shared/types';
import { schoolsGrid, schoolsGridOf, source, truth, truth2026 } from './import-helpers';

let dir: SchoolDirectory;
beforeAll(async () => {
  dir = SchoolDirectory.fromGrid(await schoolsGrid());
});

describe('ОГЭ: one sheet per subject, full names, the centre’s own codes, totals', () => {
  test('the numbers the file was written from, matched by name within the municipality', async () => {
    const r = importExam(await source('oge-2025.xlsx'), dir, { procedure: 'ОГЭ' });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.header).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Не справились']);
    for (const t of truth.exams.filter((e) => e.procedure === 'ОГЭ')) {
      const mine = r.rows.filter((x) => x[4] === t.subject);
      expect(mine.map((x) => [x[1], x[5], x[6], x[7]])).toEqual(t.rows.map((w) => [w.code, w.n, w.mean, w.fails]));
      expect(mine.every((x) => x[0] === 2025 && x[2] === 'ОГЭ' && x[3] === '9')).toBe(true);
    }
    expect(r.matchedByCode).toBe(0);
    expect(r.matchedByName).toBe(r.rows.length);
    expect(r.unmatched).toEqual([]);
    expect(r.skipped.every((s) => s.reason === 'итоговая строка')).toBe(true);
    expect(r.skipped).toHaveLength(8);
  });

  test('the guessed mapping prefers the mark over the primary score and the count over the percentage', async () => {
    const [sheet] = await source('oge-2025.xlsx');
    const m = guessExamMapping(sheet.grid)!;
    expect(m.headerRow).toBe(2);
    expect(m.columns).toEqual({ municipality: 1, code: 2, name: 3, n: 4, mean: 5, fails: 7, failsPercent: 8 });
    const [p] = previewExam([sheet], { procedure: 'ОГЭ' });
    expect(p.meta).toEqual({ year: 2025, procedure: 'ОГЭ', grade: '9', subject: 'Математика' });
    expect(p.fields.find((f) => f.field === 'mean')).toMatchObject({ column: 'F', header: 'Средняя отметка' });
    expect(p.fields.find((f) => f.field === 'n')!.samples).toHaveLength(3);
    expect(p.unused).toEqual([{ column: 'A', header: '№ п/п' }, { column: 'G', header: 'Средний первичный балл' }]);
  });
});

describe('ЕГЭ: one CSV with a «Предмет» column, codes that lost their leading zeros', () => {
  test('codes match, profile mathematics is «Математика», and every row is the one written', async () => {
    const r = importExam(await source('ege-2025.csv'), dir, { procedure: 'ЕГЭ', year: 2025 });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.matchedByCode).toBe(r.rows.length);
    for (const t of truth.exams.filter((e) => e.procedure === 'ЕГЭ')) {
      const mine = r.rows.filter((x) => x[4] === t.subject);
      expect(mine.map((x) => [x[1], x[3], x[5], x[6], x[7]])).toEqual(t.rows.map((w) => [w.code, '11', w.n, w.mean, w.fails]));
    }
  });

  test('the year must be named when nothing in the file says it', async () => {
    const r = importExam(await source('ege-2025.csv'), dir, { procedure: 'ЕГЭ' });
    // The file name says 2025 ("ege-2025.csv").
    expect(r.rows.length).toBeGreaterThan(0);
    const bare = importExam([{ name: 'Лист1', grid: (await source('ege-2025.csv'))[0].grid }], dir, { procedure: 'ЕГЭ' });
    expect(bare.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить год: укажите год в поле «Год результатов»']);
    expect(bare.problems[0].message).not.toMatch(/--/);
    const cli = importExam([{ name: 'Лист1', grid: (await source('ege-2025.csv'))[0].grid }], dir, { procedure: 'ЕГЭ', commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить год: укажите --year 2025']);
  });

  test('whatever the sheet lacks is asked for where the host takes it: the command line’s parameters, otherwise the sheet’s name', () => {
    const grid: Grid = [['Код ОО', 'Участников', 'Что-то'], ['1', 10, 'x']];
    const neutral = importExam([{ name: 'Лист1', grid }], dir);
    expect(neutral.problems.map((p) => p.message)).toEqual([
      'Лист «Лист1»: не удалось определить год, процедуру, класс, предмет и столбец среднего балла или отметок «2»–«5»: '
      + 'укажите год в поле «Год результатов»; ОГЭ или ЕГЭ в имени листа или файла; класс в имени листа или файла, например «9 класс»; '
      + 'предмет в имени листа или файла, например «Математика», или в столбце «Предмет»; сопоставление столбцов «Средний балл=E»',
    ]);
    expect(neutral.problems[0].message).not.toMatch(/--/);
    const cli = importExam([{ name: 'Лист1', grid }], dir, { commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual([
      'Лист «Лист1»: не удалось определить год, процедуру, класс, предмет и столбец среднего балла или отметок «2»–«5»: '
      + 'укажите --year 2025, --procedure ОГЭ или ЕГЭ, --grade 9, --subject «Математика» или столбец «Предмет», --map «Средний балл=E»',
    ]);
    // ОГЭ implies grade 9; what is still missing is asked for alone.
    const subjectOnly = importExam([{ name: 'Лист1', grid: [['Код ОО', 'Участников', 'Средний балл'], ['1', 10, 4]] }], dir, { procedure: 'ОГЭ', year: 2025 });
    expect(subjectOnly.problems.map((p) => p.message)).toEqual([
      'Лист «Лист1»: не удалось определить предмет: укажите предмет в имени листа или файла, например «Математика», или в столбце «Предмет»',
    ]);
    expect(subjectOnly.problems[0].message).not.toMatch(/--/);
  });
});

describe('headers the guess cannot read, corrected by the user', () => {
  test('without a mean column the error says how to map it; the mapping fixes it', async () => {
    const sheets = await source('ege-odd-headers.csv');
    const bad = importExam(sheets, dir, { procedure: 'ЕГЭ', year: 2025, subject: 'русский язык' });
    expect(bad.rows).toEqual([]);
    expect(bad.problems.map((p) => p.message)).toEqual([
      'Лист «ege-odd-headers.csv»: не удалось определить столбец среднего балла или отметок «2»–«5»: укажите сопоставление столбцов «Средний балл=E»',
    ]);
    // The command line names its option instead.
    const cli = importExam(sheets, dir, { procedure: 'ЕГЭ', year: 2025, subject: 'русский язык', commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual([
      'Лист «ege-odd-headers.csv»: не удалось определить столбец среднего балла или отметок «2»–«5»: укажите --map «Средний балл=E»',
    ]);
    const good = importExam(sheets, dir, { procedure: 'ЕГЭ', year: 2025, subject: 'русский язык', map: 'Средний балл=Результат; Не справились=E' });
    expect(good.problems).toEqual([]);
    expect(good.rows).toEqual(truth.schools.slice(0, 4).map((s, i) => [2025, s.code, 'ЕГЭ', '11', 'Русский язык', 10 + i, 55 + i, i]));
    expect(good.matchedByName).toBe(4);
  });

  test('a mapping names fields in Russian and columns by letter, header or «-»; mistakes are explained', () => {
    const grid: Grid = [['ОО', 'Район', 'Сдавали', 'Результат'], ['Школа', 'Р', 10, '55,5']];
    const m = guessExamMapping(grid)!;
    expect(m.columns).toEqual({ name: 0, municipality: 1, n: 2 });
    const a = applyMappingSpec(grid, m, 'средний балл = D; Муниципалитет=-');
    expect(a.errors).toEqual([]);
    expect(a.mapping.columns).toEqual({ name: 0, n: 2, mean: 3 });
    const b = applyMappingSpec(grid, m, 'Балл=D; Участников=Всего; Код ОО');
    expect(b.errors).toEqual([
      'неизвестное поле «Балл»; поля: «Не справились, %», «Не справились», «2», «3», «4», «5», «Стандартное отклонение», «Средний балл», «Участников», «Предмет», «Муниципалитет», «Код ОО», «Наименование ОО»',
      'в заголовке нет столбца «Всего» для поля «Участников»; есть: A «ОО», B «Район», C «Сдавали», D «Результат»',
      '«Код ОО»: ожидалось «Поле=Столбец», например «Участников=C»',
    ]);
  });

  test('marks under a merged title one row lower; a data row is never taken for that subheader', () => {
    const grid: Grid = [
      ['Код ОО', 'Кол-во участников', 'Получили отметки', null, null, null],
      [null, null, '2', '3', '4', '5'],
      ['280101', 14, 2, 3, 4, 5],
    ];
    expect(guessExamMapping(grid)).toEqual({ headerRow: 0, lastHeaderRow: 1, columns: { code: 0, n: 1, m2: 2, m3: 3, m4: 4, m5: 5 } });
    const single: Grid = [['Код ОО', 'Кол-во участников', 'Средний балл'], ['280101', 2, 3], ['280102', 4, 5]];
    expect(guessExamMapping(single)).toEqual({ headerRow: 0, lastHeaderRow: 0, columns: { code: 0, n: 1, mean: 2 } });
  });
});

describe('broken ОГЭ file', () => {
  test('failures above participants, missing participants, a word for a mean, a school twice', async () => {
    const r = importExam(await source('bad-oge.xlsx'), dir, { procedure: 'ОГЭ' });
    expect(r.problems.map((p) => `${p.severity}: ${p.message}`)).toEqual([
      'error: Лист «Математика», строка 3, столбец «Получили «2»» (E): значение 35 больше допустимого (30)',
      'error: Лист «Математика», строка 5, столбец «Средняя отметка» (D): ожидалось неотрицательное число, найдено «четыре»',
    ]);
    expect(r.skipped).toEqual([{ sheet: 'Математика', row: 4, label: truth.schools[1].code, reason: 'не указано число участников' }]);
    // The same school twice is caught where the rows join the workbook.
    const plan = planAppend(undefined, r);
    expect(plan.problems.map((p) => p.message)).toEqual([`Лист «Математика», строка 7: школа ${truth.schools[3].code} уже импортирована из строки 6 (тот же год и показатель)`]);
  });
});

describe('social passport', () => {
  test('counts become shares of pupils in percent, under the headers of DATA.md', async () => {
    const r = importPassport(await source('passport-2025.xlsx'), dir);
    expect(r.problems).toEqual([]);
    expect(r.target).toBe('Социальные показатели');
    expect(r.header).toEqual(['Год', 'Код ОО', 'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %', 'Многодетные семьи, %',
      'Безработные родители, %', 'Под опекой, %', 'Приёмные семьи, %', 'ОВЗ, %', 'Не владеют русским языком, %']);
    const keys = ['higher', 'kdn', 'single', 'large', 'unemployed', 'guardian', 'foster', 'ovz', 'language'];
    expect(r.rows).toHaveLength(truth.passport.rows.length);
    for (const w of truth.passport.rows) {
      const row = r.rows.find((x) => x[1] === w.code)!;
      expect(row[0]).toBe(2025); // «2024/2025 учебный год» → the identification year 2025
      keys.forEach((k, i) => expect(row[2 + i]).toBeCloseTo((100 * w.counts[k]) / w.pupils, 12));
    }
    expect(r.skipped.map((s) => s.reason)).toEqual(['заголовок группы (муниципалитет)', 'заголовок группы (муниципалитет)', 'заголовок группы (муниципалитет)', 'итоговая строка']);
  });

  test('headers are recognised by their words', () => {
    expect(passportKindOf('Количество обучающихся, состоящих на учёте в КДН')).toBe('kdn');
    expect(passportKindOf('Обучающиеся из семей, где оба родителя имеют высшее образование')).toBe('higherEducation');
    expect(passportKindOf('Всего обучающихся')).toBe('pupils');
    expect(passportKindOf('Дети-инвалиды')).toBe('disability');
    expect(passportKindOf('Примечание')).toBeNull();
  });

  test('shares given in percent pass through; fractions are read as shares with a warning', () => {
    const schools: Grid = [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Школа 1', 'Р'], ['2', 'Школа 2', 'Р']];
    const pct = importPassport([{ name: 'П', grid: [['Код ОО', 'Неполные семьи, %'], ['1', '12,5'], ['2', 30]] }], schools, { year: 2025 });
    expect(pct.rows).toEqual([[2025, '1', 12.5], [2025, '2', 30]]);
    const frac = importPassport([{ name: 'П', grid: [['Код ОО', 'Доля неполных семей'], ['1', 0.125], ['2', 0.3]] }], schools, { year: 2025 });
    expect(frac.rows).toEqual([[2025, '1', 12.5], [2025, '2', 30]]);
    expect(frac.problems.map((p) => p.message)).toEqual(['Лист «П», столбец «Доля неполных семей» (B): все значения от 0 до 1: прочитаны как доли и умножены на 100']);
  });

  test('broken passport: a count above the pupils, no pupils, a fraction of a pupil', async () => {
    const r = importPassport(await source('bad-passport.csv'), dir, { year: 2025 });
    expect(r.problems.map((p) => p.message)).toEqual([
      'Лист «bad-passport.csv», строка 2, столбец «Состоят на учёте в КДН и ПДН» (D): 120 больше численности обучающихся (100)',
      'Лист «bad-passport.csv», строка 3, столбец «Всего обучающихся» (C): не указана численность обучающихся: доли не рассчитать',
      'Лист «bad-passport.csv», строка 4, столбец «Состоят на учёте в КДН и ПДН» (D): ожидалось целое число обучающихся, найдено «2,5»',
    ]);
    expect(r.rows).toEqual([]);
  });

  test('counts without a pupils column cannot become shares, and the error says which option fixes it', () => {
    const r = importPassport([{ name: 'П', grid: [['Код ОО', 'Из неполных семей'], ['1', 5]] }], [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Ш', 'Р']], { year: 2025 });
    expect(r.problems.map((p) => p.message)).toEqual(['Лист «П», строка 1: нет столбца с численностью обучающихся: без неё числа («Из неполных семей») не перевести в доли; укажите сопоставление столбцов «Обучающихся=C»']);
    const cli = importPassport([{ name: 'П', grid: [['Код ОО', 'Из неполных семей'], ['1', 5]] }], [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Ш', 'Р']], { year: 2025, commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual(['Лист «П», строка 1: нет столбца с численностью обучающихся: без неё числа («Из неполных семей») не перевести в доли; укажите --map «Обучающихся=C»']);
  });

  test('a passport without a year asks for it where the host takes it', () => {
    const sheets = [{ name: 'П', grid: [['Код ОО', 'Всего обучающихся', 'Из неполных семей'], ['1', 100, 5]] }];
    const schools = [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Ш', 'Р']];
    const r = importPassport(sheets, schools);
    expect(r.problems.map((p) => p.message)).toEqual(['Лист «П»: не удалось определить год по заголовку и имени файла: укажите год в поле «Год результатов»']);
    expect(r.problems[0].message).not.toMatch(/--/);
    const cli = importPassport(sheets, schools, { commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual(['Лист «П»: не удалось определить год по заголовку и имени файла: укажите --year 2025']);
  });
});

describe('joining the workbook’s sheet', () => {
  const result = {
    target: 'Результаты', header: ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', '2, %', '3, %', '4, %', '5, %'],
    rows: [[2025, '010001', 'ВПР', '4', 'Математика', 20, 10, 20, 30, 40], [2024, '10002', 'ВПР', '4', 'Математика', 25, 4, 36, 40, 20]],
    origins: [{ sheet: 'S', row: 9 }, { sheet: 'S', row: 10 }], matchedByCode: 2, matchedByName: 0, unmatched: [], skipped: [], problems: [], notes: [],
  };
  const target: Grid = [
    ['Результаты оценочных процедур'],
    ['Год', 'Логин ОО', 'Процедура', 'Класс', 'Предмет', 'Число участников', 'Средний балл'],
    [2024, '010002', 'впр', 4, 'математика', 25, 3.7],
    [],
  ];

  test('under the existing header (synonyms accepted), new columns to the right, after the last row', () => {
    const plan = planAppend(target, result);
    expect(plan.headerRow).toBe(1);
    expect(plan.added).toEqual([{ index: 7, title: '2, %' }, { index: 8, title: '3, %' }, { index: 9, title: '4, %' }, { index: 10, title: '5, %' }]);
    expect(plan.append).toEqual([[2025, '010001', 'ВПР', '4', 'Математика', 20, null, 10, 20, 30, 40]]);
    expect(plan.firstAppendRow).toBe(3);
    // The 2024 row is already there (same year, school and indicator, written differently).
    expect(plan.duplicates).toEqual([{ sheet: 'S', row: 10, targetRow: 3 }]);
    expect(plan.problems[0].message).toMatch(/уже есть 1 из импортируемых строк.*; они не добавлены\. Строки листа: 3$/);
    // Host-neutral: the command line adds its own line about --replace.
    expect(plan.problems[0].message).not.toMatch(/--/);
  });

  test('replace mode overwrites the existing row’s cells instead', () => {
    const plan = planAppend(target, result, { replace: true });
    expect(plan.duplicates).toEqual([]);
    expect(plan.updates).toEqual([{ row: 2, cells: [0, 1, 2, 3, 4, 5, 7, 8, 9, 10].map((index, j) => ({ index, value: result.rows[1][j] })) }]);
  });

  test('a workbook without the sheet gets a new one', () => {
    const plan = planAppend(undefined, result);
    expect(plan).toMatchObject({ create: true, header: result.header, append: result.rows, firstAppendRow: 1 });
  });
});

describe('ОГЭ / ЕГЭ of 2026: every failure heading the processing centres use', () => {
  let dir26: SchoolDirectory;
  beforeAll(async () => {
    dir26 = SchoolDirectory.fromGrid(await schoolsGridOf('region-2026.xlsx'));
  });

  test.each([
    ['Не набрали минимального количества баллов', 'fails'],
    ['Доля участников ниже порога, %', 'failsPercent'],
    ['Не преодолели минимальный порог', 'fails'],
    ['Не набрали минимальный балл, %', 'failsPercent'],
    ['Кол-во участников, не набравших минимальный балл', 'fails'],
  ])('«%s» is the failures column (%s)', (heading, field) => {
    const m = guessExamMapping([['Код ОО', 'Кол-во участников', 'Средний балл', heading]])!;
    expect(m.columns).toMatchObject({ code: 0, n: 1, mean: 2, [field]: 3 });
  });

  test('counts and shares become the number below the minimum, as the file says', async () => {
    for (const file of ['oge-2026.xlsx', 'ege-2026.xlsx']) {
      const r = importExam(await source(file), dir26, { fileName: file });
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.matchedByCode).toBe(r.rows.length);
      expect(r.header).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Не справились']);
      for (const t of truth2026.exams.filter((e) => e.file === file)) {
        const mine = r.rows.filter((x) => x[4] === t.subject);
        expect(mine.map((x) => x.slice(0, 4))).toEqual(t.rows.map(() => [2026, expect.any(String), t.procedure, t.procedure === 'ОГЭ' ? '9' : '11']));
        expect(mine.map((x) => [x[1], x[5], x[6]])).toEqual(t.rows.map((w) => [w.code, w.n, w.mean]));
        // A share heading: failures = share × participants, computed here from the percentage the file holds.
        const fails = t.rows.map((w) => (t.failsHeader === 'Неуспешные результаты' ? null : w.failsPercent !== null ? Math.round((w.failsPercent * w.n) / 100) : w.fails));
        expect(mine.map((x) => x[7])).toEqual(fails);
        if (t.failsHeader !== 'Неуспешные результаты') expect(fails).toEqual(t.rows.map((w) => w.fails));
      }
    }
  });

  test('a failures column that cannot be mapped is named in a warning, never dropped silently', async () => {
    const r = importExam(await source('ege-2026.xlsx'), dir26, { fileName: 'ege-2026.xlsx' });
    expect(r.problems.map((p) => [p.severity, p.message])).toEqual([['warning', 'Лист «Математика», столбец «Неуспешные результаты» (F): похоже на число не справившихся '
      + '(ниже минимального порога), но заголовок не распознан: не справившиеся не импортированы; если это они, укажите сопоставление столбцов «Не справились=F»']]);
    // The mapping the warning advises brings them in.
    const mapped = importExam(await source('ege-2026.xlsx'), dir26, { fileName: 'ege-2026.xlsx', map: 'Не справились=F' });
    expect(mapped.problems).toEqual([]);
    const t = truth2026.exams.find((e) => e.failsHeader === 'Неуспешные результаты')!;
    expect(mapped.rows.filter((x) => x[4] === 'Математика').map((x) => x[7])).toEqual(t.rows.map((w) => w.fails));
    // A second failures-like column beside a recognised one is named too.
    const both: Grid = [['ЕГЭ 2026 Русский язык'], ['Код ОО', 'Кол-во участников', 'Средний балл', 'Не преодолели минимальный порог', 'Ниже уровня прошлого года', 'Не явились'],
      [truth2026.schools[0].digits, 10, 60, 1, 2, 0]];
    const w = importExam([{ name: 'Лист1', grid: both }], dir26);
    expect(w.problems.map((p) => p.message)).toEqual(['Лист «Лист1», столбец «Ниже уровня прошлого года» (E): похоже на число не справившихся, но не использовано: '
      + 'не справившиеся взяты из столбца D «Не преодолели минимальный порог»; если нужен этот столбец, укажите сопоставление столбцов «Не справились=E»']);
  });

  test('ОГЭ rows that match no school are an error naming what the file holds', async () => {
    const r = importExam(await source('oge-2026.xlsx'), dir, { fileName: 'oge-2026.xlsx' });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      `ни одна из 36 строк школ не сопоставлена со «Школами» — проверьте, что выгрузка относится к этому региону. В выгрузке школы 203389, 203390, 203391, 203392, 203393, …; на листе «Школы» коды ${truth.schools.slice(0, 5).map((s) => s.code).join(', ')}, …`,
    ]);
  });
});
