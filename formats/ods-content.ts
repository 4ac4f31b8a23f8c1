/**
 * Reading an OpenDocument spreadsheet's content.xml (.ods, as LibreOffice, Р7-Офис and Excel save
 * it) into grids, fed chunk by chunk: no DOM and no whole text is held. Pure TypeScript (no Node
 * API): cli/workbook-read.ts feeds it from the zip as a stream; a browser page can feed it the
 * text of content.xml it inflated itself (DecompressionStream('deflate-raw')).
 *
 * The grids are the ones cli/xlsx-stream.ts gives for the same workbook saved as .xlsx:
 * - float and currency cells as numbers, percentage cells as the text Excel shows («25%»), date
 *   cells as Date (UTC, as exceljs reads a date-formatted serial), time cells as Date on
 *   1899-12-30 (as a time-formatted serial reads), booleans, string cells as their text (the
 *   paragraphs joined by «\n», <text:s text:c="N"/> as N spaces, tabs, line breaks, spans and links;
 *   comments left out), formula cells as their cached result, error results as their text («#DIV/0!»);
 * - merged cells (table:number-columns-spanned / number-rows-spanned; the covered cells'
 *   own content is ignored) hold the master's value (`merged: 'master'`, as exceljs reads a region
 *   workbook) or are empty (`merged: 'blank'`, as Excel's range.values give an import source);
 * - rows without values as [], the other rows padded to the widest row with a value.
 *
 * table:number-columns-repeated / number-rows-repeated: repeated empty cells and rows only move
 * the position (LibreOffice writes the empty rest of every row and sheet so: 16,384 columns ×
 * 1,048,576 rows); repeated cells and rows with a value are copied, at most MAX_COLUMNS ×
 * MAX_ROWS and REPEAT_LIMIT cells made by repeats and merges in a whole workbook: a few kilobytes
 * cannot become billions of cells (a «repeat bomb»), the reader stops with a Russian message.
 */
import type { Cell, Grid } from '../shared/types';
import { type XmlHandler, XmlTokenizer, XlsxReadError, attr, decodeEntities, own } from './xml-tokens';

export const CORRUPT_ODS = 'файл повреждён или это не таблица .ods';
/** Columns and rows a sheet may have (LibreOffice's and Excel's sheet size). */
export const MAX_COLUMNS = 16384;
export const MAX_ROWS = 1048576;
/** Cells a workbook's repeats and merges may make beyond the cells written in it. */
export const REPEAT_LIMIT = 20_000_000;

/** One sheet of a workbook read whole: its name, its grid, whether it is hidden. */
export interface BookSheet {
  name: string;
  grid: Grid;
  hidden: boolean;
}

export interface SheetReadOptions {
  /** The sheets to read, by name (all when omitted); the others are skipped without making cells. */
  want?: (name: string) => boolean;
  /** Cells under a merge: the master's value (a region workbook, as exceljs reads it) or empty (an import source). */
  merged?: 'master' | 'blank';
}

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const count = (n: number) => n.toLocaleString('ru-RU');

/** A positive integer attribute (a repeat or a span), 1 when absent or not a number. */
function positive(tag: string, name: string): number {
  const v = attr(tag, name);
  if (v === undefined) return 1;
  const n = parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** office:date-value «2025-04-05» or «2025-04-05T10:30:00(.5)» as a UTC Date; null when it is not one. */
function odsDate(text: string): Date | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/.exec(text.trim());
  if (!m) return null;
  const ms = m[7] ? Math.round(parseFloat(m[7]) * 1000) : 0;
  const d = new Date(0);
  d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
  d.setUTCHours(m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, ms);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** office:time-value «PT10H30M00S» (ISO 8601 duration) as a time on 1899-12-30, as a time-formatted serial reads. */
function odsTime(text: string): Date | null {
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) return null;
  const ms = ((+(m[2] ?? 0) * 24 + +(m[3] ?? 0)) * 60 + +(m[4] ?? 0)) * 60000 + +(m[5] ?? 0) * 1000;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(m[1] ? -ms : ms));
}

