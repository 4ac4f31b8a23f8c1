/**
 * Turns the input grids into typed records, collecting every problem with sheet, row and column.
 * Nothing is thrown for bad input and nothing stops at the first problem.
 */
import { fillFromMarks } from '../method/marks';
import { MSG, SHEETS, locate } from '../messages';
import { cellText, isBlank, parseNumber } from './numbers';
import { indicatorKey } from '../method/indicators';
import { type ColumnSpec, type HeaderMatch, columnLetter, findHeader } from './table';
import type { Cell, Grid, Problem, RegionTables } from '../types';

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

const CODE_SPEC: ColumnSpec = { key: 'code', title: 'Код ОО', synonyms: ['Код', 'Логин ОО', 'ИНН', 'Код школы', 'Логин'], required: true };
const YEAR_SPEC: ColumnSpec = { key: 'year', title: 'Год', required: true };

const SCHOOL_SPECS: ColumnSpec[] = [
  CODE_SPEC,
  { key: 'name', title: 'Наименование ОО', synonyms: ['Наименование', 'ОО', 'Название', 'Школа'], required: true },
  { key: 'municipality', title: 'Муниципалитет', synonyms: ['МО', 'Район', 'Муниципальное образование', 'МОУО', 'Муниципальный район'], required: true },
  { key: 'locality', title: 'Местность', synonyms: ['Тип местности'] },
  { key: 'small', title: 'Малокомплектная', synonyms: ['Малокомплектная школа'] },
  { key: 'pupils', title: 'Обучающихся', synonyms: ['Численность обучающихся', 'Контингент'] },
];

const MARKS = ['2', '3', '4', '5'] as const;
const RESULT_SPECS: ColumnSpec[] = [
  YEAR_SPEC,
  CODE_SPEC,
  { key: 'procedure', title: 'Процедура', required: true },
  { key: 'grade', title: 'Класс', required: true },
  { key: 'subject', title: 'Предмет', required: true },
  { key: 'n', title: 'Участников', synonyms: ['Число участников', 'Количество участников'], required: true },
  { key: 'mean', title: 'Средний балл', synonyms: ['Средняя отметка', 'Среднее'] },
  { key: 'sd', title: 'Стандартное отклонение', synonyms: ['СКО', 'Ст. отклонение'] },
  { key: 'fails', title: 'Не справились', synonyms: ['Не справились с работой', 'Ниже минимума', 'Не преодолели минимальный порог'] },
  ...MARKS.map((m) => ({ key: `m${m}`, title: m, synonyms: [`«${m}»`, `Отметка ${m}`, `Отметка «${m}»`] })),
  ...MARKS.map((m) => ({ key: `p${m}`, title: `${m}, %`, synonyms: [`${m} %`, `«${m}», %`, `% ${m}`, `Отметка ${m}, %`] })),
];

const SOCIAL_SPECS: ColumnSpec[] = [YEAR_SPEC, CODE_SPEC];

/** Collects problems of one sheet with located Russian messages. */
class SheetProblems {
  constructor(private readonly sheet: string, private readonly out: Problem[]) {}
  add(severity: Problem['severity'], row: number | null, column: { title: string; index: number } | null, message: string): void {
    const columnTitle = column ? column.title : null;
    const problem: Problem = { sheet: this.sheet, row, column: columnTitle, severity, message: `${locate(this.sheet, row, columnTitle)}: ${message}` };
    if (row !== null && column) problem.cell = `${columnLetter(column.index)}${row}`;
    this.out.push(problem);
  }
}

interface Col { title: string; index: number }

function col(header: HeaderMatch, grid: Grid, key: string): Col | null {
  const index = header.columns[key];
  return index === undefined ? null : { index, title: cellText(grid[header.headerRow][index]) };
}

