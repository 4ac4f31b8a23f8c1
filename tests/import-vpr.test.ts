/**
 * The ВПР statistics export: the realistic files (merged titles, two-row header, region → municipality →
 * school rows, percentages with commas, totals) give exactly the numbers they were written from;
 * unknown schools are listed with their row; broken files give located Russian problems.
 */
import { importVpr } from '../shared/import/vpr';
import { SchoolDirectory, normalizeCode, normalizeMunicipality, normalizeSchoolName } from '../shared/import/common';
import { identify } from '../shared/method/identify';
import type { Grid } from '../shared/types';
import { planImport, runImporter } from '../shared/import/run';
import { exportImportPlan } from '../wizard/core';
import { schoolsGrid, schoolsGridOf, source, truth, truth2026 } from './import-helpers';

let dir: SchoolDirectory;
beforeAll(async () => {
  dir = SchoolDirectory.fromGrid(await schoolsGrid());
});

describe('matching names and codes', () => {
  test('school names compare without legal forms, quotes, school-type spelling and spaces', () => {
    const a = normalizeSchoolName('МОАУ «СОШ № 1 г. Зеи»');
    expect(normalizeSchoolName('Муниципальное общеобразовательное автономное учреждение средняя общеобразовательная школа № 1 г. Зеи')).toBe(a);
    expect(normalizeSchoolName('МОАУ СОШ №1 г.Зеи')).toBe(a);
    expect(normalizeSchoolName('СОШ № 1 города Зеи')).toBe(a);
    expect(normalizeSchoolName('МБОУ «ООШ пос. Береговой»')).not.toBe(normalizeSchoolName('МБОУ «ООШ с. Береговой»'));
    expect(normalizeSchoolName('МБОУ «СОШ посёлка Береговой»')).toBe(normalizeSchoolName('СОШ п. Береговой'));
    // A name that merely starts like an abbreviation keeps its letters.
    expect(normalizeSchoolName('Ановская СОШ')).toBe(normalizeSchoolName('МБОУ Ановская СОШ'));
  });

  test('municipalities compare without «муниципальный район/округ», «г.», «городской округ город»', () => {
    expect(normalizeMunicipality('Зейский муниципальный район')).toBe(normalizeMunicipality('Зейский район'));
    expect(normalizeMunicipality('Зейский муниципальный округ')).toBe('зейский');
    expect(normalizeMunicipality('Городской округ город Зея')).toBe(normalizeMunicipality('г. Зея'));
    expect(normalizeMunicipality('г. Зея')).not.toBe(normalizeMunicipality('Зейский район'));
  });

  test('codes compare without «sch» and leading zeros', () => {
    expect(normalizeCode('sch010014')).toBe(normalizeCode('10014'));
    expect(normalizeCode('010014')).toBe('10014');
  });

  test('code first, then the name within the municipality; two schools of one name are ambiguous without it', () => {
    const d = new SchoolDirectory([
      { code: '1', name: 'МБОУ «СОШ с. Ивановка»', municipality: 'Зейский район' },
      { code: '2', name: 'МБОУ «СОШ с. Ивановка»', municipality: 'Тындинский район' },
    ]);
    expect(d.match('1', 'что угодно', '')).toMatchObject({ kind: 'code', index: 0 });
    expect(d.match('sch000002', '', '')).toMatchObject({ kind: 'code', index: 1 });
    expect(d.match('', 'СОШ с.Ивановка', 'Тындинский муниципальный округ')).toMatchObject({ kind: 'name', index: 1 });
    expect(d.match('', 'СОШ с.Ивановка', '')).toMatchObject({ kind: 'ambiguous' });
    expect(d.match('99', 'СОШ с. Петровка', 'Зейский район')).toEqual({ kind: 'none' });
  });
});

