/**
 * Turns the input grids into typed records, collecting every problem with sheet, row and column.
 * Nothing is thrown for bad input and nothing stops at the first problem.
 */
import { statsFromMarks } from './marks';
import { MSG, SHEETS, locate } from './messages';
import { cellText, isBlank, parseNumber } from './numbers';
import { indicatorKey } from './settings';
import { type ColumnSpec, type HeaderMatch, columnLetter, findHeader } from './table';
import type { Cell, Grid, Problem, RegionTables } from './types';

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

export interface SocialRecord {
  year: number;
  school: number;
  /** Aligned with `RegionData.socialColumns`; NaN where missing. Percent points 0–100. */
  values: number[];
}

export interface RegionData {
  schools: School[];
  results: ResultTable;
  /** Indicator keys such as «ОГЭ-9 Математика», indexed by `ResultTable.indicator`. */
  indicatorNames: string[];
  /** Headers of the numeric columns of «Социальные показатели», exactly as written. */
  socialColumns: string[];
  social: SocialRecord[];
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

/** Resolves codes written on other sheets to school indexes, forgiving lost leading zeros. */
class CodeResolver {
  private readonly exact = new Map<string, number>();
  private stripped: Map<string, number> | null = null;
  fuzzyMatches = 0;
  constructor(private readonly schools: School[]) {
    schools.forEach((s, i) => this.exact.set(s.code, i));
  }
  /** Raw cell → school, so a code written on many rows is normalised and resolved once. */
  private readonly byCell = new Map<Cell, number>();
  get size(): number {
    return this.schools.length;
  }
  cached(cell: Cell): number | undefined {
    return this.byCell.get(cell);
  }
  remember(cell: Cell, school: number): void {
    this.byCell.set(cell, school);
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

function readSchools(grid: Grid | undefined, problems: Problem[]): School[] {
  const header = headerOrProblem(grid, SHEETS.schools, SCHOOL_SPECS, problems, true);
  if (!header || !grid) return [];
  const p = new SheetProblems(SHEETS.schools, problems);
  const codeCol = col(header, grid, 'code')!;
  const nameCol = col(header, grid, 'name')!;
  const munCol = col(header, grid, 'municipality')!;
  const locCol = col(header, grid, 'locality');
  const smallCol = col(header, grid, 'small');
  const pupilsCol = col(header, grid, 'pupils');
  const schools: School[] = [];
  const seen = new Map<string, number>();
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (rowIsBlank(row)) continue;
    const line = r + 1;
    const code = cellText(row[codeCol.index]);
    if (!code) {
      p.add('error', line, codeCol, MSG.required);
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      p.add('error', line, codeCol, MSG.duplicateSchool(code, first));
      continue;
    }
    seen.set(code, line);
    const name = cellText(row[nameCol.index]);
    if (!name) p.add('warning', line, nameCol, MSG.emptyName);
    const municipality = cellText(row[munCol.index]);
    if (!municipality) p.add('warning', line, munCol, MSG.emptyMunicipality);
    let pupils: number | null = null;
    if (pupilsCol) {
      const v = parseNumber(row[pupilsCol.index]);
      if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 0) pupils = v.value;
      else if (v.kind !== 'missing') p.add('warning', line, pupilsCol, MSG.expectedInteger(v.kind === 'bad' ? v.text : String(v.value)));
    }
    const smallText = smallCol ? cellText(row[smallCol.index]).toLowerCase() : '';
    schools.push({
      code,
      name,
      municipality,
      locality: locCol ? cellText(row[locCol.index]) || null : null,
      smallSchool: smallText === '' ? null : ['да', 'yes', 'true', '1', 'истина'].includes(smallText),
      pupils,
    });
  }
  return schools;
}

/** Reads an integer count ≥ 0; reports and returns NaN when it is not one, null when blank. */
function readCount(p: SheetProblems, line: number, c: Col | null, cell: Cell): number | null {
  const v = parseNumber(cell);
  if (v.kind === 'missing') return null;
  if (v.kind === 'bad') {
    p.add('error', line, c, MSG.expectedInteger(v.text));
    return NaN;
  }
  if (v.value < 0) {
    p.add('error', line, c, MSG.negative(cellText(cell)));
    return NaN;
  }
  if (!Number.isInteger(v.value)) {
    p.add('error', line, c, MSG.expectedInteger(cellText(cell)));
    return NaN;
  }
  return v.value;
}

function readReal(p: SheetProblems, line: number, c: Col | null, cell: Cell, nonNegative: boolean): number | null {
  const v = parseNumber(cell);
  if (v.kind === 'missing') return null;
  if (v.kind === 'bad') {
    p.add('error', line, c, MSG.expectedNumber(v.text));
    return NaN;
  }
  if (nonNegative && v.value < 0) {
    p.add('error', line, c, MSG.negative(cellText(cell)));
    return NaN;
  }
  return v.value;
}

function readYear(p: SheetProblems, line: number, c: Col, cell: Cell): number | null {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1990 && cell <= 2100) return cell;
  const v = parseNumber(cell);
  if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 1990 && v.value <= 2100) return v.value;
  p.add('error', line, c, v.kind === 'missing' ? MSG.required : MSG.expectedInteger(v.kind === 'bad' ? v.text : cellText(cell)));
  return null;
}