/** The attributes of a <table:table-cell> that the reader uses, parsed in one pass over the tag. */
interface CellAttrs {
  valueType: string | undefined;
  value: string | undefined;
  calc: string | undefined;
  date: string | undefined;
  time: string | undefined;
  boolean: string | undefined;
  string: string | undefined;
  style: string | undefined;
  formula: string | undefined;
  repeat: number;
  spanCols: number;
  spanRows: number;
}

const newAttrs = (): CellAttrs => ({
  valueType: undefined, value: undefined, calc: undefined, date: undefined, time: undefined, boolean: undefined,
  string: undefined, style: undefined, formula: undefined, repeat: 1, spanCols: 1, spanRows: 1,
});

const count1 = (v: string) => {
  const n = parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

/**
 * Parses the attributes of a start tag in s from `p` (just after the element's name) into `a`.
 * Returns the index after the tag's «>» and whether the tag closes itself; `end` is -2 when the
 * tag is cut by the chunk's end, -1 when it is not one this parser reads (left to the general path).
 */
function parseCellAttrs(s: string, p: number, a: CellAttrs): { end: number; selfClosing: boolean } {
  a.valueType = a.value = a.calc = a.date = a.time = a.boolean = a.string = a.style = a.formula = undefined;
  a.repeat = a.spanCols = a.spanRows = 1;
  for (;;) {
    let ch = s.charCodeAt(p);
    while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = s.charCodeAt(++p);
    if (ch === 62) return { end: p + 1, selfClosing: false };
    if (ch === 47) {
      const nx = s.charCodeAt(p + 1);
      if (nx === 62) return { end: p + 2, selfClosing: true };
      return { end: Number.isNaN(nx) ? -2 : -1, selfClosing: false };
    }
    if (Number.isNaN(ch)) return { end: -2, selfClosing: false };
    const eq = s.indexOf('=', p);
    if (eq < 0) return { end: -2, selfClosing: false };
    let q = eq + 1;
    while (s.charCodeAt(q) === 32) q++;
    const qc = s.charCodeAt(q);
    if (Number.isNaN(qc)) return { end: -2, selfClosing: false };
    if (qc !== 34 && qc !== 39) return { end: -1, selfClosing: false };
    const qe = s.indexOf(qc === 34 ? '"' : "'", q + 1);
    if (qe < 0) return { end: -2, selfClosing: false };
    let nameEnd = eq;
    while (s.charCodeAt(nameEnd - 1) === 32) nameEnd--;
    const name = s.slice(p, nameEnd);
    let v = s.slice(q + 1, qe);
    if (v.includes('&')) v = decodeEntities(v);
    switch (name) {
      case 'office:value-type': a.valueType = v; break;
      case 'office:value': a.value = v; break;
      case 'calcext:value-type': a.calc = v; break;
      case 'office:date-value': a.date = v; break;
      case 'office:time-value': a.time = v; break;
      case 'office:boolean-value': a.boolean = v; break;
      case 'office:string-value': a.string = v; break;
      case 'table:style-name': a.style = v; break;
      case 'table:formula': a.formula = v; break;
      case 'table:number-columns-repeated': a.repeat = count1(v); break;
      case 'table:number-columns-spanned': a.spanCols = count1(v); break;
      case 'table:number-rows-spanned': a.spanRows = count1(v); break;
    }
    p = qe + 1;
  }
}

/**
 * The content.xml reader: `write` the text as it is inflated, then `end()`; `sheets` and `names`
 * hold the result. Throws XlsxReadError (a Russian message) on malformed XML and past the limits.
 */
export class OdsContentReader {
  readonly sheets: BookSheet[] = [];
  /** Every sheet's name, in order (also those `want` skipped). */
  readonly names: string[] = [];
  private readonly tokenizer: XmlTokenizer;
  private made = 0;

  constructor(options: SheetReadOptions = {}) {
    this.tokenizer = new XmlTokenizer(this.handler(options), CORRUPT_ODS);
  }

  write(text: string): void {
    this.tokenizer.write(text);
  }

  end(): void {
    this.tokenizer.end();
  }

  private handler(options: SheetReadOptions): XmlHandler {
    const want = options.want ?? (() => true);
    const fill = (options.merged ?? 'master') === 'master';
    /** Table styles whose table-properties say table:display="false" (hidden sheets). */
    const hiddenStyles = new Set<string>();
    let styleName: string | null = null;
    /** Cell styles whose data style is a boolean one: LibreOffice writes TRUE as =TRUE(), a float 1 so formatted. */
    const cellDataStyles = new Map<string, string>();
    const booleanStyles = new Set<string>();

    let tableDepth = 0;
    let reading = false;
    let sheetName = '';
    let sheetHidden = false;
    let rows: Cell[][] = [];
    let merges: Merge[] = [];
    let rowIndex = 0;
    let row: Cell[] = [];
    let rowRepeat = 1;
    let rowHasValue = false;
    let col = 0;

    let inCell = false;
    let covered = false;
    const a = newAttrs();
    let wantCellText = false;
    let text = '';
    /** Raw text not yet decoded (an entity may be cut by a chunk's end). */
    let raw = '';
    let paragraphs = 0;
    let inP = 0;
    let annotation = 0;

    const limit = (what: string) => {
      throw new XlsxReadError(`Лист «${sheetName}»: ${what}. Так бывает с повреждёнными или намеренно «раздутыми» файлами; книга не прочитана. ` +
        'Если данные настоящие, разделите их на несколько книг или сохраните листы как CSV (папка с schools.csv, results.csv …).');
    };
    const addMade = (n: number) => {
      this.made += n;
      if (this.made > REPEAT_LIMIT) limit(`повторы ячеек и строк (table:number-columns-repeated, number-rows-repeated) и объединения дают больше ${count(REPEAT_LIMIT)} ячеек`);
    };

    const finishCell = () => {
      inCell = false;
      const repeat = a.repeat;
      if (!covered) {
        let value: Cell | undefined;
        if (a.calc === 'error') value = text;
        else {
          switch (a.valueType) {
            case 'float':
            case 'currency': {
              const num = a.value === undefined ? NaN : Number(a.value);
              // LibreOffice keeps a TRUE typed into a cell (or read from .xlsx) as the formula =TRUE(), a float 1.
              if (a.formula !== undefined && /^(?:of:)?=(TRUE|FALSE)\(\)$/i.test(a.formula) && Number.isFinite(num)) value = num !== 0;
              else if (a.style !== undefined && booleanStyles.size && booleanStyles.has(cellDataStyles.get(a.style) ?? '') && Number.isFinite(num)) value = num !== 0;
              else value = Number.isFinite(num) ? num : text;
              break;
            }
            case 'percentage': {
              const num = Number(a.value);
              value = Number.isFinite(num) ? `${+(num * 100).toPrecision(12)}%` : text;
              break;
            }
            case 'date': value = odsDate(a.date ?? '') ?? text; break;
            case 'time': value = odsTime(a.time ?? '') ?? text; break;
            case 'boolean': value = (a.boolean ?? '').trim() === 'true'; break;
            case 'string': value = a.string ?? text; break;
            default: value = paragraphs ? text : undefined;
          }
        }
        if (value !== undefined) {
          if (col + repeat > MAX_COLUMNS) limit(`значение в столбце ${count(col + repeat)}, а на листе не бывает больше ${count(MAX_COLUMNS)} столбцов`);
          if (repeat > 1) addMade(repeat - 1);
          while (row.length < col) row.push(null);
          const cell = typeof value === 'string' ? own(value) : value;
          for (let k = 0; k < repeat; k++) row.push(cell);
          rowHasValue = true;
        }
        if (a.spanCols > 1 || a.spanRows > 1) merges.push({ row: rowIndex, col, rows: a.spanRows, cols: a.spanCols });
      }
      col += repeat;
    };

    const startCell = (isCovered: boolean) => {
      inCell = true;
      covered = isCovered;
      wantCellText = !covered && (a.valueType === undefined || a.valueType === 'string' || a.calc === 'error' ||
        (a.valueType !== 'boolean' && a.value === undefined && a.date === undefined && a.time === undefined));
      text = '';
      raw = '';
      paragraphs = 0;
      inP = 0;
      annotation = 0;
    };

    /** <table:table-cell …>, <text:p>, </text:p>, </table:table-cell> of a sheet being read, without the general path. */
    const fast = (s: string, lt: number): number => {
      if (!reading || tableDepth !== 1) return -1;
      if (!inCell) {
        if (s.startsWith('table:table-cell', lt + 1)) {
          const after = s.charCodeAt(lt + 17);
          if (Number.isNaN(after)) return -2;
          if (after !== 32 && after !== 62 && after !== 47) return -1;
          const r = parseCellAttrs(s, lt + 17, a);
          if (r.end < 0) return r.end;
          startCell(false);
          if (r.selfClosing) finishCell();
          return r.end;
        }
        return -1;
      }
      if (annotation) return -1;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 116 /* t */) {
        if (s.startsWith('text:p>', lt + 1)) {
          if (raw) { text += decodeEntities(raw); raw = ''; }
          if (paragraphs++) text += '\n';
          inP++;
          return lt + 8;
        }
        return s.length - lt < 8 ? -2 : -1;
      }
      if (c1 === 47 /* / */) {
        if (s.startsWith('/text:p>', lt + 1)) {
          if (raw) { text += decodeEntities(raw); raw = ''; }
          if (inP) inP--;
          return lt + 9;
        }
        if (s.startsWith('/table:table-cell>', lt + 1)) {
          if (raw) { text += decodeEntities(raw); raw = ''; }
          finishCell();
          return lt + 19;
        }
        return s.length - lt < 20 ? -2 : -1;
      }
      return -1;
    };

    const finishRow = () => {
      if (rowHasValue) {
        if (rowIndex + rowRepeat > MAX_ROWS) limit(`значения в строке ${count(rowIndex + rowRepeat)}, а на листе не бывает больше ${count(MAX_ROWS)} строк`);
        if (rowRepeat > 1) addMade(row.length * (rowRepeat - 1));
        rows[rowIndex] = row;
        for (let k = 1; k < rowRepeat; k++) rows[rowIndex + k] = row.slice();
      }
      rowIndex += rowRepeat;
    };

    const finishSheet = () => {
      this.sheets.push({ name: sheetName, grid: finishGrid(rows, merges, fill, addMade), hidden: sheetHidden });
    };

    return {
      open: (local, t, selfClosing) => {
        if (local === 'table') {
          tableDepth++;
          if (tableDepth > 1) return; // a table inside a cell (a sub-table): not a sheet
          sheetName = attr(t, 'table:name') ?? `Лист${this.names.length + 1}`;
          this.names.push(sheetName);
          reading = want(sheetName);
          sheetHidden = hiddenStyles.has(attr(t, 'table:style-name') ?? '');
          rows = [];
          merges = [];
          rowIndex = 0;
          return;
        }
        if (tableDepth === 0) {
          if (local === 'style') {
            const family = attr(t, 'style:family');
            styleName = family === 'table' ? attr(t, 'style:name') ?? null : null;
            if (family === 'table-cell') {
              const data = attr(t, 'style:data-style-name');
              const name = attr(t, 'style:name');
              if (data && name) cellDataStyles.set(name, data);
            }
          } else if (local === 'boolean-style') {
            const name = attr(t, 'style:name');
            if (name) booleanStyles.add(name);
          } else if (local === 'table-properties' && styleName && attr(t, 'table:display') === 'false') hiddenStyles.add(styleName);
          return;
        }
        if (!reading || tableDepth > 1) return;
        if (inCell) {
          if (raw) { text += decodeEntities(raw); raw = ''; }
          if (annotation) {
            if (local === 'annotation') annotation++;
            return;
          }
          switch (local) {
            case 'annotation': annotation = 1; break;
            case 'p':
            case 'h':
              if (paragraphs++) text += '\n';
              if (!selfClosing) inP++;
              break;
            case 's': if (inP && wantCellText) text += ' '.repeat(Math.min(positive(t, 'text:c'), MAX_COLUMNS)); break;
            case 'tab': if (inP && wantCellText) text += '\t'; break;
            case 'line-break': if (inP && wantCellText) text += '\n'; break;
          }
          return;
        }
        if (local === 'table-cell' || local === 'covered-table-cell') {
          // The tag's text without its name: parsed as the fast path does.
          const space = t.search(/[\s/]/);
          parseCellAttrs(`${space < 0 ? '' : t.slice(space)}>`, 0, a);
          startCell(local === 'covered-table-cell');
        } else if (local === 'table-row') {
          row = [];
          col = 0;
          rowHasValue = false;
          rowRepeat = positive(t, 'table:number-rows-repeated');
        }
      },
      close: (local) => {
        if (local === 'table') {
          tableDepth--;
          if (tableDepth === 0 && reading) finishSheet();
          if (tableDepth === 0) reading = false;
          return;
        }
        if (tableDepth === 0) {
          if (local === 'style') styleName = null;
          return;
        }
        if (!reading || tableDepth > 1) return;
        if (inCell) {
          if (raw) { text += decodeEntities(raw); raw = ''; }
          if (annotation) {
            if (local === 'annotation') annotation--;
            return;
          }
          if (local === 'table-cell' || local === 'covered-table-cell') finishCell();
          else if ((local === 'p' || local === 'h') && inP) inP--;
          return;
        }
        if (local === 'table-row') finishRow();
      },
      text: (r) => { raw += r; },
      wantText: () => inCell && inP > 0 && annotation === 0 && wantCellText,
      fast,
    };
  }
}

