/**
 * Reading an .xlsx workbook as a stream: the zip's central directory is read first, and only the
 * parts the caller needs are inflated (xl/workbook.xml and its rels, sharedStrings.xml, styles.xml,
 * the wanted sheets), chunk by chunk through zlib, into a small XML tokenizer. No workbook object
 * and no whole sheet text is ever held: cell values go into the grids as they are met, shared
 * strings are kept once.
 *
 * The grids are the ones cli/xlsx.ts sheetToGrid gives on an exceljs workbook (the semantics of
 * exceljs 4.4 reading, then cellValue): dates by the cell's number format (and the 1904 flag),
 * percent-formatted numbers as the text Excel shows, shared and inline strings (rich text joined,
 * `_xHHHH_` escapes as exceljs decodes them), formulas' cached results, booleans, errors as their
 * text, external hyperlinks as text, merged cells holding the master cell's value, the grid width
 * of the widest row that has a value, rows without values as [].
 *
 * Every part is checked against a size limit before it is inflated (the sizes in the central
 * directory) and while it is inflated (the directory may lie): a zip bomb is refused at once with
 * a Russian message naming the limit.
 */
import * as fs from 'fs';
import { StringDecoder } from 'string_decoder';
import * as zlib from 'zlib';
import type { Cell, Grid } from '../shared/types';
import {
  PART_LIMIT_BYTES, TOTAL_LIMIT_BYTES, type ZipEntry, bombMessage, checkDeclaredSize, checkEntryLimits, gib, sizeText, zipDirectory,
} from '../formats/zip-limits';
import { CORRUPT_XLSX, type XmlHandler, XmlTokenizer, XlsxReadError, attr, decodeEntities, decodeX, own, xmlDecodeAgain } from '../formats/xml-tokens';

export {
  PART_LIMIT_BYTES, TOTAL_LIMIT_BYTES, XlsxReadError, type ZipEntry, bombMessage, checkDeclaredSize,
} from '../formats/zip-limits';

// ---------------------------------------------------------------------------------------------
// The zip container

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

const CORRUPT = CORRUPT_XLSX;

/** The zip's central directory of a file (formats/zip-limits.ts zipDirectory over the file's bytes). */
export function readZipDirectory(file: string, corrupt = CORRUPT): Map<string, ZipEntry> {
  const fd = fs.openSync(file, 'r');
  try {
    return zipDirectory(fs.fstatSync(fd).size, (position, length) => readAt(fd, position, length), corrupt);
  } finally {
    fs.closeSync(fd);
  }
}

