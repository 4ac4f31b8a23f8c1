/**
 * The template's formulas computed by a real spreadsheet engine: the target-indicator workbook is
 * written with facts filled in and deliberately wrong cached results, opened in headless
 * LibreOffice with recalculation forced on load (OOXMLRecalcMode = 0 in a fresh profile), and the
 * recomputed values are read back. Expected values are worked out by hand; every row is also
 * compared with the engine's own rule (indicatorAchievement), so formulas and engine agree.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { writeTemplateSheets } from '../cli/commands/template';
import { recalcToCsv, withLibreOffice } from './helpers/libreoffice';
import { readIndicators } from '../shared/roadmap/indicators';
import { buildTemplate } from '../shared/roadmap/templates';
import type { Cell, Grid } from '../shared/types';

/** «41.6666666666667%» → 0.416666666666667; numbers as numbers; '' as null. */
function num(c: Cell): number | null {
  if (c === null || c === undefined || c === '') return null;
  if (typeof c === 'number') return c;
  const t = String(c).trim();
  if (t.endsWith('%')) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}

const SHEETS = ['Показатели программы', 'Показатели муниципалитета', 'Ожидаемые результаты', 'Участники программы'];

/** Rows of an indicator sheet by «№» and «Период». */
function findRow(ws: ExcelJS.Worksheet, number: string, period?: string): ExcelJS.Row {
  let found: ExcelJS.Row | null = null;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === number && (period === undefined || row.getCell(7).value === period)) found = row;
  });
  if (!found) throw new Error(`no row ${number} ${period ?? ''} on ${ws.name}`);
  return found;
}

/** Sets a fact and stales the cached results of the row's formulas, so only a recalculation gives the right ones. */
function setFact(row: ExcelJS.Row, fact: string | number): void {
  row.getCell(9).value = fact;
  for (const [col, stale] of [[10, -999], [11, 'устарело']] as const) {
    const v = row.getCell(col).value as ExcelJS.CellFormulaValue;
    row.getCell(col).value = { formula: v.formula, result: stale } as ExcelJS.CellFormulaValue;
  }
}

