/**
 * The whole identification through the «ШНОР» menu, as Apps Script runs it: the built Code.js in a
 * vm context over recording fakes. The demo region's CSV folder is loaded into the fake spreadsheet
 * the way Sheets holds an import (numbers as numbers, codes as text), the menu command runs, and the
 * sheets it writes are compared with the command line's JSON for the same folder. Input sheets must
 * stay unchanged, and the calls must not grow with the number of schools.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ContractJson } from '../shared/contract';
import { CATEGORY_ORDER, CHANGE_TEXT, categoryName } from '../shared/messages';
import { GROUP_COLORS } from '../shared/report-tables';
import { generateRegion } from '../examples/demo-region';
import { type Call, type FakeSheet, loadBundle } from './fakes/gas-fakes';
import { INPUT_NAMES, type RegionWorld, csvTables, regionWorld, tableOf } from './fakes/gas-region';

const ROOT = path.join(__dirname, '..');
const DEMO_CSV = path.join(ROOT, 'examples', 'demo-region-csv');
const OUTPUT = ['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025', 'Объективность 2025'];

/** Methods that only read: anything else on an input sheet is a change. */
const READS = new Set(['getValues', 'getDataRange', 'getName', 'getSheetId', 'getMaxRows', 'getMaxColumns', 'getLastRow', 'getLastColumn', 'getFormulas', 'getNumberFormats', 'getA1Notation']);

