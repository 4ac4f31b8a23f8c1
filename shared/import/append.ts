/**
 * How imported rows join a workbook's sheet: under its existing header (matched by title and
 * synonyms, columns the sheet lacks are added at the right), after its last row, never over a row
 * the sheet already has unless the user asks to replace it. The host only applies the plan.
 */
import { MSG, SHEETS, NOUN, plural } from '../messages';
import { cellText, parseNumber } from '../input/numbers';
import { indicatorKey } from '../method/indicators';
import { normalizeHeader } from '../input/table';
import type { Cell, Grid, Problem } from '../types';
import { type ImportResult, normalizeCode } from './common';
import { passportKindOf } from './passport';

/** The synonyms the reader accepts for each column the importers write (read-region.ts). */
const SYNONYMS: Record<string, string[]> = {
  'Код ОО': ['Код', 'Логин ОО', 'ИНН', 'Код школы', 'Логин'],
  'Участников': ['Число участников', 'Количество участников'],
  'Средний балл': ['Средняя отметка', 'Среднее'],
  'Стандартное отклонение': ['СКО', 'Ст. отклонение'],
  'Не справились': ['Не справились с работой', 'Ниже минимума', 'Не преодолели минимальный порог'],
  ...Object.fromEntries(['2', '3', '4', '5'].map((m) => [m, [`«${m}»`, `Отметка ${m}`, `Отметка «${m}»`]])),
  ...Object.fromEntries(['2', '3', '4', '5'].map((m) => [`${m}, %`, [`${m} %`, `«${m}», %`, `% ${m}`, `Отметка ${m}, %`]])),
};

/** True when a column of the workbook is the column an importer calls `canonical`. */
export function sameColumn(canonical: string, existing: string): boolean {
  const e = normalizeHeader(existing);
  if (!e) return false;
  if (normalizeHeader(canonical) === e) return true;
  if ((SYNONYMS[canonical] ?? []).some((s) => normalizeHeader(s) === e)) return true;
  const k = passportKindOf(canonical);
  return k !== null && k !== 'pupils' && passportKindOf(existing) === k && /%|доля/i.test(existing);
}

export interface AppendPlan {
  sheet: string;
  /** The workbook has no such sheet: create it with `header` in row 1. */
  create: boolean;
  /** 0-based header row of the sheet (0 for a new sheet). */
  headerRow: number;
  /** The header after the import: the sheet's columns, then the added ones. */
  header: string[];
  /** Columns added to the right of the header: 0-based index and title. */
  added: { index: number; title: string }[];
  /** Rows to write after the sheet's last used row, aligned with `header`. */
  append: Cell[][];
  /** 0-based index of the first appended row. */
  firstAppendRow: number;
  /** Rows of the sheet overwritten (replace mode): 0-based row and the cells written. */
  updates: { row: number; cells: { index: number; value: Cell }[] }[];
  /** Imported rows the sheet already had (not written without replace mode). */
  duplicates: { sheet: string; row: number; targetRow: number }[];
  /** Fill mode (ImportResult.fillExisting): rows the sheet already had with the same values. */
  unchanged?: number;
  problems: Problem[];
}

export interface AppendOptions {
  /** Overwrite the rows the sheet already has for the same school, year (and indicator). */
  replace?: boolean;
}

