/**
 * The region's input from files the user hands over as bytes (the offline page: a file picker or
 * drag and drop): one workbook, or a folder's CSV files. Host-neutral (no Node, no DOM: bytes in,
 * grids out), so the same reading runs wherever the bytes come from.
 *
 * Workbook formats plug in through WORKBOOK_READERS: one function from a file's bytes to its
 * sheets' grids (in the book's order), and optionally the workbook as exceljs holds it, into which
 * the output sheets are written. Without one, the result workbook is made from the input grids
 * (as for CSV). Registered: .xlsx (exceljs), .ods (formats/ods-bytes.ts, the command line's
 * content.xml reader) and .xls / XML 2003 (formats/xls-read.ts, SheetJS); the file's content
 * decides which reads it (formats/book-format.ts), the extension only that it is a workbook.
 */
import ExcelJS from 'exceljs';
import { NOUN, plural } from '../shared/messages';
import { normalizeHeader } from '../shared/input/table';
import { rememberSheetNames } from '../shared/input/sheet-names';
import type { Grid, Problem, RegionTables } from '../shared/types';
import { csvFromBytes, csvReadFailure } from './csv';
import { type BookFormat, FORMAT_NAMES, sniffBytes } from './book-format';
import { readOdsBytes } from './ods-bytes';
import { readLegacySheets } from './xls-read';
import { INPUT_SHEETS, sheetToGrid, workbookFromTables } from './xlsx-book';
import { PART_LIMIT_BYTES, XlsxReadError, checkZipBytes, entryData, zipDirectoryOfBytes } from './zip-limits';

/** A file as the user gave it: its name (a path inside a dropped folder is allowed) and bytes. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** A sheet of a workbook read by a WorkbookReader. */
export interface SheetGrid {
  name: string;
  grid: Grid;
}

/** What a workbook reader gives: every sheet's grid and, when it can, the workbook to add output sheets to. */
export interface WorkbookRead {
  sheets: SheetGrid[];
  /** A fresh copy of the workbook each call (output sheets are written into it). */
  workbook?: () => Promise<ExcelJS.Workbook>;
}

/** One workbook format: the file name endings it takes and the function from bytes to grids. */
export interface WorkbookReader {
  /** Lower-case endings with the dot, e.g. «.xlsx». */
  extensions: string[];
  /** Russian name of the format for messages, e.g. «книга Excel (.xlsx)». */
  title: string;
  /** The formats by content (formatOfBytes) it reads; a file whose content is one of them goes to it, whatever its extension. */
  formats?: BookFormat[];
  /** Throws RegionFileError (Russian message) when the bytes are not a readable book. */
  read(bytes: Uint8Array): Promise<WorkbookRead>;
}

/** A file that cannot be read as the region's input; the message is for the user (Russian). */
export class RegionFileError extends Error {}

/** The .xlsx reader: the zip's declared sizes against the limits, then exceljs (its browser build in a page), the grids of sheetToGrid. */
export const XLSX_READER: WorkbookReader = {
  extensions: ['.xlsx'],
  title: 'книга Excel (.xlsx)',
  formats: ['xlsx'],
  async read(bytes) {
    // A zip bomb is refused by its directory before exceljs inflates anything (as the command line does).
    try {
      checkZipBytes(bytes);
    } catch (e) {
      throw new RegionFileError(e instanceof XlsxReadError ? e.message : `файл повреждён или это не книга .xlsx (${(e as Error).message})`);
    }
    const load = async () => {
      const wb = new ExcelJS.Workbook();
      try {
        // exceljs takes an ArrayBuffer in the browser and a Buffer in Node; a Uint8Array's own bytes do for both.
        await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      } catch (e) {
        throw new RegionFileError(`файл повреждён или это не книга .xlsx (${(e as Error).message || String(e)})`);
      }
      return wb;
    };
    const first = await load();
    return { sheets: first.worksheets.map((ws) => ({ name: ws.name, grid: sheetToGrid(ws) })), workbook: load };
  },
};

/** The .ods reader: the command line's content.xml reader over the bytes (merged cells as the master's value, as `identify` reads them). */
export const ODS_READER: WorkbookReader = {
  extensions: ['.ods'],
  title: FORMAT_NAMES.ods,
  formats: ['ods'],
  async read(bytes) {
    const { sheets } = await readOdsBytes(bytes, { merged: 'master' });
    return { sheets: sheets.map((s) => ({ name: s.name, grid: s.grid })) };
  },
};

/** The .xls reader (binary .xls and the XML 2003 some systems save as .xls): SheetJS, as the command line reads them. */
export const XLS_READER: WorkbookReader = {
  extensions: ['.xls'],
  title: FORMAT_NAMES.xls,
  formats: ['xls', 'xml'],
  async read(bytes) {
    const kind = sniffBytes(bytes.subarray(0, 4096)) === 'xml' ? 'xml' : 'xls';
    // As cli/workbook-read.ts readLegacyFile: SheetJS reads the whole file at once.
    if (bytes.length > PART_LIMIT_BYTES / 2) {
      throw new RegionFileError(`файл занимает ${Math.ceil(bytes.length / 1024 / 1024).toLocaleString('ru-RU')} МБ, а предел для ${FORMAT_NAMES[kind]} — ${(PART_LIMIT_BYTES / 2 / 1024 / 1024).toLocaleString('ru-RU')} МБ; сохраните книгу как .xlsx или .ods`);
    }
    const { sheets } = readLegacySheets(bytes, kind, { merged: 'master' });
    return { sheets: sheets.map((s) => ({ name: s.name, grid: s.grid })) };
  },
};

