/**
 * The lazily loaded feature bundle (dist/gas/Features.html): Code.js's loader reads it with
 * HtmlService.createHtmlOutputFromFile (the fake returns the built file) and evaluates it once per
 * execution; municipal reporting and programme templates from the «ШНОР» menu, and the sidebar's
 * analytical note, programme template and export import, all through the built bundles in a vm.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { csvTables, regionWorld } from './fakes/gas-region';
import { type CellValue, GAS_DIST, gasWorld, loadBundle, overTheWire, scriptRun, unwrap, type FakeSheet } from './fakes/gas-fakes';
import { FakeProtectionType, FakeUser, World, newDataValidation, pad, type FakeSheet as ReportingSheet } from './fakes/reporting-fake';
import { identify } from '../shared/method/identify';
import { CATEGORY_ORDER } from '../shared/messages';
import { recommend } from '../shared/recommendations/recommend';
import { REPORT_SHEETS } from '../shared/roadmap/reporting';
import { TEMPLATE_SHEETS } from '../shared/roadmap/messages';
import { buildTemplate } from '../shared/roadmap/templates';
import { identificationSheet } from '../shared/report-tables';
import { REPORTS_MENU, TEMPLATES_MENU } from '../gas/reporting/menus';
import { MENU_TITLE } from '../gas/menu';
import { noteCategoryCount } from './helpers/note';
import { fixture, source, truth } from './import-helpers';
import { readSource } from '../cli/commands/import';
import type { ExportImportReport, HtmlFile, TemplateReport } from '../wizard/bridge';
import { GasBridge } from '../gas/sidebar/gas-bridge';

const ROOT = path.join(__dirname, '..');
const DEMO_CSV = path.join(ROOT, 'examples', 'demo-region-csv');
const FEATURES = fs.readFileSync(path.join(GAS_DIST, 'Features.html'), 'utf8');

describe('dist/gas/Features.html', () => {
  test('is one script that assigns the one global ShnorFeatures, with no Apps Script stubs', () => {
    expect(FEATURES.startsWith('var ShnorFeatures;')).toBe(true);
    expect(FEATURES).not.toMatch(/^\s*(import|export)\s/m);
    expect(FEATURES).not.toMatch(/\brequire\(["']/);
    // gas-webpack-plugin's stubs would be top-level `function shnor…() {}` declarations.
    expect(FEATURES).not.toMatch(/^function /);
    const ctx = vm.createContext({});
    new vm.Script(FEATURES, { filename: 'Features.html' }).runInContext(ctx);
    expect(Object.keys(ctx)).toEqual(['ShnorFeatures']);
    const api = (ctx as { ShnorFeatures: Record<string, unknown> }).ShnorFeatures;
    for (const name of ['reportsCreate', 'reportsSubmit', 'reportsCollect', 'template', 'analyticalNote', 'insertProgrammeTemplate', 'importExport']) {
      expect(typeof api[name]).toBe('function');
    }
  });

  test('is pushed by clasp (.claspignore lists it)', () => {
    expect(fs.readFileSync(path.join(ROOT, '.claspignore'), 'utf8')).toMatch(/^!Features\.html$/m);
  });

  test('Code.js loads it through HtmlService once per execution, and not at all until a feature is used', () => {
    const world = regionWorld(csvTables(DEMO_CSV));
    const ctx = loadBundle(world.globals);
    ctx.onOpen();
    expect(world.rec.count((c) => c.kind === 'HtmlService')).toBe(0);
    expect((ctx as Record<string, unknown>).ShnorFeatures).toBeUndefined();
    ctx.shnorWizardAnalyticalNote({}, { cards: false });
    ctx.shnorWizardAnalyticalNote({}, { cards: false });
    expect(world.rec.calls.filter((c) => c.kind === 'HtmlService')).toEqual([{ kind: 'HtmlService', method: 'createHtmlOutputFromFile', sheet: undefined }]);
    expect(typeof ((ctx as Record<string, unknown>).ShnorFeatures as Record<string, unknown>).importExport).toBe('function');
    // A new execution (a fresh global scope) loads it again.
    const again = regionWorld(csvTables(DEMO_CSV));
    loadBundle(again.globals).shnorWizardAnalyticalNote({}, { cards: false });
    expect(again.rec.count((c) => c.kind === 'HtmlService')).toBe(1);
  });

  test('a missing Features.html gives a Russian alert from a menu command', () => {
    const world = gasWorld();
    const ctx = loadBundle({ ...world.globals, HtmlService: { createHtmlOutputFromFile: () => { throw new Error('No HTML file named Features was found.'); } } });
    ctx.shnorReportsCollect();
    expect(world.ui.alerts).toHaveLength(1);
    expect(world.ui.alerts[0].message).toMatch(/^Не удалось выполнить команду: No HTML file named Features/);
  });

  test('a Features.html from another build is refused with a Russian message', () => {
    const world = gasWorld();
    const stale = { createHtmlOutputFromFile: () => ({ getContent: () => 'var ShnorFeatures = { version: 0 };' }) };
    const ctx = loadBundle({ ...world.globals, HtmlService: stale });
    expect(() => ctx.shnorWizardImportExport({ kind: 'vpr', sourceSheet: 'x', preview: true })).toThrow(/^Файл Features\.html проекта Apps Script устарел или повреждён: обновите проект/);
  });
});

// ------------------------------------------------------------------ the menu, against the fake that enforces protections

const OWNER = 'owner@region.example';
const A = 'a1@mo-a.example';
const B = 'b1@mo-b.example';

/** Apps Script's globals over the reporting fake (the spreadsheet enforces sharing and protections). */
function reportingGlobals(world: World): { globals: Record<string, unknown>; alerts: { title: string; message: string }[] } {
  const base = gasWorld();
  const globals = {
    ...base.globals,
    SpreadsheetApp: { getActiveSpreadsheet: () => world.spreadsheet, getUi: () => base.ui.p, newDataValidation, ProtectionType: FakeProtectionType },
    Session: { getEffectiveUser: () => new FakeUser(world.user) },
  };
  return { globals, alerts: base.ui.alerts };
}