function cliJson(): ContractJson {
  const cli = path.join(ROOT, 'bin', 'shnor.js');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'node', 'cli'))) throw new Error('dist/node is missing: run `npm run build` first');
  return JSON.parse(execFileSync(process.execPath, [cli, 'identify', DEMO_CSV, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

function run(world: RegionWorld, fn = 'shnorRunIdentification'): ReturnType<typeof loadBundle> {
  const ctx = loadBundle(world.globals);
  for (const s of world.inputs) s.readOnly = true;
  world.rec.reset();
  ctx[fn]();
  return ctx;
}

function sheet(world: RegionWorld, name: string): FakeSheet {
  const s = world.spreadsheet.sheet(name);
  if (!s) throw new Error(`no sheet «${name}»; there are ${world.spreadsheet.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

const blankIfNull = (v: unknown) => (v === null ? '' : v);

describe('the demo region through the menu', () => {
  const json = cliJson();
  const world = regionWorld(csvTables(DEMO_CSV));
  const before = world.snapshot();
  run(world);
  const calls = [...world.rec.calls];

  test('onOpen adds the «ШНОР» menu; every item calls a function of the project', () => {
    const w = regionWorld(csvTables(DEMO_CSV));
    const c = loadBundle(w.globals);
    c.onOpen();
    expect(w.ui.menus).toHaveLength(1);
    const menu = w.ui.menus[0];
    expect(menu.title).toBe('ШНОР');
    const items = menu.items.filter((i) => i !== 'separator') as { caption: string; functionName: string }[];
    expect(items.map((i) => i.caption)).toEqual([
      'Мастер идентификации…', 'Создать листы-шаблоны', 'Проверить данные', 'Выполнить идентификацию',
      'Создать листы отчётов муниципалитетов', 'Сдать отчёт за квартал', 'Сбор отчётов',
      'Шаблон: региональная дорожная карта', 'Шаблон: дорожная карта программы', 'Шаблон: муниципальная программа',
      'Шаблон: дорожные карты ШНОР', 'Шаблон: целевые показатели', 'Справка',
    ]);
    for (const item of items) expect(typeof c[item.functionName]).toBe('function');
    expect(menu.items.filter((i) => i === 'separator')).toHaveLength(4);
  });

  test('writes the sheets of the year after the input sheets and says so', () => {
    expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual([...Object.values(INPUT_NAMES), ...OUTPUT]);
    expect(world.ui.alerts).toHaveLength(1);
    expect(world.ui.alerts[0].title).toBe('Идентификация 2025 года выполнена');
    expect(world.ui.alerts[0].message).toContain(`Школ: ${json.schools.length}.`);
    expect(world.spreadsheet.active?.sheet).toBe('Идентификация 2025');
  });

  test('«Идентификация 2025» holds the same results as the command line, school by school', () => {
    const { rows } = tableOf(sheet(world, 'Идентификация 2025'), 'Код ОО');
    expect(rows.map((r) => r['Код ОО'])).toEqual(json.schools.map((s) => s.code));
    const close = (got: unknown, want: number | null) => {
      if (want === null) expect(got).toBe('');
      else expect(got as number).toBeCloseTo(want, 9);
    };
    json.schools.forEach((s, i) => {
      const r = rows[i];
      expect(r['Наименование ОО']).toBe(s.name);
      expect(r['Муниципалитет']).toBe(s.municipality);
      close(r['Индекс качества'], s.qualityIndex);
      close(r['Стандартная ошибка'], s.qualityIndexSE);
      close(r['z'], s.qualityZ);
      expect(r['Группа (качество)']).toBe(blankIfNull(s.qualityGroup));
      close(r['ИСБШ'], s.isbsh);
      expect(r['Группа (ИСБШ)']).toBe(blankIfNull(s.isbshGroup));
      close(r['Вклад школы'], s.residual);
      expect(r['Федеральный критерий']).toBe(s.federalLow ? 'да' : 'нет');
      expect(r['Категория']).toBe(blankIfNull(s.category));
      expect(r['Устойчивость']).toBe(s.stable === null ? '' : s.stable ? 'да' : 'нет');
      // A ШНОР with no «впервые»/«повторно» (no quality group in 2024) says why instead of an empty cell.
      const shnorWithoutStatus = !s.change && (s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ');
      if (shnorWithoutStatus) expect(r['Изменение статуса']).toMatch(/^без сравнения с 2024 годом: /);
      else expect(r['Изменение статуса']).toBe(s.change ? CHANGE_TEXT[s.change as keyof typeof CHANGE_TEXT] : '');
      expect(r['Обоснование']).toBe(s.reason);
      expect(r['Партнёры']).toBe(s.partners.join(', '));
      expect(r['Показатели ниже порога']).toBe(s.lowIndicators.join(', '));
    });
    // Codes keep their leading zeros: the column is plain text, not numbers.
    expect(json.schools[0].code).toMatch(/^0/);
  });

  test('«Модель ИСБШ 2025» holds the command line\'s model', () => {
    const { rows } = tableOf(sheet(world, 'Модель ИСБШ 2025'), 'Фактор');
    const model = json.model!;
    expect(rows[0]['b'] as number).toBeCloseTo(model.intercept, 10);
    model.factors.forEach((f, j) => {
      const r = rows[j + 1];
      expect(r['Фактор']).toBe(f.name);
      expect(r['b'] as number).toBeCloseTo(f.b, 10);
      expect(r['Стандартная ошибка'] as number).toBeCloseTo(f.se, 10);
      expect(r['t'] as number).toBeCloseTo(f.t, 8);
      expect(r['p'] as number).toBeCloseTo(f.p, 10);
      expect(r['Стандартизованный β'] as number).toBeCloseTo(f.beta, 10);
    });
    const model25 = sheet(world, 'Модель ИСБШ 2025');
    const quality = tableOf(model25, 'R²');
    const fit = quality.rows[0];
    expect(fit['R²'] as number).toBeCloseTo(model.r2, 10);
    expect(fit['Скорректированный R²'] as number).toBeCloseTo(model.adjR2, 10);
    expect(fit['Число школ (n)']).toBe(model.n);
    // The block's own formats: n as a whole number, R² with three decimals.
    expect(model25.formatAt(quality.headerRow + 1, quality.header.indexOf('Число школ (n)') + 1)).toBe('0');
    expect(model25.formatAt(quality.headerRow + 1, 1)).toBe('0.000');
  });

  test('«Свод 2025» counts the categories of the command line', () => {
    const { rows } = tableOf(sheet(world, 'Свод 2025'), 'Муниципалитет');
    const total = rows[rows.length - 1];
    for (const c of CATEGORY_ORDER) expect(total[categoryName(c)]).toBe(json.schools.filter((s) => s.category === c).length);
    expect(total['Всего ОО']).toBe(json.schools.length);
  });

  test('«Перечни 2025» lists every ШНОР of the command line', () => {
    const grid = sheet(world, 'Перечни 2025').grid();
    const first = grid.findIndex((r) => String(r[0]).startsWith('Приложение 1'));
    const header = grid[first + 1].map(String);
    const code = header.indexOf('Код ОО');
    const listed: string[] = [];
    for (let r = first + 2; r < grid.length && grid[r][0] !== ''; r++) listed.push(String(grid[r][code]));
    const shnor = json.schools.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ').map((s) => s.code);
    expect(listed.sort()).toEqual(shnor.sort());
  });

  test('formats: frozen header, a filter, colours by group and category, codes as text', () => {
    const ident = sheet(world, 'Идентификация 2025');
    const { headerRow, header, rows } = tableOf(ident, 'Код ОО');
    expect(ident.frozenRows).toBe(headerRow);
    const last = String.fromCharCode(64 + header.length);
    expect(ident.filter?.a1).toBe(`A${headerRow}:${last}${headerRow + rows.length}`);
    const groupRules = ident.rules.filter((r) => r.condition?.type === 'numberEqualTo');
    expect(groupRules.map((r) => r.condition!.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(groupRules.map((r) => r.background)).toEqual(GROUP_COLORS);
    const [first, lastRow] = [headerRow + 1, headerRow + rows.length];
    expect(groupRules[0].ranges).toEqual([`Идентификация 2025!G${first}:G${lastRow}`, `Идентификация 2025!I${first}:I${lastRow}`]);
    const categoryRules = ident.rules.filter((r) => r.condition?.type === 'textEqualTo');
    expect(categoryRules.map((r) => r.condition!.value)).toEqual(CATEGORY_ORDER);
    expect(ident.formatAt(headerRow + 1, 1)).toBe('@');
    expect(ident.formatAt(headerRow + 1, 4)).toBe('0.000');
    // «Свод» also has a filter and a frozen header; «Модель» and «Перечни» do not.
    expect(sheet(world, 'Свод 2025').filter).not.toBeNull();
    expect(sheet(world, 'Перечни 2025').filter).toBeNull();
  });

  test('the scatter chart of the quality index against the ИСБШ, with the quadrant lines', () => {
    const model = sheet(world, 'Модель ИСБШ 2025');
    expect(model.charts).toHaveLength(1);
    const chart = model.charts[0];
    expect(chart.type).toBe('scatter');
    expect(chart.numHeaders).toBe(1);
    const grid = model.grid();
    // The chart's table: caption, header (X = ИСБШ, a column per category present, three lines), points, 2 rows per line.
    const caption = grid.findIndex((r) => r.includes('Данные диаграммы «Индекс качества и ИСБШ»'));
    const col = grid[caption].indexOf('Данные диаграммы «Индекс качества и ИСБШ»');
    const header = grid[caption + 1].slice(col).filter((c) => c !== '');
    const plotted = json.schools.filter((s) => s.qualityIndex !== null && s.isbsh !== null && s.qualityGroup !== null);
    const present = CATEGORY_ORDER.filter((c) => plotted.some((s) => s.category === c));
    expect(header).toEqual(['ИСБШ', ...present, 'Граница ИСБШ (группы 1–4)', 'Граница низких результатов (группы 1–5)', 'Граница высоких результатов (группы 7–11)']);
    const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
    expect(chart.ranges).toEqual([`${a1(caption + 1, col)}:${a1(caption + 1 + plotted.length + 6, col + header.length - 1)}`]);
    // Each school's point sits in its category's column.
    const points = grid.slice(caption + 2, caption + 2 + plotted.length);
    for (const s of plotted) {
      const row = points.find((r) => Math.abs((r[col] as number) - s.isbsh!) < 1e-12 && r.slice(col + 1).some((v) => v !== '' && Math.abs((v as number) - s.qualityIndex!) < 1e-12));
      expect(row).toBeDefined();
      expect(row![col + 1 + present.indexOf(s.category as never)] as number).toBeCloseTo(s.qualityIndex!, 12);
    }
    const series = chart.options.series as Record<string, { lineWidth: number; pointSize: number }>;
    expect(Object.keys(series)).toHaveLength(header.length - 1);
    expect(series[String(present.length)].lineWidth).toBe(1);
    expect(chart.options.title).toBe('Индекс качества и ИСБШ, 2025');
  });

  test('the input sheets are unchanged: no write call reached them', () => {
    expect(world.snapshot()).toEqual(before);
    const inputNames = new Set(Object.values(INPUT_NAMES));
    const touching = calls.filter((c: Call) => c.sheet && inputNames.has(c.sheet) && !READS.has(c.method));
    expect(touching).toEqual([]);
  });

  test('one getValues per input sheet, one setValues per output sheet', () => {
    const getValues = calls.filter((c) => c.method === 'getValues');
    expect(getValues.map((c) => c.sheet)).toEqual(Object.values(INPUT_NAMES));
    const setValues = calls.filter((c) => c.method === 'setValues');
    expect(setValues.map((c) => c.sheet)).toEqual(OUTPUT);
    expect(calls.filter((c) => c.method === 'setNumberFormats').map((c) => c.sheet)).toEqual(OUTPUT);
  });
});

describe('re-running', () => {
  const world = regionWorld(csvTables(DEMO_CSV));
  const ctx = run(world);
  const first = OUTPUT.map((n) => sheet(world, n).grid());
  const objects = OUTPUT.map((n) => sheet(world, n));

  test('replaces that year\'s sheets in place and only them', () => {
    ctx.shnorRunIdentification();
    expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual([...Object.values(INPUT_NAMES), ...OUTPUT]);
    OUTPUT.forEach((n, i) => {
      expect(sheet(world, n)).toBe(objects[i]);
      expect(sheet(world, n).grid()).toEqual(first[i]);
    });
    expect(sheet(world, 'Модель ИСБШ 2025').charts).toHaveLength(1);
  });

  test('another year adds its own sheets and leaves 2025 alone', () => {
    const summary = ctx.shnorWizardRun({ year: 2024 }) as { ok: boolean; year: number; sheetsWritten: string[] };
    expect(summary.ok).toBe(true);
    expect(summary.year).toBe(2024);
    const names = world.spreadsheet.sheets.map((s) => s.name);
    expect(names).toEqual([...Object.values(INPUT_NAMES), ...OUTPUT, 'Идентификация 2024', 'Модель ИСБШ 2024', 'Свод 2024', 'Перечни 2024', 'Объективность 2024']);
    OUTPUT.forEach((n, i) => expect(sheet(world, n).grid()).toEqual(first[i]));
  });
});

describe('batching', () => {
  function callsFor(schools: number): { histogram: Record<string, number>; total: number } {
    const world = regionWorld(generateRegion({ schools }), false);
    run(world);
    expect(world.ui.alerts[0].title).toBe('Идентификация 2025 года выполнена');
    expect(tableOf(sheet(world, 'Идентификация 2025'), 'Код ОО').rows).toHaveLength(schools);
    // Sizing a sheet is one call per dimension: inserting rows for a large region, deleting spare ones for a small one.
    const histogram: Record<string, number> = {};
    for (const [key, n] of Object.entries(world.rec.histogram())) {
      const k = key.replace(/\.(insertRowsAfter|deleteRows)$/, '.resizeRows').replace(/\.(insertColumnsAfter|deleteColumns)$/, '.resizeColumns');
      histogram[k] = (histogram[k] ?? 0) + n;
    }
    return { histogram, total: world.rec.calls.length };
  }

  test('the same calls for 300 and 3,000 schools', () => {
    const small = callsFor(300);
    const large = callsFor(3000);
    expect(large.total).toBe(small.total);
    expect(large.histogram).toEqual(small.histogram);
    expect(small.histogram['Range.getValues']).toBe(4);
    expect(small.histogram['Range.setValues']).toBe(5);
    // For the record (docs/gas.md): the whole run's calls by kind.
    const byKind: Record<string, number> = {};
    for (const [key, n] of Object.entries(small.histogram)) byKind[key.split('.')[0]] = (byKind[key.split('.')[0]] ?? 0) + n;
    console.info(`Apps Script calls of a run: ${small.total} for 300 schools, ${large.total} for 3,000; by kind ${JSON.stringify(byKind)}`);
  });
});
