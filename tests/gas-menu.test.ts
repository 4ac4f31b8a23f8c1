/**
 * The other «ШНОР» menu commands through the built bundle: the template sheets, the data check
 * with its links to cells, a run on data with errors, the wizard and the help.
 */
import { checkData } from '../shared/wizard-protocol';
import { TEMPLATE_SHEETS, templateGrid, templateHeaderRow } from '../wizard/core';
import { loadBundle } from './fakes/gas-fakes';
import { INPUT_NAMES, asSheetsCells, csvTables, regionWorld, tableOf } from './fakes/gas-region';
import * as path from 'path';

const DEMO_CSV = path.join(__dirname, '..', 'examples', 'demo-region-csv');

describe('«Создать листы-шаблоны»', () => {
  const world = regionWorld({ schools: [], results: [] });
  world.spreadsheet.sheets = [];
  world.spreadsheet.add('Лист1');
  const ctx = loadBundle(world.globals);
  ctx.shnorCreateTemplates();

  test('adds the four input sheets with instructions, header and pre-filled settings', () => {
    expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual(['Лист1', ...TEMPLATE_SHEETS.map((t) => t.name)]);
    for (const t of TEMPLATE_SHEETS) {
      const sheet = world.spreadsheet.sheet(t.name)!;
      const want = templateGrid(t);
      const got = sheet.grid();
      expect(got).toHaveLength(want.length);
      want.forEach((row, r) => row.forEach((v, c) => expect(got[r][c] ?? '').toEqual(v)));
      const header = templateHeaderRow(t) + 1;
      expect(sheet.frozenRows).toBe(header);
      expect(sheet.styles).toContainEqual({ a1: `A${header}:${String.fromCharCode(64 + t.columns.length)}${header}`, what: 'fontWeight', value: 'bold' });
    }
    expect(world.ui.alerts[0].message).toContain('Добавлены листы «Школы», «Результаты», «Социальные показатели», «Настройки»');
  });

  test('data validation under the header (flagging, not rejecting), codes formatted as text', () => {
    const results = world.spreadsheet.sheet('Результаты')!;
    const t = TEMPLATE_SHEETS.find((x) => x.name === 'Результаты')!;
    const first = templateHeaderRow(t) + 2;
    const procedure = results.validations.find((v) => v.a1 === `C${first}:C1000`)!;
    expect(procedure.rule).toMatchObject({ type: 'list', values: ['ВПР', 'ОГЭ', 'ЕГЭ'], allowInvalid: true });
    const participants = results.validations.find((v) => v.a1 === `F${first}:F1000`)!;
    expect(participants.rule).toMatchObject({ type: 'between', min: 0, allowInvalid: true });
    expect(results.formatAt(first + 5, 2)).toBe('@');
    expect(results.formatAt(first + 5, 6)).toBe('General');
  });

  test('the settings template reads as the defaults', () => {
    const settings = world.spreadsheet.sheet('Настройки')!.grid();
    const check = checkData({ schools: [], results: [], settings: settings as never });
    expect(check.problems.filter((p) => p.sheet === 'Настройки')).toEqual([]);
    expect(check.settings.method).toBe('regional');
  });

  test('a second call changes nothing: existing sheets are never touched', () => {
    const grids = world.spreadsheet.sheets.map((s) => s.grid());
    world.rec.reset();
    ctx.shnorCreateTemplates();
    expect(world.spreadsheet.sheets.map((s) => s.grid())).toEqual(grids);
    expect(world.rec.calls.filter((c) => c.sheet)).toEqual([]);
    expect(world.ui.alerts[1].message).toBe('Уже были и не изменялись: «Школы», «Результаты», «Социальные показатели», «Настройки».');
  });
});

/** The demo region with three mistakes an official could make. */
function brokenRegion() {
  const tables = csvTables(DEMO_CSV);
  const results = tables.results.map((r) => [...r]);
  results[17][5] = 'двадцать';
  results[30][1] = '999999';
  const world = regionWorld({ ...tables, results });
  return { world, tables: { ...tables, results } };
}