/** Registered workbook formats; another format is one more entry. */
export const WORKBOOK_READERS: WorkbookReader[] = [XLSX_READER, ODS_READER, XLS_READER];

/**
 * A file's format by its content (formats/book-format.ts sniffBytes): the first bytes and, for a
 * zip, its entry names and «mimetype» (read from the directory, nothing inflated), as the command
 * line's detectFormat decides.
 */
export function formatOfBytes(bytes: Uint8Array): BookFormat {
  if (!bytes.length) return 'unknown';
  const first = bytes.subarray(0, 4096);
  const format = sniffBytes(first);
  if (format !== 'zip') return format;
  try {
    const entries = zipDirectoryOfBytes(bytes);
    const mime = entries.get('mimetype');
    // ODF stores «mimetype» first and uncompressed.
    const mimetype = mime && mime.method === 0 && mime.size < 200 ? new TextDecoder('latin1').decode(entryData(bytes, mime)) : undefined;
    return sniffBytes(first, { names: [...entries.keys()], mimetype });
  } catch {
    return 'zip'; // damaged: the reader of the file's extension reports it
  }
}

const SAVE_AS = 'Откройте его в Excel, LibreOffice или Р7-Офис и сохраните как книгу (.xlsx или .ods)';

/** The reader for a workbook file: by its content when that names a registered format, else by its extension (whose reader reports the damage). */
function workbookReaderOf(file: InputFile, readers: WorkbookReader[]): WorkbookReader {
  const byName = readers.find((r) => r.extensions.includes(ending(file.name)));
  const format = formatOfBytes(file.bytes);
  const byContent = readers.find((r) => r.formats?.includes(format));
  if (byContent) return byContent;
  const name = baseName(file.name);
  // Some systems export CSV or an HTML table under .xls: say what it is (as the command line does).
  if (ending(name) === '.xls' && format === 'text') {
    throw new RegionFileError(`Файл «${name}» — не книга, а текст CSV/TSV с расширением .xls (так выгружают некоторые системы): в одном таком файле нет листов «Школы» и «Результаты». ` +
      `Положите таблицы в папку как schools.csv, results.csv (social.csv, settings.csv) и откройте папку, или ${SAVE_AS[0].toLowerCase()}${SAVE_AS.slice(1)}.`);
  }
  if (ending(name) === '.xls' && format === 'html') {
    throw new RegionFileError(`Файл «${name}» — не книга, а ${FORMAT_NAMES.html} с расширением .xls (так выгружают некоторые системы): в ней нет листов «Школы» и «Результаты». ${SAVE_AS}.`);
  }
  // Otherwise the reader of its extension reads it or says it is damaged.
  if (byName) return byName;
  throw new RegionFileError(`Файл «${name}» не является книгой ${readers.flatMap((r) => r.extensions).join(', ')} (${FORMAT_NAMES[format]}); откройте книгу Excel или LibreOffice или папку с CSV-файлами`);
}

/** The CSV files of a region folder, as the command line takes them (cli/input.ts). */
export const CSV_TABLES: { key: keyof RegionTables; file: string; required: boolean }[] = [
  { key: 'schools', file: 'schools.csv', required: true }, { key: 'results', file: 'results.csv', required: true },
  { key: 'social', file: 'social.csv', required: false }, { key: 'settings', file: 'settings.csv', required: false },
];
const CSV_ENDINGS = ['.csv', '.tsv', '.txt'];

/** The region read from files. */
export interface LoadedRegion {
  kind: 'workbook' | 'csv';
  /** What was read, for the page: the workbook's name, or the CSV files' names. */
  label: string;
  tables: RegionTables;
  /** Every sheet of the workbook, or each CSV file's grid under its input sheet's name («Школы»), in order. */
  sheets: SheetGrid[];
  /** What reading the files found (CSV quotes, stray bytes): listed before the data's problems. */
  problems: Problem[];
  /** A fresh workbook holding the input (unchanged), to which output sheets are added. */
  workbook: () => Promise<ExcelJS.Workbook>;
}

const baseName = (name: string) => name.replace(/^.*[\\/]/, '');
const ending = (name: string) => {
  const m = /\.[^.]+$/.exec(baseName(name));
  return m ? m[0].toLowerCase() : '';
};