/** The entry of that name (exact, else ignoring case and a leading «/»), or undefined. */
export function findEntry(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const want = name.replace(/^\//, '').toLowerCase();
  for (const [k, v] of entries) if (k.replace(/^\//, '').toLowerCase() === want) return v;
  return undefined;
}

/**
 * Checks every part of the workbook against the limits by the central directory (for callers that
 * then read the whole book another way, e.g. with exceljs).
 */
export function checkZipLimits(file: string): void {
  checkEntryLimits(readZipDirectory(file));
}

/** A reading budget shared by the parts of one workbook. */
export interface Budget {
  used: number;
}

/**
 * Inflates one entry chunk by chunk, giving text to `onText` (UTF-8 decoded across chunk
 * boundaries). Stops with XlsxReadError when the part outgrows its declared size, the limit, or
 * the workbook's budget.
 */
export async function inflateEntry(file: string, entry: ZipEntry, label: string, budget: Budget, onText: (text: string) => void, corrupt = CORRUPT): Promise<void> {
  checkDeclaredSize(entry, label);
  if (entry.flags & 1) throw new XlsxReadError('книга защищена паролем (зашифрована); снимите пароль в Excel: Файл → Сведения → Защита книги');
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxReadError(`${corrupt}: часть «${entry.name}» сжата неизвестным способом (${entry.method})`);
  const fd = fs.openSync(file, 'r');
  let dataStart: number;
  try {
    const local = readAt(fd, entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new XlsxReadError(`${corrupt}: часть «${entry.name}» не найдена на указанном месте (файл обрезан?)`);
    dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > fs.fstatSync(fd).size) throw new XlsxReadError(`${corrupt}: часть «${entry.name}» обрывается раньше конца (файл обрезан?)`);
  } finally {
    fs.closeSync(fd);
  }
  const source = fs.createReadStream(file, { start: dataStart, end: dataStart + Math.max(0, entry.compressedSize) - 1, highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8');
  const cap = Math.min(PART_LIMIT_BYTES, entry.size);
  let produced = 0;
  const take = (chunk: Buffer) => {
    produced += chunk.length;
    budget.used += chunk.length;
    if (produced > cap) {
      throw new XlsxReadError(produced > PART_LIMIT_BYTES
        ? bombMessage(label, `распаковывается больше чем в ${gib(PART_LIMIT_BYTES)}`)
        : bombMessage(label, `распаковывается больше, чем указано в оглавлении zip-архива (${sizeText(entry.size)}): оглавление неверно`));
    }
    if (budget.used > TOTAL_LIMIT_BYTES) throw new XlsxReadError(bombMessage('Книга', `распаковывается больше чем в ${gib(TOTAL_LIMIT_BYTES)}`));
    onText(decoder.write(chunk));
  };
  if (entry.size === 0 && entry.compressedSize === 0) return;
  if (entry.method === 0) {
    if (entry.compressedSize === 0) return;
    for await (const chunk of source) take(chunk as Buffer);
  } else {
    const inflate = zlib.createInflateRaw({ chunkSize: 1 << 18 });
    source.on('error', (e) => inflate.destroy(e));
    source.pipe(inflate);
    try {
      for await (const chunk of inflate) take(chunk as Buffer);
    } catch (e) {
      source.destroy();
      inflate.destroy();
      if (e instanceof XlsxReadError) throw e;
      throw new XlsxReadError(`${corrupt}: часть «${entry.name}» не распаковывается (${(e as Error).message})`);
    }
  }
  const rest = decoder.end();
  if (rest) onText(rest);
}

async function parsePart(file: string, entry: ZipEntry, label: string, budget: Budget, handler: XmlHandler): Promise<void> {
  const tokenizer = new XmlTokenizer(handler);
  await inflateEntry(file, entry, label, budget, (t) => tokenizer.write(t));
  tokenizer.end();
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

interface SheetRef {
  name: string;
  path: string;
}

interface BookInfo {
  sheets: SheetRef[];
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function readBook(file: string, entries: Map<string, ZipEntry>, budget: Budget): Promise<BookInfo> {
  const wbEntry = findEntry(entries, 'xl/workbook.xml');
  if (!wbEntry) throw new XlsxReadError(`${CORRUPT}: в архиве нет xl/workbook.xml`);
  const rels = new Map<string, { type: string; target: string }>();
  const relsEntry = findEntry(entries, 'xl/_rels/workbook.xml.rels');
  if (relsEntry) {
    await parsePart(file, relsEntry, 'Часть книги «xl/_rels/workbook.xml.rels»', budget, {
      open(local, tag) {
        if (local !== 'Relationship') return;
        const id = attr(tag, 'Id');
        const target = attr(tag, 'Target');
        if (id && target) rels.set(id, { type: attr(tag, 'Type') ?? '', target });
      },
      close() {},
      text() {},
      wantText: () => false,
    });
  }
  const info: BookInfo = { sheets: [], date1904: false };
  const sheetRels: { name: string; rid: string }[] = [];
  await parsePart(file, wbEntry, 'Часть книги «xl/workbook.xml»', budget, {
    open(local, tag) {
      if (local === 'workbookPr') info.date1904 = attr(tag, 'date1904') === '1';
      else if (local === 'sheet') {
        const name = attr(tag, 'name');
        const rid = attr(tag, 'r:id') ?? /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
        if (name !== undefined && rid) sheetRels.push({ name, rid });
      }
    },
    close() {},
    text() {},
    wantText: () => false,
  });
  for (const { name, rid } of sheetRels) {
    const rel = rels.get(rid);
    if (rel && /\/worksheet$/.test(rel.type)) info.sheets.push({ name, path: resolveTarget('xl/', rel.target) });
    else if (!rel) info.sheets.push({ name, path: `xl/worksheets/sheet${info.sheets.length + 1}.xml` });
  }
  for (const rel of rels.values()) {
    if (/\/sharedStrings$/.test(rel.type)) info.sharedStrings = resolveTarget('xl/', rel.target);
    else if (/\/styles$/.test(rel.type)) info.styles = resolveTarget('xl/', rel.target);
  }
  info.sharedStrings ??= 'xl/sharedStrings.xml';
  info.styles ??= 'xl/styles.xml';
  return info;
}

/** Shared strings: a plain string, or the runs' texts joined (phonetic runs left out). */
async function readSharedStrings(file: string, entry: ZipEntry | undefined, budget: Budget): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let inSi = false;
  let inRun = false;
  let inPhonetic = false;
  let inT = false;
  let plain: string | null = null;
  let runs: string[] | null = null;
  let text = '';
  await parsePart(file, entry, 'Часть книги «Общие строки» (sharedStrings.xml)', budget, {
    open(local) {
      switch (local) {
        case 'si': inSi = true; plain = null; runs = null; break;
        case 'r': if (inSi && !inPhonetic) { inRun = true; runs ??= []; } break;
        case 'rPh': inPhonetic = true; break;
        case 't': if (inSi && !inPhonetic) { inT = true; text = ''; } break;
      }
    },
    close(local) {
      switch (local) {
        case 't':
          if (!inT) break;
          inT = false;
          if (inRun) runs!.push(decodeX(decodeEntities(text)));
          else plain = decodeX(decodeEntities(text));
          break;
        case 'r': inRun = false; break;
        case 'rPh': inPhonetic = false; break;
        case 'si':
          inSi = false;
          out.push(own(runs ? (runs as string[]).join('') : plain ?? ''));
          break;
      }
    },
    text(raw) { text += raw; },
    wantText: () => inT,
  });
  return out;
}

/** Number format kinds by style index: 1 a date format, 2 a percent format, 0 anything else. */
async function readStyles(file: string, entry: ZipEntry | undefined, budget: Budget): Promise<Uint8Array> {
  if (!entry) return new Uint8Array(0);
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(file, entry, 'Часть книги «Стили» (styles.xml)', budget, {
    open(local, tag) {
      if (local === 'numFmt') {
        const id = parseInt(attr(tag, 'numFmtId') ?? '', 10);
        const code = attr(tag, 'formatCode');
        if (code !== undefined) custom.set(id, code.replace(/[\\](.)/g, '$1'));
      } else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) xfFormats.push(parseInt(attr(tag, 'numFmtId') ?? '', 10));
    },
    close(local) { if (local === 'cellXfs') inCellXfs = false; },
    text() {},
    wantText: () => false,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const defaults = require('exceljs/lib/xlsx/defaultnumformats') as Record<number, { f?: string }>;
  const kinds = new Uint8Array(xfFormats.length);
  xfFormats.forEach((id, i) => {
    if (!id) return;
    const fmt = custom.get(id) ?? defaults[id]?.f;
    if (!fmt) return;
    if (isDateFmt(fmt)) kinds[i] = 1;
    else if (/%/.test(fmt)) kinds[i] = 2;
  });
  return kinds;
}

/** exceljs's utils.isDateFmt. */
function isDateFmt(fmt: string): boolean {
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's utils.excelToDate. */
function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** A1-style column letters at the start of a cell reference → 0-based column; -1 when there are none. */
function columnOf(ref: string): number {
  let col = 0;
  let k = 0;
  for (; k < ref.length; k++) {
    const c = ref.charCodeAt(k);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return k === 0 ? -1 : col - 1;
}

/** The column of an A1-style reference in s[from, to), 0-based; -1 when it has no letters. */
function columnAt(s: string, from: number, to: number): number {
  let col = 0;
  let k = from;
  for (; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return k === from ? -1 : col - 1;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  return m ? { col: columnOf(m[1]), row: parseInt(m[2], 10) - 1 } : null;
}

interface SheetContext {
  strings: string[];
  kinds: Uint8Array;
  date1904: boolean;
  /** Row mode: each row with a value goes here (1-based row number) and is not kept; the grid comes back empty. */
  onRow?: (cells: Cell[], row: number) => void;
}

/** One worksheet's cells as a grid (see the file's comment for what each cell becomes). */
async function readSheet(file: string, entry: ZipEntry, label: string, budget: Budget, ctx: SheetContext): Promise<Grid> {
  const { strings, kinds, date1904 } = ctx;
  const rows: Cell[][] = [];
  /** Per row: the number of cells exceljs would count (the last <c>'s column + 1). */
  const cellCounts: number[] = [];
  const valueRows: boolean[] = [];
  const merges: string[] = [];
  const hyperlinks: string[] = [];

  let inSheetData = false;
  let rowIndex = -1;
  let row: Cell[] = [];
  let rowHasValue = false;
  let rowCount = 0;
  // the current cell
  let inCell = false;
  let col = -1;
  let type: string | undefined;
  let style = 0;
  let formula = false;
  let value: string | undefined;
  let runs: string[] | null = null;
  let runText: string | undefined;
  let textTarget = 0; // 0 none, 1 <v> or <t> of the cell, 2 <t> of a rich-text run, 3 <f>
  let fText = '';
  let inRun = false;
  let inPhonetic = false;

  const finishCell = () => {
    let out: Cell | undefined;
    const kind = style < kinds.length ? kinds[style] : 0;
    if (formula) {
      if (value) {
        if (type === 'str') out = xmlDecodeAgain(value);
        else if (type === 'b') out = parseInt(value, 10) !== 0;
        else if (type === 'e') out = value;
        else {
          const num = parseFloat(value);
          out = kind === 1 ? excelToDate(num, date1904) : num;
        }
      } else out = null;
    } else if (runs) {
      out = runs.join('');
    } else if (value !== undefined) {
      switch (type) {
        case 's': {
          const s = strings[parseInt(value, 10)];
          out = s === undefined ? null : s;
          break;
        }
        case 'str': out = xmlDecodeAgain(value); break;
        case 'inlineStr': out = value; break;
        case 'b': out = parseInt(value, 10) !== 0; break;
        case 'e': out = value; break;
        default: {
          const num = parseFloat(value);
          out = kind === 1 ? excelToDate(num, date1904) : kind === 2 ? `${+(num * 100).toPrecision(12)}%` : num;
        }
      }
    }
    while (row.length < col) row.push(null);
    const cell = out === undefined ? null : typeof out === 'string' ? own(out) : out;
    if (row.length === col) row.push(cell);
    else if (out !== undefined) row[col] = cell;
    if (out !== undefined) rowHasValue = true;
  };

  const startCell = (c: number, t: string | undefined, s: number) => {
    inCell = true;
    col = c >= 0 ? c : col + 1;
    type = t;
    style = s;
    formula = false;
    value = undefined;
    runs = null;
    textTarget = 0;
  };

  /** <c …>, <v>, </v>, </c>, </row> without the general path (most of a sheet's tags). */
  const fast = (s: string, lt: number): number => {
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 99 /* c */) {
      if (inCell || !inSheetData) return -1;
      const c2 = s.charCodeAt(lt + 2);
      if (c2 !== 32 && c2 !== 62 && c2 !== 47) return Number.isNaN(c2) ? -2 : -1;
      let p = lt + 2;
      let rCol = -1;
      let t: string | undefined;
      let st = 0;
      let selfClosing = false;
      for (;;) {
        let ch = s.charCodeAt(p);
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = s.charCodeAt(++p);
        if (ch === 62) { p++; break; }
        if (ch === 47) {
          const nx = s.charCodeAt(p + 1);
          if (nx === 62) { p += 2; selfClosing = true; break; }
          return Number.isNaN(nx) ? -2 : -1;
        }
        if (Number.isNaN(ch)) return -2;
        const eq = s.indexOf('=', p);
        if (eq < 0) return -2;
        const qc = s.charCodeAt(eq + 1);
        if (Number.isNaN(qc)) return -2;
        if (qc !== 34 && qc !== 39) return -1;
        const qe = s.indexOf(qc === 34 ? '"' : "'", eq + 2);
        if (qe < 0) return -2;
        if (eq - p === 1) {
          const nc = s.charCodeAt(p);
          if (nc === 114 /* r */) rCol = columnAt(s, eq + 2, qe);
          else if (nc === 115 /* s */) st = parseInt(s.slice(eq + 2, qe), 10) || 0;
          else if (nc === 116 /* t */) t = s.slice(eq + 2, qe);
        }
        p = qe + 1;
      }
      startCell(rCol, t, st);
      if (selfClosing) {
        inCell = false;
        finishCell();
      }
      return p;
    }
    if (!inCell) {
      if (c1 === 47 && s.charCodeAt(lt + 2) === 114 && s.startsWith('ow>', lt + 3)) {
        finishRow();
        return lt + 6;
      }
      return -1;
    }
    if (c1 === 118 /* v */ && s.charCodeAt(lt + 2) === 62) {
      textTarget = 1;
      return lt + 3;
    }
    if (c1 === 47 /* / */ && s.charCodeAt(lt + 3) === 62) {
      const c2 = s.charCodeAt(lt + 2);
      if (c2 === 118) { textTarget = 0; return lt + 4; }
      if (c2 === 99) { inCell = false; textTarget = 0; finishCell(); return lt + 4; }
    }
    return -1;
  };

  const onRow = ctx.onRow;
  const finishRow = () => {
    if (rowIndex < 0) return;
    if (onRow) {
      if (rowHasValue) onRow(row, rowIndex + 1);
      return;
    }
    cellCounts[rowIndex] = row.length;
    if (rowHasValue) {
      rows[rowIndex] = row;
      valueRows[rowIndex] = true;
    }
  };

  await parsePart(file, entry, label, budget, {
    open(local, tag) {
      if (inCell) {
        switch (local) {
          case 'v': textTarget = 1; break;
          case 'f': formula ||= attr(tag, 't') !== undefined; textTarget = 3; fText = ''; break;
          case 'r': inRun = true; runs ??= []; runText = undefined; break;
          case 'rPh': inPhonetic = true; break;
          case 't': if (!inPhonetic) textTarget = inRun ? 2 : 1; if (inRun) runText = ''; break;
        }
        return;
      }
      if (local === 'c' && inSheetData) {
        const r = attr(tag, 'r');
        const s = attr(tag, 's');
        startCell(r === undefined ? -1 : columnOf(r), attr(tag, 't'), s === undefined ? 0 : parseInt(s, 10) || 0);
      } else if (local === 'row' && inSheetData) {
        const r = attr(tag, 'r');
        const n = r === undefined ? NaN : parseInt(r, 10);
        rowIndex = Number.isFinite(n) && n > 0 ? n - 1 : rowIndex + 1;
        row = [];
        rowHasValue = false;
        col = -1;
        if (++rowCount > 1048576) throw new XlsxReadError(`${label}: больше 1 048 576 строк — больше, чем бывает на листе Excel; ${CORRUPT}`);
      } else if (local === 'sheetData') inSheetData = true;
      else if (local === 'mergeCell') {
        const ref = attr(tag, 'ref');
        if (ref) merges.push(ref);
      } else if (local === 'hyperlink') {
        const ref = attr(tag, 'ref');
        if (ref && /\s[\w]+:id\s*=/.test(tag)) hyperlinks.push(ref);
      }
    },
    close(local) {
      if (inCell) {
        switch (local) {
          case 'c': inCell = false; textTarget = 0; finishCell(); break;
          case 'v': textTarget = 0; break;
          case 'f': textTarget = 0; if (fText) formula = true; break;
          case 't':
            if (textTarget === 2) runs!.push(decodeX(decodeEntities(runText ?? '')));
            textTarget = 0;
            break;
          case 'r': inRun = false; break;
          case 'rPh': inPhonetic = false; break;
        }
        return;
      }
      if (local === 'row') {
        finishRow();
      } else if (local === 'sheetData') inSheetData = false;
    },
    text(raw) {
      if (textTarget === 1) {
        const t = decodeEntities(raw);
        value = value === undefined ? t : value + t;
      } else if (textTarget === 2) runText += raw;
      else if (textTarget === 3) fText += raw;
    },
    wantText: () => textTarget !== 0,
    fast,
  });
  const width = applyHyperlinksAndMerges(rows, cellCounts, valueRows, hyperlinks, merges);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) rows[r] = [];
    else if (valueRows[r]) {
      for (let k = cells.length; k < width; k++) cells.push(null);
    }
  }
  return rows;
}

/** External hyperlinks turn a cell's value into text; merged cells take their master's value (as exceljs reads them). Returns the grid width. */
function applyHyperlinksAndMerges(rows: Cell[][], cellCounts: number[], valueRows: boolean[], hyperlinks: string[], merges: string[]): number {
  for (const ref of hyperlinks) {
    const at = decodeRef(ref);
    if (!at || !valueRows[at.row]) continue;
    const v = rows[at.row][at.col];
    if (v !== null && v !== undefined && typeof v !== 'string') rows[at.row][at.col] = String(v);
  }
  for (const ref of merges) {
    const [a, b] = ref.split(':');
    const from = decodeRef(a);
    const to = decodeRef(b ?? a);
    if (!from || !to) continue;
    const top = Math.min(from.row, to.row);
    const bottom = Math.max(from.row, to.row);
    const left = Math.min(from.col, to.col);
    const right = Math.max(from.col, to.col);
    const master = valueRows[top] ? rows[top][left] ?? null : null;
    cellCounts[top] = Math.max(cellCounts[top] ?? 0, left + 1);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        if (r === top && c === left) continue;
        if (!valueRows[r]) {
          const cells = rows[r] ?? [];
          rows[r] = cells;
          valueRows[r] = true;
        }
        const cells = rows[r];
        for (let k = cells.length; k < c; k++) if (cells[k] === undefined) cells[k] = null;
        cells[c] = master;
        cellCounts[r] = Math.max(cellCounts[r] ?? 0, c + 1);
      }
    }
  }
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    if (!valueRows[r]) continue;
    width = Math.max(width, cellCounts[r] ?? 0, rows[r].length);
    const cells = rows[r];
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = null;
  }
  return width;
}

export interface StreamedSheet {
  name: string;
  grid: Grid;
}

/**
 * Reads the sheets `want` picks (by name; all when omitted) as grids, in the workbook's order,
 * without loading the workbook. Throws XlsxReadError (a Russian message) on a corrupt file or a
 * part over the size limits.
 */
export async function readXlsxSheets(file: string, want: (name: string) => boolean = () => true): Promise<StreamedSheet[]> {
  const entries = readZipDirectory(file);
  const budget: Budget = { used: 0 };
  const book = await readBook(file, entries, budget);
  const picked = book.sheets.filter((s) => want(s.name));
  const out: StreamedSheet[] = [];
  if (picked.length === 0) return out;
  const sheetEntries = picked.map((s) => ({ sheet: s, entry: findEntry(entries, s.path) }));
  // Refuse a bomb before anything big is inflated.
  for (const { sheet, entry } of sheetEntries) if (entry) checkDeclaredSize(entry, `Лист «${sheet.name}»`);
  const ssEntry = book.sharedStrings ? findEntry(entries, book.sharedStrings) : undefined;
  if (ssEntry) checkDeclaredSize(ssEntry, 'Часть книги «Общие строки» (sharedStrings.xml)');
  const declared = sheetEntries.reduce((acc, { entry }) => acc + (entry?.size ?? 0), ssEntry?.size ?? 0);
  if (declared > TOTAL_LIMIT_BYTES) throw new XlsxReadError(bombMessage('Книга', `в распакованном виде занимает ${sizeText(declared)}`));
  const strings = await readSharedStrings(file, ssEntry, budget);
  const kinds = await readStyles(file, book.styles ? findEntry(entries, book.styles) : undefined, budget);
  for (const { sheet, entry } of sheetEntries) {
    // A sheet listed but absent from the archive reads as empty (exceljs does the same).
    const grid = entry ? await readSheet(file, entry, `Лист «${sheet.name}»`, budget, { strings, kinds, date1904: book.date1904 }) : [];
    out.push({ name: sheet.name, grid });
  }
  return out;
}

/**
 * Streams the rows of the sheets `want` picks, in the workbook's order, without keeping them:
 * `onSheet(name)` before a sheet's rows, `onRow(cells, row)` for each row that has a value (row
 * 1-based, in the file's order). Memory stays that of one row and the shared strings, whatever the
 * number of rows. Cells under a merge are empty (as the import's exceljs reading gives them) and
 * hyperlinks keep their cell's value: the reports read this way (ФИС ОКО per-pupil results) have
 * neither in their data rows.
 */
export async function streamXlsxRows(file: string, want: (name: string) => boolean, onSheet: (name: string) => void, onRow: (cells: Cell[], row: number) => void): Promise<void> {
  const entries = readZipDirectory(file);
  const budget: Budget = { used: 0 };
  const book = await readBook(file, entries, budget);
  const picked = book.sheets.filter((s) => want(s.name));
  const sheetEntries = picked.map((s) => ({ sheet: s, entry: findEntry(entries, s.path) }));
  for (const { sheet, entry } of sheetEntries) if (entry) checkDeclaredSize(entry, `Лист «${sheet.name}»`);
  const ssEntry = book.sharedStrings ? findEntry(entries, book.sharedStrings) : undefined;
  if (ssEntry) checkDeclaredSize(ssEntry, 'Часть книги «Общие строки» (sharedStrings.xml)');
  const strings = await readSharedStrings(file, ssEntry, budget);
  const kinds = await readStyles(file, book.styles ? findEntry(entries, book.styles) : undefined, budget);
  for (const { sheet, entry } of sheetEntries) {
    onSheet(sheet.name);
    if (entry) await readSheet(file, entry, `Лист «${sheet.name}»`, budget, { strings, kinds, date1904: book.date1904, onRow });
  }
}
