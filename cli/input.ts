/**
 * Loading the region's input from disk: a workbook (.xlsx, .ods or .xls — the content decides, not
 * the name; cli/workbook-read.ts) or a folder of CSV files.
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { Problem, RegionTables } from '../shared/types';
import { InputError } from './command';
import { csvReadFailure, readCsv } from './csv';
import { SHEETS } from '../shared/messages';
import { normalizeHeader } from '../shared/input/table';
import { rememberSheetNames } from '../shared/input/sheet-names';
import { FORMAT_NAMES, detectFormat, readBookSheets } from './workbook-read';
import { readWorkbook, workbookFromTables } from './xlsx';
import { XlsxReadError } from './xlsx-stream';


const INPUT_SHEETS: [keyof RegionTables, string][] = [
  ['schools', SHEETS.schools], ['results', SHEETS.results], ['social', SHEETS.social], ['settings', SHEETS.settings],
];

const CSV_FILES: [keyof RegionTables, string, boolean][] = [
  ['schools', 'schools.csv', true], ['results', 'results.csv', true], ['social', 'social.csv', false], ['settings', 'settings.csv', false],
];

export interface LoadedInput {
  tables: RegionTables;
  /** The input as a workbook, to which output sheets are added (input sheets stay as they were). */
  workbook: () => ExcelJS.Workbook | Promise<ExcelJS.Workbook>;
  kind: 'xlsx' | 'ods' | 'xls' | 'xml' | 'csv';
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
  const format = detectFormat(input);
  const name = path.basename(input);
  const how = 'Откройте его в Excel, LibreOffice или Р7-Офис и сохраните как книгу (.xlsx или .ods)';
  switch (format) {
    case 'xlsx':
    case 'ods':
    case 'xls':
    case 'xml':
      break;
    case 'text':
      throw new InputError(`Файл «${input}» — не книга, а текст CSV/TSV${/\.xls$/i.test(name) ? ' с расширением .xls (так выгружают некоторые системы)' : ''}: в одном таком файле нет листов «${SHEETS.schools}» и «${SHEETS.results}». ` +
        `Положите таблицы в папку как schools.csv, results.csv (social.csv, settings.csv) и укажите папку, или ${how[0].toLowerCase()}${how.slice(1)}.`);
    case 'html':
      throw new InputError(`Файл «${input}» — не книга, а ${FORMAT_NAMES.html}${/\.xls$/i.test(name) ? ' с расширением .xls (так выгружают некоторые системы)' : ''}: в ней нет листов «${SHEETS.schools}» и «${SHEETS.results}». ${how}.`);
    default:
      throw new InputError(`Файл «${input}» не является книгой .xlsx, .ods или .xls (${FORMAT_NAMES[format]}); укажите книгу Excel или LibreOffice или папку с CSV-файлами`);
  }
  try {
    if (format === 'xlsx') {
      const { workbook, tables } = await readWorkbook(input);
      return { tables, workbook, kind: 'xlsx', problems: [] };
    }
    const wanted = new Map(INPUT_SHEETS.map(([key, sheet]) => [normalizeHeader(sheet), key]));
    const book = await readBookSheets(input, format, { want: (n) => wanted.has(normalizeHeader(n)), merged: 'master' });
    const tables: RegionTables = { schools: [], results: [] };
    rememberSheetNames(tables, book.names);
    const seen = new Set<keyof RegionTables>();
    for (const { name: sheet, grid } of book.sheets) {
      const key = wanted.get(normalizeHeader(sheet))!;
      if (seen.has(key)) continue;
      seen.add(key);
      tables[key] = grid;
    }
    // The output book holds the input sheets' values (their formatting is the input file's own).
    return { tables, workbook: () => workbookFromTables(tables), kind: format, problems: [] };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new InputError(`Не удалось прочитать книгу «${input}»${format === 'xlsx' ? '' : ` (${FORMAT_NAMES[format]})`}: ${e.message}`);
    throw new InputError(`Не удалось прочитать книгу «${input}»: файл повреждён или это не ${FORMAT_NAMES[format]} (${(e as Error).message})`);
  }
}
