/**
 * The Excel bridge's optional methods over the office-addin-mock fake: the analytical note (reads,
 * never writes), programme templates (values, formulas, validation, frozen header; existing sheets
 * left alone) and the import of official exports (preview writes nothing; a real import appends
 * once). Sync counts stay fixed when the region, the template or the export grows.
 */
import { sampleVprExport } from '../addin/demo/sample-export';
import { EXPORT_IMPORT_SYNCS, ExcelBridge, NOTE_SYNCS, TEMPLATE_SYNCS } from '../addin/taskpane/excel-bridge';
import { identify } from '../shared/method/identify';
import { CATEGORY_ORDER } from '../shared/messages';
import { layoutTemplate } from '../shared/roadmap/template-sheet';
import { buildTemplate } from '../shared/roadmap/templates';
import type { Cell } from '../shared/types';
import { FakeExcel, sheetValues } from './addin-fake-excel';
import { noteCategoryCount } from './helpers/note';
import { source, truth } from './import-helpers';
import { clone, memoryStore, setup, workbookOf } from './addin-setup';

/** Syncs one call takes. */
async function syncsOf<T>(fake: FakeExcel, call: () => Promise<T>): Promise<{ value: T; syncs: number }> {
  const before = fake.syncs;
  const value = await call();
  return { value, syncs: fake.syncs - before };
}