function readSchoolCode(p: SheetProblems, line: number, c: Col, cell: Cell, codes: CodeResolver): number | null {
  const cached = codes.cached(cell);
  if (cached !== undefined) return cached;
  const code = cellText(cell);
  if (!code) {
    p.add('error', line, c, MSG.required);
    return null;
  }
  const school = codes.resolve(code);
  if (school === undefined) {
    p.add('error', line, c, MSG.unknownSchool(code));
    return null;
  }
  codes.remember(cell, school);
  return school;
}

/** Reads one numeric cell; numbers (the common case) skip the text parser. */
function numberCell(p: SheetProblems, line: number, c: Col, cell: Cell, kind: 'count' | 'real'): number | null {
  if (typeof cell === 'number' && cell >= 0 && (kind === 'real' || Number.isInteger(cell))) return cell;
  return kind === 'count' ? readCount(p, line, c, cell) : readReal(p, line, c, cell, true);
}

function readResults(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'results' | 'years' | 'indicatorYears' | 'indicatorNames'> {
  const empty = { results: emptyResults(), years: [], indicatorYears: new Map(), indicatorNames: [] };
  const header = headerOrProblem(grid, SHEETS.results, RESULT_SPECS, problems, true);
  if (!header || !grid) return empty;
  const p = new SheetProblems(SHEETS.results, problems);
  const c = (key: string) => col(header, grid, key);
  const yearCol = c('year')!, codeCol = c('code')!, procCol = c('procedure')!, gradeCol = c('grade')!, subjCol = c('subject')!;
  const nCol = c('n')!, meanCol = c('mean'), sdCol = c('sd'), failsCol = c('fails');
  const markCols = MARKS.map((m) => c(`m${m}`));
  const pctCols = MARKS.map((m) => c(`p${m}`));
  const hasMarks = markCols.every((x) => x !== null);
  const hasPercents = pctCols.every((x) => x !== null);
  if (!meanCol && !hasMarks && !hasPercents) {
    problems.push({ sheet: SHEETS.results, row: header.headerRow + 1, column: null, severity: 'error', message: MSG.noMarksOrMean });
    return empty;
  }
  const markSets: { kind: 'counts' | 'percents'; cols: Col[] }[] = [];
  if (hasMarks) markSets.push({ kind: 'counts', cols: markCols as Col[] });
  if (hasPercents) markSets.push({ kind: 'percents', cols: pctCols as Col[] });

  const capacity = grid.length;
  const out: ResultTable = {
    length: 0,
    year: new Int32Array(capacity), school: new Int32Array(capacity), indicator: new Int32Array(capacity),
    n: new Float64Array(capacity), mean: new Float64Array(capacity), sd: new Float64Array(capacity), fails: new Float64Array(capacity),
  };
  const years = new Set<number>();
  const indicatorNames: string[] = [];
  const indicatorYears = new Map<string, Set<number>>();
  const indicatorIds = new Map<string, number>();
  // Raw cells (procedure → grade → subject) → indicator id: one lookup per row, no text work.
  const rawIds = new Map<Cell, Map<Cell, Map<Cell, number>>>();
  /** The id of an indicator by its normalised parts, creating it on first sight. */
  const indicatorId = (procedure: string, grade: string, subject: string): number => {
    const key = indicatorKey(procedure, grade, subject);
    let id = indicatorIds.get(key);
    if (id === undefined) {
      id = indicatorNames.length;
      indicatorIds.set(key, id);
      indicatorNames.push(key);
      indicatorYears.set(key, new Set());
    }
    return id;
  };
  // [year − 1990][indicator] → first line per school (0 = not seen): no string or map entry per row.
  const seen: Int32Array[][] = [];
  const schoolCount = Math.max(1, codes.size);
  const lastYearOf: number[] = [];
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (rowIsBlank(row)) continue;
    const line = r + 1;
    const year = readYear(p, line, yearCol, row[yearCol.index]);
    const school = readSchoolCode(p, line, codeCol, row[codeCol.index], codes);
    // The indicator by the three cells as written; normalised text only on first sight.
    const procCell = row[procCol.index], gradeCell = row[gradeCol.index], subjCell = row[subjCol.index];
    let id = rawIds.get(procCell)?.get(gradeCell)?.get(subjCell);
    if (id === undefined) {
      const procedure = cellText(procCell), grade = cellText(gradeCell), subject = cellText(subjCell);
      if (!procedure) p.add('error', line, procCol, MSG.required);
      if (!grade) p.add('error', line, gradeCol, MSG.required);
      if (!subject) p.add('error', line, subjCol, MSG.required);
      if (procedure && grade && subject) {
        id = indicatorId(procedure, grade, subject);
        let byGrade = rawIds.get(procCell);
        if (!byGrade) rawIds.set(procCell, (byGrade = new Map()));
        let bySubject = byGrade.get(gradeCell);
        if (!bySubject) byGrade.set(gradeCell, (bySubject = new Map()));
        bySubject.set(subjCell, id);
      }
    }
    const n = numberCell(p, line, nCol, row[nCol.index], 'count');
    let mean = meanCol ? numberCell(p, line, meanCol, row[meanCol.index], 'real') : null;
    let sd = sdCol ? numberCell(p, line, sdCol, row[sdCol.index], 'real') : null;
    let fails = failsCol ? numberCell(p, line, failsCol, row[failsCol.index], 'count') : null;
    // Marks: counts win over percentages when both are present.
    let marksKind: 'counts' | 'percents' | null = null;
    let marksCols: Col[] | null = null;
    let bad = false;
    for (let set = 0; set < markSets.length && !marksKind; set++) {
      const { kind, cols } = markSets[set];
      let any = false;
      for (let i = 0; i < 4; i++) {
        const cc = cols[i];
        const v = numberCell(p, line, cc, row[cc.index], kind === 'counts' ? 'count' : 'real');
        if (v === null) counts[i] = 0;
        else {
          any = true;
          if (Number.isNaN(v)) bad = true;
          else counts[i] = v;
        }
      }
      if (any) {
        marksKind = kind;
        marksCols = cols;
      }
    }
    if (year === null || school === null || id === undefined) continue;
    // A row with its keys filled in but no data at all is a placeholder of a template, not a result.
    if (n === null && mean === null && sd === null && fails === null && !marksKind && !bad) continue;
    const byYear = seen[year - 1990] ?? (seen[year - 1990] = []);
    const firstLines = byYear[id] ?? (byYear[id] = new Int32Array(schoolCount));
    if (firstLines[school] !== 0) {
      p.add('error', line, procCol, MSG.duplicateResult(indicatorNames[id], year, firstLines[school]));
      continue;
    }
    firstLines[school] = line;
    if (bad) continue;
    if (n === null) {
      if (mean !== null || marksKind) p.add('error', line, nCol, MSG.noParticipants);
      continue;
    }
    if (Number.isNaN(n) || Number.isNaN(mean ?? 0) || Number.isNaN(sd ?? 0) || Number.isNaN(fails ?? 0)) continue;
    if (fails !== null && fails > n) {
      p.add('error', line, failsCol, MSG.failsOverParticipants(fails, n));
      continue;
    }
    if (marksKind) {
      let sum = counts[0] + counts[1] + counts[2] + counts[3];
      if (marksKind === 'counts' && sum !== n) {
        p.add('error', line, { title: '2–5', index: marksCols![0].index }, MSG.marksSum(sum, n));
        continue;
      }
      if (marksKind === 'percents') {
        // A percent-formatted cell reaches us as a fraction (25% → 0.25): four shares summing to 1.
        if (Math.abs(sum - 1) <= 0.01 && counts.every((v) => v <= 1)) {
          for (let i = 0; i < 4; i++) counts[i] *= 100;
          sum *= 100;
        }
        if (Math.abs(sum - 100) > 1) p.add('warning', line, { title: '2, % – 5, %', index: marksCols![0].index }, MSG.percentsSum(sum));
        for (let i = 0; i < 4; i++) counts[i] = (counts[i] * n) / 100;
      }
    }
    if (lastYearOf[id] !== year) {
      // Rows come grouped, so the year of an indicator rarely changes from one row to the next.
      lastYearOf[id] = year;
      years.add(year);
      indicatorYears.get(indicatorNames[id])!.add(year);
    }
    if (n === 0) continue;
    if (marksKind) {
      const derived = statsFromMarks(counts);
      if (mean === null) mean = derived.mean;
      if (sd === null) sd = derived.sd;
      if (fails === null) fails = derived.fails;
    }
    if (mean === null) {
      p.add('warning', line, meanCol ?? nCol, MSG.noMeanNoMarks);
      continue;
    }
    const i = out.length++;
    out.year[i] = year;
    out.school[i] = school;
    out.indicator[i] = id;
    out.n[i] = n;
    out.mean[i] = mean;
    out.sd[i] = n > 1 && sd !== null ? sd : NaN;
    out.fails[i] = fails ?? NaN;
  }
  return { results: out, years: [...years].sort((a, b) => a - b), indicatorYears, indicatorNames };
}

