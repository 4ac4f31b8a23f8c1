/**
 * Which workbook a file is, by its content (not its name), and reading any of them into grids:
 * .xlsx (cli/xlsx-stream.ts), .ods (formats/ods-content.ts, content.xml streamed from the zip with the
 * same limits), .xls, XML 2003 and HTML tables (formats/xls-read.ts, SheetJS), CSV/TSV text (cli/csv.ts).
 *
 * - a zip with xl/workbook.xml → xlsx; a zip whose «mimetype» is
 *   application/vnd.oasis.opendocument.spreadsheet (or …-template) → ods;
 * - the OLE2 signature D0 CF 11 E0 A1 B1 1A E1 (or a bare BIFF record) → xls;
 * - text: «<?xml …» with the Excel 2003 namespace → xml; «<html», «<table» … → html; else CSV/TSV.
 */
import * as fs from 'fs';
import { normalizeHeader } from '../shared/input/table';

export { type BookFormat, FORMAT_NAMES, sniffBytes } from '../formats/book-format';
import { type BookFormat, FORMAT_NAMES, sniffBytes } from '../formats/book-format';
import { type BookSheet, CORRUPT_ODS, OdsContentReader, type SheetReadOptions } from '../formats/ods-content';
import { readLegacySheets } from '../formats/xls-read';
import { type Budget, PART_LIMIT_BYTES, XlsxReadError, type ZipEntry, checkDeclaredSize, findEntry, inflateEntry, readXlsxSheets, readZipDirectory } from './xlsx-stream';

function head(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** A file's format by its content. Zips' directories are read (not inflated) to tell .xlsx from .ods. */
export function detectFormat(file: string): BookFormat {
  const first = head(file, 4096);
  if (first.length === 0) return 'unknown';
  const format = sniffBytes(first);
  if (format !== 'zip') return format;
  let entries: Map<string, ZipEntry>;
  try {
    entries = readZipDirectory(file);
  } catch {
    // A damaged zip (cut off before its directory): the name says which reader reports the damage.
    return /\.ods$/i.test(file) ? 'ods' : /\.xlsx$/i.test(file) ? 'xlsx' : 'zip';
  }
  const mimeEntry = entries.get('mimetype');
  let mimetype: string | undefined;
  // ODF stores «mimetype» first and uncompressed: its bytes sit right after the local header.
  if (mimeEntry && mimeEntry.method === 0 && mimeEntry.size < 200) {
    const fd = fs.openSync(file, 'r');
    try {
      const local = Buffer.alloc(30);
      fs.readSync(fd, local, 0, 30, mimeEntry.localOffset);
      if (local.readUInt32LE(0) === 0x04034b50) {
        const start = mimeEntry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const buf = Buffer.alloc(mimeEntry.size);
        fs.readSync(fd, buf, 0, mimeEntry.size, start);
        mimetype = buf.toString('latin1');
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return sniffBytes(first, { names: [...entries.keys()], mimetype });
}

/** Reads an .ods file's sheets: content.xml streamed from the zip (size limits as for .xlsx), then the repeat limits. */
export async function readOdsSheets(file: string, options: SheetReadOptions = {}): Promise<{ sheets: BookSheet[]; names: string[] }> {
  const entries = readZipDirectory(file, CORRUPT_ODS);
  const content = findEntry(entries, 'content.xml');
  if (!content) throw new XlsxReadError(`${CORRUPT_ODS}: в архиве нет content.xml`);
  const label = 'Часть таблицы «content.xml»';
  checkDeclaredSize(content, label);
  if (entries.has('META-INF/manifest.xml') && encryptedOds(file, entries)) {
    throw new XlsxReadError('таблица защищена паролем (зашифрована); снимите пароль в LibreOffice (Файл → Свойства → Безопасность) и сохраните снова');
  }
  const reader = new OdsContentReader(options);
  const budget: Budget = { used: 0 };
  await inflateEntry(file, content, label, budget, (t) => reader.write(t), CORRUPT_ODS);
  reader.end();
  return { sheets: reader.sheets, names: reader.names };
}

/** An encrypted .ods lists <manifest:encryption-data> for content.xml (its bytes are not XML then). */
function encryptedOds(file: string, entries: Map<string, ZipEntry>): boolean {
  const manifest = entries.get('META-INF/manifest.xml')!;
  if (manifest.size > 1024 * 1024) return false;
  let text = '';
  let failed = false;
  // Small: inflated synchronously from the file's bytes.
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const local = Buffer.alloc(30);
      fs.readSync(fd, local, 0, 30, manifest.localOffset);
      const start = manifest.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const raw = Buffer.alloc(manifest.compressedSize);
      fs.readSync(fd, raw, 0, manifest.compressedSize, start);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const zlib = require('zlib') as typeof import('zlib');
      text = (manifest.method === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: 2 * 1024 * 1024 }) : raw).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    failed = true;
  }
  return !failed && /encryption-data/.test(text);
}

/** Reads .xls / XML 2003 / HTML with SheetJS; the whole file is read (they are not compressed), up to the part limit. */
export function readLegacyFile(file: string, kind: 'xls' | 'xml' | 'html', options: SheetReadOptions = {}): { sheets: BookSheet[]; names: string[] } {
  const size = fs.statSync(file).size;
  if (size > PART_LIMIT_BYTES / 2) {
    throw new XlsxReadError(`файл занимает ${Math.ceil(size / 1024 / 1024).toLocaleString('ru-RU')} МБ, а предел для ${FORMAT_NAMES[kind]} — ${(PART_LIMIT_BYTES / 2 / 1024 / 1024).toLocaleString('ru-RU')} МБ; сохраните книгу как .xlsx или .ods`);
  }
  return readLegacySheets(fs.readFileSync(file), kind, options);
}

export interface ReadBook {
  format: BookFormat;
  sheets: BookSheet[];
  names: string[];
}

/**
 * A workbook's sheets as grids, whatever its format (xlsx, ods, xls, xml, html); `text` and the
 * others are left to the caller (throws XlsxReadError naming the format). Merged cells as `options.merged`.
 */
export async function readBookSheets(file: string, format: BookFormat, options: SheetReadOptions = {}): Promise<ReadBook> {
  switch (format) {
    case 'xlsx': {
      if ((options.merged ?? 'master') !== 'master') throw new Error('readBookSheets: .xlsx is read with merged cells filled only');
      const names: string[] = [];
      const want = options.want ?? (() => true);
      const sheets = await readXlsxSheets(file, (name) => { names.push(name); return want(name); });
      return { format, names, sheets: sheets.map((s) => ({ ...s, hidden: false })) };
    }
    case 'ods': return { format, ...(await readOdsSheets(file, options)) };
    case 'xls':
    case 'xml':
    case 'html': return { format, ...readLegacyFile(file, format, options) };
    default: throw new XlsxReadError(`это ${FORMAT_NAMES[format]}, а не книга`);
  }
}

/** The first sheet of that name (as findSheet picks), ignoring case, «ё» and spaces as the engine does. */
export function bookSheet(book: ReadBook, name: string): BookSheet | undefined {
  const want = normalizeHeader(name);
  return book.sheets.find((s) => normalizeHeader(s.name) === want);
}
