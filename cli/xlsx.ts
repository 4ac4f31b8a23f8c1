/**
 * The .xlsx adapter of the command line: reads the region workbook from disk into grids (as a
 * stream, cli/xlsx-stream.ts) and loads it whole with exceljs when output sheets are added. The
 * host-neutral part (cell values, grids, the output sheets written into a workbook) is in
 * formats/xlsx-book.ts, shared with the offline page, and re-exported here.
 */
import ExcelJS from 'exceljs';
import { normalizeHeader } from '../shared/input/table';
import { rememberSheetNames } from '../shared/input/sheet-names';
import type { RegionTables } from '../shared/types';
import { INPUT_SHEETS } from '../formats/xlsx-book';
import { checkZipLimits, readXlsxSheets } from './xlsx-stream';

export { cellValue, findSheet, guardTextCell, guardTextRow, sheetToGrid, workbookFromTables, writeOutputSheets } from '../formats/xlsx-book';

/**
 * Reads the region workbook's input sheets as a stream (cli/xlsx-stream.ts: no workbook object,
 * the other sheets are not inflated). `workbook` loads the whole book with exceljs only when a
 * command writes output sheets into a copy of it.
 */
export async function readWorkbook(file: string): Promise<{ workbook: () => Promise<ExcelJS.Workbook>; tables: RegionTables }> {
  const wanted = new Map(INPUT_SHEETS.map(([key, name]) => [normalizeHeader(name), key]));
  const names: string[] = [];
  const sheets = await readXlsxSheets(file, (name) => {
    names.push(name);
    return wanted.has(normalizeHeader(name));
  });
  const tables: RegionTables = { schools: [], results: [] };
  // Every sheet's name, so that a missing input sheet is reported with the ones the book has.
  rememberSheetNames(tables, names);
  const seen = new Set<keyof RegionTables>();
  for (const { name, grid } of sheets) {
    const key = wanted.get(normalizeHeader(name))!;
    if (seen.has(key)) continue; // the first sheet of that name, as findSheet picks it
    seen.add(key);
    tables[key] = grid;
  }
  return { workbook: () => loadWorkbook(file), tables };
}

/** The whole workbook with exceljs, after the zip's sizes are checked against the limits. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  checkZipLimits(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

