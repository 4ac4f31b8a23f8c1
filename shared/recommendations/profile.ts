/**
 * What a school card shows besides its measures: its numbers against the region and against
 * schools in similar social conditions, its weakest indicators, its trend and its social profile.
 * Everything is computed from an identification run (and, for the social profile, from the
 * «Социальные показатели» grid); nothing here re-runs the identification.
 */
import type { IndicatorChange } from '../method/dynamics';
import type { Identification, SchoolResult } from '../method/identify';
import { readRegion, socialRow } from '../input/read-region';
import { normalizeHeader } from '../input/table';
import type { RegionTables } from '../types';

/** Fraction of schools whose quality index in an indicator is higher, above which it is weak. */
export const WEAK_SHARE_HIGHER = 0.8;

export interface IndicatorLine {
  indicator: string;
  qualityIndex: number | null;
  /** Mean of the indicator's quality index over the school's similar schools (by ИСБШ) that have it. */
  similarQI: number | null;
  failShare: number | null;
  /** Unweighted mean failure share over the region's schools with the indicator. */
  regionFailShare: number | null;
  /** Share of the region's schools with the indicator whose quality index is higher (0–1). */
  shareHigher: number | null;
  /** Counted by the federal rule (failures ≥ threshold). */
  federalLow: boolean;
  /** In the region's lowest fifth, or federally low. */
  weak: boolean;
  change: IndicatorChange | null;
}

/** The unfavourable direction of a social factor: a high share (КДН) or a low share (higher education). */
export type SocialKind =
  | 'higherEducation' | 'kdn' | 'singleParent' | 'largeFamily' | 'unemployed' | 'guardianship' | 'disability' | 'language';

interface SocialKindSpec { kind: SocialKind; pattern: RegExp; unfavourable: 'high' | 'low' }

/** Recognises the passport's factors by words in their headers («На учёте в КДН и ПДН, %» → kdn). */
export const SOCIAL_KINDS: SocialKindSpec[] = [
  { kind: 'higherEducation', pattern: /высш/, unfavourable: 'low' },
  { kind: 'kdn', pattern: /кдн|пдн|научете/, unfavourable: 'high' },
  { kind: 'singleParent', pattern: /неполн/, unfavourable: 'high' },
  { kind: 'largeFamily', pattern: /многодет/, unfavourable: 'high' },
  { kind: 'unemployed', pattern: /безработ/, unfavourable: 'high' },
  { kind: 'guardianship', pattern: /опек|приемн/, unfavourable: 'high' },
  { kind: 'disability', pattern: /овз|инвалид|ограниченн/, unfavourable: 'high' },
  { kind: 'language', pattern: /невладе|неродн|мигрант|русскимязык|русскогоязык/, unfavourable: 'high' },
];

export function socialKind(header: string): SocialKindSpec | null {
  const h = normalizeHeader(header);
  return SOCIAL_KINDS.find((k) => k.pattern.test(h)) ?? null;
}

export interface SocialLine {
  /** The column header as written on «Социальные показатели». */
  name: string;
  kind: SocialKind | null;
  value: number;
  regionMedian: number;
  /** The quartile beyond which the value is unfavourable (P75 for high, P25 for low). */
  threshold: number;
  /** In the unfavourable quarter of the region. */
  unfavourable: boolean;
}

/** The year's social values of every school, by code, with the region's quartiles per column. */
export interface SocialData {
  columns: string[];
  byCode: Map<string, number[]>;
  quartiles: { q25: number; median: number; q75: number }[];
}

/**
 * Quantile with linear interpolation between order statistics (type 7, as spreadsheets' PERCENTILE).
 * @example quantile([1, 2, 3, 4], 0.75) // 3.25
 */
