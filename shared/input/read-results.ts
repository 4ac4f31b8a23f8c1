/**
 * The «Результаты» sheet, half a million rows in a national run: a fast path for clean rows (numbers
 * where numbers belong, a code and an indicator seen before) and a careful path that reports every
 * problem of any other row.
 */
import { fillFromMarks } from '../method/marks';
import { MSG, SHEETS } from '../messages';
import { cellText, parseNumber } from './numbers';
import { indicatorKey } from '../method/indicators';
import type { ColumnSpec } from './table';
import type { Cell, Grid, Problem } from '../types';
import {
  BAD, BLANK, CODE_SPEC, type Col, CodeResolver, SheetProblems, YEAR_SPEC, col, headerOrProblem, isYear, numberCell, readSchoolCode, readYear, skipRow,
} from './cells';
import { OBJECTIVITY_COLUMNS, OBJECTIVITY_WIDTH, type ObjectivityColumn } from './objectivity-columns';
import type { RegionData, ResultTable } from './read-region';

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
  ...OBJECTIVITY_COLUMNS.map((c) => ({ key: c.key, title: c.title, synonyms: c.synonyms })),
];


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
  /** The optional columns of the objectivity markers (aligned with OBJECTIVITY_COLUMNS; null: absent). */
  objectivity: (Col | null)[];
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
  /** Mean, SD, failures and the marks' mean of the row being read ([mean, SD, failures, marks' mean], NaN: not given; see fastRow). */
  readonly scratch = new Float64Array(4);
  /** The row's objectivity columns (NaN: blank or no such column). */
  readonly extra = new Float64Array(OBJECTIVITY_WIDTH);

  constructor(capacity: number, private readonly schoolCount: number, private readonly p: SheetProblems, private readonly cols: ResultColumns, withObjectivity: boolean) {
    this.out = resultTable(capacity, withObjectivity);
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
    out.markMean[i] = this.scratch[3];
    const o = out.objectivity;
    if (o !== null) o.set(this.extra, i * OBJECTIVITY_WIDTH);
  }
}

/**
 * A blank cell or a count ≥ 0 written as a number: nothing to report. (`x % 1 === 0` is
 * Number.isInteger for numbers; the hot path avoids global lookups, whose feedback V8 keeps losing.)
 */
function cleanCount(cell: Cell): boolean {
  return cell === null || cell === undefined || cell === '' || (typeof cell === 'number' && cell >= 0 && cell % 1 === 0);
}