withLibreOffice('template formulas recalculated by LibreOffice', () => {
  let grids: Map<string, Grid>;

  beforeAll(() => {
    const wb = new ExcelJS.Workbook();
    writeTemplateSheets(wb, buildTemplate('target-indicators', { year: 2025, start: 2020 }).sheets);
    const muni = wb.getWorksheet('Показатели муниципалитета')!;
    setFact(findRow(muni, '1'), 0);
    setFact(findRow(muni, '3'), 0.5);
    setFact(findRow(muni, '4.1'), 0.05);
    setFact(findRow(muni, '4.2'), 0.25);
    setFact(findRow(muni, '4.3'), 0.4);
    setFact(findRow(muni, '5'), 20);
    // Two indicators added by hand in the empty rows: less is better, no comparator, base 10 → plan 4.
    let blank = 0;
    muni.eachRow((row) => {
      if (blank < 2 && row.getCell(2).value === null && row.getCell(11).value && typeof row.getCell(11).value === 'object') {
        row.getCell(1).value = `Д${blank + 1}`;
        row.getCell(2).value = 'Добавленный показатель';
        row.getCell(4).value = 'меньше — лучше';
        row.getCell(6).value = 10;
        row.getCell(7).value = '2026 год';
        row.getCell(8).value = 4;
        row.getCell(9).value = blank === 0 ? 4 : 7;
        blank++;
      }
    });
    const prog = wb.getWorksheet('Показатели программы')!;
    setFact(findRow(prog, '3.2', '2020-2021 уч. год'), 0.9);
    setFact(findRow(prog, '4.3', '2021 год'), 3);
    setFact(findRow(prog, '1.1'), 'нет');
    setFact(findRow(prog, '1.2'), 'Да');
    setFact(findRow(prog, '2.4'), 'в процессе становления');
    setFact(findRow(prog, '8.2', '2021 год'), 'много');
    // Participants: 12 identified (5 of them in the programme), 3 more in the programme not identified.
    // Bases: experience — 2 identified + 1 other; additional — 1; competition — the rest.
    const part = wb.getWorksheet('Участники программы')!;
    let header = 0;
    part.eachRow((row, n) => { if (row.getCell(3).value === 'Код ОО') header = n; });
    const rows: [string, string, string][] = [];
    for (let i = 0; i < 15; i++) {
      const identified = i < 12 ? 'да' : 'нет';
      const inProgramme = i < 5 || i >= 12 ? 'да' : 'нет';
      const basis = !(i < 5 || i >= 12) ? '' : i === 0 || i === 1 || i === 12 ? 'опыт реализации программы (заявка)'
        : i === 2 ? 'дополнительное включение после отбора' : 'конкурсный отбор';
      rows.push([identified, inProgramme, basis]);
    }
    rows.forEach(([a, b, c], i) => {
      const row = part.getRow(header + 1 + i);
      row.getCell(1).value = i + 1;
      row.getCell(3).value = `школа ${i + 1}`;
      row.getCell(6).value = a;
      row.getCell(7).value = b;
      if (c) row.getCell(8).value = c;
    });
    const expected = wb.getWorksheet('Ожидаемые результаты')!;
    for (const n of ['3', 'П.1', 'П.2']) {
      const row = findRow(expected, n);
      for (const col of [9, 10, 11]) {
        const v = row.getCell(col).value as ExcelJS.CellFormulaValue;
        row.getCell(col).value = { formula: v.formula, result: -999 } as ExcelJS.CellFormulaValue;
      }
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-recalc-')), 'indicators.xlsx');
    return wb.xlsx.writeFile(file).then(() => { grids = recalcToCsv(file, SHEETS); });
  });

  const value = (sheet: string, number: string, period?: string) => {
    const row = grids.get(sheet)!.find((r) => r[0] === number && (period === undefined || r[6] === period));
    if (!row) throw new Error(`no row ${number} on ${sheet}`);
    return { fact: num(row[8]), achievement: num(row[9]), status: row[10] };
  };

  test('base → plan, both directions', () => {
    const m = (n: string) => value('Показатели муниципалитета', n);
    expect(m('4.1').achievement).toBeCloseTo(2 / 3, 9); // (5 − 15) / (0 − 15)
    expect(m('4.1').status).toBe('частично');
    expect(m('4.2').achievement).toBeCloseTo(-0.5, 9); // (25 − 22) / (16 − 22)
    expect(m('4.2').status).toBe('не достигнуто');
    expect(m('4.3')).toEqual({ fact: 0.4, achievement: 1, status: 'достигнуто' });
    expect(m('3').achievement).toBeCloseTo(1 / 3, 9); // (50 − 25) / (100 − 25)
    expect(m('3').status).toBe('частично');
    expect(m('1')).toEqual({ fact: 0, achievement: 0, status: 'не достигнуто' });
    expect(m('5')).toEqual({ fact: 20, achievement: 1.5, status: 'достигнуто' });
    expect(m('6')).toEqual({ fact: null, achievement: null, status: 'нет факта' });
    expect(m('Д1')).toEqual({ fact: 4, achievement: 1, status: 'достигнуто' });
    expect(m('Д2')).toEqual({ fact: 7, achievement: 0.5, status: 'частично' }); // (7 − 10) / (4 − 10)
  });

  test('plans by year without a base, yes/no, and a fact that is no number', () => {
    const p = (n: string, period?: string) => value('Показатели программы', n, period);
    expect(p('3.2', '2020-2021 уч. год').achievement).toBeCloseTo(0.9 / 0.85, 9);
    expect(p('3.2', '2020-2021 уч. год').status).toBe('достигнуто');
    expect(p('3.2', '2021-2022 уч. год').status).toBe('нет факта');
    expect(p('4.3', '2021 год')).toEqual({ fact: 3, achievement: 0.6, status: 'не достигнуто' });
    expect(p('1.1')).toMatchObject({ achievement: 0, status: 'не достигнуто' });
    expect(p('1.2')).toMatchObject({ achievement: 1, status: 'достигнуто' });
    expect(p('2.4')).toMatchObject({ achievement: 0, status: 'не достигнуто' });
    expect(p('8.2', '2021 год')).toMatchObject({ achievement: null, status: 'проверьте значения' });
  });

  test('coverage and pilot-site quotas computed from the participants sheet', () => {
    const e = (n: string) => value('Ожидаемые результаты', n);
    expect(e('3').fact).toBeCloseTo(5 / 12, 9);
    expect(e('3').achievement).toBeCloseTo((5 / 12) / 0.1, 9);
    expect(e('3').status).toBe('достигнуто');
    expect(e('П.1').fact).toBeCloseTo(3 / 8, 9);
    expect(e('П.1').achievement).toBeCloseTo(0.45 / 0.375, 9);
    expect(e('П.1').status).toBe('достигнуто');
    expect(e('П.2').fact).toBeCloseTo(1 / 8, 9);
    expect(e('П.2').achievement).toBeCloseTo(0.05 / 0.125, 9);
    expect(e('П.2').status).toBe('не достигнуто');
  });

  test('on every row the formulas agree with the engine', () => {
    let compared = 0;
    for (const sheet of SHEETS.slice(0, 3)) {
      const grid = grids.get(sheet)!;
      const { rows } = readIndicators(grid, sheet);
      for (const r of rows) {
        const line = grid[r.row - 1];
        const achievement = num(line[9]);
        expect({ sheet, row: r.row, status: line[10] }).toEqual({ sheet, row: r.row, status: r.result.status });
        if (r.result.achievement === null) expect(achievement).toBeNull();
        else expect(achievement).toBeCloseTo(r.result.achievement, 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(120);
  });
});