function findHeaderRow(grid: Grid, header: string[]): number {
  const must = ['Год', 'Код ОО'];
  let best = -1;
  let bestScore = 0;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const cells = (grid[r] ?? []).map((c) => cellText(c));
    const has = (name: string) => cells.some((c) => sameColumn(name, c));
    if (!must.every(has)) continue;
    const score = header.filter(has).length;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

function yearOf(c: Cell): string {
  const v = parseNumber(c);
  return v.kind === 'number' ? String(v.value) : cellText(c);
}

/** The identity of a row: year and school, and for results the indicator. */
function rowKey(cells: (name: string) => Cell, results: boolean): string | null {
  const year = yearOf(cells('Год'));
  const code = normalizeCode(cellText(cells('Код ОО')));
  if (!year || !code) return null;
  if (!results) return `${year}\u0001${code}`;
  const proc = cellText(cells('Процедура'));
  const grade = cellText(cells('Класс'));
  const subject = cellText(cells('Предмет'));
  return `${year}\u0001${code}\u0001${indicatorKey(proc, grade, subject)}`;
}

/**
 * Plans adding an import's rows to the workbook's sheet (its current grid, or undefined when the
 * workbook has no such sheet).
 * @example planAppend(workbookGrids['Результаты'], importVpr(sheets, schools)).append.length
 */
export function planAppend(target: Grid | undefined, result: ImportResult, options: AppendOptions = {}): AppendPlan {
  const problems: Problem[] = [];
  const results = result.target === SHEETS.results;
  const sheet = result.target;
  if (!target || target.every((r) => !r || r.every((c) => cellText(c) === ''))) {
    return {
      sheet, create: true, headerRow: 0, header: [...result.header], added: [], append: dedupe(result, problems).map((i) => result.rows[i]),
      firstAppendRow: 1, updates: [], duplicates: [], problems,
    };
  }
  const headerRow = findHeaderRow(target, result.header);
  if (headerRow < 0) {
    problems.push({ sheet, row: null, column: null, severity: 'error', message: `${MSG.missingColumns(sheet, ['Год', 'Код ОО'])}: не понятно, куда добавлять строки` });
    return { sheet, create: false, headerRow: 0, header: [], added: [], append: [], firstAppendRow: 0, updates: [], duplicates: [], problems };
  }
  const existing = (target[headerRow] ?? []).map((c) => cellText(c));
  const header = [...existing];
  while (header.length && !header[header.length - 1]) header.pop();
  const added: AppendPlan['added'] = [];
  const position = result.header.map((name) => {
    const i = header.findIndex((h) => sameColumn(name, h));
    if (i >= 0) return i;
    header.push(name);
    added.push({ index: header.length - 1, title: name });
    return header.length - 1;
  });
  const colOf = (name: string) => header.findIndex((h) => sameColumn(name, h));
  const keyCols = { year: colOf('Год'), code: colOf('Код ОО'), proc: colOf('Процедура'), grade: colOf('Класс'), subject: colOf('Предмет') };
  const existingKeys = new Map<string, number>();
  let last = headerRow;
  for (let r = headerRow + 1; r < target.length; r++) {
    const row = target[r] ?? [];
    if (row.some((c) => cellText(c) !== '')) last = r;
    const get = (name: string) => {
      const i = name === 'Год' ? keyCols.year : name === 'Код ОО' ? keyCols.code : name === 'Процедура' ? keyCols.proc : name === 'Класс' ? keyCols.grade : keyCols.subject;
      return i >= 0 ? row[i] : null;
    };
    const key = rowKey(get, results);
    if (key && !existingKeys.has(key)) existingKeys.set(key, r);
  }
  const append: Cell[][] = [];
  const updates: AppendPlan['updates'] = [];
  const duplicates: AppendPlan['duplicates'] = [];
  const conflicts: { targetRow: number; columns: string[] }[] = [];
  let unchanged = 0;
  for (const i of dedupe(result, problems)) {
    const src = result.rows[i];
    const origin = result.origins[i];
    const key = rowKey((name) => src[result.header.indexOf(name)] ?? null, results);
    const at = key ? existingKeys.get(key) : undefined;
    if (at !== undefined) {
      if (options.replace) updates.push({ row: at, cells: position.map((index, j) => ({ index, value: src[j] })) });
      else if (result.fillExisting) {
        const fill = fillCells(target[at] ?? [], position.map((p, j) => (result.newRowsOnly?.includes(result.header[j]) ? -1 : p)), src, header);
        if (fill.cells.length) updates.push({ row: at, cells: fill.cells });
        if (fill.conflicts.length) conflicts.push({ targetRow: at + 1, columns: fill.conflicts });
        else if (!fill.cells.length) unchanged++;
      } else duplicates.push({ sheet: origin.sheet, row: origin.row, targetRow: at + 1 });
      continue;
    }
    const out: Cell[] = new Array(header.length).fill(null);
    position.forEach((index, j) => { out[index] = src[j]; });
    append.push(out);
  }
  if (duplicates.length) {
    problems.push({
      sheet, row: null, column: null, severity: 'warning',
      message: `На листе «${sheet}» уже есть ${duplicates.length} из импортируемых строк (те же год, школа${results ? ' и показатель' : ''}); они не добавлены. Строки листа: ${duplicates.slice(0, 20).map((d) => d.targetRow).join(', ')}${duplicates.length > 20 ? ' …' : ''}`,
    });
  }
  if (conflicts.length) {
    problems.push({
      sheet, row: null, column: null, severity: 'warning',
      message: `В ${conflicts.length} ${plural(conflicts.length, NOUN.row, 'loc')} листа «${sheet}» уже записаны другие значения (оставлены как есть, дополнены только пустые ячейки): ${conflicts.slice(0, 20).map((c) => `строка ${c.targetRow} — ${c.columns.map((t) => `«${t}»`).join(', ')}`).join('; ')}${conflicts.length > 20 ? ' …' : ''}. Чтобы записать новые значения, замените строки (в командной строке — shnor import … --replace)`,
    });
  }
  return { sheet, create: false, headerRow, header, added, append, firstAppendRow: last + 1, updates, duplicates, problems, ...(result.fillExisting ? { unchanged } : {}) };
}

/** Same value for filling: numbers within 1e-9 (relative), else the same text. */
function sameValue(a: Cell, b: Cell): boolean {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x.kind === 'number' && y.kind === 'number') return Math.abs(x.value - y.value) <= 1e-9 * Math.max(1, Math.abs(x.value), Math.abs(y.value));
  return cellText(a).toLowerCase() === cellText(b).toLowerCase();
}

