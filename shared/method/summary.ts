/**
 * Counts for the municipal summary and the programme's indicators.
 */
import type { Identification, SchoolResult } from './identify';
import { CATEGORY, CATEGORY_ORDER, type Category } from '../messages';

export interface MunicipalityRow {
  municipality: string;
  schools: number;
  /** Schools with a quality group. */
  analysed: number;
  byCategory: Record<Category, number>;
  /** Schools flagged by the federal rule. */
  federalLow: number;
  /** ШНОР by the chosen method. */
  lowResults: number;
  newInList: number;
  leftList: number;
  stable: number;
}

function emptyCounts(): Record<Category, number> {
  return Object.fromEntries(CATEGORY_ORDER.map((c) => [c, 0])) as Record<Category, number>;
}

function count(municipality: string, schools: SchoolResult[]): MunicipalityRow {
  const row: MunicipalityRow = { municipality, schools: schools.length, analysed: 0, byCategory: emptyCounts(), federalLow: 0, lowResults: 0, newInList: 0, leftList: 0, stable: 0 };
  for (const s of schools) {
    if (s.qualityGroup !== null) row.analysed++;
    if (s.category) row.byCategory[s.category]++;
    if (s.federalLow) row.federalLow++;
    if (s.lowResults) row.lowResults++;
    if (s.change === 'new') row.newInList++;
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
