/**
 * The spreadsheet adapter: input sheets in as grids (one getValues each), output sheets out as one
 * setValues each plus bulk formatting. Nothing here depends on how many schools there are: the
 * number of SpreadsheetApp calls is fixed by the number of sheets, columns and blocks.
 */
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutColumn, type OutputSheet } from '../shared/report-tables';
import { CATEGORY_ORDER, SHEETS } from '../shared/messages';
import { columnLetter, normalizeHeader } from '../shared/input/table';
import { rememberSheetNames } from '../shared/input/sheet-names';
import { formulaLikeCells, isFormulaLike } from '../shared/text-guard';
import type { Cell, Grid, RegionTables } from '../shared/types';
import { type SheetPlan, columnPixels, planSheet } from './layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export const INPUT_SHEETS: { key: keyof RegionTables; name: string }[] = [
  { key: 'schools', name: SHEETS.schools },
  { key: 'results', name: SHEETS.results },
  { key: 'social', name: SHEETS.social },
  { key: 'settings', name: SHEETS.settings },
];

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** A sheet by its name; failing an exact match, ignoring case and spaces as the reader does for headers. */
export function findSheet(ss: Spreadsheet, name: string): Sheet | null {
  const exact = ss.getSheetByName(name);
  if (exact) return exact;
  const wanted = normalizeHeader(name);
  for (const sheet of ss.getSheets()) if (normalizeHeader(sheet.getName()) === wanted) return sheet;
  return null;
}

export interface InputRead {
  tables: RegionTables;
  /** The input sheets found, by key; the data check links to their cells. */
  sheets: Partial<Record<keyof RegionTables, Sheet>>;
}

/** Reads the four input sheets, each with a single getValues; the sheets themselves are not touched. */
export function readInput(ss: Spreadsheet): InputRead {
  const tables: RegionTables = { schools: [], results: [] };
  const sheets: InputRead['sheets'] = {};
  for (const { key, name } of INPUT_SHEETS) {
    const sheet = findSheet(ss, name);
    if (!sheet) continue;
    sheets[key] = sheet;
    tables[key] = sheet.getDataRange().getValues() as Grid;
  }
  // A required sheet is missing: the workbook's sheets go with the message (only then: it costs calls).
  if (!sheets.schools || !sheets.results) rememberSheetNames(tables, ss.getSheets().map((s) => s.getName()));
  return { tables, sheets };
}

/**
 * Formats as plain text («@») the cells of `grid`, to be written with its top left at (`row`,
 * `col`) (1-based), that hold formula-like text (shared/text-guard.ts): setValues would otherwise
 * turn «=…» into a live formula. One RangeList call, none when there is no such text.
 */
export function guardText(sheet: Sheet, row: number, col: number, grid: readonly (readonly unknown[])[]): void {
  const cells = formulaLikeCells(grid);
  if (cells.length) sheet.getRangeList(cells.map(([r, c]) => a1(row + r, col + c))).setNumberFormat('@');
}

/**
 * Appends `rows` (at least one, `width` cells each; null written as '') at row `first` (1-based)
 * from column A with one setValues, after adding the rows the sheet lacks and making column `code`
 * (0-based) text, so codes keep their leading zeros, and every formula-like text too, so it is
 * written as text; then shows the sheet.
 */
export function appendRows(sheet: Sheet, first: number, rows: Cell[][], width: number, code: number | null): void {
  const need = first + rows.length - 1;
  if (sheet.getMaxRows() < need) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
  if (code !== null) sheet.getRange(first, code + 1, rows.length, 1).setNumberFormat('@');
  guardText(sheet, first, 1, rows);
  sheet.getRange(first, 1, rows.length, width).setValues(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))));
  sheet.activate();
}

/** A1 address of a rectangle (1-based). */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const start = `${columnLetter(col - 1)}${row}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnLetter(col + cols - 2)}${row + rows - 1}`;
}

/**
 * The sheet to write an output into, emptied: an existing sheet of that name is reused (so formulas
 * elsewhere that point at it keep working) after its values, formats, merges, filter, charts and
 * hidden columns are cleared; otherwise a new sheet is added at the end.
 */
export function emptySheet(ss: Spreadsheet, name: string): Sheet {
  const existing = ss.getSheetByName(name);
  if (!existing) return ss.insertSheet(name, ss.getNumSheets());
  const filter = existing.getFilter();
  if (filter) filter.remove();
  for (const chart of existing.getCharts()) existing.removeChart(chart);
  existing.clear();
  const all = existing.getRange(1, 1, existing.getMaxRows(), existing.getMaxColumns());
  all.breakApart();
  existing.showColumns(1, existing.getMaxColumns());
  existing.setFrozenRows(0);
  existing.setFrozenColumns(0);
  return existing;
}

/**
 * Sizes the sheet to `rows` × `cols` (a new sheet has 1000 × 26): at most one call per dimension
 * whatever the size, so the number of calls does not depend on the number of schools.
 */
export function fitSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  else if (maxCols > cols) sheet.deleteColumns(cols + 1, maxCols - cols);
}

/** Room left below and right of an output's grid (for the chart and the user's own notes). */
export const SPARE_ROWS = 40;
export const SPARE_COLUMNS = 10;

