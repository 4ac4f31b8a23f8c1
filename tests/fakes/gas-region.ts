/**
 * Region workbooks in the fake spreadsheet: the input sheets as Sheets would hold them, and helpers
 * to read the output sheets back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../cli/csv';
import type { Grid, RegionTables } from '../../shared/types';
import { type CellValue, type FakeSheet, type GasWorld, gasWorld } from './gas-fakes';

export const INPUT_NAMES: Record<keyof RegionTables, string> = {
  schools: 'Школы',
  results: 'Результаты',
  social: 'Социальные показатели',
  settings: 'Настройки',
};

/** Text as Sheets stores it after an import: numbers («4,25») become numbers; codes stay text. */
export function asSheetsCells(grid: Grid): CellValue[][] {
  const header = grid.findIndex((row) => row.some((c) => c === 'Код ОО' || c === 'Параметр'));
  const textColumns = new Set((grid[header] ?? []).map((c, i) => (c === 'Код ОО' ? i : -1)).filter((i) => i >= 0));
  return grid.map((row, r) => row.map((cell, c) => {
    if (typeof cell !== 'string') return (cell ?? '') as CellValue;
    if (r > header && !textColumns.has(c) && /^-?\d+(,\d+)?$/.test(cell)) return Number(cell.replace(',', '.'));
    return cell;
  }));
}

/** The CSV folder (schools.csv …) as grids. */
export function csvTables(dir: string): RegionTables {
  const read = (file: string) => {
    const full = path.join(dir, file);
    return fs.existsSync(full) ? parseCsv(fs.readFileSync(full, 'utf8')) : undefined;
  };
  return { schools: read('schools.csv')!, results: read('results.csv')!, social: read('social.csv'), settings: read('settings.csv') };
}

export interface RegionWorld extends GasWorld {
  inputs: FakeSheet[];
  /** The input sheets' values as loaded, to compare after a run. */
  snapshot(): CellValue[][][];
}

/** A fresh world whose spreadsheet holds the region's input sheets (codes as text cells, the rest as Sheets converts it). */
export function regionWorld(tables: RegionTables, convert = true): RegionWorld {
  const world = gasWorld();
  const inputs: FakeSheet[] = [];
  for (const key of Object.keys(INPUT_NAMES) as (keyof RegionTables)[]) {
    const grid = tables[key];
    if (!grid) continue;
    const sheet = world.spreadsheet.add(INPUT_NAMES[key], convert ? asSheetsCells(grid) : (grid as CellValue[][]));
    inputs.push(sheet);
  }
  return { ...world, inputs, snapshot: () => inputs.map((s) => s.grid().map((r) => [...r])) };
}

/** The output table of a sheet as records by header: the `nth` table whose first header cell is `firstHeader`. */
export function tableOf(sheet: FakeSheet, firstHeader: string, nth = 0): { header: string[]; rows: Record<string, CellValue>[]; headerRow: number } {
  const grid = sheet.grid();
  const starts = grid.map((r, i) => (r[0] === firstHeader ? i : -1)).filter((i) => i >= 0);
  const h = starts[nth] ?? -1;
  if (h < 0) throw new Error(`no table starting with «${firstHeader}» on «${sheet.name}»`);
  const header = grid[h].map(String);
  const width = header.findIndex((x) => x === '');
  const cols = width < 0 ? header.length : width;
  const rows: Record<string, CellValue>[] = [];
  for (let r = h + 1; r < grid.length && grid[r].slice(0, cols).some((c) => c !== ''); r++) {
    rows.push(Object.fromEntries(header.slice(0, cols).map((name, c) => [name, grid[r][c]])));
  }
  return { header: header.slice(0, cols), rows, headerRow: h + 1 };
}

export { gasWorld };
