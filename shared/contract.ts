/**
 * The JSON integration contract of DATA.md: exactly these fields, plain numbers, null for missing.
 */
import type { Identification } from './method/identify';
import type { Objectivity } from './objectivity/engine';

export interface ContractJson {
  year: number | null;
  model: {
    factors: { name: string; b: number; se: number; t: number; p: number; beta: number }[];
    intercept: number;
    r2: number;
    adjR2: number;
    n: number;
    residualSD: number;
  } | null;
  schools: {
    code: string; name: string; municipality: string;
    qualityIndex: number | null; qualityIndexSE: number | null; qualityZ: number | null; qualityGroup: number | null;
    isbsh: number | null; isbshGroup: number | null; residual: number | null;
    federalLow: boolean; lowIndicators: string[];
    category: string | null; stable: boolean | null; change: string | null; reason: string; partners: string[];
  }[];
  problems: { sheet: string | null; row: number | null; column: string | null; message: string }[];
  objectivity: ObjectivityJson;
}

/** The markers of non-objective results (Рособрнадзор) and the index of objectivity, 0–100 unrounded; null when not computed. */
export interface ObjectivityJson {
  index: number | null;
  /** The index with the region's additions (`journal-lowered:…`) counted as markers. */
  indexWithAdditions: number | null;
  municipalities: { name: string; index: number | null; indexWithAdditions: number | null; schools: number; computed: number; marked: number }[];
  schools: {
    code: string;
    /** `inflated-mean:<indicator>`, `journal-mismatch:<indicator>`, `sharp-rise:<subject>`, `sharp-drop:<subject>`, `journal-lowered:<indicator>`. */
    markers: string[];
    /** One Russian reason per marker, in the same order. */
    reasons: string[];
    /** Рособрнадзор markers not computed («недостаточно данных»). */
    noData: string[];
    /** K = S(4 класс, Y−1) / S(5 класс, Y) by subject. */
    k: { 'Математика': number | null; 'Русский язык': number | null };
  }[];
}

/** The objectivity part of the contract. */
export function toObjectivityJson(o: Objectivity): ObjectivityJson {
  return {
    index: o.index,
    indexWithAdditions: o.indexWithAdditions,
    municipalities: o.municipalities.map(({ name, index, indexWithAdditions, schools, computed, marked }) => ({ name, index, indexWithAdditions, schools, computed, marked })),
    schools: o.schools.map((s) => ({
      code: s.code, markers: s.markers, reasons: s.reasons,
      noData: o.markers.filter((m, i) => !m.regional && s.status[i] === 'no-data').map((m) => m.id),
      k: { 'Математика': s.k[0], 'Русский язык': s.k[1] },
    })),
  };
}

/** Picks the contract's fields from a run, in the contract's order. */
export function toContractJson(result: Identification): ContractJson {
  const m = result.model;
  return {
    year: result.year,
    model: m && {
      factors: m.factors.map(({ name, b, se, t, p, beta }) => ({ name, b, se, t, p, beta })),
      intercept: m.intercept, r2: m.r2, adjR2: m.adjR2, n: m.n, residualSD: m.residualSD,
    },
    schools: result.schools.map((s) => ({
      code: s.code, name: s.name, municipality: s.municipality,
      qualityIndex: s.qualityIndex, qualityIndexSE: s.qualityIndexSE, qualityZ: s.qualityZ, qualityGroup: s.qualityGroup,
      isbsh: s.isbsh, isbshGroup: s.isbshGroup, residual: s.residual,
      federalLow: s.federalLow, lowIndicators: s.lowIndicators,
      category: s.category, stable: s.stable, change: s.change, reason: s.reason, partners: s.partners,
    })),
    problems: result.problems.map(({ sheet, row, column, message }) => ({ sheet, row, column, message })),
    objectivity: toObjectivityJson(result.objectivity),
  };
}
