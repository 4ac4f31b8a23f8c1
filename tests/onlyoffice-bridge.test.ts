/**
 * The ONLYOFFICE / Р7-Офис bridge against the fake editor (tests/fakes/onlyoffice-fake.ts), where
 * every command runs from its text in a fresh vm context holding only Api and Asc.scope:
 * what a run writes (values, formats, colours, frozen header, filter), that the input sheets stay
 * as they were, that the number of commands does not grow with the region (100 and 5,000 schools),
 * that the whole run equals the command line's JSON on the demo region, that hostile text stays
 * text, and the other wizard calls (templates, imports, programme templates, the note).
 */
import * as vm from 'vm';
import ExcelJS from 'exceljs';
import { generateRegion } from '../examples/demo-region';
import { sheetToGrid } from '../cli/xlsx';
import { identify } from '../shared/method/identify';
import { CATEGORY_COLORS, GROUP_COLORS, outputSheets } from '../shared/report-tables';
import type { Cell, Grid, RegionTables } from '../shared/types';
import { COMMANDS } from '../onlyoffice/commands';
import { OnlyofficeBridge, RUN_COMMANDS, gridFromEditor } from '../onlyoffice/onlyoffice-bridge';
import { TEMPLATE_SHEETS } from '../wizard/core';
import { layoutSheet } from '../wizard/layout';
import { FakeEditor } from './fakes/onlyoffice-fake';
import { PAYLOADS, fromPayload, hostileTables } from './helpers/hostile';
import { DEMO_XLSX, shnor } from './cli/run-cli';
import { sampleVprExport } from '../addin/demo/sample-export';

const INPUTS = ['Школы', 'Результаты', 'Социальные показатели', 'Настройки'];

function workbookOf(t: RegionTables, extra: Record<string, Grid> = {}): Record<string, Cell[][]> {
  return { 'Школы': t.schools, 'Результаты': t.results, 'Социальные показатели': t.social!, 'Настройки': t.settings!, ...extra };
}

function setup(schools: number, extra: Record<string, Grid> = {}) {
  const tables = generateRegion({ schools });
  const editor = new FakeEditor(workbookOf(tables, extra));
  return { tables, editor, bridge: new OnlyofficeBridge(editor.port()) };
}

/** A layout grid as the editor shows it after the write: '' for empty cells, text without the apostrophe. */
const asShown = (g: unknown[][]) => g.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)));

