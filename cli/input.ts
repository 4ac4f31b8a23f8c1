/**
 * Loading the region's input from disk: an .xlsx workbook or a folder of CSV files.
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { RegionTables } from '../shared/types';
import { InputError } from './command';
import { parseCsv, readCsvText } from './csv';
import { readWorkbook, workbookFromTables } from './xlsx';
import { XlsxReadError } from './xlsx-stream';


const CSV_FILES: [keyof RegionTables, string, boolean][] = [
  ['schools', 'schools.csv', true], ['results', 'results.csv', true], ['social', 'social.csv', false], ['settings', 'settings.csv', false],
];

export interface LoadedInput {
  tables: RegionTables;
  /** The input as a workbook, to which output sheets are added (input sheets stay as they were). */
  workbook: () => ExcelJS.Workbook | Promise<ExcelJS.Workbook>;
  kind: 'xlsx' | 'csv';
}

export async function loadInput(input: string): Promise<LoadedInput> {
  if (!fs.existsSync(input)) throw new InputError(`Не найден файл или папка «${input}»`);
  if (fs.statSync(input).isDirectory()) {
    const tables: RegionTables = { schools: [], results: [] };
    const missing: string[] = [];
    for (const [key, file, required] of CSV_FILES) {
      const full = path.join(input, file);
      if (!fs.existsSync(full)) {
        if (required) missing.push(file);
        continue;
      }
      tables[key] = parseCsv(readCsvText(full));
    }
    if (missing.length) {
      throw new InputError(`В папке «${input}» нет ${missing.map((f) => `«${f}»`).join(' и ')}: нужны schools.csv и results.csv (social.csv и settings.csv — по желанию)`);
    }
    return { tables, workbook: () => workbookFromTables(tables), kind: 'csv' };
  }
  if (!/\.xlsx$/i.test(input)) throw new InputError(`Файл «${input}» не является книгой .xlsx; укажите книгу Excel (.xlsx) или папку с CSV-файлами`);
  try {
    const { workbook, tables } = await readWorkbook(input);
    return { tables, workbook, kind: 'xlsx' };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new InputError(`Не удалось прочитать книгу «${input}»: ${e.message}`);
    throw new InputError(`Не удалось прочитать книгу «${input}»: файл повреждён или это не .xlsx (${(e as Error).message})`);
  }
}
