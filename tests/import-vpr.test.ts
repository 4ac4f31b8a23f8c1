/**
 * The ВПР statistics export: the realistic files (merged titles, two-row header, region → municipality →
 * school rows, percentages with commas, totals) give exactly the numbers they were written from;
 * unknown schools are listed with their row; broken files give located Russian problems.
 */
import { importVpr } from '../shared/import/vpr';
import { SchoolDirectory, normalizeCode, normalizeMunicipality, normalizeSchoolName } from '../shared/import/common';
import { identify } from '../shared/method/identify';
import type { Grid } from '../shared/types';
import { schoolsGrid, source, truth } from './import-helpers';

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
