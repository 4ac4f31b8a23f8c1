/**
 * Turns the input grids into typed records, collecting every problem with sheet, row and column.
 * Nothing is thrown for bad input and nothing stops at the first problem. One reader per sheet:
 * read-schools.ts, read-results.ts, read-social.ts; what they share is in cells.ts.
 */
import { MSG } from '../messages';
import type { Problem, RegionTables } from '../types';
import { CodeResolver } from './cells';
import { readResults } from './read-results';
import { readSchools } from './read-schools';
import { readSocial } from './read-social';

export interface School {
  code: string;
  name: string;
  municipality: string;
  locality: string | null;
  smallSchool: boolean | null;
  pupils: number | null;
}

/**
 * Result rows with a value, column by column (one typed array per field, `length` rows): half a
 * million rows stay a handful of arrays, not half a million objects. NaN marks an unknown SD or
 * failure count; `indicator` indexes `RegionData.indicatorNames`.
 */
export interface ResultTable {
  length: number;
  year: Int32Array;
  school: Int32Array;
  indicator: Int32Array;
  n: Float64Array;
  mean: Float64Array;
  sd: Float64Array;
  fails: Float64Array;
  /**
   * The mean of marks 2–5 where the SD was derived from the marks (no «Стандартное отклонение»
   * given), NaN otherwise: the objectivity markers then build an ОГЭ interval on marks, both mean and SD.
   */
  markMean: Float64Array;
  /**
   * The optional columns of the objectivity markers, row-major (row · OBJECTIVITY_WIDTH + column,
   * aligned with OBJECTIVITY_COLUMNS of input/objectivity-columns.ts), NaN where blank; null when
   * the sheet has none of them.
   */
  objectivity: Float64Array | null;
}

/** Rows of «Социальные показатели», column by column like `ResultTable`. */
export interface SocialTable {
  length: number;
  /** Values per row: `RegionData.socialColumns.length`. */
  width: number;
  year: Int32Array;
  school: Int32Array;
  /** Row-major (row · width + column), aligned with `RegionData.socialColumns`; NaN where missing. Percent points 0–100. */
  values: Float64Array;
}

/** One row's values of a social table as a plain array. */
export function socialRow(t: SocialTable, row: number): number[] {
  return Array.from(t.values.subarray(row * t.width, (row + 1) * t.width));
}

export interface RegionData {
  schools: School[];
  results: ResultTable;
  /** Indicator keys such as «ОГЭ-9 Математика», indexed by `ResultTable.indicator`. */
  indicatorNames: string[];
  /** Headers of the numeric columns of «Социальные показатели», exactly as written. */
  socialColumns: string[];
  social: SocialTable;
  /** Years present on «Результаты», ascending. */
  years: number[];
  /** Indicators in order of first appearance, with the years they appear in. */
  indicatorYears: Map<string, Set<number>>;
  /** False when «Социальные показатели» is absent. */
  hasSocialSheet: boolean;
}

/**
 * Reads the region workbook's input grids. Problems come back in sheet order, every one of them.
 * @example readRegion({ schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'Школа № 1', 'Город']], results: [...] })
 */
export function readRegion(tables: RegionTables): { data: RegionData; problems: Problem[] } {
  const problems: Problem[] = [];
  const { schools, byCode } = readSchools(tables.schools, problems);
  const codes = new CodeResolver(schools, byCode);
  const results = readResults(tables.results, codes, problems);
  const social = readSocial(tables.social, codes, problems);
  if (codes.fuzzyMatches > 0) {
    problems.push({ sheet: null, row: null, column: null, severity: 'warning', message: MSG.codeFromNumber(codes.fuzzyMatches) });
  }
  return {
    data: { schools, ...results, ...social, hasSocialSheet: !!tables.social && tables.social.length > 0 },
    problems,
  };
}
