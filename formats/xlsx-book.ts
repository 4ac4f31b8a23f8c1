/**
 * The region workbook as exceljs holds it, host-neutral (exceljs runs in Node and, through its
 * browser build, in a page): cell values as the engine reads them, the grids of a worksheet, a
 * workbook made from grids (CSV input), and the output sheets written into a workbook (number
 * formats, frozen headers, filters, colour by group, print setup, formula-like text as text).
 * The command line (cli/xlsx.ts) and the offline page (offline/) write the same workbook with it.
 */
import ExcelJS from 'exceljs';
import { SHEETS } from '../shared/messages';
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutColumn, type OutputSheet, blockFormat } from '../shared/report-tables';
import { normalizeHeader } from '../shared/input/table';
import { isFormulaLike } from '../shared/text-guard';
import type { Cell, Grid, RegionTables } from '../shared/types';

/** The input sheets: which table of RegionTables each one fills. */
export const INPUT_SHEETS: [keyof RegionTables, string][] = [
  ['schools', SHEETS.schools], ['results', SHEETS.results], ['social', SHEETS.social], ['settings', SHEETS.settings],
];

/** One exceljs cell value as the engine expects it (what Excel's `range.values` would give). */
export function cellValue(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    // A percent-formatted cell holds a fraction; say so, as the text Excel shows.
    return /%/.test(cell.numFmt ?? '') ? `${+(v * 100).toPrecision(12)}%` : v;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('result' in o) return o.result === undefined ? null : (o.result as Cell);
  if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('text' in o) return String(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

/** A worksheet's used range as a grid starting at A1. */
export function sheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  const width = ws.actualColumnCount > 0 ? ws.columnCount : 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = new Array(width).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = cellValue(cell);
    });
    grid[r - 1] = cells;
  });
  for (let r = 0; r < grid.length; r++) if (!grid[r]) grid[r] = [];
  return grid;
}

export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const want = normalizeHeader(name);
  return wb.worksheets.find((ws) => normalizeHeader(ws.name) === want);
}

/**
 * Formats a cell holding formula-like text (shared/text-guard.ts) as text («@»). exceljs stores
 * strings as strings, never as formulas, but an official who opens the file, presses F2 and Enter
 * on «=…» would turn it into one; in a text-formatted cell Excel and LibreOffice keep it text.
 * (exceljs 4 cannot write the quote prefix, `quotePrefix="1"`, so the number format does it.)
 */
export function guardTextCell(cell: ExcelJS.Cell): void {
  if (isFormulaLike(cell.value)) cell.numFmt = '@';
}

/** guardTextCell over every cell of a row. */
export function guardTextRow(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: false }, guardTextCell);
}

/** A workbook holding the given grids as the input sheets (for CSV input). */
export function workbookFromTables(tables: RegionTables): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const [key, name] of INPUT_SHEETS) {
    const grid = tables[key];
    if (!grid || grid.length === 0) continue;
    const ws = wb.addWorksheet(name);
    for (const row of grid) guardTextRow(ws.addRow(row.map((c) => (c === undefined ? null : c))));
  }
  return wb;
}

/**
 * Row height for wrapped text (exceljs does not measure text, and Excel/LibreOffice keep the
 * stored height): lines ≈ characters / column width, 15 points a line. A data row wraps in the
 * columns marked `wrap` and its tall cells start at the top; a `header` row wraps in every column
 * and gets only its height (the caller aligns it).
 */
function fitRowHeight(row: ExcelJS.Row, values: unknown[], columns: OutColumn[], header = false): void {
  let lines = 1;
  values.forEach((v, i) => {
    if (!(header || columns[i]?.wrap) || typeof v !== 'string' || !columns[i]) return;
    lines = Math.max(lines, Math.ceil((v.length * 1.1) / Math.max(4, columns[i].width - 1)));
  });
  if (lines === 1) return;
  row.height = Math.min(409, 15 * lines);
  if (header) return;
  // A tall row reads top-down: every cell starts at the top, not only the wrapped ones.
  row.eachCell({ includeEmpty: true }, (cell, c) => {
    cell.alignment = { ...(columns[c - 1]?.wrap ? { wrapText: true } : {}), vertical: 'top' };
  });
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/**
 * Adds (or replaces) the output sheets in the workbook. Input sheets are not touched.
 */
export function writeOutputSheets(wb: ExcelJS.Workbook, sheets: OutputSheet[]): void {
  for (const sheet of sheets) {
    const existing = findSheet(wb, sheet.name);
    if (existing) wb.removeWorksheet(existing.id);
    const width = sheet.columns.length;
    const headerRow = sheet.title.length + (sheet.blocks[0]?.caption ? 2 : 1);
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: sheet.filter ? headerRow : 0, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: sheet.filter ? `${headerRow}:${headerRow}` : undefined },
    });
    sheet.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      if (c.format) col.numFmt = c.format;
      if (c.wrap) col.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.title.forEach((line, i) => {
      const row = ws.addRow([line]);
      row.font = i === 0 ? { bold: true, size: 13 } : { italic: true, size: 10 };
      ws.mergeCells(row.number, 1, row.number, width);
      guardTextRow(row);
    });
    for (const block of sheet.blocks) {
      if (block !== sheet.blocks[0]) ws.addRow([]);
      if (block.caption) {
        const cap = ws.addRow([block.caption]);
        cap.font = { bold: true };
        ws.mergeCells(cap.number, 1, cap.number, width);
        guardTextRow(cap);
      }
      const head = ws.addRow(block.header);
      fitRowHeight(head, block.header, sheet.columns, true);
      head.font = { bold: true };
      head.alignment = { wrapText: true, vertical: 'middle' };
      head.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3EAF2' } };
        cell.border = { bottom: { style: 'thin' } };
      });
      guardTextRow(head);
      const first = head.number + 1;
      for (const r of block.rows) {
        const row = ws.addRow(r);
        fitRowHeight(row, r, sheet.columns);
        // The block's own format (a second table on the sheet), else the column's.
        r.forEach((_, c) => {
          const format = blockFormat(sheet.columns, block, c);
          if (format) row.getCell(c + 1).numFmt = format;
        });
        guardTextRow(row);
      }
      const last = head.number + block.rows.length;
      if (block.rows.length === 0) continue;
      sheet.columns.forEach((c, i) => {
        if (i >= block.header.length) return;
        const ref = `${ws.getColumn(i + 1).letter}${first}:${ws.getColumn(i + 1).letter}${last}`;
        if (c.groupColors) {
          ws.addConditionalFormatting({
            ref,
            rules: GROUP_COLORS.map((color, g) => ({
              type: 'cellIs', operator: 'equal', formulae: [String(g + 1)], priority: g + 1,
              style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(color) } }, font: { color: { argb: argb(GROUP_TEXT_COLORS[g]) } } },
            })),
          });
        }
        if (c.categoryColors) {
          ws.addConditionalFormatting({
            ref,
            rules: Object.entries(CATEGORY_COLORS).map(([text, color], k) => ({
              type: 'cellIs', operator: 'equal', formulae: [`"${text}"`], priority: 20 + k,
              style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(color) } } },
            })),
          });
        }
      });
      if (sheet.filter && block === sheet.blocks[0]) {
        ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: last, column: block.header.length } };
      }
    }
  }
}
