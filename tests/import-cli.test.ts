/**
 * `shnor import` and `shnor report` end to end on a copy of the fixture region: rows are added to
 * «Результаты» / «Социальные показатели», every other sheet stays exactly as it was, unmatched rows
 * are listed, broken files change nothing, and the imported year is identified and reported with
 * no retyping.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type Io, parseArgs } from '../cli/command';
import { importCommand } from '../cli/commands/import';
import { reportCommand } from '../cli/commands/report';
import { fixture, truth, truth2026 } from './import-helpers';

interface Run { code: number; stdout: string; stderr: string }

async function shnor(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false };
  const args = parseArgs(argv);
  const command = args.command === 'import' ? importCommand : reportCommand;
  const code = await command.run(args, io);
  return { code, stdout, stderr };
}

/** Everything a sheet holds that a person could see: values, formulas, styles, merges, widths. */
async function snapshot(file: string, sheet: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => {
    cells.push([r, c, cell.value, cell.style]);
  }));
  return { cells, merges: (ws as unknown as { _merges: Record<string, unknown> })._merges && Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges),
    widths: ws.columns?.map((c) => c.width) ?? [] };
}

async function grid(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row, r) => { rows[r - 1] = (row.values as unknown[]).slice(1); });
  return rows;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-import-'));
const book = path.join(tmp, 'регион.xlsx');
const OTHER = ['Школы', 'Настройки', 'Пояснения'];
let before: Record<string, unknown>;

beforeAll(async () => {
  fs.copyFileSync(fixture('region.xlsx'), book);
  before = Object.fromEntries(await Promise.all(OTHER.map(async (s) => [s, await snapshot(book, s)])));
});

