/**
 * The Excel adapter against office-addin-mock (tests/addin-fake-excel.ts): what a run writes,
 * that input sheets stay as they were, that a re-run replaces only that year's sheets, and that
 * the number of context.sync() calls does not grow with the region (300 vs 3,000 schools).
 */
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';
import { GROUP_COLORS } from '../shared/report-tables';
import { outputSheets } from '../shared/report-tables';
import type { Settings } from '../shared/method/settings';
import type { Cell, Grid } from '../shared/types';
import { ExcelBridge, RUN_SYNCS, gridFromUsedRange } from '../addin/taskpane/excel-bridge';
import { excelValues, tableName, valueChunks } from '../addin/taskpane/excel-writer';
import { TEMPLATE_SHEETS } from '../wizard/core';
import { layoutSheet } from '../wizard/layout';
import { FakeExcel, sheetValues } from './addin-fake-excel';
import { clone, memoryStore, setup, workbookOf } from './addin-setup';

/** Cells as Excel hands them back: '' for empty. */
const asRead = (g: Cell[][]) => g.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)));

describe('Excel bridge: a run on the demo region (300 schools)', () => {
  const notes: Grid = [['Заметки аналитика'], ['не трогать']];
  const { tables, fake, bridge } = setup(300, { 'Заметки': notes });
  const inputsBefore = ['Школы', 'Результаты', 'Социальные показатели', 'Настройки', 'Заметки'].map((n) => clone(sheetValues(fake.sheet(n)!)));
  const expected = identify(tables);
  let summary: Awaited<ReturnType<ExcelBridge['run']>>;
  let runSyncs = 0;

  beforeAll(async () => {
    const before = fake.syncs;
    const progress: number[] = [];
    summary = await bridge.run({}, (p) => progress.push(p.fraction));
    runSyncs = fake.syncs - before;
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('checks the data in two syncs and finds the region', async () => {
    const before = fake.syncs;
    const check = await bridge.checkData();
    expect(fake.syncs - before).toBe(2);
    expect(check.errors).toBe(0);
    expect(check.schools).toBe(300);
    expect(check.years).toEqual([2024, 2025]);
  });

  it('runs in a fixed, small number of context.sync() calls', () => {
    expect(summary.ok).toBe(true);
    expect(runSyncs).toBe(RUN_SYNCS);
    expect(runSyncs).toBeLessThanOrEqual(10);
    // The bridge's own counter (what the bench and the pane can report) agrees with the fake's.
    expect(bridge.syncs).toBe(fake.syncs);
  });

  it('writes the four sheets of the year exactly as the engine describes them', () => {
    const sheets = outputSheets(expected);
    expect(summary.sheetsWritten).toEqual(sheets.map((s) => s.name));
    for (const sheet of sheets) {
      const written = fake.sheet(sheet.name);
      expect(written).toBeDefined();
      const grid = layoutSheet(sheet).grid;
      const want = asRead(grid as Cell[][]);
      const got = sheetValues(written!).slice(0, want.length).map((r) => r.slice(0, want[0].length));
      expect(got).toEqual(want);
    }
    // Codes with leading zeros stay text.
    const ident = fake.sheet('Идентификация 2025')!;
    const codes = sheetValues(ident).slice(4).map((r) => r[0]);
    expect(codes.every((c) => typeof c === 'string')).toBe(true);
    expect(codes.some((c) => String(c).startsWith('0'))).toBe(true);
  });

  it('makes Excel tables, group and category colours, number formats and a frozen header', () => {
    const ident = fake.sheet('Идентификация 2025')!;
    expect(ident.tables).toHaveLength(1);
    expect(ident.tables[0]).toMatchObject({ name: 'SHNOR_Ident_2025_1', row: 3, col: 0, rows: 301, cols: 22 });
    expect(ident.frozenRows).toBe(4);
    // Group columns G (6) and I (8): 11 rules each, with the shared palette; category column L (11): 6 rules.
    for (const col of [6, 8]) {
      const rules = ident.conditionalFormats.filter((c) => c.col === col);
      expect(rules.map((r) => r.rule!.formula1)).toEqual(Array.from({ length: 11 }, (_, i) => String(i + 1)));
      expect(rules.map((r) => r.fill)).toEqual(GROUP_COLORS);
      expect(rules.every((r) => r.row === 4 && r.rows === 300)).toBe(true);
    }
    expect(ident.conditionalFormats.filter((c) => c.col === 11).map((r) => r.rule!.formula1)).toContain('="ШНОР и ШФНСУ"');
    expect(ident.numberFormats.get('D5')).toBe('0.000');
    expect(ident.numberFormats.get('A5')).toBe('@');
    expect(ident.columnWidths.get(1)).toBeGreaterThan(ident.columnWidths.get(0)!);
    const lists = fake.sheet('Перечни 2025')!;
    expect(lists.tables.map((t) => t.name)).toEqual(lists.tables.map((_, i) => tableName('Перечни 2025', i)));
    expect(lists.tables.every((t) => t.showFilterButton === false)).toBe(true);
  });

  it('draws the scatter chart with a series per category and the quadrant lines', () => {
    const model = fake.sheet('Модель ИСБШ 2025')!;
    expect(model.charts).toHaveLength(1);
    const chart = model.charts[0];
    expect(chart.type).toBe('XYScatter');
    expect(chart.title.text).toBe('Индекс качества и ИСБШ, 2025');
    const points = chart.series.filter((s) => s.chartType === undefined);
    const lines = chart.series.filter((s) => s.chartType === 'XYScatterLinesNoMarkers');
    expect(lines).toHaveLength(3);
    const categories = new Set(summary.points.map((p) => p.category ?? 'без категории'));
    expect(points.map((s) => s.name).sort()).toEqual([...categories].sort());
    // The chart data block holds every point once.
    const data = sheetValues(model);
    const header = data.findIndex((r) => r.includes('Категория') && r.includes('ИСБШ'));
    expect(header).toBeGreaterThanOrEqual(0);
    const col = data[header].indexOf('ИСБШ');
    const pointRows = data.slice(header + 1).filter((r) => typeof r[col] === 'number' && !String(r[col - 1]).startsWith('Граница'));
    expect(pointRows).toHaveLength(summary.points.length);
  });

  it('never changes an input sheet (or any other sheet)', () => {
    ['Школы', 'Результаты', 'Социальные показатели', 'Настройки', 'Заметки'].forEach((n, i) => {
      expect(sheetValues(fake.sheet(n)!)).toEqual(inputsBefore[i]);
      expect(fake.sheet(n)!.tables).toHaveLength(0);
      expect(fake.sheet(n)!.conditionalFormats).toHaveLength(0);
    });
  });

  it('a re-run replaces only that year, and another year stays', async () => {
    const y2024 = await bridge.run({ year: 2024 });
    expect(y2024.ok).toBe(true);
    const ident2024 = clone(sheetValues(fake.sheet('Идентификация 2024')!));
    const countBefore = fake.names().length;
    await bridge.run({ year: 2025, zCritical: 2.58 });
    expect(fake.names().length).toBe(countBefore);
    expect(fake.names().filter((n) => n === 'Идентификация 2025')).toHaveLength(1);
    expect(sheetValues(fake.sheet('Идентификация 2024')!)).toEqual(ident2024);
    expect(String(sheetValues(fake.sheet('Идентификация 2025')!)[1][0])).toContain('2,58');
    expect(fake.active).toBe('Идентификация 2025');
  });
});

describe('Excel bridge: batching does not depend on the size of the region', () => {
  it('3,000 schools take the same number of syncs as 300', async () => {
    const { fake, bridge } = setup(3000);
    const before = fake.syncs;
    const summary = await bridge.run({});
    expect(summary.ok).toBe(true);
    expect(summary.schools).toBe(3000);
    expect(fake.syncs - before).toBe(RUN_SYNCS);
    expect(sheetValues(fake.sheet('Идентификация 2025')!).length).toBe(3004);
  });

  it('a sheet over the batch limit is split into chunks that cover every row once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`школа ${i}`, i, 'обоснование '.repeat(20)]);
    const chunks = valueChunks(rows, 50_000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((c) => c.values)).toEqual(rows);
    expect(chunks.map((c) => c.row)).toEqual(chunks.map((_, i) => chunks.slice(0, i).reduce((n, c) => n + c.values.length, 0)));
  });
});

describe('Excel bridge: data with errors, templates, selection, import, settings', () => {
  it('a run on data with errors writes nothing and reports them', async () => {
    const tables = generateRegion({ schools: 300 });
    const results = clone(tables.results);
    results[5][results[0].indexOf('Участников')] = 'двадцать';
    const fake = new FakeExcel(workbookOf({ ...tables, results }));
    const bridge = new ExcelBridge(fake.runner, memoryStore());
    const names = fake.names();
    const summary = await bridge.run({});
    expect(summary.ok).toBe(false);
    expect(fake.names()).toEqual(names);
    const p = summary.problems.find((x) => x.severity === 'error')!;
    expect(p).toMatchObject({ sheet: 'Результаты', row: 6, column: 'Участников' });
    expect(fake.syncs).toBe(2);
  });

  it('without «Социальные показатели» runs in the same syncs, with no chart and no ИСБШ', async () => {
    const tables = generateRegion({ schools: 300 });
    const grids = workbookOf(tables);
    delete grids['Социальные показатели'];
    const fake = new FakeExcel(grids);
    const summary = await new ExcelBridge(fake.runner, memoryStore()).run({});
    expect(summary.ok).toBe(true);
    expect(summary.model).toBeNull();
    expect(summary.lists.shfnsu).toEqual([]);
    expect(fake.syncs).toBe(RUN_SYNCS);
    expect(fake.sheet('Модель ИСБШ 2025')!.charts).toEqual([]);
  });

  it('creates the missing templates the reader recognises, leaving existing sheets alone', async () => {
    const fake = new FakeExcel({ 'Школы': [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'Школа', 'Район']] });
    const bridge = new ExcelBridge(fake.runner, memoryStore());
    const report = await bridge.createTemplates();
    expect(report.existing).toEqual(['Школы']);
    expect(report.created).toEqual(['Результаты', 'Социальные показатели', 'Настройки']);
    expect(sheetValues(fake.sheet('Школы')!)).toEqual([['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'Школа', 'Район']]);
    const results = fake.sheet('Результаты')!;
    const t = TEMPLATE_SHEETS.find((x) => x.name === 'Результаты')!;
    expect(sheetValues(results)[t.notes.length + 1]).toEqual(t.columns.map((c) => c.title));
    expect(results.validations.length).toBeGreaterThan(5);
    expect(results.frozenRows).toBe(t.notes.length + 2);
    const check = await bridge.checkData();
    // Headers are found: no «header not found» problem for the templates; settings read without warnings.
    expect(check.problems.filter((p) => /заголов/i.test(p.message))).toEqual([]);
    expect(check.problems.filter((p) => p.sheet === 'Настройки')).toEqual([]);
    expect(check.settings.failShare).toBeCloseTo(0.3, 10);
  });

  it('selects the cell of a problem, and ignores a sheet that is gone', async () => {
    const { fake, bridge } = setup(300);
    await bridge.selectCell('Результаты', 'F17');
    expect(fake.active).toBe('Результаты');
    expect(fake.selection).toEqual({ sheet: 'Результаты', address: 'F17' });
    await expect(bridge.selectCell('Нет такого', 'A1')).resolves.toBeUndefined();
  });

  it('imports results from another sheet by a column mapping, appending to «Результаты»', async () => {
    const source: Grid = [
      ['Выгрузка ОГЭ, 2025'],
      [],
      ['Логин', 'Предмет', 'Участники', 'Балл', 'Ниже минимума'],
      ['010014', 'Математика', 20, 4.1, 1],
      ['', 'Математика', 12, 3.9, 0],
      ['010016', 'Математика', 15, 3.6, 2],
    ];
    const { tables, fake, bridge } = setup(300, { 'Выгрузка': source });
    const sheets = await bridge.listSheets();
    const preview = sheets.find((s) => s.name === 'Выгрузка')!;
    expect(preview).toMatchObject({ headerRow: 3, headers: ['Логин', 'Предмет', 'Участники', 'Балл', 'Ниже минимума'], rows: 5 });
    expect(sheets.find((s) => s.name === 'Результаты')!.rows).toBe(tables.results.length);
    const report = await bridge.importResults({
      sourceSheet: 'Выгрузка', headerRow: 3,
      columns: { 'Код ОО': 0, 'Предмет': 1, 'Участников': 2, 'Средний балл': 3, 'Не справились': 4 },
      constants: { 'Год': 2026, 'Процедура': 'ОГЭ', 'Класс': 9 },
    });
    expect(report).toMatchObject({ appended: 2, skipped: 1 });
    const results = sheetValues(fake.sheet('Результаты')!);
    expect(results).toHaveLength(tables.results.length + 2);
    const header = tables.results[0] as string[];
    const last = results[results.length - 1];
    expect(last[header.indexOf('Код ОО')]).toBe('010016');
    expect(last[header.indexOf('Год')]).toBe(2026);
    expect(last[header.indexOf('Участников')]).toBe(15);
    expect(sheetValues(fake.sheet('Выгрузка')!)).toEqual(asRead(sheetValues(fake.sheet('Выгрузка')!)));
    const check = await bridge.checkData();
    expect(check.years).toContain(2026);
  });

  it('keeps the wizard settings in the document store', async () => {
    const store = memoryStore();
    const bridge = new ExcelBridge(new FakeExcel().runner, store);
    await bridge.saveSettings({ method: 'both', zCritical: 2.58, bogus: 1 } as Partial<Settings>);
    expect(store.value).toEqual({ method: 'both', zCritical: 2.58 });
    expect(await bridge.loadSettings()).toEqual({ method: 'both', zCritical: 2.58 });
  });

  it('the candidate-factor table lists every social column as JSON', async () => {
    const { tables, bridge } = setup(300);
    const rows = await bridge.candidateFactors({});
    const social = (tables.social![0] as string[]).slice(2);
    expect(rows.map((r) => r.name)).toEqual(social);
    expect(rows.filter((r) => r.inModel).map((r) => r.name)).toEqual(social.slice(0, 3));
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe('Excel adapter helpers', () => {
  it('puts a used range that starts at C3 back at A1', () => {
    expect(gridFromUsedRange([['a', 'b'], ['c', 'd']], 2, 2)).toEqual([[], [], ['', '', 'a', 'b'], ['', '', 'c', 'd']]);
  });

  it('marks number-like text so Excel keeps it as text', () => {
    expect(excelValues([['001234', 'школа', 12.5, null, '1-2', '=A1', 'ШНОР']])).toEqual([["'001234", 'школа', 12.5, '', "'1-2", "'=A1", 'ШНОР']]);
  });
});
