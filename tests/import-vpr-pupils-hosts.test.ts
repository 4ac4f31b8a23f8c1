/**
 * The per-pupil and journal ВПР imports in both wizards' hosts: the Excel bridge over the fake
 * Excel and the built Apps Script bundle in a vm. After the marks statistics, the pupils' report and
 * the journal report, opened as sheets, fill the same «Результаты» rows (no row added), with the
 * values computed here from the pupils the fixture was written from; the calls stay batched (the
 * same syncs / the same calls for fewer schools; one getValues per sheet, the filled cells in one
 * setValues).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXPORT_IMPORT_SYNCS, ExcelBridge } from '../addin/taskpane/excel-bridge';
import { readSource } from '../cli/commands/import';
import type { Cell } from '../shared/types';
import type { ExportImportReport } from '../wizard/bridge';
import { FakeExcel, sheetValues } from './addin-fake-excel';
import { memoryStore } from './addin-setup';
import { type CellValue, gasWorld, loadBundle, overTheWire, unwrap, type FakeSheet } from './fakes/gas-fakes';
import { fixture } from './import-helpers';

const DIR = path.join(__dirname, 'fixtures', 'vpr-pupils');
interface Pupil { primary: number | null; mark: number | null; journal: number | null }
const truth: { max: number; schools: { login: string; code: string | null; pupils: Pupil[] }[] } = JSON.parse(fs.readFileSync(path.join(DIR, 'pupils.json'), 'utf8'));

/** By hand: a school's mean primary score and the pupils compared with the journal. */
function expected(code: string): { n: number; meanPrimary: number; compared: number } {
  const s = truth.schools.find((x) => x.code === code)!;
  const done = s.pupils.filter((p) => p.primary !== null && p.mark !== null);
  return { n: done.length, meanPrimary: done.reduce((a, p) => a + p.primary!, 0) / done.length, compared: done.filter((p) => p.journal !== null).length };
}

/** The sheets of one spreadsheet: the fixture region, the statistics, the pupils (the first `schools` schools, or all) and the journal. */
async function sheets(schools?: number): Promise<Record<string, Cell[][]>> {
  const out: Record<string, Cell[][]> = {};
  for (const s of await readSource(fixture('region.xlsx'))) out[s.name] = s.grid;
  out['Статистика'] = (await readSource(fixture('vpr-2025-4-matematika.xlsx')))[0].grid;
  let pupils = (await readSource(path.join(DIR, 'vpr-2025-4-matematika-pupils.xlsx')))[0].grid;
  if (schools !== undefined) {
    let seen = 0;
    pupils = pupils.filter((r) => {
      if (/Кол-во участников/.test(String(r[1] ?? ''))) seen++;
      return seen <= schools;
    });
  }
  out['Ученики'] = pupils;
  out['Журнал'] = (await readSource(path.join(DIR, 'vpr-2025-4-matematika-journal.xlsx')))[0].grid;
  return out;
}

const col = (rows: Cell[][], name: string) => rows[0].map(String).indexOf(name);

