/**
 * Template sheets, described once for every host. Like the OutputSheet of shared/report-tables.ts
 * (titles, tables, column formats), plus what a sheet to be filled in needs: data validation (lists,
 * dates, numbers), formulas per row, read-only cells, empty rows to fill, and key–value lines above
 * a table. `layoutTemplate` places everything on rows and columns, so the .xlsx writer, Excel and
 * Google Sheets put down the same cells.
 */
import { columnLetter } from '../input/table';
import type { Ymd } from './dates';

/** A formula in A1 notation with English function names and «,» between arguments; `{r}` is the cell's own row. */
export interface Formula {
  formula: string;
}

/** A date cell (written as a real date, shown as ДД.ММ.ГГГГ). */
export interface DateValue {
  date: Ymd;
}

export type TemplateValue = string | number | boolean | null | Formula | DateValue;

export type Validation =
  | { type: 'list'; values: string[]; strict: boolean }
  | { type: 'date' }
  | { type: 'decimal'; min?: number; max?: number }
  | { type: 'whole'; min?: number; max?: number };

export interface TemplateColumn {
  header: string;
  /** Number format of the data cells, e.g. '0.0%'. */
  format?: string;
  validation?: Validation;
  /** Filled by the tool or by a formula, not by hand: shaded, and protected where the host can. */
  computed?: boolean;
}

export interface TemplateRow {
  cells: TemplateValue[];
  /** Per-cell overrides of the column's format and validation (e.g. a percent row among counts). */
  formats?: (string | undefined)[];
  validations?: (Validation | undefined)[];
  /** A heading line inside the table (bold, merged across). */
  heading?: boolean;
}

export type BlockRole = 'roadmap' | 'indicators' | 'participants' | 'info' | 'table';

export interface TemplateBlock {
  role: BlockRole;
  caption?: string;
  /** No header row (key–value lines). */
  noHeader?: boolean;
  columns: TemplateColumn[];
  rows: TemplateRow[];
  /** Empty rows added below the rows, with the columns' validation and `blankFormulas`. */
  blankRows?: number;
  /** Formula per column for the empty rows (e.g. achievement and status). */
  blankFormulas?: (string | null)[];
}

export interface TemplateSheet {
  name: string;
  /** Bold first line, then italic lines. */
  title: string[];
  /** What to do, shown under the title. */
  notes: string[];
  /** Column widths in characters. */
  widths: number[];
  blocks: TemplateBlock[];
  /** Freeze the panes under the header of the first table block. */
  freeze?: boolean;
}

export type RowStyle = 'title' | 'subtitle' | 'note' | 'caption' | 'header' | 'heading' | 'data' | 'info';

/** A value as written to a host: a formula has its `{r}` replaced. */
export type PlacedValue = string | number | boolean | null | Formula | DateValue;

export interface PlacedRow {
  /** 1-based. */
  row: number;
  style: RowStyle;
  values: PlacedValue[];
  formats: (string | null)[];
  /** Computed cells (shaded). */
  computed: boolean[];
}

export interface PlacedBlock {
  role: BlockRole;
  /** 1-based rows; headerRow is null for a block without header. */
  headerRow: number | null;
  firstRow: number;
  /** Last row including the empty rows to fill. */
  lastRow: number;
  width: number;
}

export interface SheetLayout {
  name: string;
  width: number;
  rows: PlacedRow[];
  /** Rows merged across the sheet width (titles, notes, captions, headings). */
  merged: number[];
  validations: { row1: number; col1: number; row2: number; col2: number; validation: Validation }[];
  blocks: PlacedBlock[];
  /** Row under which panes are frozen (0: none). */
  freezeRow: number;
  widths: number[];
}

/** Replaces `{r}` with the row number. */
export function formulaAt(formula: string, row: number): string {
  return formula.replace(/\{r\}/g, String(row));
}

function place(v: TemplateValue, row: number): PlacedValue {
  if (v && typeof v === 'object' && 'formula' in v) return { formula: formulaAt(v.formula, row) };
  return v;
}

/**
 * Places a template sheet on rows: title and notes, then each block (caption, header, rows, empty
 * rows), one empty row between blocks. Validations are merged into column ranges where they agree.
 */