/** The cells an import fills in an existing row: blank ones; different non-blank ones are conflicts (titles). */
function fillCells(row: Cell[], position: number[], src: Cell[], header: string[]): { cells: { index: number; value: Cell }[]; conflicts: string[] } {
  const cells: { index: number; value: Cell }[] = [];
  const conflicts: string[] = [];
  position.forEach((index, j) => {
    const value = src[j];
    if (index < 0) return;
    if (value === null || value === undefined || value === '') return;
    const have = row[index];
    if (have === null || have === undefined || cellText(have) === '') cells.push({ index, value });
    else if (!sameValue(have, value)) conflicts.push(header[index] ?? String(index));
  });
  return { cells, conflicts };
}

/** True when the plan writes anything: rows, replaced rows or added columns (a new sheet without rows is not made). */
export function planWrites(plan: AppendPlan): boolean {
  return plan.append.length > 0 || plan.updates.length > 0 || plan.added.length > 0;
}

/** Columns of a plan's header holding shares in percent (written with a «0.0##» format when fractional). */
export function shareColumns(plan: AppendPlan): Set<number> {
  return new Set(plan.header.map((h, i) => (/%/.test(h) ? i : -1)).filter((i) => i >= 0));
}

/** The number format of an imported cell of column `index`: «0.0##» for a fractional share, else null. */
export function shareFormat(shares: Set<number>, index: number, value: Cell): string | null {
  return shares.has(index) && typeof value === 'number' && !Number.isInteger(value) ? '0.0##' : null;
}

/** 0-based column of «Код ОО» in a plan's header (written as text, leading zeros kept), or null. */
export function planCodeColumn(plan: AppendPlan): number | null {
  const i = plan.header.findIndex((h) => sameColumn('Код ОО', h));
  return i >= 0 ? i : null;
}

/** Width in characters of a column the import creates, from its title (9 to 36). */
export function importColumnWidth(title: string): number {
  return Math.max(9, Math.min(36, title.length + 2));
}

/** Indexes of the import's rows without repeats of the same key (a school twice in one file is an error). */
function dedupe(result: ImportResult, problems: Problem[]): number[] {
  const results = result.target === SHEETS.results;
  const seen = new Map<string, number>();
  const out: number[] = [];
  result.rows.forEach((row, i) => {
    const key = rowKey((name) => row[result.header.indexOf(name)] ?? null, results);
    const first = key ? seen.get(key) : undefined;
    if (first !== undefined) {
      const a = result.origins[first];
      const b = result.origins[i];
      problems.push({
        sheet: b.sheet, row: b.row, column: null, severity: 'error',
        message: `Лист «${b.sheet}», строка ${b.row}: школа ${cellText(row[result.header.indexOf('Код ОО')])} уже импортирована из строки ${a.row}${a.sheet !== b.sheet ? ` листа «${a.sheet}»` : ''} (тот же год${results ? ' и показатель' : ''})`,
      });
      return;
    }
    if (key) seen.set(key, i);
    out.push(i);
  });
  return out;
}

export interface UpdateBlock {
  /** 0-based first row and column of the rectangle. */
  row: number;
  col: number;
  values: Cell[][];
}

/**
 * The rectangle of the sheet that a plan's updates (filled or replaced cells of existing rows) fall
 * in — 0-based first row and column — with the sheet's own values there and the updates over them,
 * so a spreadsheet host writes them with one values call; null when the plan updates nothing.
 * Cells of the rectangle that the plan does not update are written back as they were read.
 */
export function updateBlock(target: Grid | undefined, plan: AppendPlan): UpdateBlock | null {
  if (!plan.updates.length) return null;
  let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
  for (const u of plan.updates) {
    r0 = Math.min(r0, u.row); r1 = Math.max(r1, u.row);
    for (const c of u.cells) { c0 = Math.min(c0, c.index); c1 = Math.max(c1, c.index); }
  }
  if (c1 < 0) return null;
  const values: Cell[][] = [];
  for (let r = r0; r <= r1; r++) {
    const src = target?.[r] ?? [];
    const row: Cell[] = [];
    for (let c = c0; c <= c1; c++) {
      const v = src[c];
      row.push(v === undefined ? null : v);
    }
    values.push(row);
  }
  for (const u of plan.updates) for (const c of u.cells) values[u.row - r0][c.index - c0] = c.value ?? null;
  return { row: r0, col: c0, values };
}