describe('analytical note', () => {
  const { tables, fake, bridge } = setup(300);
  const before = fake.names().map((n) => [n, clone(sheetValues(fake.sheet(n)!))]);

  it('is one HTML file with the engine’s categories, read in two syncs, nothing written', async () => {
    const { value: file, syncs } = await syncsOf(fake, () => bridge.analyticalNote({}, { cards: true }));
    expect(syncs).toBe(NOTE_SYNCS);
    expect(file.fileName).toBe('Аналитическая справка 2025.html');
    expect(file.html).toContain('<title>Аналитическая справка о результатах идентификации ШНОР и ШФНСУ, 2025 год</title>');
    expect(file.html).toContain('Приложение А. Карточки школ');
    expect((file.html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    // Counted here from the engine's schools, not from the note's own tables.
    const result = identify(tables);
    for (const c of CATEGORY_ORDER) {
      const n = result.schools.filter((s) => s.category === c).length;
      expect([c, noteCategoryCount(file.html, c)]).toEqual([c, n]);
    }
    expect(fake.names().map((n) => [n, sheetValues(fake.sheet(n)!)])).toEqual(before);
  });

  it('without cards has no annex; the settings of the wizard apply', async () => {
    const file = await bridge.analyticalNote({ year: 2024 }, { cards: false });
    expect(file.fileName).toBe('Аналитическая справка 2024.html');
    expect(file.html).not.toContain('Приложение А. Карточки школ');
    expect(file.html).toContain('в эту справку не включены');
  });

  it('rejects with a Russian message when the data has errors', async () => {
    const results = clone(tables.results);
    results[3][results[0].indexOf('Участников')] = 'много';
    const f = new FakeExcel(workbookOf({ ...tables, results }));
    await expect(new ExcelBridge(f.runner, memoryStore()).analyticalNote({}, { cards: false })).rejects.toThrow(/Справка не сформирована: во входных данных 1 ошибка/);
  });
});

describe('programme templates', () => {
  it('inserts «Целевые показатели программы» with values, formulas and validation in three syncs', async () => {
    const { tables, fake, bridge } = setup(300);
    const inputs = ['Школы', 'Результаты', 'Социальные показатели', 'Настройки'].map((n) => clone(sheetValues(fake.sheet(n)!)));
    const { value: report, syncs } = await syncsOf(fake, () => bridge.insertProgrammeTemplate('target-indicators', {}, { start: 2026 }));
    expect(syncs).toBe(TEMPLATE_SYNCS.withIdentification);
    const expected = buildTemplate('target-indicators', { year: new Date().getFullYear(), start: 2026, identification: identify(tables) }).sheets.map(layoutTemplate);
    expect(report).toEqual({ created: expected.map((l) => l.name), existing: [] });
    expect(fake.active).toBe(expected[0].name);
    for (const layout of expected) {
      const sheet = fake.sheet(layout.name)!;
      const got = sheetValues(sheet);
      for (const row of layout.rows) {
        row.values.forEach((v, c) => {
          const cell = got[row.row - 1]?.[c];
          if (v && typeof v === 'object' && 'formula' in v) expect(sheet.formulas.get(`${String.fromCharCode(65 + c)}${row.row}`)).toBe(v.formula.startsWith('=') ? v.formula : `=${v.formula}`);
          else if (typeof v === 'string' || typeof v === 'number') expect([layout.name, row.row, c, cell]).toEqual([layout.name, row.row, c, v]);
        });
      }
      expect(sheet.validations.length).toBe(layout.validations.length);
      expect(sheet.frozenRows).toBe(layout.freezeRow);
    }
    expect(fake.sheet('Показатели программы')!.formulas.size).toBeGreaterThan(0);
    ['Школы', 'Результаты', 'Социальные показатели', 'Настройки'].forEach((n, i) => expect(sheetValues(fake.sheet(n)!)).toEqual(inputs[i]));

    // Again: every sheet is there, none is overwritten, nothing is written.
    const names = fake.names();
    const again = await syncsOf(fake, () => bridge.insertProgrammeTemplate('target-indicators', {}, {}));
    expect(again.value).toEqual({ created: [], existing: expected.map((l) => l.name) });
    expect(again.syncs).toBe(2);
    expect(fake.names()).toEqual(names);
  });

  it('a roadmap needs only the sheet names; «Инструкция» of another template is kept', async () => {
    const { fake, bridge } = setup(300);
    const first = await syncsOf(fake, () => bridge.insertProgrammeTemplate('regional-roadmap', {}, {}));
    expect(first.syncs).toBe(TEMPLATE_SYNCS.plain);
    expect(first.value.created).toEqual(['Инструкция', 'Дорожная карта']);
    const instructions = clone(sheetValues(fake.sheet('Инструкция')!));
    const second = await bridge.insertProgrammeTemplate('programme-roadmap', {}, {});
    expect(second.existing).toEqual(['Инструкция']);
    expect(sheetValues(fake.sheet('Инструкция')!)).toEqual(instructions);
  });

  it('school roadmaps: one sheet per ШНОР, the same syncs for 300 and 800 schools', async () => {
    const counts: number[] = [];
    for (const n of [300, 800]) {
      const { tables, fake, bridge } = setup(n);
      const { value, syncs } = await syncsOf(fake, () => bridge.insertProgrammeTemplate('school-roadmaps', {}, {}));
      const shnor = identify(tables).schools.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ').length;
      expect(value.created.filter((x) => x.startsWith('ДК '))).toHaveLength(shnor);
      counts.push(syncs);
    }
    expect(counts).toEqual([TEMPLATE_SYNCS.withIdentification, TEMPLATE_SYNCS.withIdentification]);
  });

  it('refuses a bad start year', async () => {
    const { bridge } = setup(300);
    await expect(bridge.insertProgrammeTemplate('regional-roadmap', {}, { start: 25 })).rejects.toThrow(/Первый год программы/);
  });
});

describe('import of official exports', () => {
  it('previews a ВПР export without writing, then appends it in one write', async () => {
    const { tables, fake, bridge } = setup(300, (t) => ({ 'ВПР 4 математика': sampleVprExport(t) }));
    const resultsBefore = clone(sheetValues(fake.sheet('Результаты')!));
    const names = fake.names();
    const preview = await syncsOf(fake, () => bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР 4 математика', preview: true }));
    expect(preview.syncs).toBe(EXPORT_IMPORT_SYNCS.preview);
    expect(fake.names()).toEqual(names);
    expect(sheetValues(fake.sheet('Результаты')!)).toEqual(resultsBefore);
    // Independently: schools with ВПР-4 mathematics counts in 2025, minus none (one comes by name, one is unknown).
    const h = tables.results[0] as string[];
    const vpr = tables.results.slice(1).filter((r) => r[h.indexOf('Год')] === 2025 && r[h.indexOf('Процедура')] === 'ВПР' && String(r[h.indexOf('Класс')]) === '4' && r[h.indexOf('Предмет')] === 'Математика');
    expect(preview.value).toMatchObject({ added: vpr.length, alreadyThere: 0, failed: false });
    const text = preview.value.messages.join('\n');
    expect(text).toContain('по наименованию в муниципалитете — 1');
    expect(text).toMatch(/строка \d+: код «sch999777».*не найдена на листе «Школы»/);
    expect(text).toContain('Первые строки для листа «Результаты»');

    const real = await syncsOf(fake, () => bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР 4 математика', preview: false }));
    expect(real.syncs).toBe(EXPORT_IMPORT_SYNCS.write);
    expect(real.value.added).toBe(vpr.length);
    const after = sheetValues(fake.sheet('Результаты')!);
    expect(after.length).toBe(resultsBefore.length + vpr.length);
    const header = after[0].map(String);
    expect(header.slice(-4)).toEqual(['2, %', '3, %', '4, %', '5, %']);
    // A school's row: its 2025 counts as percentages, computed here.
    const src = vpr[5];
    const code = String(src[h.indexOf('Код ОО')]);
    const counts = ['2', '3', '4', '5'].map((m) => Number(src[h.indexOf(m)]));
    const n = counts.reduce((a, b) => a + b, 0);
    const row = after.slice(resultsBefore.length).find((r) => r[header.indexOf('Код ОО')] === code)!;
    expect(row[header.indexOf('Год')]).toBe(2026);
    expect(row[header.indexOf('Участников')]).toBe(n);
    counts.forEach((c, i) => expect(row[header.indexOf(`${i + 2}, %`)] as number).toBeCloseTo(Math.round((c / n) * 10000) / 100, 6));
    expect(fake.sheet('Результаты')!.numberFormats.get(`B${resultsBefore.length + 1}`)).toBe('@');
    const check = await bridge.checkData();
    expect(check.errors).toBe(0);
    expect(check.years).toContain(2026);

    // Again: every row is already there, nothing is added.
    const again = await syncsOf(fake, () => bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР 4 математика', preview: false }));
    expect(again.value).toMatchObject({ added: 0, alreadyThere: vpr.length, failed: false });
    expect(again.syncs).toBe(EXPORT_IMPORT_SYNCS.preview);
    expect(sheetValues(fake.sheet('Результаты')!).length).toBe(after.length);
  });

  it('the sync count does not grow with the export (300 and 1,200 schools)', async () => {
    const counts: number[] = [];
    for (const n of [300, 1200]) {
      const { fake, bridge } = setup(n, (t) => ({ 'ВПР': sampleVprExport(t) }));
      const r = await syncsOf(fake, () => bridge.importExport({ kind: 'vpr', sourceSheet: 'ВПР', preview: false }));
      expect(r.value.added).toBeGreaterThan(n * 0.8);
      counts.push(r.syncs);
    }
    expect(counts).toEqual([EXPORT_IMPORT_SYNCS.write, EXPORT_IMPORT_SYNCS.write]);
  });

  it('imports the fixture ВПР file into the fixture region as its truth says', async () => {
    const region = await source('region.xlsx');
    const [vpr] = await source('vpr-2025-4-matematika.xlsx');
    const t = truth.vpr.find((x) => x.grade === '4' && x.subject === 'Математика')!;
    const grids: Record<string, Cell[][]> = Object.fromEntries(region.map((s) => [s.name, s.grid]));
    const fake = new FakeExcel({ ...grids, 'Статистика по отметкам': vpr.grid });
    const bridge = new ExcelBridge(fake.runner, memoryStore());
    const earlier = clone(sheetValues(fake.sheet('Результаты')!));
    const before = earlier.length;
    const r = await bridge.importExport({ kind: 'vpr', sourceSheet: 'Статистика по отметкам', preview: false });
    expect(r.failed).toBe(false);
    expect(r.added).toBe(t.rows.length);
    const rows = sheetValues(fake.sheet('Результаты')!);
    const header = rows[0].map(String);
    for (const want of t.rows) {
      const got = rows.slice(before).find((x) => x[header.indexOf('Код ОО')] === want.code)!;
      expect(got[header.indexOf('Участников')]).toBe(want.n);
      want.percents.forEach((p, i) => expect(got[header.indexOf(`${i + 2}, %`)] as number).toBeCloseTo(p, 6));
    }
    // The three rows of 2024 above (and the header) stay as they were.
    expect(rows.slice(1, before).map((x) => x[0])).toEqual([2024, 2024, 2024]);
    expect(rows.slice(0, before).map((x) => x.slice(0, earlier[0].length))).toEqual(earlier);
  });

  it('an export it cannot read fails with the reason and writes nothing', async () => {
    const { fake, bridge } = setup(300, () => ({ 'Заметки': [['Просто текст'], ['и ещё строка']] }));
    const names = fake.names();
    const r = await bridge.importExport({ kind: 'vpr', sourceSheet: 'Заметки', preview: false });
    expect(r.failed).toBe(true);
    expect(r.messages.join('\n')).toContain('не найдена строка заголовков выгрузки ВПР');
    expect(fake.names()).toEqual(names);
    await expect(bridge.importExport({ kind: 'oge', sourceSheet: 'Нет такого', preview: true })).rejects.toThrow('Нет листа «Нет такого»');
  });
});
