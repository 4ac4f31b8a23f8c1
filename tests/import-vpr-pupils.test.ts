/**
 * Per-pupil ВПР («Индивидуальные результаты») and the journal comparison report («Сравнение отметок с
 * отметками по журналу»), in the ФИС ОКО layouts (tests/fixtures/vpr-pupils/build-fixtures.ts): the
 * per-school values equal those numpy and scipy compute from the same pupils (pupils.json), the
 * import fills the rows of the marks statistics instead of adding second rows, the streamed .xlsx
 * gives what the grid gives, and bad files get located Russian messages.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { type Io, parseArgs } from '../cli/command';
import { importCommand, readSource } from '../cli/commands/import';
import { streamXlsxRows } from '../cli/xlsx-stream';
import { SchoolDirectory } from '../shared/import/common';
import { JOURNAL_HEADER, importVprJournal } from '../shared/import/vpr-journal';
import { PUPIL_HEADER, VprPupilReader, averageRanks, importVprPupils, spearman } from '../shared/import/vpr-pupils';
import { planImport } from '../shared/import/run';
import { readRegion } from '../shared/input/read-region';
import type { Cell } from '../shared/types';
import { fixture, schoolsGrid } from './import-helpers';
import { runPython } from './helpers/python';

const DIR = path.join(__dirname, 'fixtures', 'vpr-pupils');
const PUPILS = path.join(DIR, 'vpr-2025-4-matematika-pupils.xlsx');
const JOURNAL = path.join(DIR, 'vpr-2025-4-matematika-journal.xlsx');
const BAD = path.join(DIR, 'bad-vpr-pupils.xlsx');
interface FixtureSchool { login: string; code: string | null; pupils: { primary: number | null; mark: number | null; journal: number | null }[] }
const truth: { max: number; schools: FixtureSchool[] } = JSON.parse(fs.readFileSync(path.join(DIR, 'pupils.json'), 'utf8'));

/** numpy / scipy on the pupils of pupils.json: per school code the values of PUPIL_HEADER. */
const PY = `
import json, sys, numpy as np
from scipy.stats import spearmanr
t = json.load(open(sys.argv[1]))
out = {}
for s in t['schools']:
    if s['code'] is None: continue
    ps = [p for p in s['pupils'] if p['primary'] is not None and p['mark'] is not None]
    x = np.array([p['primary'] for p in ps], float); m = np.array([p['mark'] for p in ps], float)
    j = [(p['journal'], p['primary']) for p in ps if p['journal'] is not None]
    r = None
    if len(j) >= 2 and len(set(a for a, b in j)) > 1 and len(set(b for a, b in j)) > 1:
        r = float(spearmanr([a for a, b in j], [b for a, b in j]).correlation)
    out[s['code']] = dict(n=len(ps), meanMark=float(m.mean()), counts=[int((m == k).sum()) for k in (2, 3, 4, 5)],
        meanPrimary=float(x.mean()), sd=float(x.std(ddof=1)) if len(ps) > 1 else None,
        percent=float((x / t['max'] * 100).mean()), r=r, jn=len(j))
print(json.dumps(out))
`;

let dir: SchoolDirectory;
let ref: Record<string, { n: number; meanMark: number; counts: number[]; meanPrimary: number; sd: number | null; percent: number; r: number | null; jn: number }>;
beforeAll(async () => {
  dir = SchoolDirectory.fromGrid(await schoolsGrid());
  ref = JSON.parse(runPython(['-c', PY, path.join(DIR, 'pupils.json')]));
});

const col = (name: string) => PUPIL_HEADER.indexOf(name);
const close = (a: Cell, b: number | null) => (b === null ? expect(a).toBeNull() : expect(Math.abs((a as number) - b)).toBeLessThan(1e-9));