describe('a year of exports into the region workbook', () => {
  test('ВПР: three files at once; the unknown school is listed; the old rows stay', async () => {
    const run = await shnor(['import', 'vpr', fixture('vpr-2025-4-matematika.xlsx'), fixture('vpr-2025-4-russkij.xlsx'), fixture('vpr-2025-5-matematika.csv'), '--into', book]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/код «sch280999» «МБОУ ООШ п\. Горный Ключ» \(Тындинский муниципальный район\) — школа не найдена на листе «Школы»/);
    expect(run.stdout).toMatch(/На лист «Результаты» добавлены столбцы: «2, %», «3, %», «4, %», «5, %»/);
    const expected = truth.vpr.reduce((a, v) => a + v.rows.length, 0);
    expect(run.stdout).toMatch(new RegExp(`Записано ${expected} строк в «${book.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}»; не сопоставлено 2`));
    const rows = await grid(book, 'Результаты');
    expect(rows[0]).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Стандартное отклонение', 'Не справились', '2', '3', '4', '5', '2, %', '3, %', '4, %', '5, %']);
    expect(rows.slice(1, 4).every((r) => r[0] === 2024)).toBe(true);
    expect(rows).toHaveLength(1 + 3 + expected);
    const w = truth.vpr[0].rows[0];
    const mine = rows.find((r) => r[0] === 2025 && r[1] === w.code && r[4] === 'Математика' && r[3] === '4')!;
    expect(mine.slice(13)).toEqual(w.percents);
  });

  test('ОГЭ, ЕГЭ and the social passport', async () => {
    for (const args of [['oge', fixture('oge-2025.xlsx')], ['ege', fixture('ege-2025.csv')], ['passport', fixture('passport-2025.xlsx')]]) {
      const run = await shnor(['import', ...args, '--into', book]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
    }
    const social = await grid(book, 'Социальные показатели');
    expect(social[0][0]).toBe('Год');
    expect(social).toHaveLength(1 + truth.passport.rows.length);
  });

  test('every other sheet is exactly as it was', async () => {
    for (const s of OTHER) expect(await snapshot(book, s)).toEqual(before[s]);
  });

  test('importing the same file again adds nothing and says the rows are already there', async () => {
    const n = (await grid(book, 'Результаты')).length;
    const run = await shnor(['import', 'oge', fixture('oge-2025.xlsx'), '--into', book]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/уже есть \d+ из импортируемых строк .*; они не добавлены\./);
    expect(run.stdout).toMatch(/^\s+Чтобы заменить их, повторите импорт с --replace\.$/m);
    expect((await grid(book, 'Результаты')).length).toBe(n);
  });

  test('the year is identified and reported with no retyping', async () => {
    const note = path.join(tmp, 'справка.html');
    const cards = path.join(tmp, 'карточки.html');
    const rec = path.join(tmp, 'рекомендации.xlsx');
    const run = await shnor(['report', book, '--out', note, '--cards', cards, '--recommendations', rec, '--region', 'Тестовый регион', '--date', '01.10.2025']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Идентификация 2025 года: карточки с мерами подготовлены для \d+ школ\S* из перечней ШНОР и ШФНСУ/);
    const html = fs.readFileSync(note, 'utf8');
    expect(html).toMatch(/<h1>Аналитическая справка о результатах идентификации/);
    expect(html).toContain('Тестовый регион');
    expect(html).toContain('01.10.2025');
    expect(html).toContain('в отдельном файле «карточки.html»');
    expect(fs.readFileSync(cards, 'utf8')).toMatch(/<section class="card"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rec);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Школы', 'Результаты', 'Идентификация 2025', 'Рекомендации 2025', 'Рекомендации МОУО 2025']));
  });
});

describe('what must not change the workbook', () => {
  test('a broken file: every problem listed, exit code 2, the workbook byte for byte the same', async () => {
    const bytes = fs.readFileSync(book);
    const run = await shnor(['import', 'vpr', fixture('bad-vpr.xlsx'), '--into', book]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Ошибки \(4\)/);
    expect(run.stdout).toMatch(/строка 5, столбец «Кол-во участников» \(C\): ожидалось целое неотрицательное число участников, найдено «двадцать»/);
    expect(run.stderr).toMatch(/книга не изменена/);
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });

  test('what the file does not say is asked for by the command line’s parameters', async () => {
    const bytes = fs.readFileSync(book);
    const vpr = path.join(tmp, 'выгрузка.csv');
    fs.writeFileSync(vpr, `Логин;Кол-во участников;2;3;4;5\r\nsch${truth.schools[0].code};10;10;20;30;40\r\n`);
    const bare = await shnor(['import', 'vpr', vpr, '--into', book]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('не удалось определить год, класс и предмет по заголовку листа и имени файла: укажите --year 2025, --grade 4, --subject «Математика»');
    const ege = await shnor(['import', 'ege', fixture('ege-odd-headers.csv'), '--into', book]);
    expect(ege.code).toBe(2);
    expect(ege.stdout).toContain('не удалось определить год, предмет и столбец среднего балла или отметок «2»–«5»: укажите --year 2025, --subject «Математика» или столбец «Предмет», --map «Средний балл=E»');
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });

  test('a preview shows the mapping and the first rows and writes nothing', async () => {
    const bytes = fs.readFileSync(book);
    const run = await shnor(['import', 'ege', fixture('ege-odd-headers.csv'), '--into', book, '--preview', 'да', '--year', '2025', '--subject', 'Русский язык', '--map', 'Средний балл=D']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Средний балл\s+D\s+«Результат»\s+например: 55,0 \| 56,0 \| 57,0/);
    expect(run.stdout).toMatch(/Первые строки для листа «Результаты»:\n\s+Год \| Код ОО \| Процедура/);
    expect(run.stdout).toMatch(/книга не изменена/);
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });

  test('a workbook with a chart is not rewritten in place (exceljs would drop it); --out writes a new one', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(fixture('region.xlsx')));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    const charted = path.join(tmp, 'с-диаграммой.xlsx');
    fs.writeFileSync(charted, await zip.generateAsync({ type: 'nodebuffer' }));
    const bytes = fs.readFileSync(charted);
    const run = await shnor(['import', 'passport', fixture('passport-2025.xlsx'), '--into', charted]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/есть диаграммы: при перезаписи они будут потеряны\. Запишите результат в новую книгу: --out/);
    expect(fs.readFileSync(charted).equals(bytes)).toBe(true);
    const out = path.join(tmp, 'новая.xlsx');
    expect((await shnor(['import', 'passport', fixture('passport-2025.xlsx'), '--into', charted, '--out', out])).code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
  });

  test('a CSV saved by Russian Excel in Windows-1251 is read as such', async () => {
    const cp1251 = (t: string) => Buffer.from([...t].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      if (ch === '«') return 0xab;
      if (ch === '»') return 0xbb;
      if (ch === '№') return 0xb9;
      return c;
    }));
    const s = truth.schools[0];
    const file = path.join(tmp, 'паспорт-1251.csv');
    fs.writeFileSync(file, cp1251(`Код ОО;Наименование ОО;Всего обучающихся;Из неполных семей\r\n${s.code};${s.name};200;50\r\n`));
    const out = path.join(tmp, 'из-1251.xlsx');
    const run = await shnor(['import', 'passport', file, '--into', book, '--out', out, '--year', '2026']);
    expect(run.code).toBe(0);
    const social = await grid(out, 'Социальные показатели');
    const last = social[social.length - 1];
    expect([last[0], last[1], last[social[0].indexOf('Неполные семьи, %')]]).toEqual([2026, s.code, 25]);
  });

  test('clear messages for the wrong kind, an old .xls, a missing workbook', async () => {
    await expect(shnor(['import', 'оценки', fixture('oge-2025.xlsx'), '--into', book])).rejects.toThrow(/Укажите вид данных: vpr \(ВПР\), oge \(ОГЭ\)/);
    const xls = path.join(tmp, 'выгрузка.xls');
    // Neither a workbook nor text (the content decides; .xls, .ods and CSV-as-.xls are read: tests/cli/workbook-formats.test.ts).
    fs.writeFileSync(xls, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) & 0xff)));
    await expect(shnor(['import', 'vpr', xls, '--into', book])).rejects.toThrow(/ожидалась книга \.xlsx, \.ods или \.xls или файл \.csv \(это неизвестный формат\)/);
    await expect(shnor(['import', 'vpr', fixture('vpr-2025-4-matematika.xlsx')])).rejects.toThrow(/--into регион\.xlsx/);
    await expect(shnor(['report', book])).rejects.toThrow(/Укажите, что записать: --out справка\.html/);
  });
});