describe('«Проверить данные»', () => {
  const { world, tables } = brokenRegion();
  const before = world.snapshot();
  const ctx = loadBundle(world.globals);
  for (const s of world.inputs) s.readOnly = true;
  ctx.shnorCheckData();
  const sheet = world.spreadsheet.sheet('Проверка данных')!;

  test('lists every problem the engine finds, errors first, on «Проверка данных»', () => {
    const engine = checkData(asSheetsTables(tables));
    expect(engine.errors).toBe(2);
    const problems = tableOf(sheet, '№', 1).rows;
    expect(problems.map((r) => r['Сообщение'])).toEqual([
      ...engine.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      ...engine.problems.filter((p) => p.severity === 'warning').map((p) => p.message),
    ]);
    expect(problems[0]['Важность']).toBe('ошибка');
    expect(sheet.grid()[0][0]).toBe(`Проверка данных: ошибок — 2, предупреждений — ${engine.warnings}; идентификация не выполнится, пока их не исправить`);
    expect(world.spreadsheet.toasts[0]).toEqual({ message: `Ошибок: 2, предупреждений: ${engine.warnings}`, title: 'Проверка данных' });
    expect(world.spreadsheet.active?.sheet).toBe('Проверка данных');
  });

  test('each problem in a cell links to that cell', () => {
    const results = world.spreadsheet.sheet('Результаты')!;
    const grid = sheet.grid();
    const first = grid.findIndex((r) => r[5] === 'Сообщение');
    const formulas = [...Array(grid.length).keys()].map((r) => sheet.formulas.get(`${r + 1}:7`)).slice(first + 1).filter(Boolean);
    expect(formulas[0]).toBe(`=HYPERLINK("#gid=${results.id}&range=F18","Результаты!F18")`);
    expect(formulas[1]).toBe(`=HYPERLINK("#gid=${results.id}&range=B31","Результаты!B31")`);
    expect(grid[first + 1][5]).toBe('Лист «Результаты», строка 18, столбец «Участников»: ожидалось целое число, найдено «двадцать»');
  });

  test('the input sheets are unchanged', () => {
    expect(world.snapshot()).toEqual(before);
  });

  test('a run on this data writes no results, only the check, and says why', () => {
    world.ui.alerts = [];
    ctx.shnorRunIdentification();
    expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual([...Object.values(INPUT_NAMES), 'Проверка данных']);
    expect(world.ui.alerts[0].title).toBe('Идентификация не выполнена');
    expect(world.ui.alerts[0].message).toBe('В данных 2 ошибки: идентификация не выполнена. Список со ссылками на ячейки — на листе «Проверка данных». Исправьте и запустите снова.');
    expect(world.snapshot()).toEqual(before);
  });
});

function asSheetsTables(tables: ReturnType<typeof csvTables>) {
  return {
    schools: asSheetsCells(tables.schools), results: asSheetsCells(tables.results),
    social: tables.social && asSheetsCells(tables.social), settings: tables.settings && asSheetsCells(tables.settings),
  } as never;
}

describe('the wizard and the help', () => {
  const world = regionWorld(csvTables(DEMO_CSV));
  const ctx = loadBundle(world.globals);

  test('«Мастер идентификации…» opens Sidebar.html in the sidebar', () => {
    ctx.shnorOpenWizard();
    expect(world.ui.sidebars).toHaveLength(1);
    expect(world.ui.sidebars[0].file).toBe('Sidebar');
    expect(world.ui.sidebars[0].title).toBe('ШНОР: идентификация');
  });

  test('«Справка» shows Help.html with every function', () => {
    ctx.shnorShowHelp();
    expect(world.ui.dialogs).toHaveLength(1);
    const html = world.ui.dialogs[0].html.content;
    for (const fn of ['QUALITY_INDEX', 'QUALITY_SE', 'NOR_GROUP', 'ISBSH(', 'ISBSH_GROUP', 'VALUE_ADDED', 'ISBSH_MODEL', 'LOW_RESULTS', 'SCHOOL_CATEGORY']) {
      expect(html).toContain(`=${fn}`);
    }
  });

  test('an unexpected failure is told in Russian, not as a stack trace', () => {
    const w = regionWorld(csvTables(DEMO_CSV));
    const c = loadBundle({ ...w.globals, HtmlService: { createHtmlOutputFromFile: () => { throw new Error('квота исчерпана'); } } });
    c.shnorOpenWizard();
    expect(w.ui.alerts).toEqual([{ title: 'Мастер идентификации', message: 'Не удалось выполнить команду: квота исчерпана' }]);
  });
});
