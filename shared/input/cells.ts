/**
 * What every input sheet's reader shares: the code and year columns, problems located by sheet,
 * row and column, the header lookup, blank rows, codes resolved to schools, and numeric cells read
 * as officials write them (BLANK and BAD instead of exceptions).
 */
import { MSG, locate } from '../messages';
import { cellText, isBlank, parseNumber } from './numbers';
import { type ColumnSpec, type HeaderMatch, columnLetter, findHeader } from './table';
import type { Cell, Grid, Problem } from '../types';
import type { School } from './read-region';

export const CODE_SPEC: ColumnSpec = { key: 'code', title: 'Код ОО', synonyms: ['Код', 'Логин ОО', 'ИНН', 'Код школы', 'Логин'], required: true };
export const YEAR_SPEC: ColumnSpec = { key: 'year', title: 'Год', required: true };

/** Collects problems of one sheet with located Russian messages. */
export class SheetProblems {
  constructor(private readonly sheet: string, private readonly out: Problem[]) {}
  add(severity: Problem['severity'], row: number | null, column: { title: string; index: number } | null, message: string): void {
    const columnTitle = column ? column.title : null;
    const problem: Problem = { sheet: this.sheet, row, column: columnTitle, severity, message: `${locate(this.sheet, row, columnTitle)}: ${message}` };
    if (row !== null && column) problem.cell = `${columnLetter(column.index)}${row}`;
    this.out.push(problem);
  }
}

export interface Col { title: string; index: number }

export function col(header: HeaderMatch, grid: Grid, key: string): Col | null {
  const index = header.columns[key];
  return index === undefined ? null : { index, title: cellText(grid[header.headerRow][index]) };
}

export function headerOrProblem(grid: Grid | undefined, sheet: string, specs: ColumnSpec[], problems: Problem[], required: boolean): HeaderMatch | null {
  if (!grid || grid.length === 0) {
    if (required) problems.push({ sheet, row: null, column: null, severity: 'error', message: MSG.missingSheet(sheet) });
    return null;
  }
  const header = findHeader(grid, specs);
  if (!header) {
    problems.push({ sheet, row: null, column: null, severity: 'error', message: MSG.noHeader(sheet, specs.filter((s) => s.required).map((s) => s.title)) });
    return null;
  }
  if (header.missing.length > 0) {
    problems.push({ sheet, row: header.headerRow + 1, column: null, severity: 'error', message: MSG.missingColumns(sheet, header.missing.map((s) => s.title)) });
    return null;
  }
  return header;
}

export function rowIsBlank(row: Cell[] | undefined): boolean {
  if (!row) return true;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** A cell that holds a value cannot be part of a blank row: the common case skips the full check. */
export function skipRow(row: Cell[] | undefined, keyIndex: number): boolean {
  return row === undefined || (typeof row[keyIndex] !== 'number' && rowIsBlank(row));
}

/**
 * Resolves codes written on other sheets to school indexes, forgiving lost leading zeros.
 * Rows usually come school by school, in the order of «Школы»: the same cell as the row before,
 * or the next school's code, resolves without a map lookup.
 */
export class CodeResolver {
  private stripped: Map<string, number> | null = null;
  fuzzyMatches = 0;
  /** Raw cell → school, so a code written on many rows is normalised and resolved once. */
  private readonly byCell = new Map<Cell, number>();
  private lastCell: Cell = undefined;
  private last = -1;
  constructor(private readonly schools: School[], private readonly exact: Map<string, number>) {
    // One lookup of nothing: the map path below then has type feedback before the rows' loop is
    // compiled, and the compiled loop is not thrown away at the first code out of sequence.
    this.known(undefined);
  }
  get size(): number {
    return this.schools.length;
  }
  /** The school of a cell seen before (or the next school's code as written on «Школы»); −1 when not known yet. */
  known(cell: Cell): number {
    if (this.last >= 0 && cell === this.lastCell) return this.last;
    const next = this.last + 1;
    const hit = next < this.schools.length && cell === this.schools[next].code ? next : this.byCell.get(cell);
    if (hit === undefined) return -1;
    this.lastCell = cell;
    this.last = hit;
    return hit;
  }
  remember(cell: Cell, school: number): void {
    this.byCell.set(cell, school);
    this.lastCell = cell;
    this.last = school;
  }
  resolve(code: string): number | undefined {
    const hit = this.exact.get(code);
    if (hit !== undefined || !/^\d+$/.test(code)) return hit;
    if (!this.stripped) {
      this.stripped = new Map();
      const ambiguous = new Set<string>();
      this.schools.forEach((s, i) => {
        if (!/^0\d*$/.test(s.code)) return;
        const key = s.code.replace(/^0+/, '');
        if (this.stripped!.has(key)) ambiguous.add(key);
        this.stripped!.set(key, i);
      });
      for (const key of ambiguous) this.stripped.delete(key);
    }
    const fuzzy = this.stripped.get(code.replace(/^0+/, ''));
    if (fuzzy !== undefined) this.fuzzyMatches++;
    return fuzzy;
  }
}

/** What a numeric reader returns for a blank cell and for a cell it reported (values are ≥ 0). */
export const BLANK = -1;
export const BAD = -2;

/** Reads a number ≥ 0 written as text (an integer when `integer`); reports it and returns BAD when it is not one, BLANK when blank. */
export function readNumberText(p: SheetProblems, line: number, c: Col | null, cell: Cell, integer: boolean): number {
  const v = parseNumber(cell);
  if (v.kind === 'missing') return BLANK;
  const problem = v.kind === 'bad'
    ? (integer ? MSG.expectedInteger(v.text) : MSG.expectedNumber(v.text))
    : v.value < 0 ? MSG.negative(cellText(cell)) : integer && !Number.isInteger(v.value) ? MSG.expectedInteger(cellText(cell)) : null;
  if (problem === null) return (v as { value: number }).value;
  p.add('error', line, c, problem);
  return BAD;
}

/** A whole year from 1990 to 2100 (`x % 1 === 0` is Number.isInteger without a global lookup). */
export function isYear(x: number): boolean {
  return x % 1 === 0 && x >= 1990 && x <= 2100;
}

/** The year of a row, or −1 (reported). */
export function readYear(p: SheetProblems, line: number, c: Col, cell: Cell): number {
  if (typeof cell === 'number' && isYear(cell)) return cell;
  const v = parseNumber(cell);
  if (v.kind === 'number' && isYear(v.value)) return v.value;
  p.add('error', line, c, v.kind === 'missing' ? MSG.required : MSG.expectedInteger(v.kind === 'bad' ? v.text : cellText(cell)));
  return -1;
}

/** The school of a row, or −1 (reported). */
export function readSchoolCode(p: SheetProblems, line: number, c: Col, cell: Cell, codes: CodeResolver): number {
  const known = codes.known(cell);
  if (known >= 0) return known;
  const code = cellText(cell);
  if (!code) {
    p.add('error', line, c, MSG.required);
    return -1;
  }
  const school = codes.resolve(code);
  if (school === undefined) {
    p.add('error', line, c, MSG.unknownSchool(code));
    return -1;
  }
  codes.remember(cell, school);
  return school;
}

/** Reads one numeric cell ≥ 0 (an integer when `integer`): a value, BLANK or BAD. Numbers (the common case) skip the text parser. */
export function numberCell(p: SheetProblems, line: number, c: Col, cell: Cell, integer: boolean): number {
  if (typeof cell === 'number' && cell >= 0 && (!integer || Number.isInteger(cell))) return cell;
  return cell === null || cell === undefined || cell === '' ? BLANK : readNumberText(p, line, c, cell, integer);
}

