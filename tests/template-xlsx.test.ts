/**
 * `shnor template KIND`: every kind written to .xlsx and read back — the seed roadmaps with data
 * validation and the deadline reader's reading, the indicator sets with their formulas, the facts
 * the identification measures (counted again here from the schools), and a roadmap per ШНОР.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Io } from '../cli/command';
import { main } from '../cli/main';
import { sheetToGrid } from '../cli/xlsx';
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';
import { readIndicators } from '../shared/roadmap/indicators';
import { readRoadmaps } from '../shared/roadmap/roadmap';
import type { Grid } from '../shared/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-template-'));
const DEMO = path.join(__dirname, '..', 'examples', 'demo-region.xlsx');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}

async function book(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function grid(wb: ExcelJS.Workbook, name: string): Grid {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return sheetToGrid(ws);
}

/** Data validation of a cell (exceljs keeps ranges as written; expand them). */
function validationAt(ws: ExcelJS.Worksheet, address: string): { type: string; formulae: unknown[] } | undefined {
  const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
  if (model[address]) return model[address];
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  for (const [range, v] of Object.entries(model)) {
    const r = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (r && r[1] <= m[1] && m[1] <= r[3] && Number(r[2]) <= Number(m[2]) && Number(m[2]) <= Number(r[4])) return v;
  }
  return undefined;
}

describe('roadmap templates from the seeds', () => {
  test.each([
    ['regional-roadmap', 'Дорожная карта', 32, 2025],
    ['programme-roadmap', 'Дорожная карта программы', 20, 2025],
    ['municipal-programme', 'Мероприятия программы', 29, 2025],
  ])('%s: %s, %i items, every deadline read', async (kind, sheet, count, year) => {
    const file = path.join(dir, `${kind}.xlsx`);
    const r = await run(['template', kind, '--year', '2025', '--out', file]);
    expect(r.code).toBe(0);
    const wb = await book(file);
    expect(wb.worksheets[0].name).toBe('Инструкция');
    const [roadmap] = readRoadmaps(grid(wb, sheet), sheet);
    expect(roadmap.items).toHaveLength(count);
    expect(roadmap.planYear).toBe(year);
    expect(roadmap.items.filter((i) => i.deadline.problem).map((i) => i.number)).toEqual([]);
    expect(roadmap.items.every((i) => i.status === 'не начато')).toBe(true);
    const ws = wb.getWorksheet(sheet)!;
    const row = roadmap.items[0].row;
    expect(validationAt(ws, `G${row}`)).toMatchObject({ type: 'list', formulae: ['"не начато,в работе,выполнено,просрочено"'] });
    expect(validationAt(ws, `H${row}`)).toMatchObject({ type: 'date' });
    // «Как прочитан срок» is filled for every item.
    const readings = grid(wb, sheet).slice(roadmap.headerRow).map((x) => x[10]).filter(Boolean);
    expect(readings.length).toBe(count);
  });

  test('years of the programme roadmap shift to --start', async () => {
    const file = path.join(dir, 'programme-2025.xlsx');
    await run(['template', 'programme-roadmap', '--start', '2025', '--out', file]);
    const [roadmap] = readRoadmaps(grid(await book(file), 'Дорожная карта программы'), 'x');
    expect(roadmap.period).toEqual({ start: '2025-01-01', end: '2028-12-31' });
    expect(roadmap.items.find((i) => i.number === '6.')!.deadlineText).toBe('Январь 2026 года, далее ежегодно в октябре');
    expect(roadmap.items.find((i) => i.number === '2.')!.activity).toContain('2025-2026, 2026-2027, 2027-2028 учебные годы');
  });
});

