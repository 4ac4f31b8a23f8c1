/**
 * `shnor identify --format json` on the Python reference region (tests/reference/reference_objectivity.py)
 * written as a CSV folder the way Russian Excel saves one (decimal commas, «;»): the contract's
 * `objectivity` equals the reference computed from the pupils; the .xlsx output has «Объективность 2025».
 */
import ExcelJS from 'exceljs';
import * as path from 'path';
import { gridsOf, referenceRegion } from '../helpers/objectivity-region';
import { shnor, tempDir, writeCsvFolder } from './run-cli';

const ref = referenceRegion(320, 11);
const grids = gridsOf(ref);
const asText = (grid: unknown[][]) => grid.map((row) => row.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c).replace('.', ',') : String(c))));
const dir = tempDir('shnor-objectivity-');
writeCsvFolder(dir, { 'schools.csv': asText(grids.schools), 'results.csv': asText(grids.results) });

test('the contract\'s objectivity from the command line = the reference (320 schools, CSV with decimal commas)', () => {
  const run = shnor(['identify', dir, '--year', '2025', '--format', 'json']);
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout);
  const o = json.objectivity;
  expect(Math.abs(o.index - ref.expected.index!)).toBeLessThan(1e-9);
  expect(Math.abs(o.indexWithAdditions - ref.expected.indexWithAdditions!)).toBeLessThan(1e-9);
  o.municipalities.forEach((m: { name: string; index: number }, i: number) => {
    expect(m.name).toBe(ref.expected.municipalities[i].name);
    expect(Math.abs(m.index - ref.expected.municipalities[i].index!)).toBeLessThan(1e-9);
  });
  for (const s of o.schools as { code: string; markers: string[]; reasons: string[]; noData: string[] }[]) {
    const st = ref.expected.status[s.code];
    expect([s.code, s.markers]).toEqual([s.code, ref.expected.markers.filter((_, i) => st[i] === 'marked')]);
    expect([s.code, s.noData]).toEqual([s.code, ref.expected.markers.filter((_, i) => i < 14 && st[i] === 'no-data')]);
    expect(s.reasons).toHaveLength(s.markers.length);
  }
});

test('the workbook gets «Объективность 2025» with a row per school and the municipal table', async () => {
  const out = path.join(dir, 'result.xlsx');
  expect(shnor(['identify', dir, '--year', '2025', '--format', 'xlsx', '--out', out]).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('Объективность 2025')!;
  expect(ws).toBeTruthy();
  const values = Array.from(ws.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
  const header = values.findIndex((r) => r[0] === 'Код ОО');
  expect(values[header].slice(0, 4)).toEqual(['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Завышенный балл: ВПР-4 Математика']);
  const region = values.find((r) => r[0] === 'Регион в целом')!;
  expect(Math.abs(Number(region[4]) - ref.expected.index!)).toBeLessThan(1e-9);
  expect(values.some((r) => r.some((c) => typeof c === 'number' && Number.isNaN(c)))).toBe(false);
  const ident = wb.getWorksheet('Идентификация 2025')!;
  const identValues = Array.from(ident.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
  expect(identValues.find((r) => r[0] === 'Код ОО')).toContain('Признаки необъективности');
});