describe('ФИС ОКО exports as they are since 2022', () => {
  const book26 = path.join(tmp, 'регион-2026.xlsx');
  beforeAll(() => {
    fs.copyFileSync(fixture('region-2026.xlsx'), book26);
  });

  test('the 2026 ВПР exports import every school with its participants and marks; ОГЭ and ЕГЭ with their failures', async () => {
    const run = await shnor(['import', 'vpr', ...truth2026.vpr.map((t) => fixture(t.file)), '--into', book26]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('строки школ — по логину edu…');
    expect(run.stdout).not.toMatch(/по логину sch…/);
    const exams = await shnor(['import', 'exam', fixture('oge-2026.xlsx'), fixture('ege-2026.xlsx'), '--into', book26]);
    expect(exams.code).toBe(0);
    // The column it could not map is named in a warning.
    expect(exams.stdout).toMatch(/Предупреждения \(1\):\n\s+Лист «Математика», столбец «Неуспешные результаты» \(F\): похоже на число не справившихся .* укажите --map «Не справились=F»/);
    const rows = await grid(book26, 'Результаты');
    const h = rows[0] as string[];
    for (const t of truth2026.vpr) {
      for (const w of t.rows) {
        const r = rows.find((x) => x[h.indexOf('Код ОО')] === w.code && x[h.indexOf('Класс')] === t.grade && x[h.indexOf('Предмет')] === t.subject && x[h.indexOf('Процедура')] === 'ВПР')!;
        expect(r[h.indexOf('Год')]).toBe(2026);
        expect(r[h.indexOf('Участников')]).toBe(w.n);
        const p = ['2, %', '3, %', '4, %', '5, %'].map((k) => r[h.indexOf(k)] as number);
        expect(p.map((x) => Math.round((x * w.n) / 100))).toEqual(w.counts);
      }
    }
    const oge = truth2026.exams.find((e) => e.failsHeader === 'Доля участников ниже порога, %')!;
    for (const w of oge.rows) {
      const r = rows.find((x) => x[h.indexOf('Код ОО')] === w.code && x[h.indexOf('Процедура')] === 'ОГЭ' && x[h.indexOf('Предмет')] === 'Русский язык')!;
      expect(r[h.indexOf('Не справились')]).toBe(Math.round((w.failsPercent! * w.n) / 100));
    }
    expect(rows).toHaveLength(1 + truth2026.vpr.length * truth2026.schools.length + truth2026.exams.length * truth2026.schools.length);
  });

  test('an export that matches no school: exit 2, the reason in Russian, the workbook unchanged', async () => {
    const bytes = fs.readFileSync(book);
    const run = await shnor(['import', 'vpr', fixture('vpr-2026-4-russkij.xlsx'), '--into', book]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('ни одна из 18 строк школ не сопоставлена со «Школами» — проверьте, что выгрузка относится к этому региону');
    expect(run.stdout).toContain(`В выгрузке логины edu203389, edu203390, edu203391, edu203392, edu203393, …; на листе «Школы» коды ${truth.schools.slice(0, 5).map((s) => s.code).join(', ')}, …`);
    expect(run.stderr).toMatch(/книга не изменена/);
    expect(fs.readFileSync(book).equals(bytes)).toBe(true);
  });

  test('an export that matches fewer than half of its schools: exit 2, the unmatched listed', async () => {
    const bytes = fs.readFileSync(book26);
    const file = path.join(tmp, 'ВПР 2026 Математика 5 класс.csv');
    const [a, b] = truth2026.schools;
    fs.writeFileSync(file, ['Группы участников;Кол-во ОО;Кол-во участников;2;3;4;5',
      `${a.fisName}(edu${a.digits});1;20;10;20;30;40`, 'МБОУ «СОШ № 9»(edu309001);1;20;10;20;30;40', 'МБОУ «СОШ № 10»(edu309002);1;20;10;20;30;40',
      `${b.fisName}(sch${b.digits});1;20;10;20;30;40`, 'МБОУ «СОШ № 11»(edu309003);1;20;10;20;30;40', ''].join('\r\n'));
    const run = await shnor(['import', 'vpr', file, '--into', book26]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('сопоставлено со «Школами» только 2 из 5 строк школ (меньше половины)');
    expect(run.stdout).toContain('Не сопоставлены: строка 3 «edu309001» «МБОУ «СОШ № 9»», строка 4 «edu309002» «МБОУ «СОШ № 10»», строка 6 «edu309003» «МБОУ «СОШ № 11»»');
    expect(fs.readFileSync(book26).equals(bytes)).toBe(true);
  });
});