describe('«Индивидуальные результаты» reduced to schools', () => {
  test('every school: participants, mean mark, marks, mean primary score, SD (n−1), percent, rₛ with the journal — as numpy and scipy give them', async () => {
    const r = importVprPupils(await readSource(PUPILS), dir, { fileName: path.basename(PUPILS) });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.header).toEqual(PUPIL_HEADER);
    const codes = Object.keys(ref);
    expect(r.rows.map((row) => row[1]).sort()).toEqual(codes.sort());
    for (const row of r.rows) {
      const x = ref[row[1] as string];
      expect(row.slice(0, 6)).toEqual([2025, row[1], 'ВПР', '4', 'Математика', x.n]);
      close(row[col('Средний балл')], x.meanMark);
      expect(['2', '3', '4', '5'].map((m) => row[col(m)])).toEqual(x.counts);
      close(row[col('Средний первичный балл')], x.meanPrimary);
      expect(row[col('Максимальный первичный балл')]).toBe(20);
      close(row[col('Стандартное отклонение первичного балла')], x.sd);
      close(row[col('Средний процент выполнения')], x.percent);
      close(row[col('Корреляция с журналом')], x.r);
      expect(row[col('Участников с отметкой по журналу')]).toBe(x.jn);
    }
    // The planted schools: constant journal marks leave rₛ undefined; a journal against the work gives rₛ < 0.
    expect(r.rows.find((row) => row[1] === '020006')![col('Корреляция с журналом')]).toBeNull();
    expect(r.rows.find((row) => row[1] === '020008')![col('Корреляция с журналом')]).toBeLessThan(0);
    // The school «Школы» do not have is listed; the login of another system matched by name.
    expect(r.unmatched.map((u) => u.code)).toEqual(['edu289999']);
    expect(r.matchedByName).toBe(1);
    const pupils = truth.schools.reduce((a, s) => a + s.pupils.length, 0);
    const absent = truth.schools.reduce((a, s) => a + s.pupils.filter((p) => p.primary === null).length, 0);
    expect(r.notes.join('\n')).toContain(`Прочитано учеников: ${pupils}, школ: ${truth.schools.length}`);
    expect(r.notes.join('\n')).toContain(`нет первичного балла и отметки (не выполнял работу) — ${absent}`);
    expect(r.notes.join('\n')).toContain('Строки учеников в книгу не записываются');
  });

  test('ranks and rₛ by hand: ties take their average rank; undefined for a constant series or one pupil', () => {
    expect([...averageRanks([3, 1, 3, 2])]).toEqual([3.5, 1, 3.5, 2]);
    // x = 1,2,3,4; y = 1,3,2,4 → d² = 0+1+1+0 = 2 → 1 − 6·2/(4·15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([4, 4, 4], [1, 2, 3])).toBeNull();
    expect(spearman([4], [1])).toBeNull();
  });

  test('streamed row by row from the .xlsx it gives the rows the whole grid gives', async () => {
    const reader = new VprPupilReader(dir, { fileName: path.basename(PUPILS) });
    await streamXlsxRows(PUPILS, () => true, (n) => reader.sheet(n), (cells, row) => reader.row(cells, row));
    const streamed = reader.finish();
    const whole = importVprPupils(await readSource(PUPILS), dir, { fileName: path.basename(PUPILS) });
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.notes).toEqual(whole.notes);
  });

  test('bad input: a mark «6», a school line without a login, no «Первичный балл» column — located Russian errors, nothing imported', async () => {
    const r = importVprPupils(await readSource(BAD), dir);
    const errors = r.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Лист «Ученики», строка \d+, столбец «Отметка» \(T\): ожидалась отметка 2, 3, 4 или 5, найдено «6»$/),
      expect.stringMatching(/^Лист «Ученики», строка \d+: строка школы «.+Кол-во участников: \d+» без логина ОО \(edu… или sch…\)/),
      expect.stringMatching(/^Лист «Без первичного балла», строка 8: в строке заголовков отчёта «Индивидуальные результаты» нет столбца «Первичный балл»/),
    ]));
    expect(planImport(r, undefined).plan).toBeNull();
  });

  test('the marks statistics are not the per-pupil report: a clear message', async () => {
    const r = importVprPupils(await readSource(fixture('vpr-2025-4-matematika.xlsx')), dir);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/не найдена строка заголовков отчёта «Индивидуальные результаты» ни на одном листе/);
  });

  test('an export that matches no school is an error', () => {
    const other = new SchoolDirectory([{ code: '999', name: 'Другая школа', municipality: 'Другой район' }]);
    const grid: Cell[][] = [['ВПР 2025 Математика 4 класс'], ['Максимальный первичный балл:', 20], ['ОО', 'Код участника', 'Первичный балл', 'Отметка'],
      ['МБОУ «СОШ №1»(edu203389)', 'Кол-во участников: 1'], ['edu203389', '1', 12, 4]];
    const r = importVprPupils([{ name: 'Лист1', grid }], other);
    expect(r.problems.some((p) => p.severity === 'error' && /ни одна из 1 строки школ не сопоставлена/.test(p.message))).toBe(true);
  });
});