describe('the «ШНОР» menu: municipal reporting and programme templates through the bundle', () => {
  const result = identify(csvTables(DEMO_CSV), {});
  const [MA, MB] = [...new Set(result.schools.map((s) => s.municipality))].sort((a, b) => a.localeCompare(b, 'ru'));
  const world = new World(OWNER);
  world.share(A, B);
  const list = world.spreadsheet.insertSheet(REPORT_SHEETS.municipalities);
  list.getRange(1, 1, 3, 2).setValues([['Муниципалитет', 'Редакторы'], [MA, A], [MB, B]]);
  const sheet = identificationSheet(result);
  const id = pad([...sheet.title.map((t) => [t]), sheet.blocks[0].header, ...sheet.blocks[0].rows]);
  world.spreadsheet.insertSheet(`Идентификация ${result.year}`).getRange(1, 1, id.length, id[0].length).setValues(id);
  const { globals, alerts } = reportingGlobals(world);
  const ctx = loadBundle(globals);

  test('onOpen lists the reporting and template items, each calling a top-level function of Code.js', () => {
    const base = gasWorld();
    loadBundle(base.globals).onOpen();
    const items = base.ui.menus[0].items.filter((i): i is { caption: string; functionName: string } => i !== null && typeof i === 'object');
    expect(base.ui.menus[0].title).toBe(MENU_TITLE);
    for (const item of [...REPORTS_MENU, ...TEMPLATES_MENU]) {
      expect(items).toContainEqual(item);
      expect(typeof ctx[item.functionName]).toBe('function');
    }
  });

  test('«Создать листы отчётов муниципалитетов»: a protected sheet per municipality', () => {
    ctx.shnorReportsCreate();
    expect(alerts.at(-1)!.title).toBe('Отчёты муниципалитетов');
    expect(alerts.at(-1)!.message).toMatch(/создано 2, уже были 0/);
    const report = world.spreadsheet.sheet(REPORT_SHEETS.report(MA));
    // Only the municipality's editor (and the owner) may write it: the fake refuses anyone else.
    const cell = report.getRange(1, 1);
    expect(world.as(B, () => { try { cell.setValue('x'); return 'ok'; } catch { return 'refused'; } })).toBe('refused');
  });

  test('«Сдать отчёт за квартал» by the municipality\'s editor, «Сбор отчётов» by the owner', () => {
    world.spreadsheet.active = world.spreadsheet.sheet(REPORT_SHEETS.report(MA)) as ReportingSheet;
    world.as(A, () => ctx.shnorReportsSubmit());
    expect(alerts.at(-1)!.message).toMatch(/отмечен как сданный/);
    world.spreadsheet.active = world.spreadsheet.sheet(REPORT_SHEETS.report(MB)) as ReportingSheet;
    world.as(A, () => ctx.shnorReportsSubmit());
    expect(alerts.at(-1)!.message).toMatch(/Нет прав на лист/);
    ctx.shnorReportsCollect();
    expect(alerts.at(-1)!.message).toMatch(/^Сбор отчётов за /);
    expect(world.spreadsheet.getSheetByName(REPORT_SHEETS.collection)).not.toBeNull();
  });

  test('each template item inserts its sheets (school roadmaps need the input sheets and say so)', () => {
    for (const item of TEMPLATES_MENU) {
      const before = world.spreadsheet.sheets.length;
      ctx[item.functionName]();
      const message = alerts.at(-1)!.message;
      expect(alerts.at(-1)!.title).toBe('Шаблоны дорожных карт и показателей');
      if (item.functionName === 'shnorTemplateSchoolRoadmaps') {
        expect(message).toMatch(/нужны листы «Школы» и «Результаты»/);
        expect(world.spreadsheet.sheets.length).toBe(before);
      } else {
        expect(message).toMatch(/^Шаблон «.+»: добавлено листов [1-9]/);
        expect(world.spreadsheet.sheets.length).toBeGreaterThan(before);
      }
    }
    expect(world.spreadsheet.getSheetByName(TEMPLATE_SHEETS.regionalRoadmap)).not.toBeNull();
  });
});

