/**
 * Small builders for the region workbook's grids, so every test states its data inline.
 */
import type { Cell, Grid, Problem, RegionTables } from '../../shared/types';
import type { Identification, SchoolResult } from '../../shared/method/identify';

export const STANDARD_FACTORS = ['Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %'];

export interface SchoolSpec {
  code: string;
  municipality?: string;
  name?: string;
}

/** «Школы»: header + one row per school (name defaults to «Школа <code>», municipality to «Район А»). */
export function schoolsGrid(schools: (string | SchoolSpec)[]): Grid {
  return [
    ['Код ОО', 'Наименование ОО', 'Муниципалитет'],
    ...schools.map((s) => {
      const spec = typeof s === 'string' ? { code: s } : s;
      return [spec.code, spec.name ?? `Школа ${spec.code}`, spec.municipality ?? 'Район А'];
    }),
  ];
}

export interface ResultSpec {
  code: string;
  year?: number;
  /** «ОГЭ-9 Математика» style key; default «ОГЭ-9 Математика». */
  ind?: string;
  n: Cell;
  mean?: Cell;
  sd?: Cell;
  fails?: Cell;
  /** Counts of marks 2, 3, 4, 5. */
  marks?: [Cell, Cell, Cell, Cell];
  /** Percentages of marks 2, 3, 4, 5. */
  pct?: [Cell, Cell, Cell, Cell];
}

export const RESULT_HEADER = ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Стандартное отклонение', 'Не справились'];

/** Splits «ОГЭ-9 Математика» into procedure, grade, subject. */
export function splitIndicator(key: string): [string, string, string] {
  const m = /^(.+?)-(\S+) (.+)$/.exec(key);
  if (!m) throw new Error(`bad indicator ${key}`);
  return [m[1], m[2], m[3]];
}

/** «Результаты»: mark columns are added only when some row uses them. */
export function resultsGrid(rows: ResultSpec[]): Grid {
  const withMarks = rows.some((r) => r.marks);
  const withPct = rows.some((r) => r.pct);
  const header: Cell[] = [...RESULT_HEADER];
  if (withMarks) header.push('2', '3', '4', '5');
  if (withPct) header.push('2, %', '3, %', '4, %', '5, %');
  return [
    header,
    ...rows.map((r) => {
      const [proc, grade, subject] = splitIndicator(r.ind ?? 'ОГЭ-9 Математика');
      const row: Cell[] = [r.year ?? 2025, r.code, proc, /^\d+$/.test(grade) ? Number(grade) : grade, subject, r.n,
        r.mean ?? '', r.sd ?? '', r.fails ?? ''];
      if (withMarks) row.push(...(r.marks ?? ['', '', '', '']));
      if (withPct) row.push(...(r.pct ?? ['', '', '', '']));
      return row;
    }),
  ];
}

export interface SocialSpec {
  code: string;
  year?: number;
  values: Cell[];
}

/** «Социальные показатели» with the given factor headers (default: the three standard factors). */
export function socialGrid(rows: SocialSpec[], headers: string[] = STANDARD_FACTORS): Grid {
  return [['Год', 'Код ОО', ...headers], ...rows.map((r) => [r.year ?? 2025, r.code, ...r.values])];
}

/** «Настройки» from pairs. */
export function settingsGrid(pairs: [string, Cell][]): Grid {
  return [['Параметр', 'Значение'], ...pairs.map(([k, v]) => [k, v])];
}

/** Settings selecting exactly the given indicators (so no «not found» warnings for the standard eight). */
export function onlyIndicators(...keys: string[]): [string, Cell][] {
  return keys.map((k) => ['Индикатор', k] as [string, Cell]);
}

/**
 * One indicator, one year: `means` maps code → [n, mean, sd?, fails?]; every code goes on «Школы».
 */
export function oneIndicatorRegion(
  means: Record<string, [number, number, (number | string)?, (number | string)?]>,
  extra: Partial<RegionTables> & { year?: number; ind?: string; municipalities?: Record<string, string> } = {},
): RegionTables {
  const codes = Object.keys(means);
  const ind = extra.ind ?? 'ОГЭ-9 Математика';
  return {
    schools: schoolsGrid(codes.map((code) => ({ code, municipality: extra.municipalities?.[code] }))),
    results: resultsGrid(codes.map((code) => {
      const [n, mean, sd, fails] = means[code];
      return { code, year: extra.year, ind, n, mean, sd, fails };
    })),
    social: extra.social,
    settings: extra.settings ?? settingsGrid(onlyIndicators(ind)),
  };
}

export function byCode(result: Identification, code: string): SchoolResult {
  const s = result.schools.find((x) => x.code === code);
  if (!s) throw new Error(`no school ${code} in the result`);
  return s;
}

export const errorsOf = (problems: Problem[]): Problem[] => problems.filter((p) => p.severity === 'error');
export const warningsOf = (problems: Problem[]): Problem[] => problems.filter((p) => p.severity === 'warning');
export const messages = (problems: Problem[]): string[] => problems.map((p) => p.message);

/** Paths of every number in a JSON-like value that is NaN or ±Infinity (JSON would print them as null). */
export function nonFinitePaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}

/** A grid of schools whose quality index is simply mean / 4 (one indicator, X = 4 when means average 4). */
export function codes(n: number, prefix = 'S'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
}

export interface ResultRow {
  year: number;
  school: number;
  indicator: string;
  n: number;
  mean: number;
  sd: number;
  fails: number;
}

/** The read results as plain rows, whether the reader keeps them as objects or as columns. */
export function resultRows(data: unknown): ResultRow[] {
  const d = data as { results: unknown; indicatorNames?: string[] };
  if (Array.isArray(d.results)) return d.results as ResultRow[];
  const t = d.results as { length: number; year: ArrayLike<number>; school: ArrayLike<number>; indicator: ArrayLike<number>;
    n: ArrayLike<number>; mean: ArrayLike<number>; sd: ArrayLike<number>; fails: ArrayLike<number> };
  const rows: ResultRow[] = [];
  for (let i = 0; i < t.length; i++) {
    rows.push({ year: t.year[i], school: t.school[i], indicator: d.indicatorNames![t.indicator[i]], n: t.n[i], mean: t.mean[i], sd: t.sd[i], fails: t.fails[i] });
  }
  return rows;
}
