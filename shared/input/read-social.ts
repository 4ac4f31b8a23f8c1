/** The «Социальные показатели» sheet: one row per school and year, factor shares in percent points. */
import { MSG, SHEETS } from '../messages';
import { parseNumber, cellText } from './numbers';
import type { ColumnSpec } from './table';
import type { Cell, Grid, Problem } from '../types';
import { CODE_SPEC, type Col, CodeResolver, SheetProblems, YEAR_SPEC, col, headerOrProblem, readSchoolCode, readYear, skipRow } from './cells';
import type { RegionData, SocialTable } from './read-region';

const SOCIAL_SPECS: ColumnSpec[] = [YEAR_SPEC, CODE_SPEC];

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

export function readSocial(grid: Grid | undefined, codes: CodeResolver, problems: Problem[]): Pick<RegionData, 'social' | 'socialColumns'> {
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