describe('«Сравнение отметок с отметками по журналу»', () => {
  test('per school the shares lowered / confirmed / raised and the pupils compared, from the same pupils (counted here)', async () => {
    const r = importVprJournal(await readSource(JOURNAL), dir, { fileName: path.basename(JOURNAL) });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.header).toEqual(JOURNAL_HEADER);
    for (const s of truth.schools.filter((x) => x.code)) {
      const both = s.pupils.filter((p) => p.mark !== null && p.journal !== null);
      const lowered = both.filter((p) => p.mark! < p.journal!).length;
      const confirmed = both.filter((p) => p.mark === p.journal).length;
      const raised = both.length - lowered - confirmed;
      const row = r.rows.find((x) => x[1] === s.code)!;
      const pct = (k: number) => Math.round((k / both.length) * 10000) / 100;
      expect(row).toEqual([2025, s.code, 'ВПР', '4', 'Математика', both.length, pct(lowered), pct(confirmed), pct(raised), both.length]);
    }
    expect(r.unmatched.map((u) => u.code)).toEqual(['edu289999']);
  });

  test('the report as the older fixture has it (a group left out: no pupil raised the mark) reads with that group at 0', async () => {
    const { truth2026 } = await import('./import-helpers');
    const region = await readSource(fixture('region-2026.xlsx'));
    const d = SchoolDirectory.fromGrid(region.find((s) => s.name === 'Школы')!.grid);
    const r = importVprJournal(await readSource(fixture('vpr-2026-4-sravnenie.xlsx')), d);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The file: «Понизили» 50 pupils, 30 %; «Подтвердили» 50 pupils, 70 %; no «Повысили» row.
    expect(r.rows).toEqual([[2026, truth2026.schools[0].code, 'ВПР', '4', 'Математика', 100, 30, 70, 0, 100]]);
  });

  test('the wide layout (groups as columns, «Кол-во участников» and «%» under each) reads the same', () => {
    const grid: Cell[][] = [
      ['Сравнение отметок с отметками по журналу'], ['ВПР 2025 Русский язык 5 класс'],
      ['Группы участников', 'Понизили (Отметка < Отметка по журналу)', null, 'Подтвердили (Отметка = Отметке по журналу)', null, 'Повысили (Отметка > Отметка по журналу)', null],
      [null, 'Кол-во участников', '%', 'Кол-во участников', '%', 'Кол-во участников', '%'],
      ['Зейский муниципальный район(reg28_m005)', 10, 20, 35, 70, 5, 10],
      ['МОАУ СОШ № 1 г.Зеи(edu010001)', 3, 15, 16, 80, 1, 5],
    ];
    const r = importVprJournal([{ name: 'Лист1', grid }], dir);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.rows).toEqual([[2025, '010001', 'ВПР', '5', 'Русский язык', 20, 15, 80, 5, 20]]);
  });
});