describe('the realistic export', () => {
  test('4th grade mathematics: every school row with the percentages it was written with', async () => {
    const r = importVpr(await source('vpr-2025-4-matematika.xlsx'), dir, { fileName: 'vpr-2025-4-matematika.xlsx' });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.target).toBe('Результаты');
    expect(r.header).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', '2, %', '3, %', '4, %', '5, %']);
    const t = truth.vpr.find((v) => v.grade === '4' && v.subject === 'Математика')!;
    expect(r.rows).toHaveLength(t.rows.length);
    for (const want of t.rows) {
      const row = r.rows.find((x) => x[1] === want.code)!;
      expect(row).toEqual([2025, want.code, 'ВПР', '4', 'Математика', want.n, ...want.percents]);
    }
    // The school the ВПР system knows under another login was found by its name in its municipality.
    expect(r.matchedByName).toBe(1);
    expect(r.matchedByCode).toBe(t.rows.length - 1);
  });

  test('the unknown school is listed with its row, the totals and headings are skipped, not dropped silently', async () => {
    const r = importVpr(await source('vpr-2025-4-matematika.xlsx'), dir);
    expect(r.unmatched).toHaveLength(1);
    expect(r.unmatched[0]).toMatchObject({ sheet: 'Статистика по отметкам', code: 'sch280999', name: 'МБОУ ООШ п. Горный Ключ', reason: 'not-found', municipality: 'Тындинский муниципальный район' });
    expect(r.unmatched[0].message).toMatch(/^Лист «Статистика по отметкам», строка \d+: код «sch280999» «МБОУ ООШ п\. Горный Ключ»/);
    expect(r.skipped.map((s) => s.label)).toEqual(['Вся выборка', 'Амурская обл.', 'Городской округ город Зея', 'Зейский муниципальный район', 'Тындинский муниципальный район']);
    expect(r.skipped[0].reason).toBe('итоговая строка');
    // Every data row below the header is accounted for.
    expect(r.rows.length + r.unmatched.length + r.skipped.length).toBe(1 + 1 + 3 + truth.schools.length + 1);
  });

  test('the year, grade and subject come from the titles; the note says what was read', async () => {
    const r = importVpr(await source('vpr-2025-4-russkij.xlsx'), dir);
    expect(r.rows[0].slice(0, 5)).toEqual([2025, r.rows[0][1], 'ВПР', '4', 'Русский язык']);
    expect(r.notes[0]).toMatch(/ВПР, 4 класс, Русский язык, 2025 год; участники — столбец C «Кол-во участников», отметки «2»–«5» — столбцы D, E, F, G \(проценты\)/);
  });

  test('the CSV variant: login in its own column, «;», decimal commas, headings and a total', async () => {
    const r = importVpr(await source('vpr-2025-5-matematika.csv'), dir);
    const t = truth.vpr.find((v) => v.grade === '5')!;
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.rows.map((x) => [x[1], x[5], ...x.slice(6)])).toEqual(t.rows.map((w) => [w.code, w.n, ...w.percents]));
    expect(r.skipped.map((s) => s.reason)).toEqual(['заголовок группы (регион или муниципалитет)', 'заголовок группы (регион или муниципалитет)',
      'заголовок группы (регион или муниципалитет)', 'заголовок группы (регион или муниципалитет)', 'итоговая строка']);
  });

  test('the imported rows are read by the engine as the marks they describe', async () => {
    const r = importVpr(await source('vpr-2025-4-matematika.xlsx'), dir);
    const results: Grid = [r.header, ...r.rows];
    const id = identify({ schools: await schoolsGrid(), results, settings: [['Параметр', 'Значение'], ['Индикатор', 'ВПР-4 Математика']] });
    expect(id.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Mean mark from percentages p: Σ m·p / 100 (n cancels) — by hand for the first school.
    const w = truth.vpr[0].rows[0];
    const mean = (2 * w.percents[0] + 3 * w.percents[1] + 4 * w.percents[2] + 5 * w.percents[3]) / w.percents.reduce((a, b) => a + b, 0);
    const regional = id.regionalMeans[0]!;
    expect(id.schools.find((s) => s.code === w.code)!.indicatorQI[0]).toBeCloseTo(mean / regional, 10);
  });
});