// ------------------------------------------------------------------ the sidebar's new server functions, on the demo region

function writes(world: { rec: { calls: { kind: string; method: string }[] } }): string[] {
  return world.rec.calls.filter((c) => /^(set|insert|delete|clear|merge|add|activate|hide|show|apply)/.test(c.method) && c.method !== 'setTitle')
    .map((c) => `${c.kind}.${c.method}`);
}

describe('shnorWizardAnalyticalNote', () => {
  const tables = csvTables(DEMO_CSV);
  const result = identify(tables, {});
  const rec = recommend(result, { tables });

  test('the note of the demo region: sections, charts, the engine\'s counts; writes nothing', () => {
    const world = regionWorld(tables);
    const ctx = loadBundle(world.globals);
    const file = overTheWire(ctx.shnorWizardAnalyticalNote({}, { cards: true }) as HtmlFile);
    expect(file.fileName).toBe(`Аналитическая справка ${result.year}.html`);
    const html = file.html;
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    for (const id of ['recommendations', 'municipalities', 'lists', 'changes', 'caveats', 'annex-cards', 'annex-rules']) expect(html).toContain(`<section id="${id}"`);
    expect((html.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain(`Аналитическая справка о результатах идентификации ШНОР и ШФНСУ, ${result.year} год`);
    expect(html).toMatch(new RegExp(`Для каждой школы из перечней ШНОР и ШФНСУ \\(всего ${rec.cards.length} школ`));
    // Counted here from the engine's schools, not from the note's own tables.
    for (const c of CATEGORY_ORDER) {
      const n = result.schools.filter((s) => s.category === c).length;
      expect([c, noteCategoryCount(html, c)]).toEqual([c, n]);
    }
    expect(writes(world)).toEqual([]);
  });

  test('without cards: no annex; with errors in the data: a Russian error', () => {
    const world = regionWorld(tables);
    const ctx = loadBundle(world.globals);
    const html = (ctx.shnorWizardAnalyticalNote({}, { cards: false }) as HtmlFile).html;
    expect(html).not.toContain('<section id="annex-cards"');
    const empty = gasWorld();
    expect(() => loadBundle(empty.globals).shnorWizardAnalyticalNote({}, { cards: false })).toThrow(/справка не сформирована/i);
  });
});

describe('shnorWizardInsertProgrammeTemplate', () => {
  test('target indicators with the facts of the demo region, then the school roadmaps; existing sheets are kept', () => {
    const world = new World(OWNER);
    const tables = csvTables(DEMO_CSV);
    for (const [name, grid] of [['Школы', tables.schools], ['Результаты', tables.results], ['Социальные показатели', tables.social!]] as const) {
      const rows = pad(grid as unknown[][]);
      world.spreadsheet.insertSheet(name).getRange(1, 1, rows.length, rows[0].length).setValues(rows);
    }
    const ctx = loadBundle(reportingGlobals(world).globals);
    const first = overTheWire(ctx.shnorWizardInsertProgrammeTemplate('target-indicators', {}, { start: 2024 }) as TemplateReport);
    const expected = buildTemplate('target-indicators', { year: new Date().getFullYear(), start: 2024, identification: identify(tables, {}) }).sheets.map((s) => s.name);
    expect(first.created.sort()).toEqual([...expected].sort());
    expect(first.existing).toEqual([]);
    for (const name of expected) expect(world.spreadsheet.getSheetByName(name)).not.toBeNull();
    const instructionsOf = () => (world.spreadsheet.getSheetByName(TEMPLATE_SHEETS.instructions) as unknown as ReportingSheet).grid();
    const instructions = instructionsOf();
    // Again: every sheet is there, none is changed, «Инструкция» included.
    const again = overTheWire(ctx.shnorWizardInsertProgrammeTemplate('target-indicators', {}, {}) as TemplateReport);
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual([...expected].sort());
    expect(instructionsOf()).toEqual(instructions);
    // The school roadmaps keep the «Инструкция» of the indicators; one sheet per ШНОР plus the list of roadmaps.
    const roadmaps = overTheWire(ctx.shnorWizardInsertProgrammeTemplate('school-roadmaps', {}, {}) as TemplateReport);
    const shnor = identify(tables, {}).schools.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ').length;
    expect(shnor).toBeGreaterThan(0);
    expect(roadmaps.existing).toEqual([TEMPLATE_SHEETS.instructions]);
    expect(roadmaps.created.filter((n) => n.startsWith('ДК '))).toHaveLength(shnor);
    expect(roadmaps.created).toHaveLength(shnor + 1);
    expect(roadmaps.created).toContain(TEMPLATE_SHEETS.schoolIndex);
    expect(instructionsOf()).toEqual(instructions);
  });

  test('a template that needs the identification, without input sheets: a Russian error', () => {
    const world = new World(OWNER);
    const ctx = loadBundle(reportingGlobals(world).globals);
    expect(() => ctx.shnorWizardInsertProgrammeTemplate('school-roadmaps', {}, {})).toThrow(/нужны листы «Школы» и «Результаты»/);
  });
});

// ------------------------------------------------------------------ import of an official export

/** The fixture region (region.xlsx) and a ВПР export as sheets of one spreadsheet, as Sheets holds them. */
async function importWorld(keepSchoolRows?: number) {
  const world = gasWorld();
  for (const s of await readSource(fixture('region.xlsx'))) {
    world.spreadsheet.add(s.name, s.grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)) as CellValue[]));
  }
  const [vpr] = await source('vpr-2025-4-matematika.xlsx');
  let grid = vpr.grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)) as CellValue[]);
  if (keepSchoolRows !== undefined) {
    // Fewer school rows (those whose login starts with «sch»), everything else kept.
    let kept = 0;
    grid = grid.filter((r) => !/^sch\d+\s/.test(String(r[0])) || kept++ < keepSchoolRows);
  }
  world.spreadsheet.add(vpr.name, grid);
  return { world, sheetName: vpr.name };
}