export function layoutTemplate(sheet: TemplateSheet): SheetLayout {
  const width = Math.max(sheet.widths.length, ...sheet.blocks.map((b) => b.columns.length));
  const rows: PlacedRow[] = [];
  const merged: number[] = [];
  const validations: SheetLayout['validations'] = [];
  const blocks: PlacedBlock[] = [];
  let r = 0;
  const text = (style: RowStyle, line: string) => {
    r++;
    rows.push({ row: r, style, values: [line], formats: [null], computed: [false] });
    merged.push(r);
  };
  sheet.title.forEach((line, i) => text(i === 0 ? 'title' : 'subtitle', line));
  sheet.notes.forEach((line) => text('note', line));
  let freezeRow = 0;
  for (const block of sheet.blocks) {
    if (r > 0) r++;
    if (block.caption) text('caption', block.caption);
    let headerRow: number | null = null;
    if (!block.noHeader) {
      r++;
      headerRow = r;
      rows.push({ row: r, style: 'header', values: block.columns.map((c) => c.header), formats: block.columns.map(() => null), computed: block.columns.map(() => false) });
      if (sheet.freeze && !freezeRow && block.role !== 'info') freezeRow = r;
    }
    const firstRow = r + 1;
    for (const tr of block.rows) {
      r++;
      if (tr.heading) {
        rows.push({ row: r, style: 'heading', values: [place(tr.cells[0] ?? null, r)], formats: [null], computed: [false] });
        merged.push(r);
        continue;
      }
      const values = block.columns.map((_, c) => place(tr.cells[c] ?? null, r));
      const formats = block.columns.map((col, c) => tr.formats?.[c] ?? col.format ?? null);
      rows.push({ row: r, style: block.role === 'info' ? 'info' : 'data', values, formats, computed: block.columns.map((col) => !!col.computed) });
      block.columns.forEach((col, c) => {
        const v = tr.validations?.[c] ?? col.validation;
        if (v) validations.push({ row1: r, col1: c + 1, row2: r, col2: c + 1, validation: v });
      });
    }
    for (let i = 0; i < (block.blankRows ?? 0); i++) {
      r++;
      const values = block.columns.map((_, c) => {
        const f = block.blankFormulas?.[c];
        return f ? { formula: formulaAt(f, r) } : null;
      });
      rows.push({ row: r, style: 'data', values, formats: block.columns.map((col) => col.format ?? null), computed: block.columns.map((col) => !!col.computed) });
      block.columns.forEach((col, c) => {
        if (col.validation) validations.push({ row1: r, col1: c + 1, row2: r, col2: c + 1, validation: col.validation });
      });
    }
    blocks.push({ role: block.role, headerRow, firstRow, lastRow: r, width: block.columns.length });
  }
  return { name: sheet.name, width, rows, merged, validations: mergeValidations(validations), blocks, freezeRow, widths: sheet.widths };
}

function sameValidation(a: Validation, b: Validation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Joins single-cell validations of one column on consecutive rows into ranges. */
function mergeValidations(list: SheetLayout['validations']): SheetLayout['validations'] {
  const sorted = [...list].sort((a, b) => a.col1 - b.col1 || a.row1 - b.row1);
  const out: SheetLayout['validations'] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && last.col1 === v.col1 && last.row2 + 1 === v.row1 && sameValidation(last.validation, v.validation)) last.row2 = v.row2;
    else out.push({ ...v });
  }
  return out;
}

/** «A1:B7» for 1-based bounds. */
export function a1Range(row1: number, col1: number, row2: number, col2: number): string {
  const a = `${columnLetter(col1 - 1)}${row1}`;
  const b = `${columnLetter(col2 - 1)}${row2}`;
  return a === b ? a : `${a}:${b}`;
}

/** The text a validation shows when a value is refused, in Russian. */
export function validationMessage(v: Validation): string {
  switch (v.type) {
    case 'list': return `Выберите из списка: ${v.values.join(', ')}`;
    case 'date': return 'Введите дату, например 05.04.2025';
    case 'decimal':
      if (v.min === 0 && v.max === 1) return 'Введите процент от 0% до 100%, например 85%';
      return `Введите число${v.min !== undefined ? ` не меньше ${v.min}` : ''}${v.max !== undefined ? ` не больше ${v.max}` : ''}`;
    case 'whole': return `Введите целое число${v.min !== undefined ? ` не меньше ${v.min}` : ''}`;
  }
}

/** A quoted sheet name for a formula: 'Участники программы'!F:F. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------- writing a layout to a host

/**
 * A placed value as a host writes it: null stays null, a formula becomes «=…» text (or what
 * `formula` makes of that text, e.g. exceljs's formula object), a date what `date` makes of it (an
 * Excel serial number, a Date, «05.04.2025»); text, numbers and booleans stay as they are.
 */
export function placedCell<D>(v: PlacedValue, date: (ymd: Ymd) => D): string | number | boolean | null | D;
export function placedCell<D, F>(v: PlacedValue, date: (ymd: Ymd) => D, formula: (text: string) => F): string | number | boolean | null | D | F;
export function placedCell<D, F>(v: PlacedValue, date: (ymd: Ymd) => D, formula?: (text: string) => F): string | number | boolean | null | D | F {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'formula' in v) {
    const text = v.formula.startsWith('=') ? v.formula : `=${v.formula}`;
    return formula ? formula(text) : text;
  }
  if (typeof v === 'object' && 'date' in v) return date(v.date);
  return v;
}

/** Colours of a template sheet in the .xlsx writer and in Excel (Google Sheets keeps its defaults). */
export const TEMPLATE_COLORS = {
  headerFill: '#E3EAF2',
  headingFill: '#F2F2F2',
  /** Computed columns (filled by the tool or a formula). */
  computedFill: '#F3F3F3',
  computedText: '#444444',
  noteText: '#555555',
} as const;

/**
 * Estimated height in points of a merged text row (neither Excel nor exceljs fits merged cells):
 * `widthChars` the sheet's width in characters, `size` the font size, `extra` points added.
 */
export function mergedHeight(text: string, widthChars: number, size: number, extra = 0): number {
  const lines = Math.max(1, Math.ceil(text.length / Math.max(20, widthChars * 1.15)));
  return Math.max(15, lines * (size + 4) + extra);
}

/**
 * The rule of every host: a sheet the book already has is never changed. Splits a template's sheets
 * into those to add and the names already there (compared ignoring case, as Excel and Google Sheets
 * compare sheet names).
 */
export function newTemplateSheets<T extends { name: string }>(sheets: T[], bookNames: string[]): { add: T[]; existing: string[] } {
  const taken = new Set(bookNames.map((n) => n.toLowerCase()));
  const add: T[] = [];
  const existing: string[] = [];
  for (const sheet of sheets) {
    const key = sheet.name.toLowerCase();
    if (taken.has(key)) existing.push(sheet.name);
    else {
      add.push(sheet);
      taken.add(key);
    }
  }
  return { add, existing };
}