function headerOrProblem(grid: Grid | undefined, sheet: string, specs: ColumnSpec[], problems: Problem[], required: boolean): HeaderMatch | null {
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

function rowIsBlank(row: Cell[] | undefined): boolean {
  if (!row) return true;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** A cell that holds a value cannot be part of a blank row: the common case skips the full check. */
function skipRow(row: Cell[] | undefined, keyIndex: number): boolean {
  return row === undefined || (typeof row[keyIndex] !== 'number' && rowIsBlank(row));
}

/**
 * Resolves codes written on other sheets to school indexes, forgiving lost leading zeros.
 * Rows usually come school by school, in the order of «Школы»: the same cell as the row before,
 * or the next school's code, resolves without a map lookup.
 */
class CodeResolver {
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

const YES = new Set(['да', 'yes', 'true', '1', 'истина']);

function readSchools(grid: Grid | undefined, problems: Problem[]): { schools: School[]; byCode: Map<string, number> } {
  const byCode = new Map<string, number>();
  const header = headerOrProblem(grid, SHEETS.schools, SCHOOL_SPECS, problems, true);
  if (!header || !grid) return { schools: [], byCode };
  const p = new SheetProblems(SHEETS.schools, problems);
  const codeCol = col(header, grid, 'code')!;
  const nameCol = col(header, grid, 'name')!;
  const munCol = col(header, grid, 'municipality')!;
  const locCol = col(header, grid, 'locality');
  const smallCol = col(header, grid, 'small');
  const pupilsCol = col(header, grid, 'pupils');
  const schools: School[] = [];
  const firstLine: number[] = [];
  /** Code → first school, built at the first repeated code (an error: the run stops anyway). */
  let firstOf: Map<string, number> | null = null;
  // Few distinct spellings of «Малокомплектная» and «Местность»: each is read once.
  const smallByCell = new Map<Cell, boolean | null>();
  const localityByCell = new Map<Cell, string | null>();
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    // A code makes the row a school; only a row without one is checked for being blank.
    const code = row ? cellText(row[codeCol.index]) : '';
    if (!code && rowIsBlank(row)) continue;
    const line = r + 1;
    if (!code) {
      p.add('error', line, codeCol, MSG.required);
      continue;
    }
    // One map operation per school: a code seen before shows as a map that did not grow.
    const size = byCode.size;
    byCode.set(code, schools.length);
    if (byCode.size === size) {
      if (!firstOf) firstOf = new Map(schools.map((school, i) => [school.code, i]));
      const first = firstOf.get(code)!;
      byCode.set(code, first);
      p.add('error', line, codeCol, MSG.duplicateSchool(code, firstLine[first]));
      continue;
    }
    firstOf?.set(code, schools.length);
    firstLine.push(line);
    const name = cellText(row[nameCol.index]);
    if (!name) p.add('warning', line, nameCol, MSG.emptyName);
    const municipality = cellText(row[munCol.index]);
    if (!municipality) p.add('warning', line, munCol, MSG.emptyMunicipality);
    let pupils: number | null = null;
    if (pupilsCol) {
      const cell = row[pupilsCol.index];
      if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0) pupils = cell;
      else {
        const v = parseNumber(cell);
        if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 0) pupils = v.value;
        else if (v.kind !== 'missing') p.add('warning', line, pupilsCol, MSG.expectedInteger(v.kind === 'bad' ? v.text : String(v.value)));
      }
    }
    let smallSchool: boolean | null = null;
    if (smallCol) {
      const cell = row[smallCol.index];
      const known = smallByCell.get(cell);
      if (known !== undefined) smallSchool = known;
      else {
        const text = cellText(cell).toLowerCase();
        smallSchool = text === '' ? null : YES.has(text);
        smallByCell.set(cell, smallSchool);
      }
    }
    let locality: string | null = null;
    if (locCol) {
      const cell = row[locCol.index];
      const known = localityByCell.get(cell);
      if (known !== undefined) locality = known;
      else localityByCell.set(cell, (locality = cellText(cell) || null));
    }
    schools.push({ code, name, municipality, locality, smallSchool, pupils });
  }
  return { schools, byCode };
}

/** What a numeric reader returns for a blank cell and for a cell it reported (values are ≥ 0). */
const BLANK = -1;
const BAD = -2;