function sheetOf(world: ReturnType<typeof gasWorld>, name: string): FakeSheet {
  return unwrap(world.spreadsheet.getSheetByName(name)) as unknown as FakeSheet;
}

describe('shnorWizardImportExport: a ВПР export opened as a sheet', () => {
  const t = truth.vpr.find((v) => v.grade === '4' && v.subject === 'Математика')!;

  test('preview reports the rows that would be added and writes nothing', async () => {
    const { world, sheetName } = await importWorld();
    const before = sheetOf(world, 'Результаты').grid();
    const ctx = loadBundle(world.globals);
    world.rec.reset();
    const report = overTheWire(ctx.shnorWizardImportExport({ kind: 'vpr', sourceSheet: sheetName, preview: true }) as ExportImportReport);
    expect(report.failed).toBe(false);
    expect(report.added).toBe(t.rows.length);
    expect(report.messages.join('\n')).toMatch(/sch280999/);
    expect(report.messages.at(-1)).toMatch(/Предварительный просмотр/);
    expect(writes(world)).toEqual([]);
    expect(sheetOf(world, 'Результаты').grid()).toEqual(before);
  });

  test('import appends the school rows to «Результаты» (new «2, %»… columns), the source untouched', async () => {
    const { world, sheetName } = await importWorld();
    const results = sheetOf(world, 'Результаты');
    const before = results.grid();
    const src = sheetOf(world, sheetName).grid();
    const ctx = loadBundle(world.globals);
    const report = overTheWire(ctx.shnorWizardImportExport({ kind: 'vpr', sourceSheet: sheetName, preview: false }) as ExportImportReport);
    expect(report.failed).toBe(false);
    expect(report.added).toBe(t.rows.length);
    const after = results.grid();
    expect(after).toHaveLength(before.length + t.rows.length);
    const header = after[0].map(String);
    expect(header.slice(-4)).toEqual(['2, %', '3, %', '4, %', '5, %']);
    // The old rows stay as they were.
    expect(after.slice(0, before.length).map((r) => r.slice(0, before[0].length))).toEqual(before);
    for (const want of t.rows) {
      const row = after.find((r, i) => i >= before.length && r[1] === want.code)!;
      expect(row).toBeDefined();
      expect([row[0], row[2], String(row[3]), row[4], row[header.indexOf('Участников')]]).toEqual([2025, 'ВПР', '4', 'Математика', want.n]);
      expect(row.slice(-4)).toEqual(want.percents);
    }
    expect(sheetOf(world, sheetName).grid()).toEqual(src);
  });

  test('one getValues per sheet read and the same calls for fewer rows', async () => {
    const histogram = async (keep?: number) => {
      const { world, sheetName } = await importWorld(keep);
      const ctx = loadBundle(world.globals);
      world.rec.reset();
      const report = ctx.shnorWizardImportExport({ kind: 'vpr', sourceSheet: sheetName, preview: false }) as ExportImportReport;
      return { h: world.rec.histogram(), added: report.added, calls: world.rec.calls };
    };
    const full = await histogram();
    const few = await histogram(5);
    expect(few.added).toBeLessThan(full.added);
    expect(few.h).toEqual(full.h);
    // The source, «Школы» and «Результаты» once each; the rows in one setValues (the new header cells in another).
    expect(full.calls.filter((c) => c.method === 'getValues').map((c) => c.sheet).sort()).toEqual(['Результаты', 'Статистика по отметкам', 'Школы'].sort());
    expect(full.calls.filter((c) => c.method === 'setValues').map((c) => c.sheet)).toEqual(['Результаты', 'Результаты']);
  });
});

