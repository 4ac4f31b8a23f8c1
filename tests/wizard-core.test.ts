/**
 * The host-neutral side of the wizard (wizard/core.ts, wizard/layout.ts) and the in-memory demo
 * bridge: templates the reader recognises, the import mapping, the layout every host writes, and
 * a full demo run that never touches the input sheets.
 */
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';
import { cellText } from '../shared/input/numbers';
import { outputSheets } from '../shared/report-tables';
import { DEFAULT_SETTINGS, readSettings } from '../shared/method/settings';
import type { Cell, Grid } from '../shared/types';
import { checkData } from '../shared/wizard-protocol';
import {
  TEMPLATE_SHEETS, appendPlan, applyPlanToGrid, cleanSettings, exportImportPlan, guessMapping, mapImport, outputSheetNames, previewSheet, quadrantGuides,
  runEngine, tablesFrom, templateGrid, templateHeaderRow,
} from '../wizard/core';
import { sampleVprExport } from '../addin/demo/sample-export';
import { DemoBridge, MemoryWorkbook } from '../wizard/demo-bridge';
import { layoutSheet } from '../wizard/layout';

describe('templates', () => {
  it('the reader finds the header of every template, and the settings template holds the defaults', () => {
    const grids = Object.fromEntries(TEMPLATE_SHEETS.map((t) => [t.name, templateGrid(t) as Grid]));
    const check = checkData(tablesFrom(grids));
    expect(check.sheets.every((s) => s.found)).toBe(true);
    expect(check.problems.filter((p) => /заголов|столбц/i.test(p.message))).toEqual([]);
    const settings = readSettings(grids['Настройки']);
    expect(settings.problems).toEqual([]);
    const { year: _y, ...fromSheet } = settings.settings;
    const { year: _d, ...defaults } = DEFAULT_SETTINGS;
    expect(fromSheet).toEqual(defaults);
  });

  it('puts notes above a blank row and the header', () => {
    const t = TEMPLATE_SHEETS[1];
    const g = templateGrid(t);
    expect(g[templateHeaderRow(t)]).toEqual(t.columns.map((c) => c.title));
    expect(g[templateHeaderRow(t) - 1].every((c) => c === '')).toBe(true);
    expect(g.every((r) => r.length === t.columns.length)).toBe(true);
  });
});