describe('shnor import vpr-pupils / vpr-journal into the region workbook', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-pupils-'));
  const book = path.join(tmp, 'регион.xlsx');
  async function shnor(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false };
    const code = await importCommand.run(parseArgs(argv), io);
    return { code, stdout, stderr };
  }
  async function results(): Promise<Cell[][]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const rows: Cell[][] = [];
    wb.getWorksheet('Результаты')!.eachRow((row, r) => { rows[r - 1] = (row.values as Cell[]).slice(1).map((v) => v ?? null); });
    return rows;
  }

  test('after the marks statistics, the pupils and the journal fill the same rows (no second row), and identify reads the book', async () => {
    fs.copyFileSync(fixture('region.xlsx'), book);
    expect((await shnor(['import', 'vpr', fixture('vpr-2025-4-matematika.xlsx'), '--into', book])).code).toBe(0);
    const before = (await results()).length;
    const run = await shnor(['import', 'vpr-pupils', PUPILS, '--into', book]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Прочитано учеников: \d+, школ: 25/);
    expect(run.stdout).toMatch(/добавить 0 строк, дополнить 24 строки/);
    const journal = await shnor(['import', 'vpr-journal', JOURNAL, '--into', book]);
    expect(journal.code).toBe(0);
    expect(journal.stdout).toMatch(/дополнить 24 строки/);
    const rows = await results();
    expect(rows.length).toBe(before);
    const header = rows[0].map((c) => String(c ?? ''));
    for (const h of [...PUPIL_HEADER, ...JOURNAL_HEADER]) expect(header).toContain(h);
    const at = (r: Cell[], name: string) => r[header.indexOf(name)];
    const row = rows.find((r) => at(r, 'Код ОО') === '020008' && at(r, 'Предмет') === 'Математика' && String(at(r, 'Класс')) === '4')!;
    const x = ref['020008'];
    expect(at(row, 'Участников')).toBe(x.n);
    close(at(row, 'Средний первичный балл'), x.meanPrimary);
    close(at(row, 'Корреляция с журналом'), x.r);
    expect(at(row, 'Участников сравнения с журналом')).toBe(x.jn);
    // The statistics' percentages stay; the counts from the pupils are beside them.
    expect(at(row, '2, %')).not.toBeNull();
    expect(['2', '3', '4', '5'].map((m) => at(row, m))).toEqual(x.counts);
    // Per-pupil rows never enter the workbook.
    expect(rows.some((r) => r.some((c) => typeof c === 'string' && /^\d{6}$/.test(c) && c.startsWith('1000')))).toBe(false);
    // The reader takes the book with the new columns.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const { sheetToGrid } = await import('../cli/xlsx');
    const read = readRegion({ schools: sheetToGrid(wb.getWorksheet('Школы')!), results: sheetToGrid(wb.getWorksheet('Результаты')!) });
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Again: the same values, nothing to fill.
    const again = await shnor(['import', 'vpr-pupils', PUPILS, '--into', book]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/уже записаны те же значения — 24/);
  });

  test('a CSV of the report (semicolons, decimal commas, as Russian Excel saves it) streams to the same rows as the .xlsx', async () => {
    const { toCsv } = await import('../examples/build-demo');
    const csv = path.join(tmp, 'ВПР 2025 Математика 4 класс — индивидуальные результаты.csv');
    fs.writeFileSync(csv, `\uFEFF${toCsv((await readSource(PUPILS))[0].grid)}`);
    fs.copyFileSync(fixture('region.xlsx'), book);
    const out = path.join(tmp, 'из-csv.xlsx');
    const run = await shnor(['import', 'vpr-pupils', csv, '--into', book, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/добавить 24 строки/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const { sheetToGrid } = await import('../cli/xlsx');
    const rows = sheetToGrid(wb.getWorksheet('Результаты')!);
    const fromXlsx = importVprPupils(await readSource(PUPILS), dir);
    const h = rows[0].map(String);
    for (const want of fromXlsx.rows) {
      const got = rows.find((r) => r[h.indexOf('Код ОО')] === want[1] && r[h.indexOf('Год')] === 2025)!;
      expect(PUPIL_HEADER.map((name) => got[h.indexOf(name)] ?? null)).toEqual(want);
    }
  });

  test('bad files: exit 2, the book unchanged, the errors named with sheet, row and column', async () => {
    fs.copyFileSync(fixture('region.xlsx'), book);
    const size = fs.readFileSync(book);
    const run = await shnor(['import', 'vpr-pupils', BAD, '--into', book]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Лист «Ученики», строка \d+, столбец «Отметка» \(T\): ожидалась отметка 2, 3, 4 или 5, найдено «6»/);
    expect(run.stderr).toMatch(/книга не изменена/);
    expect(fs.readFileSync(book).equals(size)).toBe(true);
  });
});