// ------------------------------------------------------------------ the sidebar's client half

describe('GasBridge: the optional methods over google.script.run', () => {
  test('analyticalNote, importExport and insertProgrammeTemplate call their server functions with JSON', async () => {
    const { world, sheetName } = await importWorld();
    const log: string[] = [];
    const bridge = new GasBridge(scriptRun(loadBundle(world.globals), log));
    const preview = await bridge.importExport!({ kind: 'vpr', sourceSheet: sheetName, preview: true });
    expect(preview.added).toBeGreaterThan(0);
    // The fixture region has no 2025 results yet: the server's Russian error arrives as the rejection's message.
    await expect(bridge.analyticalNote!({}, { cards: false })).rejects.toThrow(/^Справка не сформирована: во входных данных 1 ошибка/);
    const note = await bridge.analyticalNote!({ year: 2024 } as never, { cards: false });
    expect(note.fileName).toBe('Аналитическая справка 2024.html');
    await expect(bridge.insertProgrammeTemplate!('no-such-kind' as never, {}, {})).rejects.toThrow(/^Неизвестный шаблон «no-such-kind»$/);
    expect(log).toEqual(['shnorWizardImportExport', 'shnorWizardAnalyticalNote', 'shnorWizardAnalyticalNote', 'shnorWizardInsertProgrammeTemplate']);
  });
});
