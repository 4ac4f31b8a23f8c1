/**
 * A missing input sheet named with the sheets the workbook has, and the one it probably is
 * («Результаты ВПР» for «Результаты»). The reader only sees grids; a host that knows the
 * workbook's sheets records them with the tables it read (rememberSheetNames), and identify() and
 * checkData() add them to the message. A side table keeps RegionTables a record of grids only.
 */
import { editDistance } from '../method/indicators';
import { MSG, SHEETS } from '../messages';
import { normalizeHeader } from './table';
import type { Problem, RegionTables } from '../types';

const NAMES = new WeakMap<RegionTables, string[]>();

/** Records every sheet name of the workbook `tables` were read from. */
export function rememberSheetNames(tables: RegionTables, names: string[]): void {
  NAMES.set(tables, [...names]);
}

/** The workbook's sheet names recorded for these tables, if the host recorded them. */
export function sheetNamesOf(tables: RegionTables): string[] | undefined {
  return NAMES.get(tables);
}

const INPUT_SHEETS = [SHEETS.schools, SHEETS.results, SHEETS.social, SHEETS.settings];

/**
 * The sheet that is probably `wanted` under another name: one whose name contains it or is
 * contained in it («Результаты ВПР», «Школы региона»), else one a few letters off («Резултаты»).
 * Sheets named as another input sheet are never suggested.
 * @example closestSheet('Результаты', ['Школы', 'Результаты ВПР']) // 'Результаты ВПР'
 */
export function closestSheet(wanted: string, names: string[]): string | null {
  const w = normalizeHeader(wanted);
  const others = new Set(INPUT_SHEETS.map(normalizeHeader));
  const candidates = names.filter((n) => !others.has(normalizeHeader(n)) && normalizeHeader(n));
  const containing = candidates.filter((n) => normalizeHeader(n).includes(w) || w.includes(normalizeHeader(n)));
  if (containing.length) return containing.sort((a, b) => normalizeHeader(a).length - normalizeHeader(b).length)[0];
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(w.length / 4)) + 1;
  for (const n of candidates) {
    const d = editDistance(w, normalizeHeader(n));
    if (d < bestD) { best = n; bestD = d; }
  }
  return best;
}

/** The problems with every missing input sheet's message followed by the workbook's sheets and the closest one. */
export function withSheetNames(problems: Problem[], sheetNames: string[] | undefined): Problem[] {
  if (!sheetNames) return problems;
  return problems.map((p) => {
    const sheet = p.sheet;
    if (!sheet || p.row !== null) return p;
    const missing = p.message === MSG.missingSheet(sheet) || (sheet === SHEETS.social && p.message === MSG.noSocialSheet);
    if (!missing) return p;
    return { ...p, message: `${p.message}. ${MSG.sheetsInWorkbook(sheet, sheetNames, closestSheet(sheet, sheetNames))}` };
  });
}
