/**
 * An output sheet of shared/report-tables.ts as Sheets writes it: the shared layout of
 * wizard/layout.ts (titles, blank row, blocks) turned into 1-based rows, cell values and a number
 * format for every cell, so that the writer puts the whole sheet down with one setNumberFormats and
 * one setValues.
 */
import { type OutCell, type OutputSheet, blockFormat } from '../shared/report-tables';
import { layoutSheet } from '../wizard/layout';

/** 1-based rows, as SpreadsheetApp counts them. */
export interface BlockPlace {
  captionRow: number | null;
  headerRow: number;
  /** First data row; `lastRow + 1` when the block has no rows. */
  firstRow: number;
  lastRow: number;
  width: number;
}

export interface SheetPlan {
  name: string;
  /** Columns of the widest table. */
  width: number;
  /** Columns of the grid written, including side tables right of the tables. */
  gridWidth: number;
  values: (string | number | boolean)[][];
  formats: string[][];
  titleRows: number[];
  blocks: BlockPlace[];
  /**
   * Cells («row:column», 1-based) holding the project's own formulas, written as formulas; any
   * other formula-like text is written as text (gas/workbook.ts guardPlanFormats).
   */
  formulaCells?: Set<string>;
}

/** Plain text: codes keep their leading zeros, and a name starting with «=» stays text. */
export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';

function cellValue(v: OutCell | undefined): string | number | boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : v;
}

/** A data cell's format: text as text; a number in its block's or column's format (whole numbers without one: no decimals). */
function dataFormat(value: OutCell, format: string | undefined): string {
  if (typeof value === 'string' || value === null) return TEXT_FORMAT;
  if (typeof value !== 'number') return GENERAL_FORMAT;
  if (!format) return Number.isInteger(value) ? '0' : GENERAL_FORMAT;
  return format;
}

/**
 * @example planSheet(identificationSheet(result)).blocks[0].headerRow // 4: two title lines, a blank row, the header
 */
export function planSheet(sheet: OutputSheet): SheetPlan {
  const layout = layoutSheet(sheet);
  const values = layout.grid.map((row) => row.map(cellValue));
  const formats = layout.grid.map((row) => row.map(() => TEXT_FORMAT));
  layout.blocks.forEach((b) => {
    for (let r = 0; r < b.rowCount; r++) {
      const row = layout.grid[b.firstRow + r];
      for (let c = 0; c < b.width; c++) formats[b.firstRow + r][c] = dataFormat(row[c], blockFormat(sheet.columns, b.block, c));
    }
  });
  return {
    name: sheet.name,
    width: layout.width,
    gridWidth: layout.width,
    values,
    formats,
    titleRows: layout.titleRows.map((r) => r + 1),
    blocks: layout.blocks.map((b) => ({
      captionRow: b.captionRow === null ? null : b.captionRow + 1,
      headerRow: b.headerRow + 1,
      firstRow: b.firstRow + 1,
      lastRow: b.firstRow + b.rowCount,
      width: b.width,
    })),
  };
}

/**
 * Puts a table right of the plan's tables (after one empty column), its first row on `top`; the
 * grid grows to hold it. Returns its first column (1-based).
 */
export function addSideTable(plan: SheetPlan, top: number, rows: OutCell[][], rowFormats?: (r: number, c: number, v: OutCell) => string): number {
  const first = plan.gridWidth + 2;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const newWidth = first + width - 1;
  while (plan.values.length < top + rows.length - 1) {
    plan.values.push(new Array(plan.gridWidth).fill(''));
    plan.formats.push(new Array(plan.gridWidth).fill(TEXT_FORMAT));
  }
  for (let r = 0; r < plan.values.length; r++) {
    const cells = r + 1 >= top && r + 1 < top + rows.length ? rows[r + 1 - top] : [];
    for (let c = plan.gridWidth; c < newWidth; c++) {
      const k = c - (first - 1);
      const v = k >= 0 ? cells[k] ?? null : null;
      plan.values[r].push(cellValue(v));
      plan.formats[r].push(rowFormats && k >= 0 && cells.length ? rowFormats(r + 1 - top, k, v) : typeof v === 'number' ? GENERAL_FORMAT : TEXT_FORMAT);
    }
  }
  plan.gridWidth = newWidth;
  return first;
}

/** Sheets column widths are pixels; report-tables gives Excel character widths. */
export function columnPixels(characters: number): number {
  return Math.round(characters * 7 + 10);
}