/** The input sheets of a workbook's grids (the first sheet of each name, as findSheet picks it). */
export function tablesOfSheets(sheets: SheetGrid[]): RegionTables {
  const wanted = new Map(INPUT_SHEETS.map(([key, name]) => [normalizeHeader(name), key]));
  const tables: RegionTables = { schools: [], results: [] };
  rememberSheetNames(tables, sheets.map((s) => s.name));
  const seen = new Set<keyof RegionTables>();
  for (const { name, grid } of sheets) {
    const key = wanted.get(normalizeHeader(name));
    if (!key || seen.has(key)) continue;
    seen.add(key);
    tables[key] = grid;
  }
  return tables;
}

/** Which table a CSV file is (schools.csv, Schools.TXT …), or null. */
export function csvTableOf(name: string): keyof RegionTables | null {
  const base = baseName(name).toLowerCase();
  const end = ending(base);
  if (!CSV_ENDINGS.includes(end)) return null;
  const t = CSV_TABLES.find((x) => x.file.replace(/\.csv$/, '') === base.slice(0, -end.length));
  return t ? t.key : null;
}

/**
 * Reads the region from the files given: one workbook of a registered format, or the CSV files of
 * a folder (schools.csv and results.csv, social.csv and settings.csv if there; .tsv and .txt do
 * too, .csv first). Throws RegionFileError with a Russian message saying what to give instead.
 * @example (await readRegionFiles([{ name: 'region.xlsx', bytes }])).tables.schools.length
 */
export async function readRegionFiles(files: InputFile[], readers: WorkbookReader[] = WORKBOOK_READERS): Promise<LoadedRegion> {
  const readerOf = (name: string) => readers.find((r) => r.extensions.includes(ending(name)));
  const books = files.filter((f) => readerOf(f.name));
  const csv = files.filter((f) => csvTableOf(f.name));
  const formats = [...new Set(readers.flatMap((r) => r.extensions))].join(', ');
  if (!books.length && !csv.length) {
    const names = files.slice(0, 5).map((f) => `«${baseName(f.name)}»`).join(', ');
    throw new RegionFileError(files.length
      ? `Не подходит ни один файл (${names}${files.length > 5 ? ` и ещё ${files.length - 5}` : ''}): нужна книга (${formats}) с листами «Школы», «Результаты», «Социальные показатели», «Настройки» или папка с файлами schools.csv, results.csv, social.csv, settings.csv`
      : 'Не выбрано ни одного файла');
  }
  if (books.length > 1 || (books.length && csv.length)) {
    throw new RegionFileError(`Выбрано несколько источников (${[...books, ...csv].slice(0, 5).map((f) => `«${baseName(f.name)}»`).join(', ')}): выберите одну книгу или одну папку с CSV-файлами`);
  }
  if (books.length) {
    const file = books[0];
    const reader = workbookReaderOf(file, readers);
    let read: WorkbookRead;
    try {
      read = await reader.read(file.bytes);
    } catch (e) {
      throw new RegionFileError(`Не удалось прочитать книгу «${baseName(file.name)}»: ${(e as Error).message}`);
    }
    const tables = tablesOfSheets(read.sheets);
    return {
      kind: 'workbook', label: baseName(file.name), tables, sheets: read.sheets, problems: [],
      workbook: read.workbook ?? (async () => workbookFromTables(tables)),
    };
  }
  const tables: RegionTables = { schools: [], results: [] };
  const problems: Problem[] = [];
  const sheets: SheetGrid[] = [];
  const used: string[] = [];
  for (const t of CSV_TABLES) {
    const candidates = csv.filter((f) => csvTableOf(f.name) === t.key)
      .sort((a, b) => CSV_ENDINGS.indexOf(ending(a.name)) - CSV_ENDINGS.indexOf(ending(b.name)));
    if (!candidates.length) continue;
    const file = candidates[0];
    const read = csvFromBytes(baseName(file.name), file.bytes);
    tables[t.key] = read.grid;
    problems.push(...read.problems);
    // Shown under the sheet's name: the data's problems name «Школы», not «schools.csv».
    sheets.push({ name: INPUT_SHEETS.find(([key]) => key === t.key)![1], grid: read.grid });
    used.push(baseName(file.name));
  }
  const missing = CSV_TABLES.filter((t) => t.required && !tables[t.key]?.length && !used.some((u) => csvTableOf(u) === t.key));
  if (missing.length) {
    throw new RegionFileError(`Среди выбранных файлов нет ${missing.map((t) => `«${t.file}»`).join(' и ')}: нужны schools.csv и results.csv (social.csv и settings.csv — по желанию; вместо .csv годятся .tsv и .txt — «Текст Юникод» Excel)`);
  }
  const failure = csvReadFailure(problems);
  if (failure) {
    // As the command line: the rows past an unclosed quote are not read, and checking the rest
    // would bury the one mistake under false «код ОО не найден».
    throw new RegionFileError(`Ошибка чтения CSV; данные не проверялись. Исправьте файл и выберите папку снова:\n${failure}`);
  }
  const label = `${used.length} ${plural(used.length, NOUN.file)} CSV: ${used.join(', ')}`;
  return { kind: 'csv', label, tables, sheets, problems, workbook: async () => workbookFromTables(tables) };
}
