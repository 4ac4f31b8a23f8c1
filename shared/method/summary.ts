/**
 * Counts for the municipal summary and the programme's indicators.
 */
import type { Identification, SchoolResult } from './identify';
import { CATEGORY, CATEGORY_ORDER, CHANGE_TEXT, type Category, NO_STATUS } from '../messages';

export interface MunicipalityRow {
  municipality: string;
  schools: number;
  /** Schools with a quality group. */
  analysed: number;
  byCategory: Record<Category, number>;
  /** Schools with no category: the categories and these add up to `schools`. */
  noCategory: number;
  /** Schools flagged by the federal rule. */
  federalLow: number;
  /** ШНОР by the chosen method. */
  lowResults: number;
  /** `lowResults` = newInList + continuing + noStatus. */
  newInList: number;
  continuing: number;
  /** ШНОР with no status against the previous year (see noStatusReason). */
  noStatus: number;
  leftList: number;
  stable: number;
}

function emptyCounts(): Record<Category, number> {
  return Object.fromEntries(CATEGORY_ORDER.map((c) => [c, 0])) as Record<Category, number>;
}

function count(municipality: string, schools: SchoolResult[]): MunicipalityRow {
  const row: MunicipalityRow = { municipality, schools: schools.length, analysed: 0, byCategory: emptyCounts(), noCategory: 0, federalLow: 0, lowResults: 0,
    newInList: 0, continuing: 0, noStatus: 0, leftList: 0, stable: 0 };
  for (const s of schools) {
    if (s.qualityGroup !== null) row.analysed++;
    if (s.category) row.byCategory[s.category]++;
    else row.noCategory++;
    if (s.federalLow) row.federalLow++;
    if (s.lowResults) row.lowResults++;
    if (s.change === 'new') row.newInList++;
    if (s.change === 'continuing') row.continuing++;
    if (s.lowResults && s.change === null) row.noStatus++;
    if (s.change === 'left') row.leftList++;
    if (s.stable) row.stable++;
  }
  return row;
}

/**
 * One row per municipality (alphabetical, Russian collation) and a total row last.
 * @example lastRow(municipalitySummary(result)).byCategory['ШНОР'] // ШНОР in the region
 */
export function municipalitySummary(result: Identification): MunicipalityRow[] {
  const groups = new Map<string, SchoolResult[]>();
  for (const s of result.schools) {
    const list = groups.get(s.municipality);
    if (list) list.push(s);
    else groups.set(s.municipality, [s]);
  }
  const names = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'ru'));
  return [...names.map((m) => count(m, groups.get(m)!)), count('Итого по региону', result.schools)];
}

/** The region's total row of a summary. */
export function lastRow(rows: MunicipalityRow[]): MunicipalityRow {
  return rows[rows.length - 1];
}

export type NoStatusReason = keyof typeof NO_STATUS.reason;

/**
 * Why a ШНОР is neither «впервые» nor «повторно»: the comparison needs a quality group in both
 * years. Null for a school that has a status, is not a ШНОР, or when there is no previous year.
 */
export function noStatusReason(s: SchoolResult): NoStatusReason | null {
  if (!s.lowResults || s.change !== null || !s.previous) return null;
  if (s.qualityGroup === null) return 'noGroupNow';
  return s.previous.qualityIndex === null ? 'noResultsThen' : 'noGroupThen';
}

/** «без сравнения с 2024 годом: в 2024 году недостаточно данных для группы по качеству» for one school, or null. */
export function noStatusText(s: SchoolResult, previousYear: number | null): string | null {
  const reason = noStatusReason(s);
  return reason && previousYear !== null ? `${NO_STATUS.label(previousYear)}: ${NO_STATUS.reason[reason](previousYear)}` : null;
}

/**
 * The ШНОР without a status, counted with their reasons, for a breakdown that must add up:
 * «без сравнения с 2024 годом 1 (в 2024 году недостаточно данных для группы по качеству)».
 * Null when there are none or no previous year.
 */
export function noStatusPart(result: Identification): string | null {
  if (result.previousYear === null) return null;
  const year = result.previousYear;
  const counts = new Map<NoStatusReason, number>();
  for (const s of result.schools) {
    const r = noStatusReason(s);
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!n) return null;
  const reasons = [...counts].map(([r, k]) => (counts.size === 1 ? NO_STATUS.reason[r](year) : `${NO_STATUS.reason[r](year)} — ${k}`));
  return `${NO_STATUS.label(year)} ${n} (${reasons.join('; ')})`;
}

/** Schools that are ШНОР by the chosen method (the «ШНОР» and «ШНОР и ШФНСУ» categories). */
export function isShnor(s: SchoolResult): boolean {
  return s.category === CATEGORY.lowResults || s.category === CATEGORY.both;
}

/** Schools in unfavourable social conditions (ИСБШ groups 1–4). */
export function isShfnsu(s: SchoolResult): boolean {
  return s.category === CATEGORY.lowSocial || s.category === CATEGORY.both || s.category === CATEGORY.resilient;
}

export interface DynamicsShare {
  indicator: string;
  /** ШНОР with the indicator in both years. */
  measured: number;
  positive: number;
  share: number | null;
}

/**
 * Programme indicator «доля ШНОР, достигших положительной динамики» per indicator.
 */
export function shnorPositiveDynamics(result: Identification): DynamicsShare[] {
  const shnor = new Set(result.schools.filter(isShnor).map((s) => s.code));
  return result.indicators.map((indicator) => {
    let measured = 0;
    let positive = 0;
    for (const d of result.dynamics) {
      if (!shnor.has(d.code)) continue;
      const c = d.changes.find((x) => x.indicator === indicator);
      if (!c || c.positive === null) continue;
      measured++;
      if (c.positive) positive++;
    }
    return { indicator, measured, positive, share: measured ? positive / measured : null };
  });
}

/** The перечни of the annexes; each is compared with the same перечень of the previous year. */
export type ListKind = 'shnor' | 'shfnsu' | 'resilient';

/** In the ШФНСУ перечень: «ШНОР и ШФНСУ» and «только ШФНСУ» (resilient schools have their own). */
export const inShfnsuList = (c: Category | null): boolean => c === CATEGORY.both || c === CATEGORY.lowSocial;

/**
 * «Статус в перечне» of a school in one перечень: «впервые» or «повторно» against the same перечень
 * of the previous year (computed by the same rules), the ШНОР's reason when it has no comparison,
 * «—» when the previous year lacks what the перечень needs (results, quality group, social data).
 */
export function listStatus(s: SchoolResult, list: ListKind, previousYear: number | null): string {
  if (list === 'shnor') return (s.change ? CHANGE_TEXT[s.change] : null) ?? noStatusText(s, previousYear) ?? '—';
  const p = s.previous;
  if (previousYear === null || !p || p.isbshGroup === null) return '—';
  if (list === 'shfnsu') return inShfnsuList(p.category) ? CHANGE_TEXT.continuing : CHANGE_TEXT.new;
  if (p.qualityGroup === null) return '—';
  return p.category === CATEGORY.resilient ? CHANGE_TEXT.continuing : CHANGE_TEXT.new;
}