describe('ONLYOFFICE commands are self-contained', () => {
  it('every command compiles from its text alone and names nothing but Api and Asc', () => {
    for (const [name, fn] of Object.entries(COMMANDS)) {
      const text = fn.toString();
      // Runs in a context without Api: the only error allowed is the missing Api/Asc, not a missing helper.
      let error: unknown = null;
      try { vm.runInNewContext(`(${text})()`, { Asc: { scope: { name: 'x', cell: 'A1', range: 'A1', plan: { name: 'x', mode: 'create', blocks: [], ops: [] } } } }); } catch (e) { error = e; }
      expect(String(error)).toMatch(/Api is not defined/);
      expect(text).not.toMatch(/require\(|__webpack|_[a-z]+_js|tslib|__assign|__spread/);
      expect(name).toMatch(/Command$/);
    }
  });

  it('a command leaning on a closure fails in the fake editor, as it would in the real one', async () => {
    const editor = new FakeEditor({ 'Лист1': [['a']] });
    const outside = 'Лист1';
    const leaning = () => (globalThis as unknown as { Api: { GetSheet(n: string): unknown } }).Api.GetSheet(outside);
    await expect(editor.port().command(leaning, {})).rejects.toThrow(/outside is not defined/);
  });
});

describe('ONLYOFFICE bridge: a run on a region of 300 schools', () => {
  const notes: Grid = [['Заметки аналитика'], ['не трогать']];
  const { tables, editor, bridge } = setup(300, { 'Заметки': notes });
  const before = [...INPUTS, 'Заметки'].map((n) => editor.sheet(n)!.values());
  const expected = identify(tables);
  let summary: Awaited<ReturnType<OnlyofficeBridge['run']>>;
  let commands = 0;
  let runLog: string[] = [];

  beforeAll(async () => {
    const start = editor.commands;
    const progress: number[] = [];
    summary = await bridge.run({}, (p) => progress.push(p.fraction));
    commands = editor.commands - start;
    runLog = editor.log.slice(start).map((c) => c.name);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('checks the data with one command per input sheet and one for the names', async () => {
    const start = editor.commands;
    const check = await bridge.checkData();
    expect(editor.commands - start).toBe(5);
    expect(check.errors).toBe(0);
    expect(check.schools).toBe(300);
    expect(check.years).toEqual([2024, 2025]);
  });

  it('runs in 10 commands: names, one read per input sheet, one write per output sheet', () => {
    expect(summary.ok).toBe(true);
    expect(commands).toBe(RUN_COMMANDS);
    expect(runLog).toEqual(['sheetNamesCommand', ...INPUTS.map(() => 'readSheetCommand'), ...outputSheets(expected).map(() => 'writeSheetCommand')]);
    expect(bridge.commands).toBe(editor.commands);
  });

  it('writes the five sheets of the year exactly as the engine describes them', () => {
    const sheets = outputSheets(expected);
    expect(summary.sheetsWritten).toEqual(sheets.map((s) => s.name));
    for (const sheet of sheets) {
      const written = editor.sheet(sheet.name);
      expect(written).toBeDefined();
      const want = asShown(layoutSheet(sheet).grid);
      const got = written!.values().slice(0, want.length).map((r) => r.slice(0, want[0].length));
      expect(got).toEqual(want);
      expect(written!.formulas()).toEqual([]);
      // No #N/A from a null written as is.
      expect(written!.values().flat()).not.toContain('#N/A');
    }
    // Codes with leading zeros stay text.
    const codes = editor.sheet('Идентификация 2025')!.values().slice(4).map((r) => r[0]);
    expect(codes.every((c) => typeof c === 'string')).toBe(true);
    expect(codes.some((c) => String(c).startsWith('0'))).toBe(true);
  });

  it('colours groups and categories with the shared palette, freezes the header and adds a filter', () => {
    const ident = editor.sheet('Идентификация 2025')!;
    expect(ident.frozenRows).toBe(4);
    expect(ident.filter).toBe('A4:V304');
    const rows = ident.rows.slice(4, 304);
    for (const row of rows) {
      for (const c of [6, 8]) {
        const g = row![c]!.value;
        if (typeof g === 'number') expect(row![c]!.fill).toBe(GROUP_COLORS[g - 1]);
        else expect({ g, fill: row![c]!.fill }).toEqual({ g, fill: undefined });
      }
      const cat = row![11]!.value;
      if (cat) expect(row![11]!.fill).toBe(CATEGORY_COLORS[String(cat)]);
    }
    // Number formats of the engine's columns; the header row bold and filled; the title merged.
    expect(rows[0]![3]!.format).toBe('0.000');
    expect(rows[0]![4]!.format).toBe('0.0000');
    expect(ident.rows[3]!.every((c) => c!.bold)).toBe(true);
    expect(ident.merged).toContain('A1:V1');
    expect(ident.widths.get(1)).toBeGreaterThanOrEqual(40);
    // The lists sheet: no filter, no frozen rows (as the engine asks).
    expect(editor.sheet('Перечни 2025')!.filter).toBeNull();
    expect(editor.sheet('Перечни 2025')!.frozenRows).toBe(0);
    // The first output sheet is the active one after the run.
    expect(editor.sheets[editor.active].name).toBe('Объективность 2025');
  });

  it('adds the scatter chart of the quality index against the ИСБШ right of the model tables, a series per category', () => {
    const model = editor.sheet('Модель ИСБШ 2025')!;
    expect(model.charts).toHaveLength(1);
    const chart = model.charts[0];
    expect(chart).toMatchObject({ type: 'scatter', inRows: false, title: 'Индекс качества и ИСБШ, 2025', yTitle: 'Индекс качества' });
    const grid = model.values();
    const [from, to] = chart.range.split(':');
    const col = (a: string) => a.replace(/\d+/g, '').split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const left = col(from);
    expect(grid[1][left]).toBe('ИСБШ');
    const points = expected.schools.filter((s) => s.isbsh !== null && s.qualityIndex !== null && s.qualityGroup !== null);
    expect(Number(to.replace(/[A-Z]+/g, '')) - 2).toBe(points.length);
    // Every point once: its ИСБШ, and its quality index under its category only.
    const cats = grid[1].slice(left + 1, col(to) + 1).map(String);
    points.forEach((p, i) => {
      const row = grid[2 + i];
      expect(row[left]).toBe(p.isbsh);
      cats.forEach((c, k) => expect(row[left + 1 + k]).toBe((p.category ?? 'без категории') === c ? p.qualityIndex : ''));
    });
    expect(chart.col).toBeGreaterThan(col(to));
  });

  it('never changes the input sheets or another sheet', () => {
    [...INPUTS, 'Заметки'].forEach((n, i) => expect(editor.sheet(n)!.values()).toEqual(before[i]));
  });

  it('a second run replaces that year’s four sheets and nothing else', async () => {
    const count = editor.sheets.length;
    const again = await bridge.run({ zCritical: 2.58 });
    expect(again.ok).toBe(true);
    expect(editor.sheets.length).toBe(count);
    expect(editor.sheets.filter((s) => s.name === 'Идентификация 2025')).toHaveLength(1);
    expect(String(editor.sheet('Идентификация 2025')!.values()[1][0])).toMatch(/2,58/);
  });
});

describe('ONLYOFFICE bridge: an older editor build without some format methods', () => {
  /** No filter, no freeze panes, no chart; merging throws. */
  class OlderEditor extends FakeEditor {
    api(): Record<string, unknown> {
      const api = super.api() as { GetSheet(n: string): Record<string, any> | null };
      const getSheet = api.GetSheet;
      return {
        ...api,
        GetSheet: (name: string) => {
          const ws = getSheet(name);
          if (!ws) return null;
          return {
            ...ws, GetFreezePanes: undefined, AddChart: undefined,
            GetRange: (a: string) => ({ ...ws.GetRange(a), SetAutoFilter: undefined, Merge: () => { throw new Error('not in this build'); } }),
          };
        },
      };
    }
  }

  it('still writes every value and the formats it has, skipping the rest', async () => {
    const tables = generateRegion({ schools: 80 });
    const editor = new OlderEditor(workbookOf(tables));
    const summary = await new OnlyofficeBridge(editor.port()).run({});
    expect(summary.ok).toBe(true);
    const sheet = outputSheets(identify(tables))[0];
    const ident = editor.sheet(sheet.name)!;
    expect(ident.values().slice(0, 84)).toEqual(asShown(layoutSheet(sheet).grid));
    expect(ident.filter).toBeNull();
    expect(ident.frozenRows).toBe(0);
    expect(ident.rows[4]![3]!.format).toBe('0.000');
    expect(editor.sheet(`Модель ИСБШ ${summary.year}`)!.charts).toEqual([]);
  });
});

describe('ONLYOFFICE bridge: the number of commands does not grow with the region', () => {
  it.each([100, 5000])('%i schools: a run costs RUN_COMMANDS commands', async (n) => {
    const { editor, bridge } = setup(n);
    const summary = await bridge.run({});
    expect(summary.ok).toBe(true);
    expect(editor.commands).toBe(RUN_COMMANDS);
    expect(editor.sheet(`Идентификация ${summary.year}`)!.values().length).toBe(4 + n);
  }, 240_000);
});

describe('ONLYOFFICE bridge: the whole run equals the command line on the demo region', () => {
  it('every school’s numbers, groups, category and reason as `shnor identify --format json`', async () => {
    const cli = shnor(['identify', DEMO_XLSX, '--format', 'json']);
    expect(cli.status).toBe(0);
    const json = JSON.parse(cli.stdout) as { year: number; schools: Record<string, unknown>[] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(DEMO_XLSX);
    const book: Record<string, Cell[][]> = {};
    wb.eachSheet((ws) => { book[ws.name] = sheetToGrid(ws) as Cell[][]; });
    const editor = new FakeEditor(book);
    const summary = await new OnlyofficeBridge(editor.port()).run({});
    expect(summary.year).toBe(json.year);
    const rows = editor.sheet(`Идентификация ${json.year}`)!.values().slice(4);
    expect(rows).toHaveLength(json.schools.length);
    const blank = (v: unknown) => (v === null || v === undefined ? '' : v);
    json.schools.forEach((s, i) => {
      const r = rows[i];
      expect([r[0], r[1], r[2]]).toEqual([s.code, s.name, s.municipality]);
      expect([r[3], r[4], r[5], r[6], r[7], r[8], r[9]]).toEqual([s.qualityIndex, s.qualityIndexSE, s.qualityZ, s.qualityGroup, s.isbsh, s.isbshGroup, s.residual].map(blank));
      expect([r[10], r[11], r[14]]).toEqual([s.federalLow ? 'да' : 'нет', blank(s.category), s.reason]);
    });
  }, 120_000);
});

describe('ONLYOFFICE bridge: hostile text from the data stays text', () => {
  it('no written cell holds a formula from the data, and the text reads as typed', async () => {
    const tables = hostileTables(generateRegion({ schools: 120 }));
    const exportSheet: Grid = [['Логин', 'Предмет', 'Балл', 'Участники'], ...PAYLOADS.map((p, i) => [String(tables.schools[1 + i][0]), p, 4, 20])];
    const editor = new FakeEditor(workbookOf(tables, { 'Выгрузка': exportSheet }));
    const bridge = new OnlyofficeBridge(editor.port());
    const summary = await bridge.run({});
    expect(summary.ok).toBe(true);
    const imported = await bridge.importResults({
      sourceSheet: 'Выгрузка', headerRow: 1, columns: { 'Код ОО': 0, 'Предмет': 1, 'Средний балл': 2, 'Участников': 3 }, constants: { 'Год': 2026, 'Процедура': 'ВПР', 'Класс': 5 },
    });
    expect(imported.appended).toBe(PAYLOADS.length);
    const subjects = editor.sheet('Результаты')!.values().slice(-PAYLOADS.length).map((r) => r[4]);
    expect(subjects).toEqual([...PAYLOADS]);
    await bridge.createTemplates();
    await bridge.insertProgrammeTemplate('target-indicators', {}, {});
    await bridge.insertProgrammeTemplate('school-roadmaps', {}, {});
    const texts = new Set<string>();
    for (const sheet of editor.sheets) {
      for (const f of sheet.formulas()) expect(fromPayload(f.formula)).toBe(false);
      for (const v of sheet.values().flat()) if (typeof v === 'string') texts.add(v);
    }
    const shown = [...texts].join('\n');
    for (const p of PAYLOADS) expect(shown).toContain(p.trim());
    // The hostile school names are on the identification sheet as typed.
    const names = editor.sheet(`Идентификация ${summary.year}`)!.values().map((r) => r[1]);
    // (the engine trims names, as every host shows them)
    for (const p of PAYLOADS) expect(names).toContain(p.trim());
  }, 120_000);
});

describe('ONLYOFFICE bridge: templates, imports, programme templates, the note', () => {
  it('creates the missing input templates in one write each, leaves existing ones', async () => {
    const editor = new FakeEditor({ 'Школы': [['Код ОО', 'Наименование ОО'], ['001', 'Школа']] });
    const bridge = new OnlyofficeBridge(editor.port());
    const report = await bridge.createTemplates();
    expect(report.existing).toEqual(['Школы']);
    expect(report.created).toEqual(TEMPLATE_SHEETS.slice(1).map((t) => t.name));
    expect(editor.commands).toBe(1 + report.created.length);
    const results = editor.sheet('Результаты')!;
    expect(results.values()[2]).toEqual(TEMPLATE_SHEETS[1].columns.map((c) => c.title));
    expect(results.frozenRows).toBe(3);
    expect(results.rows[2]!.every((c) => c!.bold)).toBe(true);
    // The code column is text below the header (codes keep their leading zeros when typed).
    expect(results.rows[3]![1]!.format).toBe('@');
    expect(editor.sheet('Школы')!.values()).toEqual([['Код ОО', 'Наименование ОО'], ['001', 'Школа']]);
  });

  it('imports mapped rows into «Результаты» and keeps codes as text', async () => {
    const { editor, bridge } = setup(30, {
      'Выгрузка': [['Логин', 'Балл', 'Участники', 'Предмет'], ['010014', 4.2, 20, 'Математика'], ['', '', '', ''], ['010015', 3.9, 18, 'Математика']],
    });
    const sheets = await bridge.listSheets();
    const source = sheets.find((s) => s.name === 'Выгрузка')!;
    expect(source.headers).toEqual(['Логин', 'Балл', 'Участники', 'Предмет']);
    expect(source.rows).toBe(3);
    const rowsBefore = editor.sheet('Результаты')!.values().length;
    const start = editor.commands;
    const report = await bridge.importResults({
      sourceSheet: 'Выгрузка', headerRow: 1, columns: { 'Код ОО': 0, 'Средний балл': 1, 'Участников': 2, 'Предмет': 3 }, constants: { 'Год': 2026, 'Процедура': 'ВПР', 'Класс': 5 },
    });
    expect(report.appended).toBe(2);
    expect(editor.commands - start).toBe(4);
    const grid = editor.sheet('Результаты')!.values();
    expect(grid.length).toBe(rowsBefore + 2);
    expect(grid[rowsBefore][1]).toBe('010014');
  });

  it('inserts programme templates with their formulas, one write per new sheet', async () => {
    const { editor, bridge } = setup(60);
    const start = editor.commands;
    const report = await bridge.insertProgrammeTemplate('target-indicators', {}, { start: 2026 });
    expect(report.created.length).toBeGreaterThan(0);
    expect(editor.commands - start).toBe(5 + report.created.length);
    const formulas = report.created.flatMap((n) => editor.sheet(n)!.formulas());
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.every((f) => f.formula.startsWith('='))).toBe(true);
    const again = await bridge.insertProgrammeTemplate('target-indicators', {}, { start: 2026 });
    expect(again.created).toEqual([]);
    expect(again.existing).toEqual(report.created);
  });

  it('imports an official ВПР export: the preview writes nothing, the import one write', async () => {
    const tables = generateRegion({ schools: 300 });
    const editor = new FakeEditor(workbookOf(tables, { 'ВПР 4 математика': sampleVprExport(tables) as Grid }));
    const bridge = new OnlyofficeBridge(editor.port());
    const before = editor.sheet('Результаты')!.values();
    const h = tables.results[0] as string[];
    const vpr = tables.results.slice(1).filter((r) => r[h.indexOf('Год')] === 2025 && r[h.indexOf('Процедура')] === 'ВПР' && String(r[h.indexOf('Класс')]) === '4' && r[h.indexOf('Предмет')] === 'Математика');
    let start = editor.commands;
    const preview = await bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР 4 математика', preview: true });
    expect(editor.commands - start).toBe(4);
    expect(preview).toMatchObject({ added: vpr.length, alreadyThere: 0, failed: false });
    expect(editor.sheet('Результаты')!.values()).toEqual(before);
    start = editor.commands;
    const done = await bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР 4 математика', preview: false });
    expect(editor.commands - start).toBe(5);
    expect(done.added).toBe(vpr.length);
    const after = editor.sheet('Результаты')!.values();
    expect(after.length).toBe(before.length + vpr.length);
    expect(after[0].map(String).slice(-4)).toEqual(['2, %', '3, %', '4, %', '5, %']);
    expect(editor.sheet('Результаты')!.rows[before.length]![1]!.format).toBe('@');
    const check = await bridge.checkData();
    expect(check.errors).toBe(0);
    expect(check.years).toContain(2026);
  });

  it('makes the analytical note from two reads of the input sheets', async () => {
    const { editor, bridge } = setup(60);
    const note = await bridge.analyticalNote({}, { cards: false });
    expect(note.fileName).toMatch(/^Аналитическая справка \d{4}\.html$/);
    expect(note.html).toContain('<html');
    expect(editor.commands).toBe(5);
  });

  it('selects a cell and a row, and resolves quietly for a missing sheet', async () => {
    const { editor, bridge } = setup(10);
    await bridge.selectCell('Результаты', 'D17');
    expect(editor.sheet('Результаты')!.selected).toBe('D17');
    await bridge.selectCell('Школы', '5:5');
    expect(editor.sheet('Школы')!.selected).toBe('A5');
    await expect(bridge.selectCell('Нет такого', 'A1')).resolves.toBeUndefined();
  });
});

describe('gridFromEditor', () => {
  it('takes a scalar for one cell, numbers back from text, and keeps codes with leading zeros', () => {
    expect(gridFromEditor('')).toEqual([]);
    expect(gridFromEditor('7')).toEqual([[7]]);
    expect(gridFromEditor([['001234', '4.25', '-0.5', '1E-05', 'текст', '']])).toEqual([['001234', 4.25, -0.5, 0.00001, 'текст', '']]);
  });
});