describe('Excel task pane', () => {
  async function imported(schools?: number) {
    const fake = new FakeExcel(await sheets(schools));
    const bridge = new ExcelBridge(fake.runner, memoryStore());
    expect((await bridge.importExport({ kind: 'vpr', sourceSheet: 'Статистика', preview: false })).failed).toBe(false);
    const before = sheetValues(fake.sheet('Результаты')!).length;
    const preview = await bridge.importExport({ kind: 'vpr-pupils', sourceSheet: 'Ученики', preview: true });
    let syncs = fake.syncs;
    const pupils = await bridge.importExport({ kind: 'vpr-pupils', sourceSheet: 'Ученики', preview: false });
    const pupilSyncs = fake.syncs - syncs;
    syncs = fake.syncs;
    const journal = await bridge.importExport({ kind: 'vpr-journal', sourceSheet: 'Журнал', preview: false });
    return { fake, before, preview, pupils, journal, pupilSyncs, journalSyncs: fake.syncs - syncs };
  }

  test('fills the statistics rows: no row added, values from the pupils, one write', async () => {
    const { fake, before, preview, pupils, journal, pupilSyncs, journalSyncs } = await imported();
    expect(preview).toMatchObject({ added: 0, filled: 24, failed: false });
    expect(pupils).toMatchObject({ added: 0, filled: 24, failed: false });
    expect(journal).toMatchObject({ added: 0, filled: 24, failed: false });
    expect([pupilSyncs, journalSyncs]).toEqual([EXPORT_IMPORT_SYNCS.write, EXPORT_IMPORT_SYNCS.write]);
    const rows = sheetValues(fake.sheet('Результаты')!);
    expect(rows.length).toBe(before);
    for (const code of ['010001', '020008', '030009']) {
      const row = rows.find((r) => r[col(rows, 'Код ОО')] === code && r[col(rows, 'Предмет')] === 'Математика' && String(r[col(rows, 'Класс')]) === '4' && r[col(rows, 'Год')] === 2025)!;
      const x = expected(code);
      expect(row[col(rows, 'Участников')]).toBe(x.n);
      expect(row[col(rows, 'Средний первичный балл')] as number).toBeCloseTo(x.meanPrimary, 9);
      expect(row[col(rows, 'Участников сравнения с журналом')]).toBe(x.compared);
      expect(row[col(rows, '2, %')]).not.toBe('');
    }
  });

  test('the same syncs for 3 schools as for 25', async () => {
    const few = await imported(3);
    expect(few.pupils).toMatchObject({ added: 0, filled: 3 });
    expect([few.pupilSyncs, few.journalSyncs]).toEqual([EXPORT_IMPORT_SYNCS.write, EXPORT_IMPORT_SYNCS.write]);
  });
});

describe('Sheets sidebar (the built Apps Script bundle)', () => {
  async function world(schools?: number) {
    const w = gasWorld();
    for (const [name, grid] of Object.entries(await sheets(schools))) w.spreadsheet.add(name, grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)) as CellValue[]));
    return w;
  }
  const results = (w: ReturnType<typeof gasWorld>) => (unwrap(w.spreadsheet.getSheetByName('Результаты')) as unknown as FakeSheet).grid() as Cell[][];

  async function run(schools?: number) {
    const w = await world(schools);
    const ctx = loadBundle(w.globals);
    expect((ctx.shnorWizardImportExport({ kind: 'vpr', sourceSheet: 'Статистика', preview: false }) as ExportImportReport).failed).toBe(false);
    const before = results(w).length;
    w.rec.reset();
    const report = overTheWire(ctx.shnorWizardImportExport({ kind: 'vpr-pupils', sourceSheet: 'Ученики', preview: false }) as ExportImportReport);
    const calls = w.rec.calls.map((c) => ({ ...c }));
    const histogram = w.rec.histogram();
    const journal = overTheWire(ctx.shnorWizardImportExport({ kind: 'vpr-journal', sourceSheet: 'Журнал', preview: false }) as ExportImportReport);
    return { w, before, report, journal, calls, histogram };
  }

  test('fills the statistics rows with one getValues per sheet and the filled cells in one setValues', async () => {
    const { w, before, report, journal, calls } = await run();
    expect(report).toMatchObject({ added: 0, filled: 24, failed: false });
    expect(journal).toMatchObject({ added: 0, filled: 24, failed: false });
    expect(calls.filter((c) => c.method === 'getValues').map((c) => c.sheet).sort()).toEqual(['Результаты', 'Ученики', 'Школы'].sort());
    // The six new header cells, then the rectangle of the filled cells.
    expect(calls.filter((c) => c.method === 'setValues').map((c) => c.sheet)).toEqual(['Результаты', 'Результаты']);
    const rows = results(w);
    expect(rows.length).toBe(before);
    const row = rows.find((r) => r[col(rows, 'Код ОО')] === '020008' && r[col(rows, 'Год')] === 2025)!;
    const x = expected('020008');
    expect(row[col(rows, 'Средний первичный балл')] as number).toBeCloseTo(x.meanPrimary, 9);
    expect(row[col(rows, 'Участников сравнения с журналом')]).toBe(x.compared);
  });

  test('the same calls for 3 schools as for 25', async () => {
    const full = await run();
    const few = await run(3);
    expect(few.report).toMatchObject({ added: 0, filled: 3 });
    expect(few.histogram).toEqual(full.histogram);
  });
});