export function readResults(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'results' | 'years' | 'indicatorYears' | 'indicatorNames'> {
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
    objectivity: OBJECTIVITY_COLUMNS.map((oc) => c(oc.key)),
  };
  const withObjectivity = cols.objectivity.some((x) => x !== null);
  if (!cols.mean && !hasMarks && !hasPercents) {
    problems.push({ sheet: SHEETS.results, row: header.headerRow + 1, column: null, severity: 'error', message: MSG.noMarksOrMean });
    return empty;
  }
  if (hasMarks) cols.markSets.push({ counts: true, cols: markCols as Col[] });
  if (hasPercents) cols.markSets.push({ counts: false, cols: pctCols as Col[] });
  const rows = new ResultRows(grid.length, Math.max(1, codes.size), p, cols, withObjectivity);

  const at = (c: Col | null | undefined) => (c ? c.index : -1);
  const marks = hasMarks ? markCols : [];
  const ix: FastColumns = {
    year: at(cols.year), code: at(cols.code), procedure: at(cols.procedure), grade: at(cols.grade), subject: at(cols.subject),
    n: at(cols.n), mean: at(cols.mean), sd: at(cols.sd), fails: at(cols.fails),
    m2: at(marks[0]), m3: at(marks[1]), m4: at(marks[2]), m5: at(marks[3]), markSets: cols.markSets.length,
    objectivity: withObjectivity ? Int32Array.from(cols.objectivity, at) : null,
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
  /** Grid columns of OBJECTIVITY_COLUMNS (−1: absent), or null when the sheet has none of them. */
  objectivity: Int32Array | null;
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
  v[3] = NaN;
  if (ix.objectivity !== null && !fastObjectivity(rows.extra, row, ix.objectivity)) return false;
  if (ix.m2 >= 0) {
    const m2 = row[ix.m2], m3 = row[ix.m3], m4 = row[ix.m4], m5 = row[ix.m5];
    if (typeof m2 === 'number' && typeof m3 === 'number' && typeof m4 === 'number' && typeof m5 === 'number') {
      if (!(m2 >= 0 && m3 >= 0 && m4 >= 0 && m5 >= 0) || m2 % 1 !== 0 || m3 % 1 !== 0 || m4 % 1 !== 0 || m5 % 1 !== 0) return false;
      if (m2 + m3 + m4 + m5 !== n) return false;
      if (v[1] !== v[1]) v[3] = (2 * m2 + 3 * m3 + 4 * m4 + 5 * m5) / n;
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

/**
 * The objectivity columns of a clean row: blanks or numbers within their ranges (a mean primary
 * score not above the maximum). Anything else returns false: the careful path reads and reports it.
 */
function fastObjectivity(out: Float64Array, row: Cell[], at: Int32Array): boolean {
  for (let k = 0; k < at.length; k++) {
    const index = at[k];
    const cell = index >= 0 ? row[index] : null;
    if (cell === null || cell === undefined || cell === '') {
      out[k] = NaN;
      continue;
    }
    if (typeof cell !== 'number') return false;
    const spec = OBJECTIVITY_COLUMNS[k];
    if (!(cell >= spec.min && cell <= spec.max) || (spec.integer && cell % 1 !== 0) || (spec.positive && !(cell > 0))) return false;
    out[k] = cell;
  }
  return !(out[0] > out[1]);
}

/** The objectivity columns read cell by cell (NaN: blank); false when one was reported. */
function carefulObjectivity(out: Float64Array, p: SheetProblems, line: number, cols: (Col | null)[], row: Cell[]): boolean {
  let ok = true;
  for (let k = 0; k < cols.length; k++) {
    out[k] = NaN;
    const c = cols[k];
    if (!c) continue;
    const v = objectivityCell(OBJECTIVITY_COLUMNS[k], row[c.index]);
    if (typeof v === 'string') {
      p.add('error', line, c, v);
      ok = false;
    } else out[k] = v;
  }
  if (ok && out[0] > out[1]) {
    p.add('error', line, cols[0], MSG.primaryOverMax(out[0], out[1]));
    ok = false;
  }
  return ok;
}

/** One objectivity cell: its number, NaN when blank, or the Russian problem. */
function objectivityCell(spec: ObjectivityColumn, cell: Cell): number | string {
  const v = parseNumber(cell);
  if (v.kind === 'missing') return NaN;
  if (v.kind === 'bad') return spec.integer ? MSG.expectedInteger(v.text) : MSG.expectedNumber(v.text);
  const x = v.value;
  if (spec.integer && !Number.isInteger(x)) return MSG.expectedInteger(cellText(cell));
  if (x < spec.min || x > spec.max || (spec.positive && !(x > 0))) return MSG.outOfRange(cellText(cell), spec.range);
  return x;
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
  const extraOk = carefulObjectivity(rows.extra, p, line, cols.objectivity, row);
  if (!extraOk) bad = true;
  let anyExtra = false;
  for (let k = 0; k < OBJECTIVITY_WIDTH; k++) if (rows.extra[k] === rows.extra[k]) anyExtra = true;
  if (year < 0 || school < 0 || id < 0) return;
  // A row with its keys filled in but no data at all is a placeholder of a template, not a result.
  if (n === BLANK && mean === BLANK && sd === BLANK && fails === BLANK && !marks && !bad && !anyExtra) return;
  if (!rows.claim(line, year, id, school)) return;
  if (bad) return;
  if (n === BLANK) {
    if (mean !== BLANK || marks) p.add('error', line, cols.n, MSG.noParticipants);
    else if (anyExtra) p.add('error', line, cols.n, MSG.objectivityWithoutParticipants);
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
  v[3] = NaN;
  if (marks && sd === BLANK) v[3] = (2 * m[0] + 3 * m[1] + 4 * m[2] + 5 * m[3]) / (m[0] + m[1] + m[2] + m[3]);
  if (marks) fillFromMarks(v, m[0], m[1], m[2], m[3]);
  rows.store(year, school, id, n, v[0], v[1], v[2]);
}

function resultTable(capacity: number, withObjectivity = false): ResultTable {
  const ints = () => new Int32Array(capacity);
  const reals = () => new Float64Array(capacity);
  return {
    length: 0, year: ints(), school: ints(), indicator: ints(), n: reals(), mean: reals(), sd: reals(), fails: reals(), markMean: reals(),
    objectivity: withObjectivity ? new Float64Array(capacity * OBJECTIVITY_WIDTH) : null,
  };
}

