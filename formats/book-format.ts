/**
 * Which workbook format a file's first bytes (and, for a zip, its entry names and «mimetype») say.
 * Pure: no Node API, for the command line (cli/workbook-read.ts) and a browser page alike.
 */

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