const HEADER_FILL = '#ECEFF1';

/**
 * Conditional colours by group (1–11) and by category: one rule per colour, over one range per
 * coloured column spanning every block's data (captions and headers between blocks never equal a
 * group number or a category name), so the calls do not depend on how many blocks have rows.
 */
function colourRules(sheet: Sheet, plan: SheetPlan, columns: OutColumn[]): Rule[] {
  const blocks = plan.blocks.filter((b) => b.lastRow >= b.firstRow);
  if (!blocks.length) return [];
  const first = blocks[0].firstRow;
  const rows = blocks[blocks.length - 1].lastRow - first + 1;
  const span = (i: number) => sheet.getRange(first, i + 1, rows, 1);
  const groupRanges = columns.map((c, i) => (c.groupColors ? span(i) : null)).filter((r): r is GoogleAppsScript.Spreadsheet.Range => r !== null);
  const categoryRanges = columns.map((c, i) => (c.categoryColors ? span(i) : null)).filter((r): r is GoogleAppsScript.Spreadsheet.Range => r !== null);
  const rules: Rule[] = [];
  if (groupRanges.length) {
    GROUP_COLORS.forEach((fill, g) => {
      rules.push(SpreadsheetApp.newConditionalFormatRule().whenNumberEqualTo(g + 1)
        .setBackground(fill).setFontColor(GROUP_TEXT_COLORS[g]).setRanges(groupRanges).build());
    });
  }
  if (categoryRanges.length) {
    for (const category of CATEGORY_ORDER) {
      rules.push(SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(category)
        .setBackground(CATEGORY_COLORS[category]).setRanges(categoryRanges).build());
    }
  }
  return rules;
}

export interface WriteOptions {
  /** Conditional format rules added to those of the columns (built against the returned sheet). */
  extraRules?: (sheet: Sheet, plan: SheetPlan) => Rule[];
}

/**
 * Makes every formula-like text of the plan plain text («@»), but the project's own formulas
 * (`plan.formulaCells`, e.g. the data check's links): text from the data never becomes a formula.
 */
export function guardPlanFormats(plan: SheetPlan): void {
  plan.values.forEach((row, r) => row.forEach((v, c) => {
    if (isFormulaLike(v) && !plan.formulaCells?.has(`${r + 1}:${c + 1}`)) plan.formats[r][c] = '@';
  }));
}

/**
 * Writes one planned output sheet: one setNumberFormats and one setValues for the whole grid, then
 * formatting by ranges (titles, headers, column widths, wrapping, colours, filter, frozen header).
 */
export function writePlan(ss: Spreadsheet, plan: SheetPlan, sheet: OutputSheet, options: WriteOptions = {}): Sheet {
  const target = emptySheet(ss, plan.name);
  const rows = plan.values.length;
  fitSize(target, rows + SPARE_ROWS, plan.gridWidth + SPARE_COLUMNS);
  if (rows > 0) {
    const grid = target.getRange(1, 1, rows, plan.gridWidth);
    guardPlanFormats(plan);
    grid.setNumberFormats(plan.formats);
    grid.setValues(plan.values);
  }
  if (plan.titleRows.length) {
    target.getRangeList(plan.titleRows.map((r) => a1(r, 1))).setFontWeight('bold');
    target.getRange(plan.titleRows[0], 1).setFontSize(13);
  }
  const captions = plan.blocks.filter((b) => b.captionRow !== null).map((b) => a1(b.captionRow!, 1));
  if (captions.length) target.getRangeList(captions).setFontWeight('bold').setFontStyle('italic');
  if (plan.blocks.length) {
    target.getRangeList(plan.blocks.map((b) => a1(b.headerRow, 1, 1, b.width)))
      .setFontWeight('bold').setBackground(HEADER_FILL).setWrap(true).setVerticalAlignment('middle');
  }
  sheet.columns.forEach((c, i) => target.setColumnWidth(i + 1, columnPixels(c.width)));
  const dataBlocks = plan.blocks.filter((b) => b.lastRow >= b.firstRow);
  if (dataBlocks.length) {
    const first = dataBlocks[0].firstRow;
    const height = dataBlocks[dataBlocks.length - 1].lastRow - first + 1;
    const wrapped = sheet.columns.map((c, i) => (c.wrap ? a1(first, i + 1, height, 1) : '')).filter((r) => r !== '');
    if (wrapped.length) target.getRangeList(wrapped).setWrap(true);
    target.getRange(first, 1, height, plan.width).setVerticalAlignment('top');
  }
  const rules = [...colourRules(target, plan, sheet.columns), ...(options.extraRules ? options.extraRules(target, plan) : [])];
  target.setConditionalFormatRules(rules);
  if (sheet.filter && plan.blocks.length) {
    const b = plan.blocks[0];
    target.setFrozenRows(b.headerRow);
    target.getRange(b.headerRow, 1, b.lastRow - b.headerRow + 1, b.width).createFilter();
  }
  return target;
}

/** Plans and writes an output sheet of shared/report-tables.ts. */
export function writeOutputSheet(ss: Spreadsheet, sheet: OutputSheet, options: WriteOptions = {}): Sheet {
  return writePlan(ss, planSheet(sheet), sheet, options);
}
