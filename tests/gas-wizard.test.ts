/**
 * The wizard's Sheets bridge end to end: the client half (gas/sidebar/gas-bridge.ts, as the sidebar
 * runs it) over a fake google.script.run that calls the server half in the built Code.js, passing
 * arguments and results as JSON and answering asynchronously, as Apps Script does.
 */
import * as path from 'path';
import { checkData } from '../shared/wizard-protocol';
import { GasBridge } from '../gas/sidebar/gas-bridge';
import { candidatesJson, runEngine } from '../wizard/core';
import type { RunProgress } from '../wizard/bridge';
import { loadBundle, overTheWire, scriptRun } from './fakes/gas-fakes';
import { asSheetsCells, csvTables, regionWorld } from './fakes/gas-region';

const DEMO_CSV = path.join(__dirname, '..', 'examples', 'demo-region-csv');

function tablesAsSheets() {
  const t = csvTables(DEMO_CSV);
  return { schools: asSheetsCells(t.schools), results: asSheetsCells(t.results), social: asSheetsCells(t.social!), settings: asSheetsCells(t.settings!) } as never;
}

describe('GasBridge over google.script.run', () => {
  const world = regionWorld(csvTables(DEMO_CSV));
  const ctx = loadBundle(world.globals);
  const calls: string[] = [];
  const bridge = new GasBridge(scriptRun(ctx, calls, { shnorWizardRun: 60 }), 10);

  test('checkData: what the engine finds in the sheets', async () => {
    const check = await bridge.checkData();
    expect(check).toEqual(overTheWire(checkData(tablesAsSheets())));
    expect(check.schools).toBe(300);
    expect(bridge.host).toBe('sheets');
  });

  test('settings are kept in the document properties', async () => {
    expect(await bridge.loadSettings()).toEqual({});
    await bridge.saveSettings({ zCritical: 2.58, method: 'both', bogus: 1 } as never);
    expect(JSON.parse(world.documentProperties.store.get('shnorWizardSettings')!)).toEqual({ zCritical: 2.58, method: 'both' });
    expect(await bridge.loadSettings()).toEqual({ zCritical: 2.58, method: 'both' });
  });

  test('candidateFactors: every social column tried with the chosen factors', async () => {
    const got = await bridge.candidateFactors({});
    const want = candidatesJson(runEngine(tablesAsSheets(), {}).result);
    expect(got.map((c) => [c.name, c.inModel, c.n, c.message])).toEqual(want.map((c) => [c.name, c.inModel, c.n, c.message]));
    got.forEach((c, i) => {
      if (want[i].b === null) expect(c.b).toBeNull();
      else expect(c.b!).toBeCloseTo(want[i].b!, 10);
      if (want[i].p !== null) expect(c.p!).toBeCloseTo(want[i].p!, 10);
    });
    expect(got.length).toBeGreaterThan(3);
  });

  test('run: the summary of the engine, progress polled while it runs, the sheets written', async () => {
    const progress: RunProgress[] = [];
    const summary = await bridge.run({ method: 'both' }, (p) => progress.push(p));
    const engine = overTheWire(runEngine(tablesAsSheets(), { method: 'both' }).summary);
    expect(summary.ok).toBe(true);
    expect(summary.byCategory).toEqual(engine.byCategory);
    expect(summary.lists.shnor.map((s) => s.code)).toEqual(engine.lists.shnor.map((s) => s.code));
    expect(summary.sheetsWritten).toEqual(['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025', 'Объективность 2025']);
    expect(summary.model!.r2).toBeCloseTo(engine.model!.r2, 12);
    expect(summary.guides!.isbshLow).toBeCloseTo(engine.guides!.isbshLow, 12);
    expect(world.spreadsheet.sheet('Идентификация 2025')).toBeDefined();
    // Progress only grows, comes from the server's polls (with this run's token) and ends at 1.
    const fractions = progress.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(progress[progress.length - 1]).toEqual({ fraction: 1, message: 'Готово' });
    expect(calls).toContain('shnorWizardProgress');
    const stored = JSON.parse(world.userProperties.store.get('shnor.progress')!);
    expect(stored.done).toBe(1);
    expect(typeof stored.token).toBe('string');
    expect(stored.token.length).toBeGreaterThan(5);
  });

  test('selectCell: activates the sheet and the cell or rows', async () => {
    await bridge.selectCell('Результаты', 'F18');
    expect(world.spreadsheet.active).toEqual({ sheet: 'Результаты', a1: 'F18' });
    await bridge.selectCell('Школы', '17:17');
    expect(world.spreadsheet.active?.sheet).toBe('Школы');
    expect(world.spreadsheet.active?.a1).toMatch(/^A17:[A-Z]+17$/);
    await expect(bridge.selectCell('Нет такого', 'A1')).resolves.toBeUndefined();
  });

  test('listSheets: each sheet with its header and a sample', async () => {
    const sheets = await bridge.listSheets();
    const schools = sheets.find((s) => s.name === 'Школы')!;
    expect(schools.headers.slice(0, 3)).toEqual(['Код ОО', 'Наименование ОО', 'Муниципалитет']);
    expect(schools.headerRow).toBe(1);
    expect(schools.rows).toBe(301);
    expect(sheets.find((s) => s.name === 'Результаты')!.rows).toBe(world.spreadsheet.sheet('Результаты')!.getLastRow());
  });

  test('createTemplates: nothing to add when the input sheets are there', async () => {
    expect(await bridge.createTemplates()).toEqual({ created: [], existing: ['Школы', 'Результаты', 'Социальные показатели', 'Настройки'] });
  });

  test('a server error rejects with the Russian message alone', async () => {
    await expect(bridge.importResults({ sourceSheet: 'Выгрузка', headerRow: 1, columns: {}, constants: {} }))
      .rejects.toThrow(/^Нет листа «Выгрузка»$/);
  });
});

describe('importResults: appends a mapped export to «Результаты»', () => {
  const world = regionWorld(csvTables(DEMO_CSV));
  const source = world.spreadsheet.add('Выгрузка ОГЭ', [
    ['Выгрузка из ФИС ОКО', '', '', ''],
    ['Логин', 'Предмет', 'Участники', 'Балл'],
    ['010014', 'Химия', 12, 4.1],
    ['010016', 'Химия', 9, 3.7],
    ['', '', '', ''],
    ['010018', 'Химия', '', 3.9],
  ]);
  source.readOnly = true;
  const ctx = loadBundle(world.globals);
  const bridge = new GasBridge(scriptRun(ctx, []));
  const results = world.spreadsheet.sheet('Результаты')!;
  const before = results.getLastRow();

  test('rows under the last one, codes as text, the source untouched', async () => {
    const report = await bridge.importResults({
      sourceSheet: 'Выгрузка ОГЭ', headerRow: 2, columns: { 'Код ОО': 0, 'Предмет': 1, 'Участников': 2, 'Средний балл': 3 },
      constants: { 'Год': 2025, 'Процедура': 'ОГЭ', 'Класс': 9 },
    });
    expect(report.appended).toBe(2);
    expect(report.skipped).toBe(1);
    expect(report.messages[0]).toContain('строка 6');
    expect(results.getLastRow()).toBe(before + 2);
    const grid = results.grid();
    expect(grid[before].slice(0, 7)).toEqual([2025, '010014', 'ОГЭ', 9, 'Химия', 12, 4.1]);
    expect(grid[before + 1].slice(0, 7)).toEqual([2025, '010016', 'ОГЭ', 9, 'Химия', 9, 3.7]);
    expect(world.spreadsheet.active?.sheet).toBe('Результаты');
  });
});
