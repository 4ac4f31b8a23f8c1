/**
 * Similar schools and partners (METHODOLOGY.md § 8, precise rule 10).
 */
import { CATEGORY, type Category } from '../messages';
import { argsort } from './statistics';

export interface PartnerCandidate {
  code: string;
  municipality: string;
  isbsh: number | null;
  category: Category | null;
  aboveExpected: boolean;
  qualityIndex: number | null;
}

/** A school can be a partner: high results, resilient, or a contribution above expected. */
export function canBePartner(s: PartnerCandidate): boolean {
  return s.isbsh !== null && (s.category === CATEGORY.high || s.category === CATEGORY.resilient || s.aboveExpected);
}

interface Ranked {
  code: string;
  isbsh: number;
  municipality: string;
}

/** Candidates sorted by ИСБШ, region-wide and per municipality, for nearest-first search. */
export class PartnerIndex {
  private readonly all: Ranked[];
  private readonly byMunicipality = new Map<string, Ranked[]>();

  constructor(schools: PartnerCandidate[], private readonly maxDistance: number, private readonly max: number) {
    this.all = schools.filter(canBePartner).map((s) => ({ code: s.code, isbsh: s.isbsh!, municipality: s.municipality }));
    this.all.sort((a, b) => a.isbsh - b.isbsh);
    for (const r of this.all) {
      const list = this.byMunicipality.get(r.municipality);
      if (list) list.push(r);
      else this.byMunicipality.set(r.municipality, [r]);
    }
  }

  /**
   * Up to `max` partners for one school: candidates within `maxDistance` of its ИСБШ, same
   * municipality first, then by |Δ ИСБШ|, then by code.
   * @example new PartnerIndex(schools, 0.05, 3).partnersOf(school) // ['002', '017']
   */
  partnersOf(school: Pick<PartnerCandidate, 'code' | 'municipality' | 'isbsh'>): string[] {
    if (school.isbsh === null || this.max <= 0) return [];
    const own = this.byMunicipality.get(school.municipality) ?? [];
    const same = nearest(own, school.isbsh, this.maxDistance, this.max, school.code, null);
    if (same.length >= this.max) return same;
    return same.concat(nearest(this.all, school.isbsh, this.maxDistance, this.max - same.length, null, school.municipality));
  }
}

/**
 * The `max` entries of a list sorted by ИСБШ nearest to `value` (ties by code) within `maxDistance`,
 * walking outwards from the insertion point; `skipCode` and `skipMunicipality` leave entries out.
 */
function nearest(sorted: Ranked[], value: number, maxDistance: number, max: number, skipCode: string | null, skipMunicipality: string | null): string[] {
  let hi = lowerBound(sorted, value);
  let lo = hi - 1;
  // Accepted entries kept ordered by distance, then code.
  const found: Ranked[] = [];
  const distances: number[] = [];
  while (lo >= 0 || hi < sorted.length) {
    const dLo = lo >= 0 ? value - sorted[lo].isbsh : Infinity;
    const dHi = hi < sorted.length ? sorted[hi].isbsh - value : Infinity;
    const useLo = dLo <= dHi;
    const distance = useLo ? dLo : dHi;
    if (distance > maxDistance) break;
    // Past the max-th distance nothing can enter any more (equal distances still compete by code).
    if (found.length >= max && distance > distances[max - 1]) break;
    const r = useLo ? sorted[lo--] : sorted[hi++];
    if (r.code === skipCode || r.municipality === skipMunicipality) continue;
    // Insertion in place (splice would allocate an array of what it removed, every time).
    let k = found.length;
    found.push(r);
    distances.push(distance);
    for (; k > 0 && (distances[k - 1] > distance || (distances[k - 1] === distance && found[k - 1].code > r.code)); k--) {
      found[k] = found[k - 1];
      distances[k] = distances[k - 1];
    }
    found[k] = r;
    distances[k] = distance;
  }
  return found.slice(0, max).map((f) => f.code);
}

function lowerBound(sorted: Ranked[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].isbsh < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SimilarPlace {
  /** 1 = best quality index among the school and its nearest schools by ИСБШ. */
  rank: number;
  /** Size of the comparison group including the school. */
  of: number;
  /** Mean quality index of the similar schools (without the school). */
  similarMeanQI: number;
}

/**
 * For every school with an ИСБШ and a quality index: where it stands by quality index among its
 * `count` nearest schools by ИСБШ. O(S · count) after one sort.
 */
export function similarPlaces(isbsh: ArrayLike<number | null>, qi: ArrayLike<number | null>, count: number): (SimilarPlace | null)[] {
  const out: (SimilarPlace | null)[] = new Array<SimilarPlace | null>(isbsh.length).fill(null);
  // Schools with both values, sorted by ИСБШ (ties by position), values copied into typed arrays
  // in that order so the walk below reads neighbours next to each other.
  let m = 0;
  const key = new Float64Array(isbsh.length);
  const kept = new Int32Array(isbsh.length);
  for (let i = 0; i < isbsh.length; i++) {
    const v = isbsh[i];
    if (!present(v) || !present(qi[i])) continue;
    key[i] = v;
    kept[m++] = i;
  }
  const idx = argsort(key, kept.subarray(0, m));
  const x = new Float64Array(m);
  const q = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    x[p] = key[idx[p]];
    q[p] = qi[idx[p]] as number;
  }
  for (let p = 0; p < m; p++) {
    let lo = p - 1;
    let hi = p + 1;
    let better = 0;
    let sum = 0;
    let taken = 0;
    const me = x[p];
    while (taken < count && (lo >= 0 || hi < m)) {
      const useLo = hi >= m || (lo >= 0 && me - x[lo] <= x[hi] - me);
      const other = useLo ? lo-- : hi++;
      if (q[other] > q[p]) better++;
      sum += q[other];
      taken++;
    }
    out[idx[p]] = { rank: better + 1, of: taken + 1, similarMeanQI: taken > 0 ? sum / taken : NaN };
  }
  return out;
}

/** A value that is there: a finite number. */
function present(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}