/**
 * A sparse array of rows as a grid: merged ranges hold the master's value (fill) or stay empty,
 * rows without values become [], the others are padded to the widest. `made` counts the cells merges add.
 */
export function finishGrid(rows: Cell[][], merges: Merge[], fill: boolean, made: (n: number) => void = () => {}): Grid {
  const width = applyMerges(rows, merges, fill, made);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) rows[r] = [];
    else for (let k = cells.length; k < width; k++) cells.push(null);
  }
  return rows;
}

/** Merged ranges: the master's value in every cell (fill) or empty cells; returns the grid width. */
function applyMerges(rows: Cell[][], merges: Merge[], fill: boolean, made: (n: number) => void): number {
  let width = 0;
  for (const cells of rows) if (cells) width = Math.max(width, cells.length);
  if (!fill) return width;
  for (const m of merges) {
    const bottom = Math.min(m.row + m.rows, MAX_ROWS);
    const right = Math.min(m.col + m.cols, MAX_COLUMNS);
    made((bottom - m.row) * (right - m.col));
    const master = rows[m.row]?.[m.col] ?? null;
    for (let r = m.row; r < bottom; r++) {
      const cells = rows[r] ?? (rows[r] = []);
      while (cells.length < right) cells.push(null);
      for (let c = m.col; c < right; c++) if (r !== m.row || c !== m.col) cells[c] = master;
      if (r === m.row && cells[m.col] === undefined) cells[m.col] = null;
    }
    width = Math.max(width, right);
  }
  return width;
}
