/**
 * Reading the old Excel formats with SheetJS Community Edition (npm `@e965/xlsx`, a byte-identical
 * republication of SheetJS CE 0.20.3; see README «Форматы файлов» for why this package): binary
 * .xls (BIFF8 and older, the OLE2 container), the «XML Spreadsheet 2003» that some systems save as
 * .xls, and HTML tables saved as .xls. Pure (bytes in, grids out; no Node API): a browser page can
 * call it on the bytes of a file the user picked.
 *
 * The grids are the ones cli/xlsx-stream.ts gives for the same workbook saved as .xlsx: numbers,
 * date-formatted numbers as Date (the 1904 flag honoured), percent-formatted numbers as the text
 * Excel shows («25%»), text (codes keep their leading zeros), booleans, errors as their text,
 * formulas as their cached result, merged cells as the master's value or empty (`merged`), rows
 * without values as [], the others padded to the widest. An HTML table is read as text, cell by
 * cell (the engine reads numbers written as text): «007» stays «007».
 */
import * as XLSX from '@e965/xlsx';
import type { Cell } from '../shared/types';
import { type BookSheet, type Merge, type SheetReadOptions, finishGrid } from './ods-content';
import { XlsxReadError } from './xml-tokens';

export type LegacyKind = 'xls' | 'xml' | 'html';

const ERRORS: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

/** exceljs's utils.isDateFmt (as cli/xlsx-stream.ts decides a date cell). */
function isDateFmt(fmt: string): boolean {
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's utils.excelToDate. */
function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function cellOf(c: XLSX.CellObject | undefined, date1904: boolean): Cell | undefined {
  if (!c) return undefined;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      const fmt = typeof c.z === 'string' ? c.z : '';
      if (fmt && fmt !== 'General') {
        if (isDateFmt(fmt)) return excelToDate(v, date1904);
        if (/%/.test(fmt)) return `${+(v * 100).toPrecision(12)}%`;
      }
      return v;
    }
    case 's': return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'b': return c.v === true;
    case 'e': return ERRORS[c.v as number] ?? (typeof c.w === 'string' ? c.w : '#ERROR!');
    case 'd': return c.v instanceof Date ? c.v : undefined;
    default: return undefined;
  }
}

/** A Russian message for what SheetJS threw. */
function readFailure(kind: LegacyKind, e: unknown): XlsxReadError {
  const message = (e as Error)?.message ?? String(e);
  if (/password|encrypt/i.test(message)) return new XlsxReadError('книга защищена паролем (зашифрована); снимите пароль в Excel или LibreOffice (Файл → Свойства → Безопасность) и сохраните снова');
  const what = kind === 'xls' ? 'книга Excel 97–2003 (.xls)' : kind === 'xml' ? 'таблица XML 2003' : 'таблица HTML';
  return new XlsxReadError(`файл повреждён или это не ${what} (${message})`);
}

/**
 * The sheets of an .xls (or XML 2003, or HTML table) file, in the workbook's order, with every
 * sheet's name. Throws XlsxReadError (a Russian message) when the file cannot be read.
 */
export function readLegacySheets(bytes: Uint8Array, kind: LegacyKind, options: SheetReadOptions = {}): { sheets: BookSheet[]; names: string[] } {
  const want = options.want ?? (() => true);
  const fill = (options.merged ?? 'master') === 'master';
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellText: false, cellStyles: false,
      raw: kind === 'html', WTF: false,
    });
  } catch (e) {
    throw readFailure(kind, e);
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const names = [...wb.SheetNames];
  const sheets: BookSheet[] = [];
  names.forEach((name, i) => {
    if (!want(name)) return;
    const ws = wb.Sheets[name] as XLSX.WorkSheet & { '!data'?: XLSX.CellObject[][] };
    const data = ws?.['!data'] ?? [];
    const rows: Cell[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      if (!src) continue;
      let cells: Cell[] | null = null;
      for (let c = 0; c < src.length; c++) {
        const v = cellOf(src[c], date1904);
        if (v === undefined) continue;
        cells ??= [];
        while (cells.length < c) cells.push(null);
        cells.push(v);
      }
      if (cells) rows[r] = cells;
    }
    const merges: Merge[] = (ws?.['!merges'] ?? []).map((m) => ({ row: m.s.r, col: m.s.c, rows: m.e.r - m.s.r + 1, cols: m.e.c - m.s.c + 1 }));
    if (!fill) {
      // Cells hidden under a merge are empty, whatever the file keeps in them.
      for (const m of merges) {
        for (let r = m.row; r < m.row + m.rows; r++) {
          const cells = rows[r];
          if (!cells) continue;
          for (let c = m.col; c < m.col + m.cols && c < cells.length; c++) if (r !== m.row || c !== m.col) cells[c] = null;
        }
      }
    }
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    sheets.push({ name, grid: finishGrid(rows, merges, fill), hidden });
  });
  return { sheets, names };
}
