/**
 * Text from the data never becomes a formula in Excel (issue 13 § 1): the demo region with
 * formula-like text in every text column (tests/helpers/hostile.ts) through the Excel bridge — the
 * identification, the import into «Результаты», the import of an export, the input templates and
 * the school roadmaps (school names in a programme template). The fake takes a string written
 * through `values` or `formulas` that starts with «=», «+», «-» (Range.values: «Excel interprets
 * this value as a formula»), and, stricter, «@» or blanks before them, for a live formula; the
 * add-in must write such text with Excel's apostrophe, and it must read back as typed. The
 * templates' own formulas are allowed: none holds the hostile text.
 */
import * as path from 'path';
import { ExcelBridge } from '../addin/taskpane/excel-bridge';
import type { Cell } from '../shared/types';
import { FakeExcel, type FakeSheet } from './addin-fake-excel';
import { memoryStore, workbookOf } from './addin-setup';
import { asSheetsCells, csvTables } from './fakes/gas-region';
import { PAYLOADS, fromPayload, hostileTables } from './helpers/hostile';

const DEMO_CSV = path.join(__dirname, '..', 'examples', 'demo-region-csv');
const INPUTS = ['Школы', 'Результаты', 'Социальные показатели', 'Настройки'];

function hostileWorkbook(extra: Record<string, Cell[][]> = {}) {
  const t = hostileTables(csvTables(DEMO_CSV));
  const cells = (g: Cell[][] | undefined) => asSheetsCells(g ?? []) as Cell[][];
  const tables = { schools: cells(t.schools), results: cells(t.results), social: cells(t.social), settings: cells(t.settings) };
  const fake = new FakeExcel(workbookOf(tables, extra));
  return { fake, bridge: new ExcelBridge(fake.runner, memoryStore()) };
}

/** Formulas that came from the data, and every string cell, of the sheets. */
function audit(sheets: FakeSheet[]): { foreign: string[]; texts: string[] } {
  const foreign: string[] = [];
  const texts: string[] = [];
  for (const s of sheets) {
    for (const [at, f] of s.formulas) if (fromPayload(f)) foreign.push(`${s.name}!${at} ${f}`);
    for (const row of s.cells) for (const v of row ?? []) if (typeof v === 'string') texts.push(v);
  }
  return { foreign, texts };
}

const written = (fake: FakeExcel, inputs = INPUTS) => fake.sheets.filter((s) => !inputs.includes(s.name));

describe('Excel: hostile text in every text column of the input', () => {
  it('the identification writes it as text: no formula from the data, names as typed', async () => {
    const { fake, bridge } = hostileWorkbook();
    const summary = await bridge.run({});
    expect(summary.ok).toBe(true);
    const out = written(fake);
    expect(out.map((s) => s.name)).toEqual(expect.arrayContaining(['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025']));
    const { foreign, texts } = audit(out);
    expect(foreign).toEqual([]);
    expect(out.every((s) => s.formulas.size === 0)).toBe(true);
    for (const p of PAYLOADS.slice(0, 4)) expect(texts).toContain(p);
    expect(texts).toContain('=1+1');
    expect(texts).toContain('=HYPERLINK("http://x"&A1,"y")0');
  });

  it('the import into «Результаты»: hostile codes, procedures and subjects appended as typed', async () => {
    const rows: Cell[][] = [['Год', 'Код', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл']];
    PAYLOADS.forEach((p, i) => rows.push([2025, p, p, 4, p, 20 + i, 3.5]));
    const fake = new FakeExcel({ 'Выгрузка': rows });
    const bridge = new ExcelBridge(fake.runner, memoryStore());
    const report = await bridge.importResults({
      sourceSheet: 'Выгрузка', headerRow: 1,
      columns: { 'Год': 0, 'Код ОО': 1, 'Процедура': 2, 'Класс': 3, 'Предмет': 4, 'Участников': 5, 'Средний балл': 6 }, constants: {},
    });
    expect(report.appended).toBe(PAYLOADS.length);
    const results = fake.sheet('Результаты')!;
    expect(results.formulas.size).toBe(0);
    const last = results.cells.slice(-PAYLOADS.length);
    last.forEach((row, i) => expect(row.filter((v) => v === PAYLOADS[i])).toHaveLength(3));
  });

  it('the input templates hold no formula', async () => {
    const fake = new FakeExcel({});
    await new ExcelBridge(fake.runner, memoryStore()).createTemplates();
    expect(fake.sheets.length).toBeGreaterThan(0);
    expect(fake.sheets.every((s) => s.formulas.size === 0)).toBe(true);
  });

  it('the school roadmaps: hostile school names and municipalities as typed; only the template\'s own formulas', async () => {
    const { fake, bridge } = hostileWorkbook();
    const report = await bridge.insertProgrammeTemplate('school-roadmaps', {}, {});
    expect(report.created.length).toBeGreaterThan(1);
    const { foreign, texts } = audit(written(fake));
    expect(foreign).toEqual([]);
    // Whichever hostile schools are ШНОР, their names read as typed (none is turned into anything else).
    const hostile = texts.filter((t) => /http:\/\/x|1\+1|SUM\(1\)/.test(t));
    expect(hostile.length).toBeGreaterThan(0);
    for (const t of hostile) expect(PAYLOADS.some((p) => t.includes(p.trim()))).toBe(true);
  });
});

describe('the Excel fake takes formula-like values for formulas, as Excel does', () => {
  it('«=», «+», «-», «@», blanks before them: formulas; numbers and apostrophe-marked text: values', async () => {
    const fake = new FakeExcel({ 'Лист': [] });
    await fake.runner(async (context) => {
      const ws = context.workbook.worksheets.getItem('Лист');
      ws.getRangeByIndexes(0, 0, 1, 9).values = [[...PAYLOADS, '-5', "'=1+1", 'текст']];
      await context.sync();
    });
    const s = fake.sheet('Лист')!;
    expect([...s.formulas.values()]).toEqual([...PAYLOADS]);
    expect(s.cells[0]).toEqual(['y', 2, 0, 1, 2, 2, '-5', '=1+1', 'текст']);
  });
});
