/**
 * Finding the header row of a sheet and matching its Russian column titles.
 */
import { cellText } from './numbers';
import type { Grid } from '../types';

/** A column the reader looks for: its canonical title and the synonyms officials use. */
export interface ColumnSpec {
  key: string;
  title: string;
  synonyms?: string[];
  required?: boolean;
}

/** Where the header is and which grid column holds each spec (absent when not found). */
export interface HeaderMatch {
  /** 0-based index of the header row in the grid. */
  headerRow: number;
  columns: Record<string, number | undefined>;
  /** Columns with a title that matched no spec, in sheet order. */
  extra: { index: number; title: string }[];
  missing: ColumnSpec[];
}

/**
 * Normalises a header for matching: lower case, «ё» as «е», no spaces at all.
 * @example normalizeHeader(' Код  ОО ') === normalizeHeader('код оо') // true
 */
export function normalizeHeader(title: string): string {
  return title.toLowerCase().replace(/ё/g, 'е').replace(/[\s\u00a0\u2007\u202f]+/g, '');
}

const SCAN_ROWS = 30;

/**
 * Finds the header row among the first rows (titles may stand above it): the first row holding
 * every required column, else the row matching most of them.
 * Returns null when no row matches any required column.
 */
export function findHeader(grid: Grid, specs: ColumnSpec[]): HeaderMatch | null {
  const lookup = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const name of [spec.title, ...(spec.synonyms ?? [])]) {
      const norm = normalizeHeader(name);
      if (!lookup.has(norm)) lookup.set(norm, spec);
    }
  }
  const required = specs.filter((s) => s.required);
  let best: HeaderMatch | null = null;
  let bestScore = 0;
  const rows = Math.min(grid.length, SCAN_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = grid[r] ?? [];
    const columns: Record<string, number | undefined> = {};
    const extra: { index: number; title: string }[] = [];
    for (let c = 0; c < row.length; c++) {
      const title = cellText(row[c]);
      if (!title) continue;
      const spec = lookup.get(normalizeHeader(title));
      if (spec && columns[spec.key] === undefined) columns[spec.key] = c;
      else extra.push({ index: c, title });
    }
    const missing = required.filter((s) => columns[s.key] === undefined);
    const score = (required.length - missing.length) * 1000 + Object.keys(columns).length;
    if (required.length - missing.length > 0 && score > bestScore) {
      best = { headerRow: r, columns, extra, missing };
      bestScore = score;
      if (missing.length === 0) break;
    }
  }
  return best;
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