describe('the demo region: its per-pupil columns are what the import makes of its example files', () => {
  const EXAMPLES = path.join(__dirname, '..', 'examples', 'vpr-pupils');

  test('examples/vpr-pupils/ imported into the demo workbook: every value already there (the same reduction), nothing to fill', async () => {
    const { generateRegionWithSummary } = await import('../examples/demo-region');
    const { EXAMPLE_PUPIL_FILES } = await import('../examples/demo-pupil-files');
    const built = generateRegionWithSummary();
    const demoDir = SchoolDirectory.fromGrid(built.tables.schools);
    for (const [file, run] of [[EXAMPLE_PUPIL_FILES.pupils, importVprPupils], [EXAMPLE_PUPIL_FILES.journal, importVprJournal]] as const) {
      const r = run(await readSource(path.join(EXAMPLES, file)), demoDir);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.rows.length).toBeGreaterThan(2);
      const plan = planImport(r, built.tables.results).plan!;
      expect(plan.added).toEqual([]);
      expect(plan.append).toEqual([]);
      // Only the demo's blank «Средний балл» of the ВПР rows is filled (the demo gives ВПР marks, not their mean).
      expect(plan.updates.flatMap((u) => u.cells.map((c) => plan.header[c.index])).filter((t) => t !== 'Средний балл')).toEqual([]);
      expect(plan.problems).toEqual([]);
    }
  });

  test('the planted schools: journal against the work gives rₛ < 0 in the last year; inflated scores stand above the band of their marks', async () => {
    const { generateRegionWithSummary } = await import('../examples/demo-region');
    const { tables, summary } = generateRegionWithSummary();
    const g = tables.results;
    const h = g[0].map(String);
    const at = (r: Cell[], name: string) => r[h.indexOf(name)];
    const last = g.slice(1).filter((r) => at(r, 'Год') === 2025 && at(r, 'Процедура') === 'ВПР');
    for (const code of summary.objectivityPlanted.journalMismatch) {
      for (const r of last.filter((x) => at(x, 'Код ОО') === code)) expect(at(r, 'Корреляция с журналом') as number).toBeLessThan(0);
    }
    // ВПР-4 Математика: marks «2»…«5» have the bands 0–5, 6–9, 10–14, 15–20; above the band, the mean primary
    // score is above the highest mean the marks allow.
    for (const code of summary.objectivityPlanted.inflated) {
      const r = last.find((x) => at(x, 'Код ОО') === code && at(x, 'Предмет') === 'Математика' && at(x, 'Класс') === 4)!;
      const n = at(r, 'Участников') as number;
      const bandTop = [5, 9, 14, 20].reduce((a, top, i) => a + top * (at(r, String(i + 2)) as number), 0) / n;
      expect(at(r, 'Средний первичный балл') as number).toBeGreaterThan(bandTop);
    }
    expect(summary.objectivityPlanted.sharpRise.length + summary.objectivityPlanted.sharpDrop.length).toBe(4);
  });
});

