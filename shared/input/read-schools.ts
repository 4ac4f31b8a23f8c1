/** The «Школы» sheet: one school per row, codes unique. */
import { MSG, SHEETS } from '../messages';
import { cellText, parseNumber } from './numbers';
import type { ColumnSpec } from './table';
import type { Cell, Grid, Problem } from '../types';
import { CODE_SPEC, SheetProblems, col, headerOrProblem, rowIsBlank } from './cells';
import type { School } from './read-region';

const SCHOOL_SPECS: ColumnSpec[] = [
  CODE_SPEC,
  { key: 'name', title: 'Наименование ОО', synonyms: ['Наименование', 'ОО', 'Название', 'Школа'], required: true },
  { key: 'municipality', title: 'Муниципалитет', synonyms: ['МО', 'Район', 'Муниципальное образование', 'МОУО', 'Муниципальный район'], required: true },
  { key: 'locality', title: 'Местность', synonyms: ['Тип местности'] },
  { key: 'small', title: 'Малокомплектная', synonyms: ['Малокомплектная школа'] },
  { key: 'pupils', title: 'Обучающихся', synonyms: ['Численность обучающихся', 'Контингент'] },
];

const YES = new Set(['да', 'yes', 'true', '1', 'истина']);

export function readSchools(grid: Grid | undefined, problems: Problem[]): { schools: School[]; byCode: Map<string, number> } {
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