/** Reads a number ≥ 0 written as text (an integer when `integer`); reports it and returns BAD when it is not one, BLANK when blank. */
function readNumberText(p: SheetProblems, line: number, c: Col | null, cell: Cell, integer: boolean): number {
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
function isYear(x: number): boolean {
  return x % 1 === 0 && x >= 1990 && x <= 2100;
}

/** The year of a row, or −1 (reported). */
function readYear(p: SheetProblems, line: number, c: Col, cell: Cell): number {
  if (typeof cell === 'number' && isYear(cell)) return cell;
  const v = parseNumber(cell);
  if (v.kind === 'number' && isYear(v.value)) return v.value;
  p.add('error', line, c, v.kind === 'missing' ? MSG.required : MSG.expectedInteger(v.kind === 'bad' ? v.text : cellText(cell)));
  return -1;
}

/** The school of a row, or −1 (reported). */
function readSchoolCode(p: SheetProblems, line: number, c: Col, cell: Cell, codes: CodeResolver): number {
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
function numberCell(p: SheetProblems, line: number, c: Col, cell: Cell, integer: boolean): number {
  if (typeof cell === 'number' && cell >= 0 && (!integer || Number.isInteger(cell))) return cell;
  return cell === null || cell === undefined || cell === '' ? BLANK : readNumberText(p, line, c, cell, integer);
}

/** Columns of «Результаты» as the header found them (null: the sheet has no such column). */
interface ResultColumns {
  year: Col;
  code: Col;
  procedure: Col;
  grade: Col;
  subject: Col;
  n: Col;
  mean: Col | null;
  sd: Col | null;
  fails: Col | null;
  /** Marks 2–5 as counts, then as percentages: the first set with any value counts. */
  markSets: { counts: boolean; cols: Col[] }[];
}

/** What reading «Результаты» builds up row by row, shared by the fast and the careful path. */
class ResultRows {
  readonly out: ResultTable;
  readonly years = new Set<number>();
  readonly indicatorNames: string[] = [];
  readonly indicatorYears = new Map<string, Set<number>>();
  private readonly indicatorIds = new Map<string, number>();
  /** Raw cells (procedure → grade → subject) → indicator id, each spelling normalised once. */
  private readonly rawIds = new Map<Cell, Map<Cell, Map<Cell, number>>>();
  /**
   * Indicators come in a repeating order school after school: the indicator that followed the
   * previous row's last time, checked by its raw cells, saves the three map lookups.
   */
  private readonly rawProc: Cell[] = [];
  private readonly rawGrade: Cell[] = [];
  private readonly rawSubj: Cell[] = [];
  private readonly followedBy: number[] = [];
  private previousId = -1;
  /** [year − 1990][indicator] → first line per school (0 = not seen): no string or map entry per row. */
  private readonly seen: Int32Array[][] = [];
  private readonly lastYearOf: number[] = [];
  /** Mean, SD and failures of the row being read ([mean, SD, failures], NaN: not given; see fastRow). */
  readonly scratch = new Float64Array(3);

  constructor(capacity: number, private readonly schoolCount: number, private readonly p: SheetProblems, private readonly cols: ResultColumns) {
    this.out = resultTable(capacity);
  }

  /** The indicator of a row without any text work: as predicted from the previous row, else by its raw cells; −1 when new. */
  knownIndicator(procCell: Cell, gradeCell: Cell, subjCell: Cell): number {
    const guess = this.previousId >= 0 ? this.followedBy[this.previousId] : -1;
    if (guess >= 0 && procCell === this.rawProc[guess] && gradeCell === this.rawGrade[guess] && subjCell === this.rawSubj[guess]) {
      this.previousId = guess;
      return guess;
    }
    const id = this.rawIds.get(procCell)?.get(gradeCell)?.get(subjCell);
    if (id === undefined) return -1;
    this.follow(id, procCell, gradeCell, subjCell);
    return id;
  }

  /** The indicator of a row, created on first sight; −1 (reported) when a part is blank. */
  indicator(line: number, procCell: Cell, gradeCell: Cell, subjCell: Cell): number {
    const known = this.knownIndicator(procCell, gradeCell, subjCell);
    if (known >= 0) return known;
    const procedure = cellText(procCell), grade = cellText(gradeCell), subject = cellText(subjCell);
    if (!procedure) this.p.add('error', line, this.cols.procedure, MSG.required);
    if (!grade) this.p.add('error', line, this.cols.grade, MSG.required);
    if (!subject) this.p.add('error', line, this.cols.subject, MSG.required);
    if (!procedure || !grade || !subject) return -1;
    const key = indicatorKey(procedure, grade, subject);
    let id = this.indicatorIds.get(key);
    if (id === undefined) {
      id = this.indicatorNames.length;
      this.indicatorIds.set(key, id);
      this.indicatorNames.push(key);
      this.indicatorYears.set(key, new Set());
      this.followedBy.push(-1);
    }
    let byGrade = this.rawIds.get(procCell);
    if (!byGrade) this.rawIds.set(procCell, (byGrade = new Map()));
    let bySubject = byGrade.get(gradeCell);
    if (!bySubject) byGrade.set(gradeCell, (bySubject = new Map()));
    bySubject.set(subjCell, id);
    this.follow(id, procCell, gradeCell, subjCell);
    return id;
  }

  private follow(id: number, procCell: Cell, gradeCell: Cell, subjCell: Cell): void {
    if (this.previousId >= 0) this.followedBy[this.previousId] = id;
    this.previousId = id;
    this.rawProc[id] = procCell;
    this.rawGrade[id] = gradeCell;
    this.rawSubj[id] = subjCell;
  }

  /** Marks (year, indicator, school) as read on this line; false (reported) when an earlier line has it. */
  claim(line: number, year: number, id: number, school: number): boolean {
    const byYear = this.seen[year - 1990] ?? (this.seen[year - 1990] = []);
    const firstLines = byYear[id] ?? (byYear[id] = new Int32Array(this.schoolCount));
    const first = firstLines[school];
    if (first !== 0) {
      this.p.add('error', line, this.cols.procedure, MSG.duplicateResult(this.indicatorNames[id], year, first));
      return false;
    }
    firstLines[school] = line;
    return true;
  }

  /** The indicator has results in this year (rows come grouped, so the year rarely changes). */
  noteYear(id: number, year: number): void {
    if (this.lastYearOf[id] === year) return;
    this.lastYearOf[id] = year;
    this.years.add(year);
    this.indicatorYears.get(this.indicatorNames[id])!.add(year);
  }

  /** Stores a row; NaN for an SD or failure count not known (the SD of one participant is not known). */
  store(year: number, school: number, id: number, n: number, mean: number, sd: number, fails: number): void {
    const out = this.out;
    const i = out.length++;
    out.year[i] = year;
    out.school[i] = school;
    out.indicator[i] = id;
    out.n[i] = n;
    out.mean[i] = mean;
    out.sd[i] = n > 1 ? sd : NaN;
    out.fails[i] = fails;
  }
}

/**
 * A blank cell or a count ≥ 0 written as a number: nothing to report. (`x % 1 === 0` is
 * Number.isInteger for numbers; the hot path avoids global lookups, whose feedback V8 keeps losing.)
 */
function cleanCount(cell: Cell): boolean {
  return cell === null || cell === undefined || cell === '' || (typeof cell === 'number' && cell >= 0 && cell % 1 === 0);
}

function readResults(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'results' | 'years' | 'indicatorYears' | 'indicatorNames'> {
  const empty = { results: resultTable(0), years: [], indicatorYears: new Map(), indicatorNames: [] };
  const header = headerOrProblem(grid, SHEETS.results, RESULT_SPECS, problems, true);
  if (!header || !grid) return empty;
  const p = new SheetProblems(SHEETS.results, problems);
  const c = (key: string) => col(header, grid, key);
  const markCols = MARKS.map((m) => c(`m${m}`));
  const pctCols = MARKS.map((m) => c(`p${m}`));
  const hasMarks = markCols.every((x) => x !== null);
  const hasPercents = pctCols.every((x) => x !== null);
  const cols: ResultColumns = {
    year: c('year')!, code: c('code')!, procedure: c('procedure')!, grade: c('grade')!, subject: c('subject')!,
    n: c('n')!, mean: c('mean'), sd: c('sd'), fails: c('fails'), markSets: [],
  };
  if (!cols.mean && !hasMarks && !hasPercents) {
    problems.push({ sheet: SHEETS.results, row: header.headerRow + 1, column: null, severity: 'error', message: MSG.noMarksOrMean });
    return empty;
  }
  if (hasMarks) cols.markSets.push({ counts: true, cols: markCols as Col[] });
  if (hasPercents) cols.markSets.push({ counts: false, cols: pctCols as Col[] });
  const rows = new ResultRows(grid.length, Math.max(1, codes.size), p, cols);

  const at = (c: Col | null | undefined) => (c ? c.index : -1);
  const marks = hasMarks ? markCols : [];
  const ix: FastColumns = {
    year: at(cols.year), code: at(cols.code), procedure: at(cols.procedure), grade: at(cols.grade), subject: at(cols.subject),
    n: at(cols.n), mean: at(cols.mean), sd: at(cols.sd), fails: at(cols.fails),
    m2: at(marks[0]), m3: at(marks[1]), m4: at(marks[2]), m5: at(marks[3]), markSets: cols.markSets.length,
  };
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (skipRow(row, ix.year)) continue;
    if (!fastRow(rows, codes, row, r + 1, ix)) carefulRow(rows, cols, p, codes, row, r + 1);
  }
  return { results: rows.out, years: [...rows.years].sort((a, b) => a - b), indicatorYears: rows.indicatorYears, indicatorNames: rows.indicatorNames };
}

/** Grid column indexes for the fast path (−1: no such column). */
interface FastColumns {
  year: number; code: number; procedure: number; grade: number; subject: number;
  n: number; mean: number; sd: number; fails: number;
  m2: number; m3: number; m4: number; m5: number;
  /** How many sets of marks the sheet has (counts, percentages). */
  markSets: number;
}

/**
 * The fast path takes a clean row: a year, a known code and indicator, numbers ≥ 0 where numbers
 * belong, and either a mean or counts of marks 2–5 that add up to the participants. Anything else
 * (text, blanks, percentages, a first sight of a code or an indicator) returns false and goes the
 * careful way. A small function called per row stays compiled from one run to the next.
 */
function fastRow(rows: ResultRows, codes: CodeResolver, row: Cell[], line: number, ix: FastColumns): boolean {
  const year = row[ix.year];
  if (typeof year !== 'number' || !isYear(year)) return false;
  const n = row[ix.n];
  if (typeof n !== 'number' || !(n > 0) || n % 1 !== 0) return false;
  const meanCell = ix.mean >= 0 ? row[ix.mean] : null;
  const sdCell = ix.sd >= 0 ? row[ix.sd] : null;
  const failsCell = ix.fails >= 0 ? row[ix.fails] : null;
  if (meanCell !== null && meanCell !== undefined && !(typeof meanCell === 'number' && meanCell >= 0)) return false;
  if (sdCell !== null && sdCell !== undefined && !(typeof sdCell === 'number' && sdCell >= 0)) return false;
  if (!cleanCount(failsCell) || failsCell === '' || (typeof failsCell === 'number' && failsCell > n)) return false;
  // The row's mean, SD and failures (NaN: not given) live in a Float64Array: as plain locals, a
  // cell's value merged with a derived double would be boxed, one allocation per row.
  const v = rows.scratch;
  v[0] = typeof meanCell === 'number' ? meanCell : NaN;
  v[1] = typeof sdCell === 'number' ? sdCell : NaN;
  v[2] = typeof failsCell === 'number' ? failsCell : NaN;
  if (ix.m2 >= 0) {
    const m2 = row[ix.m2], m3 = row[ix.m3], m4 = row[ix.m4], m5 = row[ix.m5];
    if (typeof m2 === 'number' && typeof m3 === 'number' && typeof m4 === 'number' && typeof m5 === 'number') {
      if (!(m2 >= 0 && m3 >= 0 && m4 >= 0 && m5 >= 0) || m2 % 1 !== 0 || m3 % 1 !== 0 || m4 % 1 !== 0 || m5 % 1 !== 0) return false;
      if (m2 + m3 + m4 + m5 !== n) return false;
      fillFromMarks(v, m2, m3, m4, m5);
    } else if (!(cleanCount(m2) && cleanCount(m3) && cleanCount(m4) && cleanCount(m5)) || ix.markSets > 1 || m2 !== m3 || m3 !== m4 || m4 !== m5) {
      return false; // a partly filled set, or percentages to read
    }
  } else if (ix.markSets > 0) return false;
  if (v[0] !== v[0]) return false;
  const school = codes.known(row[ix.code]);
  if (school < 0) return false;
  const id = rows.knownIndicator(row[ix.procedure], row[ix.grade], row[ix.subject]);
  if (id < 0) return false;
  if (!rows.claim(line, year, id, school)) return true;
  rows.noteYear(id, year);
  rows.store(year, school, id, n, v[0], v[1], v[2]);
  return true;
}

/** One row of «Результаты» read cell by cell, every problem reported. */
function carefulRow(rows: ResultRows, cols: ResultColumns, p: SheetProblems, codes: CodeResolver, row: Cell[], line: number): void {
  const year = readYear(p, line, cols.year, row[cols.year.index]);
  const school = readSchoolCode(p, line, cols.code, row[cols.code.index], codes);
  const id = rows.indicator(line, row[cols.procedure.index], row[cols.grade.index], row[cols.subject.index]);
  const n = numberCell(p, line, cols.n, row[cols.n.index], true);
  const mean = cols.mean ? numberCell(p, line, cols.mean, row[cols.mean.index], false) : BLANK;
  const sd = cols.sd ? numberCell(p, line, cols.sd, row[cols.sd.index], false) : BLANK;
  const fails = cols.fails ? numberCell(p, line, cols.fails, row[cols.fails.index], true) : BLANK;
  // Marks 2, 3, 4, 5 of the first set (counts, then percentages) that has any.
  const m = [0, 0, 0, 0];
  let marks: { counts: boolean; cols: Col[] } | null = null;
  let bad = false; // a mark cell was reported
  for (const set of cols.markSets) {
    let any = false;
    for (let i = 0; i < 4; i++) {
      const mc = set.cols[i];
      const v = numberCell(p, line, mc, row[mc.index], set.counts);
      if (v === BAD) bad = true;
      if (v !== BLANK) any = true;
      m[i] = v < 0 ? 0 : v;
    }
    if (any) {
      marks = set;
      break;
    }
  }
  if (year < 0 || school < 0 || id < 0) return;
  // A row with its keys filled in but no data at all is a placeholder of a template, not a result.
  if (n === BLANK && mean === BLANK && sd === BLANK && fails === BLANK && !marks && !bad) return;
  if (!rows.claim(line, year, id, school)) return;
  if (bad) return;
  if (n === BLANK) {
    if (mean !== BLANK || marks) p.add('error', line, cols.n, MSG.noParticipants);
    return;
  }
  if (n === BAD || mean === BAD || sd === BAD || fails === BAD) return;
  if (fails !== BLANK && fails > n) {
    p.add('error', line, cols.fails, MSG.failsOverParticipants(fails, n));
    return;
  }
  if (marks) {
    const firstMark = marks.cols[0].index;
    let sum = m[0] + m[1] + m[2] + m[3];
    if (marks.counts && sum !== n) {
      p.add('error', line, { title: '2–5', index: firstMark }, MSG.marksSum(sum, n));
      return;
    }
    if (!marks.counts) {
      // A percent-formatted cell reaches us as a fraction (25% → 0.25): four shares summing to 1.
      if (Math.abs(sum - 1) <= 0.01 && m.every((v) => v <= 1)) {
        for (let i = 0; i < 4; i++) m[i] *= 100;
        sum *= 100;
      }
      if (Math.abs(sum - 100) > 1) p.add('warning', line, { title: '2, % – 5, %', index: firstMark }, MSG.percentsSum(sum));
      for (let i = 0; i < 4; i++) m[i] = (m[i] * n) / 100;
    }
  }
  rows.noteYear(id, year);
  if (n === 0) return;
  if (mean === BLANK && !marks) {
    p.add('warning', line, cols.mean ?? cols.n, MSG.noMeanNoMarks);
    return;
  }
  const v = rows.scratch;
  v[0] = mean === BLANK ? NaN : mean;
  v[1] = sd === BLANK ? NaN : sd;
  v[2] = fails === BLANK ? NaN : fails;
  if (marks) fillFromMarks(v, m[0], m[1], m[2], m[3]);
  rows.store(year, school, id, n, v[0], v[1], v[2]);
}

function resultTable(capacity: number): ResultTable {
  const ints = () => new Int32Array(capacity);
  const reals = () => new Float64Array(capacity);
  return { length: 0, year: ints(), school: ints(), indicator: ints(), n: reals(), mean: reals(), sd: reals(), fails: reals() };
}

function hasPercentSign(mask: number, i: number): boolean {
  return i < 31 && (mask & (1 << i)) !== 0;
}

function emptySocial(width: number, capacity: number): SocialTable {
  return { length: 0, width, year: new Int32Array(capacity), school: new Int32Array(capacity), values: new Float64Array(capacity * width) };
}

/** Writes a row's factor values from `at` on (NaN where blank or reported); returns its «%» bits. Called per row, so it stays compiled. */
function readFactors(p: SheetProblems, line: number, row: Cell[], factorCols: Col[], values: Float64Array, at: number): number {
  let signs = 0;
  for (let i = 0; i < factorCols.length; i++) {
    const cell = row[factorCols[i].index];
    if (typeof cell === 'number' && cell >= 0) values[at + i] = cell;
    else signs |= factorText(p, line, factorCols[i], cell, values, at + i, i);
  }
  return signs;
}

/** A factor cell that is not a plain number: blank, text or negative. */
function factorText(p: SheetProblems, line: number, c: Col, cell: Cell, values: Float64Array, at: number, i: number): number {
  values[at] = NaN;
  if (cell === null || cell === undefined || cell === '') return 0;
  const v = parseNumber(cell);
  if (v.kind === 'bad') p.add('error', line, c, MSG.expectedNumber(v.text));
  else if (v.kind === 'number' && v.value < 0) p.add('error', line, c, MSG.negative(cellText(cell)));
  else if (v.kind === 'number') {
    values[at] = v.value;
    return v.percent && i < 31 ? 1 << i : 0;
  }
  return 0;
}

function readSocial(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'social' | 'socialColumns'> {
  const header = grid && grid.length > 0 ? headerOrProblem(grid, SHEETS.social, SOCIAL_SPECS, problems, false) : null;
  if (!header || !grid) return { social: emptySocial(0, 0), socialColumns: [] };
  const p = new SheetProblems(SHEETS.social, problems);
  const yearCol = col(header, grid, 'year')!;
  const codeCol = col(header, grid, 'code')!;
  const factorCols: Col[] = header.extra.filter((e) => !/^(наименование|муниципалитет|мо|район|№|n)/i.test(e.title));
  const k = factorCols.length;
  const social = emptySocial(k, grid.length);
  const values = social.values;
  // Per kept row, a bit per factor: 1 where the cell was written with «%» (bits beyond 30 are not tracked).
  const percentSign = new Int32Array(grid.length);
  const lines = new Int32Array(grid.length);
  // [year − 1990] → first line per school (0 = not seen).
  const seen: Int32Array[] = [];
  const schoolCount = Math.max(1, codes.size);
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (skipRow(row, yearCol.index)) continue;
    const line = r + 1;
    const year = readYear(p, line, yearCol, row[yearCol.index]);
    const school = readSchoolCode(p, line, codeCol, row[codeCol.index], codes);
    // Written into the next free row; kept only when the row turns out to be a new one.
    const signs = readFactors(p, line, row, factorCols, values, social.length * k);
    if (year < 0 || school < 0) continue;
    const firstLines = seen[year - 1990] ?? (seen[year - 1990] = new Int32Array(schoolCount));
    if (firstLines[school] !== 0) {
      p.add('error', line, codeCol, MSG.duplicateSocial(year, firstLines[school]));
      continue;
    }
    firstLines[school] = line;
    const row_ = social.length++;
    social.year[row_] = year;
    social.school[row_] = school;
    percentSign[row_] = signs;
    lines[row_] = line;
  }
  for (let i = 0; i < k; i++) {
    const fc = factorCols[i];
    let anyAboveOne = false;
    let anyPositive = false;
    for (let s = 0; s < social.length; s++) {
      const v = values[s * k + i];
      if (Number.isNaN(v) || hasPercentSign(percentSign[s], i)) continue;
      if (v > 1) anyAboveOne = true;
      if (v > 0) anyPositive = true;
    }
    const fractions = !anyAboveOne && anyPositive;
    if (fractions) p.add('warning', null, fc, MSG.fractionColumn(fc.title));
    for (let s = 0; s < social.length; s++) {
      const at = s * k + i;
      if (fractions && !hasPercentSign(percentSign[s], i)) values[at] *= 100;
      if (values[at] > 100 + 1e-9) {
        p.add('error', lines[s], fc, MSG.shareOver100(String(values[at]).replace('.', ',')));
        values[at] = NaN;
      }
    }
  }
  return { social, socialColumns: factorCols.map((c) => c.title) };
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