describe('layouts seen in other regions', () => {
  const schools: Grid = [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['280101', 'МБОУ СОШ № 1', 'Район'], ['280102', 'МБОУ СОШ № 2', 'Район']];

  test('login in parentheses before the name, counts of marks instead of percentages', () => {
    const grid: Grid = [
      ['ВПР-2025. 5 класс. Русский язык'],
      ['ОО', 'Участников', 'Отметка «2»', 'Отметка «3»', 'Отметка «4»', 'Отметка «5»'],
      ['Район', 60, 5, 20, 25, 10],
      ['(sch280101) МБОУ СОШ № 1', 30, 2, 10, 12, 6],
      ['(sch280102) МБОУ СОШ № 2', 30, 3, 10, 13, 4],
    ];
    const r = importVpr([{ name: 'Лист1', grid }], schools);
    expect(r.header).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', '2', '3', '4', '5']);
    expect(r.rows).toEqual([[2025, '280101', 'ВПР', '5', 'Русский язык', 30, 2, 10, 12, 6], [2025, '280102', 'ВПР', '5', 'Русский язык', 30, 3, 10, 13, 4]]);
  });

  test('what the titles lack comes from the file name or the options, and a missing one is asked for', () => {
    const grid: Grid = [['Логин', 'Кол-во участников', '2', '3', '4', '5'], ['sch280101', 10, '10', '20', '30', '40']];
    const none = importVpr([{ name: 'Лист1', grid }], schools);
    expect(none.rows).toEqual([]);
    // A spreadsheet host (the wizard) has a year field, and grade and subject come from the sheet's name.
    expect(none.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить год, класс и предмет по заголовку листа и имени файла: '
      + 'укажите год в поле «Год результатов»; класс в имени листа или файла, например «4 класс»; предмет в имени листа или файла, например «Математика»']);
    const noSubject = importVpr([{ name: 'Лист1', grid }], schools, { year: 2025, grade: '4' });
    expect(noSubject.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить предмет по заголовку листа и имени файла: '
      + 'укажите предмет в имени листа или файла, например «Математика»']);
    for (const p of [...none.problems, ...noSubject.problems]) expect(p.message).not.toMatch(/--/);
    // The command line names its parameters.
    const cli = importVpr([{ name: 'Лист1', grid }], schools, { commandLine: true });
    expect(cli.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить год, класс и предмет по заголовку листа и имени файла: '
      + 'укажите --year 2025, --grade 4, --subject «Математика»']);
    const cliGrade = importVpr([{ name: 'Лист1', grid }], schools, { year: 2025, subject: 'история', commandLine: true });
    expect(cliGrade.problems.map((p) => p.message)).toEqual(['Лист «Лист1»: не удалось определить класс по заголовку листа и имени файла: укажите --grade 4']);
    const byName = importVpr([{ name: 'Лист1', grid }], schools, { fileName: 'ВПР_2025_4кл_математика.xlsx' });
    expect(byName.rows).toEqual([[2025, '280101', 'ВПР', '4', 'Математика', 10, 10, 20, 30, 40]]);
    const byOptions = importVpr([{ name: 'Лист1', grid }], schools, { year: 2024, grade: '6', subject: 'история' });
    expect(byOptions.rows[0].slice(0, 5)).toEqual([2024, '280101', 'ВПР', '6', 'История']);
  });
});

describe('broken files', () => {
  test('every bad cell is reported with sheet, row, column and letter; nothing else from those rows', async () => {
    const r = importVpr(await source('bad-vpr.xlsx'), dir);
    const errors = r.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors).toEqual([
      'Лист «Статистика по отметкам», строка 5, столбец «Кол-во участников» (C): ожидалось целое неотрицательное число участников, найдено «двадцать»',
      'Лист «Статистика по отметкам», строка 6, столбец «3» (E): ожидалось неотрицательное число, найдено «3,5,1»',
      'Лист «Статистика по отметкам», строка 7, столбец «2–5» (D): отметки «2»–«5» в сумме дают 70: это не проценты (сумма 100) и не число участников (30)',
      'Лист «Статистика по отметкам», строка 8, столбец «2» (D): ожидалось неотрицательное число, найдено «-5»',
    ]);
    expect(r.problems.find((p) => p.row === 5)!.cell).toBe('C5');
    expect(r.rows).toEqual([]);
  });

  test('a file that is not an export says what it needs', async () => {
    const r = importVpr(await source('not-a-table.csv'), dir);
    expect(r.problems.map((p) => p.message)).toEqual(['Лист «not-a-table.csv»: не найдена строка заголовков выгрузки ВПР: нужны столбцы «Кол-во участников» и «2», «3», «4», «5» (проценты отметок)']);
  });

  test('a workbook without «Школы» cannot be matched against', () => {
    const r = importVpr([{ name: 'Лист1', grid: [['Логин', 'Кол-во участников', '2', '3', '4', '5']] }], []);
    expect(r.problems.some((p) => p.severity === 'error' && /нет листа «Школы»/.test(p.message))).toBe(true);
  });
});