describe('with the demo region', () => {
  const result = identify(generateRegion(), {});

  test('target indicators: facts from the identification, counted again from the schools', async () => {
    const file = path.join(dir, 'indicators.xlsx');
    const r = await run(['template', 'target-indicators', '--input', DEMO, '--out', file]);
    expect(r.code).toBe(0);
    const wb = await book(file);
    const S = result.schools;
    const analysed = S.filter((s) => s.qualityGroup !== null);
    const withIsbsh = S.filter((s) => s.isbshGroup !== null);
    const muni = readIndicators(grid(wb, 'Показатели муниципалитета'), 'x').rows;
    const fact = (n: string) => muni.find((x) => x.number === n)!.fact;
    expect(fact('3')).toBeCloseTo(analysed.length / S.length, 12);
    expect(fact('4.1')).toBeCloseTo(analysed.filter((s) => s.stable === true).length / analysed.length, 12);
    expect(fact('4.2')).toBeCloseTo(withIsbsh.filter((s) => s.isbshGroup! <= 4).length / withIsbsh.length, 12);
    expect(fact('4.3')).toBeCloseTo(analysed.filter((s) => s.qualityGroup! >= 7 && (s.previous?.qualityGroup ?? 0) >= 7).length / analysed.length, 12);
    // Positive dynamics of ШНОР in ОГЭ mathematics, in the row of the identification year.
    const shnor = new Set(S.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ').map((s) => s.code));
    const changes = result.dynamics.filter((d) => shnor.has(d.code)).map((d) => d.changes.find((c) => c.indicator === 'ОГЭ-9 Математика'))
      .filter((c) => c && c.positive !== null);
    const read = readIndicators(grid(wb, 'Показатели программы'), 'x');
    // Seed 001: 21 yes/no indicators (one row each) and 20 with plans by year (61 rows); headings are not rows.
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(82);
    const programme = read.rows;
    const row = programme.find((x) => x.number === '8.2' && x.period === `${result.year} год`)!;
    expect(row.fact).toBeCloseTo(changes.filter((c) => c!.positive).length / changes.length, 12);
    expect(row.source).toContain(`из ${changes.length} ШНОР`);
    // The participants sheet lists the identified schools, and the coverage is a formula on it.
    const participants = grid(wb, 'Участники программы');
    const identified = S.filter((s) => ['ШНОР', 'ШНОР и ШФНСУ', 'ШФНСУ'].includes(s.category ?? '')).length;
    expect(participants.filter((x) => x[5] === 'да').length).toBe(identified);
    const ws = wb.getWorksheet('Ожидаемые результаты')!;
    let coverage = '';
    ws.eachRow((x) => { if (x.getCell(1).value === '3') coverage = (x.getCell(9).value as { formula: string }).formula; });
    expect(coverage).toBe("IFERROR(COUNTIFS('Участники программы'!F:F,\"да\",'Участники программы'!G:G,\"да\")/COUNTIF('Участники программы'!F:F,\"да\"),\"\")");
    expect(r.out).toContain('«Показатели программы», 8.2: факт');
  });

  test('a roadmap per ШНОР with its numbers, weakest indicators and partners', async () => {
    const file = path.join(dir, 'schools.xlsx');
    const r = await run(['template', 'school-roadmaps', '--input', DEMO, '--out', file]);
    expect(r.code).toBe(0);
    const wb = await book(file);
    const shnor = result.schools.filter((s) => s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ');
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith('ДК '))).toHaveLength(shnor.length);
    const byCode = new Map(result.schools.map((s) => [s.code, s]));
    for (const s of shnor.slice(0, 10)) {
      const g = grid(wb, `ДК ${s.code}`);
      const info = (key: string) => g.find((x) => x[0] === key)?.[1];
      expect(info('Код ОО')).toBe(s.code);
      expect(info('Индекс качества')).toBeCloseTo(s.qualityIndex!, 3);
      expect(info('Группа (качество)')).toBe(s.qualityGroup);
      // The three weakest indicators by quality index are marked.
      const weakest = result.indicators.map((k, i) => [k, s.indicatorQI[i]] as const).filter(([, q]) => q !== null)
        .sort((a, b) => a[1]! - b[1]!).slice(0, 3).map(([k]) => k);
      const marked = g.filter((x) => typeof x[4] === 'string' && x[4].includes('слабое место')).map((x) => x[0]);
      expect(new Set(marked)).toEqual(new Set(weakest));
      // Partners as the identification suggests them.
      const start = g.findIndex((x) => String(x[0]).startsWith('Предлагаемые школы-партнёры'));
      const partnerCodes = g.slice(start + 2, start + 2 + s.partners.length).map((x) => x[0]);
      expect(partnerCodes).toEqual(s.partners);
      const [roadmap] = readRoadmaps(g, `ДК ${s.code}`);
      expect(roadmap.items).toHaveLength(10);
      expect(roadmap.items.filter((i) => i.deadline.problem)).toEqual([]);
      // «ОО» in a school's roadmap is that school (names repeat across municipalities, so with its code).
      expect(roadmap.items[0].bodies).toEqual([`${s.name} (${s.code})`]);
      if (s.partners.length) expect(roadmap.items[4].activity).toContain(byCode.get(s.partners[0])!.name);
      // Targets start from the school's own numbers; plans are left to the school.
      const targets = readIndicators(g, 'x').rows;
      expect(targets.length).toBeGreaterThanOrEqual(3);
      expect(targets.every((t) => t.plan === null && t.result.status === 'нет плана')).toBe(true);
    }
  });

  test('one municipality, and the errors a user can fix', async () => {
    const m = result.schools[0].municipality;
    const file = path.join(dir, 'one.xlsx');
    expect((await run(['template', 'school-roadmaps', '--input', DEMO, '--municipality', m, '--out', file])).code).toBe(0);
    const count = result.schools.filter((s) => s.municipality === m && (s.category === 'ШНОР' || s.category === 'ШНОР и ШФНСУ')).length;
    expect((await book(file)).worksheets.filter((w) => w.name.startsWith('ДК '))).toHaveLength(count);
    expect((await run(['template', 'school-roadmaps', '--out', file])).code).toBe(2);
    expect((await run(['template', 'roadmaps', '--out', file])).err).toContain('Неизвестный вид шаблона');
    expect((await run(['template', 'school-roadmaps', '--input', DEMO, '--municipality', 'Нет такого', '--out', file])).err).toContain('не найден');
  });
});