export function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Reads the year's social values from the input grids (null when there is no social sheet). */
export function socialData(tables: RegionTables | undefined, year: number): SocialData | null {
  if (!tables || !tables.social || tables.social.length === 0) return null;
  const { data } = readRegion(tables);
  if (!data.hasSocialSheet || data.socialColumns.length === 0) return null;
  const byCode = new Map<string, number[]>();
  const t = data.social;
  for (let r = 0; r < t.length; r++) if (t.year[r] === year) byCode.set(data.schools[t.school[r]].code, socialRow(t, r));
  const quartiles = data.socialColumns.map((_, c) => {
    const values = [...byCode.values()].map((v) => v[c]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return { q25: quantile(values, 0.25), median: quantile(values, 0.5), q75: quantile(values, 0.75) };
  });
  return { columns: data.socialColumns, byCode, quartiles };
}

export function socialLines(social: SocialData | null, code: string): SocialLine[] {
  if (!social) return [];
  const values = social.byCode.get(code);
  if (!values) return [];
  const lines: SocialLine[] = [];
  social.columns.forEach((name, c) => {
    const value = values[c];
    if (Number.isNaN(value)) return;
    const spec = socialKind(name);
    const q = social.quartiles[c];
    const high = !spec || spec.unfavourable === 'high';
    const threshold = high ? q.q75 : q.q25;
    const unfavourable = spec !== null && Number.isFinite(threshold) &&
      (high ? value >= threshold && value > q.median : value <= threshold && value < q.median);
    lines.push({ name, kind: spec ? spec.kind : null, value, regionMedian: q.median, threshold, unfavourable });
  });
  return lines;
}

/**
 * For every school, the indexes of its `count` nearest schools by ИСБШ among those with an ИСБШ and
 * a quality index — the same walk as the engine's `similarPlaces`, so the card's «похожие школы»
 * are exactly the schools behind «Место среди похожих по ИСБШ».
 */
export function similarSchools(schools: SchoolResult[], count: number): (number[] | null)[] {
  const idx = schools.map((_, i) => i).filter((i) => schools[i].isbsh !== null && schools[i].qualityIndex !== null);
  const x = (i: number) => schools[i].isbsh!;
  idx.sort((a, b) => x(a) - x(b) || a - b);
  const out: (number[] | null)[] = schools.map(() => null);
  for (let p = 0; p < idx.length; p++) {
    const me = idx[p];
    let lo = p - 1;
    let hi = p + 1;
    const near: number[] = [];
    while (near.length < count && (lo >= 0 || hi < idx.length)) {
      const useLo = hi >= idx.length || (lo >= 0 && x(me) - x(idx[lo]) <= x(idx[hi]) - x(me));
      near.push(useLo ? idx[lo--] : idx[hi++]);
    }
    out[me] = near;
  }
  return out;
}

/** Per indicator: sorted quality indexes and the mean failure share over the region's schools. */
export interface RegionIndicatorStats {
  sortedQI: number[][];
  meanFailShare: (number | null)[];
}

export function regionIndicatorStats(result: Identification): RegionIndicatorStats {
  const K = result.indicators.length;
  const sortedQI: number[][] = Array.from({ length: K }, () => []);
  const failSum = new Array(K).fill(0);
  const failN = new Array(K).fill(0);
  for (const s of result.schools) {
    for (let k = 0; k < K; k++) {
      const q = s.indicatorQI[k];
      if (q !== null) sortedQI[k].push(q);
      const f = s.failShares[k];
      if (f !== null) {
        failSum[k] += f;
        failN[k]++;
      }
    }
  }
  for (const list of sortedQI) list.sort((a, b) => a - b);
  return { sortedQI, meanFailShare: failSum.map((sum, k) => (failN[k] ? sum / failN[k] : null)) };
}

/** Number of values in a sorted list strictly greater than v. */
function countAbove(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

export function indicatorLines(
  result: Identification, school: SchoolResult, neighbours: number[] | null, stats: RegionIndicatorStats,
  changes: IndicatorChange[],
): IndicatorLine[] {
  return result.indicators.map((indicator, k) => {
    const qi = school.indicatorQI[k];
    let similarQI: number | null = null;
    if (neighbours) {
      let sum = 0;
      let n = 0;
      for (const j of neighbours) {
        const v = result.schools[j].indicatorQI[k];
        if (v !== null) {
          sum += v;
          n++;
        }
      }
      similarQI = n ? sum / n : null;
    }
    const sorted = stats.sortedQI[k];
    const shareHigher = qi !== null && sorted.length > 0 ? countAbove(sorted, qi) / sorted.length : null;
    const federalLow = school.lowIndicators.includes(indicator);
    return {
      indicator,
      qualityIndex: qi,
      similarQI,
      failShare: school.failShares[k],
      regionFailShare: stats.meanFailShare[k],
      shareHigher,
      federalLow,
      weak: federalLow || (shareHigher !== null && shareHigher >= WEAK_SHARE_HIGHER),
      change: changes.find((c) => c.indicator === indicator) ?? null,
    };
  });
}

/** «ОГЭ-9 Математика» → { procedure: 'ОГЭ', grade: '9', subject: 'Математика' }. */
export function splitIndicator(key: string): { procedure: string; grade: string; subject: string } {
  const m = /^(.*)-(\S+) (.*)$/.exec(key);
  return m ? { procedure: m[1], grade: m[2], subject: m[3] } : { procedure: key, grade: '', subject: key };
}