describe('ФИС ОКО exports as they are since 2022 (six title rows, numeric mark headers, edu logins)', () => {
  let dir26: SchoolDirectory;
  beforeAll(async () => {
    dir26 = SchoolDirectory.fromGrid(await schoolsGridOf('region-2026.xlsx'));
  });

  test('every school with its participants and the marks its percentages stand for', async () => {
    for (const t of truth2026.vpr) {
      const sheets = await source(t.file);
      // The sheet's name is cut to 31 characters, as Excel has it: the titles say the rest.
      expect(sheets.map((s) => s.name)).toEqual([t.sheet]);
      expect(t.sheet.length).toBe(31);
      const r = importVpr(sheets, dir26, { fileName: t.file });
      expect(r.problems).toEqual([]);
      expect(r.header).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', '2, %', '3, %', '4, %', '5, %']);
      expect(r.rows).toHaveLength(truth2026.schools.length);
      expect(r.matchedByCode).toBe(truth2026.schools.length);
      for (const want of t.rows) {
        const row = r.rows.find((x) => x[1] === want.code)!;
        expect(row.slice(0, 6)).toEqual([2026, want.code, 'ВПР', t.grade, t.subject, want.n]);
        const percents = row.slice(6) as number[];
        // Stored as numbers (12.36), summing to about 100.
        expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.05);
        // The counts the percentages stand for, computed here: p × n / 100.
        expect(percents.map((p) => Math.round((p * want.n) / 100))).toEqual(want.counts);
      }
      expect(r.skipped.map((s) => s.reason)).toEqual(['итоговая строка', ...Array(4).fill('заголовок группы (регион или муниципалитет)')]);
      expect(r.notes[0]).toBe(`Лист «${t.sheet}»: ВПР, ${t.grade} класс, ${t.subject}, 2026 год; участники — столбец C «Кол-во участников», `
        + 'отметки «2»–«5» — столбцы D, E, F, G (проценты); строки школ — по логину edu…');
    }
  });

  test('edu and sch logins are the same school, in brackets after the name or before it, whatever form «Школы» keep', () => {
    const d = new SchoolDirectory([
      { code: '203389', name: 'А', municipality: 'М' }, { code: 'sch203390', name: 'Б', municipality: 'М' }, { code: 'edu203391', name: 'В', municipality: 'М' },
    ]);
    for (const [login, index] of [['edu203389', 0], ['sch203389', 0], ['edu203390', 1], ['sch203390', 1], ['edu203391', 2], ['sch203391', 2], ['203391', 2]] as const) {
      expect(d.match(login, '', '')).toMatchObject({ kind: 'code', index });
    }
    expect(normalizeCode('edu010014')).toBe(normalizeCode('sch010014'));
    const grid: Grid = [
      ['ВПР 2026 Математика 5 класс'],
      ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
      ['М муниципальный район(reg20_m001)', 3, 60, 5, 30, 40, 25],
      ['МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)', 1, 20, 10, 20, 30, 40],
      ['(sch203390) МБОУ «СОШ № 2»', 1, 20, 5, 25, 45, 25],
      ['edu203391 МБОУ «СОШ № 3»', 1, 20, 15, 35, 35, 15],
    ];
    const r = importVpr([{ name: 'МА 5 Статистика по отметкам', grid }], d);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x[1], ...x.slice(6)])).toEqual([['203389', 10, 20, 30, 40], ['sch203390', 5, 25, 45, 25], ['edu203391', 15, 35, 35, 15]]);
    expect(r.notes[0]).toMatch(/строки школ — по логину edu… и sch…$/);
  });

  test('a login column may hold the bare digits', () => {
    const d = new SchoolDirectory([{ code: 'edu203389', name: 'А', municipality: 'М' }]);
    const grid: Grid = [['ВПР 2026 Математика 5 класс'], ['Логин', 'Наименование ОО', 'Кол-во участников', 2, 3, 4, 5], [null, 'М', 20, 10, 20, 30, 40], ['203389', 'А', 20, 10, 20, 30, 40]];
    const r = importVpr([{ name: 'Лист1', grid }], d);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([[2026, 'edu203389', 'ВПР', '5', 'Математика', 20, 10, 20, 30, 40]]);
    expect(r.notes[0]).toMatch(/строки школ — по коду ОО$/);
  });

  test('the «(reg…_m…)» after a municipality is ignored when a school is matched by its name', () => {
    expect(normalizeMunicipality('Урус-Мартановский муниципальный район(reg20_m012)')).toBe(normalizeMunicipality('Урус-Мартановский район'));
    expect(normalizeMunicipality('Шалинский муниципальный район (reg20_m015)')).toBe('шалинский');
    const d = new SchoolDirectory([
      { code: '203389', name: 'МБОУ «СОШ № 1»', municipality: 'Урус-Мартановский район' },
      { code: '203489', name: 'МБОУ «СОШ № 1»', municipality: 'Шалинский район' },
    ]);
    const grid: Grid = [
      ['ВПР 2026 Математика 5 класс'],
      ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
      ['Шалинский муниципальный район(reg20_m015)', 1, 20, 10, 20, 30, 40],
      // A login «Школы» do not know: the name within the municipality finds the school.
      ['МБОУ «СОШ №1»(edu777001)', 1, 20, 10, 20, 30, 40],
    ];
    const r = importVpr([{ name: 'Лист1', grid }], d);
    expect(r.problems).toEqual([]);
    expect(r.matchedByName).toBe(1);
    expect(r.rows.map((x) => x[1])).toEqual(['203489']);
  });

  test('an export that matches no school is an error that shows the logins seen and the codes «Школы» hold', async () => {
    const [sheet] = await source('vpr-2026-4-russkij.xlsx');
    const r = importVpr([sheet], dir);
    const errors = r.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors).toEqual(['ни одна из 18 строк школ не сопоставлена со «Школами» — проверьте, что выгрузка относится к этому региону и что на листе «Школы» коды ОО — '
      + 'логины ФИС ОКО (edu… или sch…) или их цифры. В выгрузке логины edu203389, edu203390, edu203391, edu203392, edu203393, …; '
      + `на листе «Школы» коды ${truth.schools.slice(0, 5).map((s) => s.code).join(', ')}, …`]);
    expect(r.unmatched).toHaveLength(18);
  });

  test('an export that matches fewer than half of its school rows is an error that lists them', () => {
    const d = new SchoolDirectory([{ code: '203389', name: 'А', municipality: 'М' }]);
    const grid: Grid = [
      ['ВПР 2026 Математика 5 класс'],
      ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
      ['А(edu203389)', 1, 20, 10, 20, 30, 40],
      ['Б(edu303390)', 1, 20, 10, 20, 30, 40],
      ['В(edu303391)', 1, 20, 10, 20, 30, 40],
    ];
    const r = importVpr([{ name: 'Лист1', grid }], d);
    expect(r.problems.map((p) => [p.severity, p.message])).toEqual([['error', 'сопоставлено со «Школами» только 1 из 3 строк школ (меньше половины) — проверьте, что выгрузка '
      + 'относится к этому региону и что на листе «Школы» коды ОО — логины ФИС ОКО (edu… или sch…) или их цифры, или дополните лист «Школы». '
      + 'Не сопоставлены: строка 4 «edu303390» «Б», строка 5 «edu303391» «В»; на листе «Школы» коды 203389']]);
    // Half is enough.
    const half = importVpr([{ name: 'Лист1', grid: grid.slice(0, 4) }], d);
    expect(half.problems).toEqual([]);
    expect(half.unmatched).toHaveLength(1);
  });

  test('a municipality’s «Школы» take the region’s export: other municipalities’ schools are listed, not counted against the half', async () => {
    const mine = truth2026.schools.filter((x) => x.municipality === 'Шалинский район');
    const d = new SchoolDirectory(mine.map((x) => ({ code: x.code, name: x.name, municipality: x.municipality })));
    const r = importVpr(await source('vpr-2026-4-russkij.xlsx'), d);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x[1])).toEqual(mine.map((x) => x.code));
    expect(r.unmatched).toHaveLength(truth2026.schools.length - mine.length);
    expect(r.notes[1]).toBe('12 строк школ — из муниципалитетов, которых нет на листе «Школы» (Урус-Мартановский муниципальный район, Ачхой-Мартановский муниципальный район): '
      + 'они не импортированы и не считаются ошибкой сопоставления');
  });

  test('rows with no school in them are an error, not an import of nothing', () => {
    const grid: Grid = [
      ['ВПР 2026 Математика 5 класс'],
      ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
      ['Вся выборка', 1, 20, 10, 20, 30, 40],
      ['Шалинский муниципальный район', 1, 20, 10, 20, 30, 40],
      ['МБОУ «СОШ № 1»', 1, 20, 10, 20, 30, 40],
    ];
    const r = importVpr([{ name: 'Лист1', grid }], dir26);
    expect(r.problems.map((p) => p.message)).toEqual(['в выгрузке не найдено ни одной строки школы (прочитаны только итоги и заголовки групп: «Вся выборка», '
      + '«Шалинский муниципальный район», «МБОУ «СОШ № 1»»): школы узнаются по логину ОО из ФИС ОКО (edu… или sch…) — в скобках после наименования, перед ним или в отдельном столбце «Логин»']);
  });

  test('without titles, a ФИС ОКО sheet name «МА 4 …» gives the subject and the grade', () => {
    const grid: Grid = [['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5], ['МБОУ «СОШ № 1»(edu203389)', 1, 20, 10, 20, 30, 40]];
    const d = new SchoolDirectory([{ code: '203389', name: 'А', municipality: 'М' }]);
    const r = importVpr([{ name: 'МА 4 Статистика по отметкам', grid }], d, { year: 2026 });
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([[2026, '203389', 'ВПР', '4', 'Математика', 20, 10, 20, 30, 40]]);
    expect(importVpr([{ name: 'РУ 5 Статистика по отметкам', grid }], d, { year: 2026 }).rows[0].slice(3, 5)).toEqual(['5', 'Русский язык']);
    // Only ФИС ОКО's codes, only at the start.
    expect(importVpr([{ name: 'ЯЯ 5 Статистика', grid }], d, { year: 2026 }).rows).toEqual([]);
  });

  test('«Сравнение отметок с отметками по журналу» is named as the wrong report', async () => {
    const r = importVpr(await source('vpr-2026-4-sravnenie.xlsx'), dir26);
    expect(r.problems.map((p) => p.message)).toEqual(['Лист «МА 4 Сравнение отметок с отметк»: это отчёт ФИС ОКО «Сравнение отметок с отметками по журналу»: '
      + 'в нём нет распределения отметок «2»–«5» по школам; для импорта нужен отчёт «Статистика по отметкам» того же класса и предмета, '
      + 'а этот отчёт импортируется отдельно: вид «ВПР — сравнение с отметками по журналу (ФИС ОКО)»']);
  });

  // exportImportPlan is what the Excel add-in, the Sheets sidebar and the demo bridge all call.
  test('the wizards’ path (shared/import/run, as the Excel and Sheets wizards call it) fails on no match and succeeds on the right region', async () => {
    const [sheet] = await source('vpr-2026-4-russkij.xlsx');
    const run = (schools: Grid) => exportImportPlan({ kind: 'vpr', sourceSheet: sheet.name, preview: false }, { source: sheet.grid, schools, target: undefined });
    const wrong = run(await schoolsGrid());
    expect(wrong.report.failed).toBe(true);
    expect(wrong.plan).toBeNull();
    expect(wrong.report.added).toBe(0);
    const text = wrong.report.messages.join('\n');
    expect(text).toMatch(/^Ошибки \(1\): ничего не записано\.$/m);
    expect(text).toContain('ни одна из 18 строк школ не сопоставлена со «Школами»');
    expect(text).toContain('В выгрузке логины edu203389, edu203390');
    const right = run(await schoolsGridOf('region-2026.xlsx'));
    expect(right.report.failed).toBe(false);
    expect(right.report.added).toBe(truth2026.schools.length);
    // The host-neutral runner gives the same error.
    const direct = planImport(runImporter('vpr', [sheet], SchoolDirectory.fromGrid(await schoolsGrid())), undefined);
    expect(direct.plan).toBeNull();
    expect(direct.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^ни одна из 18 строк школ не сопоставлена/)]);
  });
});
