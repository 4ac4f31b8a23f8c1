/**
 * Loading the region's input from disk: an .xlsx workbook or a folder of CSV files.
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { Problem, RegionTables } from '../shared/types';
import { InputError } from './command';
import { csvReadFailure, readCsv } from './csv';
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
  /** What reading the files found (a CSV value in quotes over several lines): listed before the others. */
  problems: Problem[];
}

/** A table's file in a CSV folder: schools.csv, or schools.tsv / schools.txt as Excel saves «Текст Юникод». */
function tableFile(dir: string, file: string): string | null {
  const base = file.replace(/\.csv$/, '');
  for (const ext of ['.csv', '.tsv', '.txt']) {
    const full = path.join(dir, base + ext);
    if (fs.existsSync(full)) return full;
  }
  return null;
}

export async function loadInput(input: string): Promise<LoadedInput> {
  if (!fs.existsSync(input)) throw new InputError(`Не найден файл или папка «${input}»`);
  if (fs.statSync(input).isDirectory()) {
    const tables: RegionTables = { schools: [], results: [] };
    const missing: string[] = [];
    const problems: Problem[] = [];
    for (const [key, file, required] of CSV_FILES) {
      const full = tableFile(input, file);
      if (!full) {
        if (required) missing.push(file);
        continue;
      }
      const csv = readCsv(full);
      tables[key] = csv.grid;
      problems.push(...csv.problems);
    }
    if (missing.length) {
      throw new InputError(`В папке «${input}» нет ${missing.map((f) => `«${f}»`).join(' и ')}: нужны schools.csv и results.csv (social.csv и settings.csv — по желанию; вместо .csv годятся .tsv и .txt — «Текст Юникод» Excel)`);
    }
    const failure = csvReadFailure(problems);
    if (failure) {
      // The rows past an unclosed quote are not read: checking the rest would list every school and
      // result they hold as missing, and bury the one mistake to fix.
      throw new InputError(`Во входных данных ошибка чтения CSV; идентификация не выполнена. Исправьте и запустите снова:\n${failure.split('\n').map((l) => `  Ошибка: ${l}`).join('\n')}\nОстальные данные не проверялись: после этой ошибки проверка дала бы ложные ошибки («код ОО не найден» и подобные).`);
    }
    return { tables, workbook: () => workbookFromTables(tables), kind: 'csv', problems };
  }
  if (!/\.xlsx$/i.test(input)) throw new InputError(`Файл «${input}» не является книгой .xlsx; укажите книгу Excel (.xlsx) или папку с CSV-файлами`);
  try {
    const { workbook, tables } = await readWorkbook(input);
    return { tables, workbook, kind: 'xlsx', problems: [] };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new InputError(`Не удалось прочитать книгу «${input}»: ${e.message}`);
    throw new InputError(`Не удалось прочитать книгу «${input}»: файл повреждён или это не .xlsx (${(e as Error).message})`);
  }
}
