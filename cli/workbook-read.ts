/**
 * Which workbook a file is, by its content (not its name), and reading any of them into grids:
 * .xlsx (cli/xlsx-stream.ts), .ods (cli/ods-content.ts, content.xml streamed from the zip with the
 * same limits), .xls, XML 2003 and HTML tables (cli/xls-read.ts, SheetJS), CSV/TSV text (cli/csv.ts).
 *
 * - a zip with xl/workbook.xml → xlsx; a zip whose «mimetype» is
 *   application/vnd.oasis.opendocument.spreadsheet (or …-template) → ods;
 * - the OLE2 signature D0 CF 11 E0 A1 B1 1A E1 (or a bare BIFF record) → xls;
 * - text: «<?xml …» with the Excel 2003 namespace → xml; «<html», «<table» … → html; else CSV/TSV.
 */
import * as fs from 'fs';
import { normalizeHeader } from '../shared/input/table';
import { type BookSheet, CORRUPT_ODS, OdsContentReader, type SheetReadOptions } from './ods-content';
import { readLegacySheets } from './xls-read';
import { type Budget, PART_LIMIT_BYTES, XlsxReadError, type ZipEntry, checkDeclaredSize, findEntry, inflateEntry, readXlsxSheets, readZipDirectory } from './xlsx-stream';

export type BookFormat = 'xlsx' | 'ods' | 'xls' | 'xml' | 'html' | 'text' | 'zip' | 'odf-other' | 'unknown';

/** The format's name as an official knows it (Russian). */
export const FORMAT_NAMES: Record<BookFormat, string> = {
  xlsx: 'книга Excel (.xlsx)',
  ods: 'таблица OpenDocument (.ods)',
  xls: 'книга Excel 97–2003 (.xls)',
  xml: 'таблица XML 2003 (SpreadsheetML)',
  html: 'веб-страница (HTML)',
  text: 'текст (CSV/TSV)',
  zip: 'zip-архив',
  'odf-other': 'документ OpenDocument, но не таблица',
  unknown: 'неизвестный формат',
};

const ODS_MIME = /^application\/vnd\.oasis\.opendocument\.spreadsheet(-template)?$/;

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

/** The format of a file's first bytes (and, for a zip, its entry names and mimetype). Pure: no Node API. */
export function sniffBytes(first: Uint8Array, zip?: { names: string[]; mimetype?: string }): BookFormat {
  if (first[0] === 0x50 && first[1] === 0x4b && (first[2] === 3 || first[2] === 5 || first[2] === 7)) {
    if (!zip) return 'zip';
    const mime = (zip.mimetype ?? '').trim();
    if (ODS_MIME.test(mime)) return 'ods';
    if (zip.names.some((n) => n.replace(/^\//, '').toLowerCase() === 'xl/workbook.xml')) return 'xlsx';
    if (/^application\/vnd\.oasis\.opendocument\./.test(mime)) return 'odf-other';
    if (!mime && zip.names.includes('content.xml') && zip.names.some((n) => n.toLowerCase() === 'meta-inf/manifest.xml')) return 'ods';
    return 'zip';
  }
  if (first[0] === 0xd0 && first[1] === 0xcf && first[2] === 0x11 && first[3] === 0xe0 && first[4] === 0xa1 && first[5] === 0xb1 && first[6] === 0x1a && first[7] === 0xe1) return 'xls';
  // BIFF2–BIFF5 worksheets saved without the OLE2 container start with a BOF record.
  if ((first[0] === 0x09 && (first[1] === 0x00 || first[1] === 0x02 || first[1] === 0x04 || first[1] === 0x08)) && first[2] !== undefined && first[3] === 0x00) return 'xls';
  let text: string;
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[1] === 0 && first[0] !== 0 && first[3] === 0)) text = new TextDecoder('utf-16le').decode(first);
  else if ((first[0] === 0xfe && first[1] === 0xff) || (first[0] === 0 && first[1] !== 0 && first[2] === 0)) text = new TextDecoder('utf-16be').decode(first);
  else text = new TextDecoder('utf-8').decode(first);
  const t = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096).toLowerCase();
  if (!t) return 'unknown';
  if (t.startsWith('<?xml') && /urn:schemas-microsoft-com:office:spreadsheet|<workbook/.test(t)) return 'xml';
  if (/^<(?:\?xml|!doctype html|html|head|body|table|meta|style|div|\!--)/.test(t) || /<html[\s>]|<table[\s>]/.test(t)) return 'html';
  // Text has no NUL bytes, or (UTF-16) a NUL in every other byte; other binary data is not text.
  if (first[0] === 0xff && first[1] === 0xfe) return 'text';
  if (first[0] === 0xfe && first[1] === 0xff) return 'text';
  const n = Math.min(first.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = first[i];
    if (b === 0) (i % 2 ? odd++ : even++);
    else if (b < 9 || (b > 13 && b < 32 && b !== 26 && b !== 27)) control++;
  }
  if (even + odd === 0) return control > n / 100 ? 'unknown' : 'text';
  const utf16 = (odd > n / 4 && even < odd / 8) || (even > n / 4 && odd < even / 8);
  return utf16 && control < n / 50 ? 'text' : 'unknown';
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
