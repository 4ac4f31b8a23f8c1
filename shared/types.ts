/**
 * Core data types of the engine. Nothing here knows about Excel, Sheets or files:
 * a sheet is a 2D array of cell values, as both hosts hand them over.
 */

/** One cell as Excel (`range.values`) or Sheets (`getValues()`) returns it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A sheet's values: rows of cells, the first rows may be titles above the header. */
export type Grid = Cell[][];

/** The region workbook's input sheets as grids. Only «Школы» and «Результаты» are required. */
export interface RegionTables {
  schools: Grid;
  results: Grid;
  social?: Grid;
  settings?: Grid;
}

export type Severity = 'error' | 'warning';

/** An input problem: where it is and what to do, in Russian. `row` is 1-based as the sheet shows it. */
export interface Problem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
  severity: Severity;
  /** A1 address of the cell on `sheet` when the problem is in one cell (for a link in the UI). */
  cell?: string;
}