function emptyResults(): ResultTable {
  const z = () => new Float64Array(0);
  return { length: 0, year: new Int32Array(0), school: new Int32Array(0), indicator: new Int32Array(0), n: z(), mean: z(), sd: z(), fails: z() };
}

function hasPercentSign(mask: number, i: number): boolean {
  return i < 31 && (mask & (1 << i)) !== 0;
}

function readSocial(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'social' | 'socialColumns'> {
  const header = grid && grid.length > 0 ? headerOrProblem(grid, SHEETS.social, SOCIAL_SPECS, problems, false) : null;
  if (!header || !grid) return { social: [], socialColumns: [] };
  const p = new SheetProblems(SHEETS.social, problems);
  const yearCol = col(header, grid, 'year')!;
  const codeCol = col(header, grid, 'code')!;
  const factorCols: Col[] = header.extra.filter((e) => !/^(наименование|муниципалитет|мо|район|№|n)/i.test(e.title));
  const social: SocialRecord[] = [];
  // Per kept row, a bit per factor: 1 where the cell was written with «%» (bits beyond 30 are not tracked).
  const percentSign: number[] = [];
  const seen = new Map<number, number>();
  const schoolCount = Math.max(1, codes.size);
  const lines: number[] = [];
  const k = factorCols.length;
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (rowIsBlank(row)) continue;
    const line = r + 1;
    const year = readYear(p, line, yearCol, row[yearCol.index]);
    const school = readSchoolCode(p, line, codeCol, row[codeCol.index], codes);
    const values = new Array<number>(k);
    let signs = 0;
    for (let i = 0; i < k; i++) {
      const fc = factorCols[i];
      const cell = row[fc.index];
      if (typeof cell === 'number' && cell >= 0) {
        values[i] = cell;
        continue;
      }
      const v = parseNumber(cell);
      values[i] = NaN;
      if (v.kind === 'missing') continue;
      if (v.kind === 'bad') p.add('error', line, fc, MSG.expectedNumber(v.text));
      else if (v.value < 0) p.add('error', line, fc, MSG.negative(cellText(cell)));
      else {
        values[i] = v.value;
        if (v.percent && i < 31) signs |= 1 << i;
      }
    }
    if (year === null || school === null) continue;
    const key = (year - 1990) * schoolCount + school;
    const first = seen.get(key);
    if (first !== undefined) {
      p.add('error', line, codeCol, MSG.duplicateSocial(year, first));
      continue;
    }
    seen.set(key, line);
    social.push({ year, school, values });
    percentSign.push(signs);
    lines.push(line);
  }
  factorCols.forEach((fc, i) => {
    let anyAboveOne = false;
    let anyPositive = false;
    for (let s = 0; s < social.length; s++) {
      const v = social[s].values[i];
      if (Number.isNaN(v) || hasPercentSign(percentSign[s], i)) continue;
      if (v > 1) anyAboveOne = true;
      if (v > 0) anyPositive = true;
    }
    const fractions = !anyAboveOne && anyPositive;
    if (fractions) p.add('warning', null, fc, MSG.fractionColumn(fc.title));
    for (let s = 0; s < social.length; s++) {
      const values = social[s].values;
      if (fractions && !hasPercentSign(percentSign[s], i)) values[i] *= 100;
      if (values[i] > 100 + 1e-9) {
        p.add('error', lines[s], fc, MSG.shareOver100(String(values[i]).replace('.', ',')));
        values[i] = NaN;
      }
    }
  });
  return { social, socialColumns: factorCols.map((c) => c.title) };
}

/**
 * Reads the region workbook's input grids. Problems come back in sheet order, every one of them.
 * @example readRegion({ schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['001', 'Школа № 1', 'Город']], results: [...] })
 */
export function readRegion(tables: RegionTables): { data: RegionData; problems: Problem[] } {
  const problems: Problem[] = [];
  const schools = readSchools(tables.schools, problems);
  const codes = new CodeResolver(schools);
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