describe('layout variations', () => {
  test('a school line without «Кол-во участников», pupils without the «ОО» column go to the line above; an absent pupil is counted, not an error', () => {
    const grid: Cell[][] = [
      ['Индивидуальные результаты'], ['ВПР 2025 Русский язык 5 класс'], ['Максимальный первичный балл:', 45],
      ['Код участника', 'Класс', 'Первичный балл', 'Отметка', 'Отметка по журналу'],
      ['г. Зея'],
      ['МОАУ СОШ № 1 г.Зеи(edu010001)'],
      ['1', '5А', 40, 5, 5], ['2', '5А', 20, 3, 4], ['3', '5Б', 30, 4, 4], ['4', '5Б', '', '', 3],
    ];
    const r = importVprPupils([{ name: 'Лист1', grid }], dir);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const row = r.rows[0];
    expect(row.slice(0, 11)).toEqual([2025, '010001', 'ВПР', '5', 'Русский язык', 3, 4, 0, 1, 1, 1]);
    // By hand: scores 40, 20, 30 → mean 30, SD 10, percent 30/45·100; journal 5, 4, 4 vs scores 40, 20, 30:
    // ranks (3, 1.5, 1.5) and (3, 1, 2) → rₛ = 0.866025… (Pearson of the ranks: 1.5 / √(1.5·2)).
    expect(row.slice(11, 15)).toEqual([30, 45, 10, (30 / 45) * 100]);
    expect(row[15] as number).toBeCloseTo(1.5 / Math.sqrt(1.5 * 2), 12);
    expect(row[16]).toBe(3);
  });
});

test('ranks by counting (whole scores) equal ranks by sorting (scipy.stats.rankdata)', () => {
  const xs = [[3, 1, 3, 2], [0, 0, 0], [45, 12, 12, 12, 0, 7, 45], [2.5, 1, 2.5, 1]];
  const ref = JSON.parse(runPython(['-c', 'import json,sys; from scipy.stats import rankdata; print(json.dumps([list(map(float, rankdata(x))) for x in json.load(sys.stdin)]))'], JSON.stringify(xs)));
  expect(xs.map((x) => [...averageRanks(x)])).toEqual(ref);
});

test('filling a row: blank cells get the values, equal ones stay, a different one stays and is named in a warning', () => {
  const result = importVprPupils([{ name: 'Лист1', grid: [
    ['ВПР 2025 Математика 4 класс'], ['Максимальный первичный балл:', 20], ['ОО', 'Код участника', 'Первичный балл', 'Отметка', 'Отметка по журналу'],
    ['МОАУ СОШ № 1 г.Зеи(edu010001)', 'Кол-во участников: 2'], ['edu010001', '1', 12, 4, 4], ['edu010001', '2', 16, 5, 5],
  ] }], dir);
  const target: Cell[][] = [
    ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', '2', '3', '4', '5'],
    [2025, '010001', 'ВПР', 4, 'Математика', 3, 0, 1, 1, 1],
    [2025, '010002', 'ВПР', 4, 'Математика', 9, 0, 3, 3, 3],
  ];
  const { plan } = planImport(result, target);
  expect(plan!.append).toEqual([]);
  const cells = Object.fromEntries(plan!.updates[0].cells.map((c) => [plan!.header[c.index], c.value]));
  // «Участников» 3 ≠ 2 and «3» 1 ≠ 0 stay; «4» 1 = 1 and «5» 1 = 1 are equal; the rest is filled.
  expect(Object.keys(cells).sort()).toEqual(['Средний балл', 'Средний первичный балл', 'Максимальный первичный балл', 'Стандартное отклонение первичного балла',
    'Средний процент выполнения', 'Корреляция с журналом', 'Участников с отметкой по журналу'].sort());
  expect(cells['Средний первичный балл']).toBe(14);
  expect(cells['Корреляция с журналом']).toBe(1);
  expect(cells['Стандартное отклонение первичного балла']).toBeCloseTo(Math.sqrt(8), 12);
  expect(plan!.problems.map((p) => p.message)).toEqual([
    'В 1 строке листа «Результаты» уже записаны другие значения (оставлены как есть, дополнены только пустые ячейки): строка 2 — «Участников», «3». Чтобы записать новые значения, замените строки (в командной строке — shnor import … --replace)',
  ]);
});