describe('import mapping', () => {
  const source: Grid = [
    ['Результаты ВПР-4'],
    ['Логин', 'Предмет', 'Число участников', 'Средняя отметка', '«2»', '«3»', '«4»', '«5»'],
    ['sch010014', 'Математика', 25, 3.9, 1, 6, 10, 8],
    ['sch010016', '', 20, 4.0, 0, 5, 10, 5],
    [],
    ['sch010019', 'Русский язык', 18, '3,7', 2, 5, 8, 3],
  ];

  it('previews the header and guesses the columns by title and synonym', () => {
    const p = previewSheet('ВПР', source);
    expect(p).toMatchObject({ name: 'ВПР', headerRow: 2, rows: 5 });
    expect(p.sample[0].slice(0, 2)).toEqual(['sch010014', 'Математика']);
    expect(guessMapping(p.headers)).toEqual({ 'Код ОО': 0, 'Предмет': 1, 'Участников': 2, 'Средний балл': 3, '2': 4, '3': 5, '4': 6, '5': 7 });
  });

  it('maps rows with constants, skipping a row with a required value missing', () => {
    const { rows, report } = mapImport(source, {
      sourceSheet: 'ВПР', headerRow: 2, columns: guessMapping(previewSheet('ВПР', source).headers), constants: { 'Год': 2025, 'Процедура': 'ВПР', 'Класс': 4 },
    });
    expect(report).toEqual({ appended: 2, skipped: 1, messages: ['Лист «ВПР», строка 4: пусто в «Предмет» — строка пропущена'] });
    expect(rows[1]).toEqual([2025, 'sch010019', 'ВПР', 4, 'Русский язык', 18, '3,7', null, null, 2, 5, 8, 3]);
  });

  it('refuses a mapping without the required columns, saying which', () => {
    const { report } = mapImport(source, { sourceSheet: 'ВПР', headerRow: 2, columns: { 'Код ОО': 0 }, constants: {} });
    expect(report.appended).toBe(0);
    expect(report.messages[0]).toMatch(/«Год».*«Процедура».*«Класс».*«Предмет».*«Участников»/);
  });

  it('appends under the existing sheet’s own column order and reports missing columns', () => {
    const existing: Grid = [['Код ОО', 'Год', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл'], ['001', 2024, 'ВПР', 4, 'Математика', 10, 4], []];
    const plan = appendPlan(existing, [[2025, '002', 'ВПР', 4, 'Математика', 12, 3.5, null, 1, null, null, null, null]]);
    expect(plan.startRow).toBe(2);
    expect(plan.rows).toEqual([['002', 2025, 'ВПР', 4, 'Математика', 12, 3.5]]);
    expect(plan.codeColumn).toBe(0);
    expect(plan.messages).toEqual(['На листе «Результаты» нет столбцов «Не справились»: эти значения не перенесены']);
    const fresh = appendPlan(null, [[2025, '002', 'ВПР', 4, 'Математика', 12, 3.5, null, null, null, null, null, null]]);
    const t = TEMPLATE_SHEETS.find((x) => x.name === 'Результаты')!;
    expect(fresh.startRow).toBe(templateHeaderRow(t) + 1);
  });
});

describe('engine run for the wizard', () => {
  const tables = generateRegion();

  it('returns the shared summary, the sheets and the quadrant guides from the engine’s sigmas', () => {
    const { result, summary, sheets } = runEngine(tables, { zCritical: 2.58 });
    expect(result.settings.zCritical).toBe(2.58);
    expect(sheets.map((s) => s.name)).toEqual(outputSheetNames(2025));
    const g = quadrantGuides(result)!;
    const w = result.settings.bandWidth;
    expect(g.isbshLow).toBeCloseTo(1 - 1.5 * w * result.isbshSigma!, 12);
    expect(g.qualityLow).toBeCloseTo(1 - 0.5 * w * result.qualitySigma!, 12);
    expect(summary.guides).toEqual(g);
    // Every school left of the ИСБШ line is in ИСБШ groups 1–4, every one right of it is not.
    for (const s of result.schools) {
      if (s.isbsh === null || s.isbshGroup === null) continue;
      expect(s.isbsh < g.isbshLow).toBe(s.isbshGroup <= 4);
    }
  });

  it('cleanSettings keeps known keys with values only (JSON from another host)', () => {
    expect(cleanSettings({ method: 'federal', zCritical: NaN, extra: 1, year: undefined } as never)).toEqual({ method: 'federal' });
    expect(cleanSettings(null)).toEqual({});
  });

  it('lays out a sheet: titles, a blank row, caption, header, rows; blocks a row apart', () => {
    const lists = outputSheets(identify(tables))[3];
    const l = layoutSheet(lists);
    // The title and the legend of «Статус в перечне».
    expect(l.titleRows).toEqual([0, 1]);
    expect(l.blocks[0]).toMatchObject({ captionRow: 3, headerRow: 4, firstRow: 5 });
    expect(l.blocks[1].captionRow).toBe(l.blocks[0].firstRow + l.blocks[0].rowCount + 1);
    expect(l.grid.every((r) => r.length === l.width)).toBe(true);
    expect(l.grid[l.blocks[1].headerRow]).toEqual(lists.blocks[1].header);
  });
});

describe('DemoBridge', () => {
  const tables = generateRegion();
  const inputs: Record<string, Cell[][]> = { 'Школы': tables.schools, 'Результаты': tables.results, 'Социальные показатели': tables.social!, 'Настройки': tables.settings! };
  const snapshot = JSON.stringify(inputs);

  it('walks check → candidates → run → re-run without touching the input sheets', async () => {
    const wb = new MemoryWorkbook(inputs);
    const bridge = new DemoBridge(wb);
    const check = await bridge.checkData();
    expect(check.errors).toBe(0);
    const candidates = await bridge.candidateFactors({});
    expect(candidates.length).toBe(check.socialColumns.length);
    const progress: string[] = [];
    const summary = await bridge.run({ year: 2024 }, (p) => progress.push(p.message));
    expect(summary.ok).toBe(true);
    expect(progress[progress.length - 1]).toBe('Готово');
    await bridge.run({});
    await bridge.run({ method: 'both' });
    expect(wb.names()).toEqual([...Object.keys(inputs), ...outputSheetNames(2024), ...outputSheetNames(2025)]);
    expect(JSON.stringify(Object.fromEntries(Object.keys(inputs).map((n) => [n, wb.sheets.get(n)])))).toBe(snapshot);
    expect(wb.active).toEqual({ sheet: 'Идентификация 2025', cell: 'A1' });
    expect(JSON.stringify(inputs)).toBe(snapshot);
  });

  it('on an empty workbook creates the templates, then imports into «Результаты»', async () => {
    const wb = new MemoryWorkbook({ 'Выгрузка': [['Код ОО', 'Предмет', 'Участников', 'Средний балл'], ['001', 'Математика', 10, 4.2]] });
    const bridge = new DemoBridge(wb);
    const rep = await bridge.importResults({ sourceSheet: 'Выгрузка', headerRow: 1, columns: { 'Код ОО': 0, 'Предмет': 1, 'Участников': 2, 'Средний балл': 3 }, constants: { 'Год': '2025', 'Процедура': 'ОГЭ', 'Класс': '9' } });
    expect(rep.appended).toBe(1);
    const results = wb.sheets.get('Результаты')!;
    const t = TEMPLATE_SHEETS.find((x) => x.name === 'Результаты')!;
    expect(results[templateHeaderRow(t)]).toEqual(t.columns.map((c) => c.title));
    expect(results[templateHeaderRow(t) + 1].slice(0, 7)).toEqual(['2025', '001', 'ОГЭ', '9', 'Математика', 10, 4.2]);
    const made = await bridge.createTemplates();
    expect(made).toEqual({ created: ['Школы', 'Социальные показатели', 'Настройки'], existing: ['Результаты'] });
  });
});

describe('DemoBridge: note, programme templates, export import', () => {
  const tables = generateRegion();
  const workbook = () => new MemoryWorkbook({
    'Школы': tables.schools, 'Результаты': tables.results, 'Социальные показатели': tables.social, 'Настройки': tables.settings,
  });

  it('the note is HTML named after the year; without cards there is no annex', async () => {
    const bridge = new DemoBridge(workbook());
    const withCards = await bridge.analyticalNote({}, { cards: true });
    const bare = await bridge.analyticalNote({}, { cards: false });
    expect(withCards.fileName).toBe('Аналитическая справка 2025.html');
    expect(withCards.html).toContain('Приложение А. Карточки школ');
    expect(bare.html).not.toContain('Приложение А. Карточки школ');
    expect(bare.html.length).toBeLessThan(withCards.html.length);
  });

  it('inserts a template as grids with formulas as «=…»; existing sheets kept', async () => {
    const wb = workbook();
    const bridge = new DemoBridge(wb);
    const r = await bridge.insertProgrammeTemplate('regional-roadmap', {}, { start: 2026 });
    expect(r).toEqual({ created: ['Инструкция', 'Дорожная карта'], existing: [] });
    expect(wb.active).toEqual({ sheet: 'Инструкция', cell: 'A1' });
    const again = await bridge.insertProgrammeTemplate('target-indicators', {}, {});
    expect(again.existing).toEqual(['Инструкция']);
    expect(again.created).toContain('Показатели программы');
    const cells = wb.sheets.get('Показатели программы')!.flat();
    expect(cells.some((c) => typeof c === 'string' && /^=IF\(/.test(c))).toBe(true);
  });

  it('imports an export in preview (nothing written) and for real', async () => {
    const { sampleVprExport } = await import('../addin/demo/sample-export');
    const wb = workbook();
    wb.put('ВПР', sampleVprExport(tables));
    const bridge = new DemoBridge(wb);
    const before = wb.sheets.get('Результаты')!.length;
    const preview = await bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР', preview: true });
    expect(wb.sheets.get('Результаты')!.length).toBe(before);
    const real = await bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР', preview: false });
    expect(real.added).toBe(preview.added);
    expect(wb.sheets.get('Результаты')!.length).toBe(before + real.added);
    expect((await bridge.checkData()).errors).toBe(0);
    await expect(bridge.importExport({ kind: 'oge', sourceSheet: 'Нет', preview: true })).rejects.toThrow('Нет листа «Нет»');
  });
});

describe('exportImportPlan: the import of an official export, as every host runs it', () => {
  const tables = generateRegion();
  const source = sampleVprExport(tables);
  const vpr = (preview: boolean, target: Grid | undefined) => exportImportPlan({ kind: 'vpr', sourceSheet: 'ВПР', preview }, { source, schools: tables.schools, target });

  it('hands over a plan only when there is something to write, and says it without command-line flags', () => {
    const preview = vpr(true, tables.results);
    expect(preview.report).toMatchObject({ failed: false });
    expect(preview.report.added).toBeGreaterThan(0);
    expect(preview.plan).toBeNull();
    expect(preview.report.messages).toContain('Первые строки для листа «Результаты»:');

    const real = vpr(false, tables.results);
    expect(real.plan).not.toBeNull();
    expect(real.plan!.append.length).toBe(real.report.added);
    const after = applyPlanToGrid(tables.results, real.plan!);

    // Again: every row is already there and no column is missing: nothing to write.
    const again = vpr(false, after);
    expect(again.plan).toBeNull();
    expect(again.report).toMatchObject({ added: 0, alreadyThere: real.report.added, failed: false });
    const text = again.report.messages.join('\n');
    expect(text).toMatch(/уже есть \d+ из импортируемых строк .*; они не добавлены\. Строки листа: /);
    expect(text).not.toMatch(/--/);

    // The rows are there but the «2, %»… columns are not: the plan only adds the columns.
    const narrow = after.map((r) => r.slice(0, tables.results[0].length));
    const columns = vpr(false, narrow);
    expect(columns.report.added).toBe(0);
    expect(columns.plan).not.toBeNull();
    expect(columns.plan!.append).toEqual([]);
    expect(columns.plan!.added.map((a) => a.title)).toEqual(['2, %', '3, %', '4, %', '5, %']);
  });

  it('a failure hands over no plan and names the wizard’s mapping field, not --map', () => {
    const bad = exportImportPlan({ kind: 'oge', sourceSheet: 'ОГЭ', preview: false }, {
      source: [['Код ОО', 'Что-то'], ['1', 'x']], schools: tables.schools, target: tables.results,
    });
    expect(bad.plan).toBeNull();
    expect(bad.report.failed).toBe(true);
    const text = bad.report.messages.join('\n');
    expect(text).toMatch(/^Ошибки \(1\): ничего не записано\.$/m);
    expect(text).toContain('(укажите сопоставление столбцов «Участников=D; Код ОО=B»)');
    expect(text).not.toMatch(/--/);
  });

  it('a missing year, class or subject is asked for in the wizard’s words (the year field, the sheet’s name), and that advice works', () => {
    // The export without the titles that say the year, the class and the subject.
    const bare = source.filter((r) => !/^(Статистика по отметкам|Всероссийские проверочные работы|Предмет:)/.test(cellText(r[0])));
    const run = (sourceSheet: string, year?: number) => exportImportPlan({ kind: 'vpr', sourceSheet, year, preview: true }, { source: bare, schools: tables.schools, target: tables.results });
    const bad = run('Лист1');
    expect(bad.report.failed).toBe(true);
    const text = bad.report.messages.join('\n');
    expect(text).toContain('не удалось определить год, класс и предмет по заголовку листа и имени файла: укажите год в поле «Год результатов»; '
      + 'класс в имени листа или файла, например «4 класс»; предмет в имени листа или файла, например «Математика»');
    expect(text).not.toMatch(/--/);
    const noSubject = run('ВПР 4 класс', 2026);
    expect(noSubject.report.failed).toBe(true);
    const subjectText = noSubject.report.messages.join('\n');
    expect(subjectText).toContain('не удалось определить предмет по заголовку листа и имени файла: укажите предмет в имени листа или файла, например «Математика»');
    expect(subjectText).not.toMatch(/--/);
    const good = run('ВПР 4 класс математика', 2026);
    expect(good.report.failed).toBe(false);
    expect(good.report.added).toBeGreaterThan(0);
  });
});
