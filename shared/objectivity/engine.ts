/**
 * The markers of non-objective results by the Рособрнадзор method («Методика расчета показателя
 * «Уровень объективности оценки образовательных результатов в субъекте Российской Федерации»»,
 * appendix «Математический алгоритм маркировки образовательных организаций»), per school, and the
 * index of objectivity per municipality and for the region. Pure: the read region and settings in,
 * numbers, statuses and Russian reasons out. docs/methodology.md, «Objectivity of results».
 *
 * 14 markers: inflated mean (6: ВПР-4, ВПР-5, ОГЭ-9 × Математика, Русский язык), mismatch with
 * the journal (4: ВПР-4, ВПР-5 × both subjects), sharp rise and sharp drop of one cohort (2 × 2).
 * The region's addition `journal-lowered:<indicator>` (the share «понизили» of the ФИС ОКО journal
 * comparison significantly above the region's) applies only where rₛ is absent and never enters
 * the Рособрнадзор index.
 */
import type { RegionData, School } from '../input/read-region';
import { OBJ, OBJECTIVITY_WIDTH } from '../input/objectivity-columns';
import type { Settings } from '../method/settings';
import { finiteOrNull } from '../method/statistics';
import { MARKER_LABEL, type MarkerKind, OBJ_MSG } from './messages';
import { type CohortLimits, Z95, binomialZ, cohortLimits, interval95, objectivityIndex, pool } from './statistics';

export const SUBJECTS = ['Математика', 'Русский язык'] as const;
/** The procedures of the inflated-mean marker, as indicator keys. */
export const MEAN_INDICATORS = ['ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык', 'ОГЭ-9 Математика', 'ОГЭ-9 Русский язык'] as const;
/** The procedures with journal marks: ВПР in grades 4 and 5. */
export const JOURNAL_INDICATORS = MEAN_INDICATORS.slice(0, 4);

export interface MarkerSpec {
  /** «inflated-mean:ВПР-4 Математика», «sharp-drop:Русский язык» … */
  id: string;
  kind: MarkerKind;
  /** The indicator key or, for a cohort change, the subject. */
  target: string;
  /** The region's addition, not a Рособрнадзор marker. */
  regional: boolean;
  /** «завышенный средний балл: ВПР-4 Математика». */
  label: string;
}

const spec = (kind: MarkerKind, target: string): MarkerSpec =>
  ({ id: `${kind}:${target}`, kind, target, regional: kind === 'journal-lowered', label: `${MARKER_LABEL[kind]}: ${target}` });

/** The 14 Рособрнадзор markers in order, then the 4 regional additions. */
export const MARKERS: readonly MarkerSpec[] = [
  ...MEAN_INDICATORS.map((k) => spec('inflated-mean', k)),
  ...JOURNAL_INDICATORS.map((k) => spec('journal-mismatch', k)),
  ...SUBJECTS.map((s) => spec('sharp-rise', s)),
  ...SUBJECTS.map((s) => spec('sharp-drop', s)),
  ...JOURNAL_INDICATORS.map((k) => spec('journal-lowered', k)),
];
/** How many of MARKERS are Рособрнадзор's (the rest are the region's additions). */
export const ROSOBRNADZOR_MARKERS = 14;
const FIRST_MISMATCH = MEAN_INDICATORS.length;
const FIRST_RISE = FIRST_MISMATCH + JOURNAL_INDICATORS.length;
const FIRST_DROP = FIRST_RISE + SUBJECTS.length;
const FIRST_LOWERED = FIRST_DROP + SUBJECTS.length;

/** «marked»: the school has the marker; «clear»: computed, not marked; «no-data»: below the minimum or undefined; «n/a»: the addition where rₛ is given. */
export type MarkerStatus = 'marked' | 'clear' | 'no-data' | 'n/a';

export interface SchoolObjectivity {
  code: string;
  name: string;
  municipality: string;
  /** One status per marker of MARKERS (frozen: schools with the same statuses share the list). */
  status: readonly MarkerStatus[];
  /** Ids of the markers the school has (Рособрнадзор's, then the region's additions). */
  markers: string[];
  /** One Russian reason with its numbers per marker in `markers`. */
  reasons: string[];
  /** At least one Рособрнадзор marker could be computed. */
  computed: boolean;
  /** Marked by at least one Рособрнадзор marker. */
  marked: boolean;
  /** K = S(4, Y−1) / S(5, Y) per subject of SUBJECTS; null where not computed. */
  k: (number | null)[];
  /** Lower bound of the school's 95% interval per MEAN_INDICATORS (null: not computed). */
  intervalLow: (number | null)[];
  /** The journal comparison per JOURNAL_INDICATORS (shares 0–100 as on «Результаты»), null when absent. */
  journal: ({ lowered: number | null; confirmed: number | null; raised: number | null; participants: number | null; rs: number | null } | null)[];
}

export interface MunicipalityObjectivity {
  name: string;
  schools: number;
  /** Schools with at least one computed Рособрнадзор marker. */
  computed: number;
  marked: number;
  /** 100 − percent marked of computed; null when no school is computed. Unrounded. */
  index: number | null;
  /** The same with the region's additions counted as markers. */
  indexWithAdditions: number | null;
}

/** The region's interval of one procedure (per basis: primary score, score, or marks for ОГЭ). */
export interface RegionInterval {
  indicator: string;
  basis: 'primary' | 'score' | 'marks';
  participants: number;
  schools: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
}

export interface Objectivity {
  year: number | null;
  minParticipants: number;
  markers: readonly MarkerSpec[];
  /** The region's index of objectivity (0–100, unrounded); null when no school has a computed marker. */
  index: number | null;
  indexWithAdditions: number | null;
  computed: number;
  marked: number;
  municipalities: MunicipalityObjectivity[];
  schools: SchoolObjectivity[];
  intervals: RegionInterval[];
  /** Per subject of SUBJECTS: the quartiles of K and the limits; null when no school has K. */
  cohorts: ({ subject: string } & CohortLimits)[];
  /** The region's share «понизили» (0–1) per JOURNAL_INDICATORS, null without data. */
  loweredShares: (number | null)[];
  /** Any data of the markers at all (a year of «Результаты» with primary scores, ОГЭ, rₛ or the comparison). */
  hasData: boolean;
}

/** One school × procedure of a year, as the markers read it (NaN: absent). */
interface Cells {
  n: Float64Array;
  mean: Float64Array;
  sd: Float64Array;
  onMarks: Uint8Array;
  percent: Float64Array;
  rs: Float64Array;
  rsN: Float64Array;
  lowered: Float64Array;
  confirmed: Float64Array;
  raised: Float64Array;
  cmpN: Float64Array;
  present: Uint8Array;
}

const NONE = new Float64Array(0);

/**
 * The columns one procedure needs (NONE for the others, so a national region does not allocate a
 * hundred arrays per run): ОГЭ — participants, mean, SD; ВПР this year — also the percent and the
 * journal; ВПР-4 the year before — participants and the percent.
 */
function cells(S: number, kind: 'oge' | 'vpr' | 'before'): Cells {
  const nan = () => new Float64Array(S).fill(NaN);
  const vpr = kind === 'vpr';
  return {
    n: nan(), mean: kind === 'before' ? NONE : nan(), sd: kind === 'before' ? NONE : nan(), onMarks: new Uint8Array(kind === 'oge' ? S : 0),
    percent: kind === 'oge' ? NONE : nan(), rs: vpr ? nan() : NONE, rsN: vpr ? nan() : NONE,
    lowered: vpr ? nan() : NONE, confirmed: vpr ? nan() : NONE, raised: vpr ? nan() : NONE, cmpN: vpr ? nan() : NONE, present: new Uint8Array(S),
  };
}

/** The rows of «Результаты» the markers need: the year's six procedures and the previous year's grade 4. */
function collect(data: RegionData, year: number): { now: (Cells | null)[]; before: (Cells | null)[]; any: boolean } {
  const S = data.schools.length;
  // Allocated on the first row of the procedure that can give a marker (null: none in the data).
  const now: (Cells | null)[] = MEAN_INDICATORS.map(() => null);
  const before: (Cells | null)[] = MEAN_INDICATORS.map(() => null);
  const column = data.indicatorNames.map((name) => (MEAN_INDICATORS as readonly string[]).indexOf(name));
  const r = data.results;
  const o = r.objectivity;
  let any = false;
  for (let j = 0; j < r.length; j++) {
    const y = r.year[j];
    if (y !== year && y !== year - 1) continue;
    const k = column[r.indicator[j]];
    if (k < 0) continue;
    const vpr = k < 4;
    // ВПР gives markers only with the optional columns; the year before only its grade 4 (for K).
    if ((vpr && o === null) || (y !== year && k >= 2)) continue;
    const list = y === year ? now : before;
    const c = list[k] ?? (list[k] = cells(S, !vpr ? 'oge' : y === year ? 'vpr' : 'before'));
    const s = r.school[j];
    c.present[s] = 1;
    c.n[s] = r.n[j];
    if (vpr && y !== year) {
      const at = j * OBJECTIVITY_WIDTH;
      const pct = o![at + OBJ.percent];
      c.percent[s] = pct === pct ? pct : (100 * o![at + OBJ.primaryMean]) / o![at + OBJ.primaryMax];
      if (c.percent[s] === c.percent[s]) any = true;
      continue;
    }
    if (!vpr) {
      any = true;
      if (r.markMean[j] === r.markMean[j]) {
        c.mean[s] = r.markMean[j];
        c.onMarks[s] = 1;
      } else c.mean[s] = r.mean[j];
      c.sd[s] = r.sd[j];
      continue;
    }
    if (o === null) continue; // (not reached: ВПР rows are skipped without the columns)
    const at = j * OBJECTIVITY_WIDTH;
    c.mean[s] = o[at + OBJ.primaryMean];
    c.sd[s] = o[at + OBJ.primarySD];
    const pct = o[at + OBJ.percent];
    c.percent[s] = pct === pct ? pct : (100 * o[at + OBJ.primaryMean]) / o[at + OBJ.primaryMax];
    c.rs[s] = o[at + OBJ.spearman];
    c.rsN[s] = o[at + OBJ.spearmanN];
    c.lowered[s] = o[at + OBJ.lowered];
    c.confirmed[s] = o[at + OBJ.confirmed];
    c.raised[s] = o[at + OBJ.raised];
    c.cmpN[s] = o[at + OBJ.comparisonN];
    if (c.mean[s] === c.mean[s] || c.percent[s] === c.percent[s] || c.rs[s] === c.rs[s] || c.lowered[s] === c.lowered[s]) any = true;
  }
  return { now, before, any };
}

const NO_REASONS: [number, string][] = [];
const NO_JOURNAL: null[] = [null, null, null, null];

function rowOf(values: Float64Array, row: number, width: number): (number | null)[] {
  const out: (number | null)[] = new Array(width);
  for (let i = 0; i < width; i++) out[i] = finiteOrNull(values[row * width + i]);
  return out;
}
const STATUS_NO_DATA = 0, STATUS_CLEAR = 1, STATUS_MARKED = 2, STATUS_NA = 3;
const STATUS_NAMES: MarkerStatus[] = ['no-data', 'clear', 'marked', 'n/a'];

/** Usable in the region's pool: a mean, and an SD unless one participant. */
function usable(c: Cells, s: number): boolean {
  const m = c.n[s];
  return m > 0 && c.mean[s] === c.mean[s] && (m === 1 || c.sd[s] === c.sd[s]);
}

function regionInterval(indicator: string, c: Cells, basis: RegionInterval['basis'], onMarks: number | null): RegionInterval {
  const m: number[] = [], x: number[] = [], sd: number[] = [];
  for (let s = 0; s < c.n.length; s++) {
    if (!usable(c, s) || (onMarks !== null && c.onMarks[s] !== onMarks)) continue;
    m.push(c.n[s]);
    x.push(c.mean[s]);
    sd.push(c.sd[s]);
  }
  const p = pool(m, x, sd);
  const [low, high] = p.n > 1 && p.sd === p.sd ? interval95(p.mean, p.sd, p.n) : [NaN, NaN];
  return {
    indicator, basis, participants: p.n, schools: m.length,
    mean: finiteOrNull(p.mean), sd: finiteOrNull(p.sd), low: finiteOrNull(low), high: finiteOrNull(high),
  };
}

/**
 * The markers and indices of the identification year (and the year before, for K).
 * @example computeObjectivity(readRegion(tables).data, settings, 2025).index // 93.4…
 */
export function computeObjectivity(data: RegionData, settings: Pick<Settings, 'objectivityMinParticipants'>, year: number | null): Objectivity {
  const S = data.schools.length;
  const minN = settings.objectivityMinParticipants;
  const status = new Uint8Array(S * MARKERS.length);
  // Reasons only for the schools that have a marker (most have none): no array per school.
  const reasons: ([number, string][] | undefined)[] = new Array(S);
  const reason = (s: number, marker: number, text: string) => (reasons[s] ??= []).push([marker, text]);
  const LOWS = MEAN_INDICATORS.length, KS = SUBJECTS.length;
  const intervalLow = new Float64Array(S * LOWS).fill(NaN);
  const kOf = new Float64Array(S * KS).fill(NaN);
  const at = (s: number, marker: number) => s * MARKERS.length + marker;
  const { now, before, any } = year === null ? { now: [], before: [], any: false } : collect(data, year);
  const intervals: RegionInterval[] = [];
  const cohorts: Objectivity['cohorts'] = [];
  const loweredShares: (number | null)[] = JOURNAL_INDICATORS.map(() => null);

  if (year !== null) {
    // 1. Inflated mean: the school's lower bound above the region's upper bound.
    MEAN_INDICATORS.forEach((indicator, k) => {
      const c = now[k];
      if (!c) return;
      const vpr = k < 4;
      const regions = vpr
        ? [regionInterval(indicator, c, 'primary', null)]
        : [regionInterval(indicator, c, 'score', 0), regionInterval(indicator, c, 'marks', 1)];
      for (const r of regions) if (r.schools > 0) intervals.push(r);
      for (let s = 0; s < S; s++) {
        if (!c.present[s]) continue;
        const m = c.n[s];
        const region = vpr ? regions[0] : regions[c.onMarks[s]];
        if (m < minN || !usable(c, s) || !(m > 1) || region.high === null) continue;
        const low = c.mean[s] - (Z95 * c.sd[s]) / Math.sqrt(m);
        intervalLow[s * LOWS + k] = low;
        const marked = low > region.high;
        status[at(s, k)] = marked ? STATUS_MARKED : STATUS_CLEAR;
        if (marked) reason(s, k, OBJ_MSG.inflated(indicator, low, region.high, m, !vpr && c.onMarks[s] === 1));
      }
    });

    // 2. Mismatch with the journal: rₛ < 0; and the region's addition where rₛ is absent.
    JOURNAL_INDICATORS.forEach((indicator, k) => {
      const c = now[k];
      if (!c) return;
      let lowered = 0, compared = 0;
      for (let s = 0; s < S; s++) {
        const m = c.cmpN[s] === c.cmpN[s] ? c.cmpN[s] : c.n[s];
        if (c.lowered[s] === c.lowered[s] && m > 0) {
          lowered += (c.lowered[s] / 100) * m;
          compared += m;
        }
      }
      const p0 = compared > 0 ? lowered / compared : NaN;
      loweredShares[k] = finiteOrNull(p0);
      for (let s = 0; s < S; s++) {
        if (!c.present[s]) continue;
        const rs = c.rs[s];
        if (rs === rs) {
          status[at(s, FIRST_LOWERED + k)] = STATUS_NA;
          const m = c.rsN[s] === c.rsN[s] ? c.rsN[s] : c.n[s];
          if (m < minN) continue;
          status[at(s, FIRST_MISMATCH + k)] = rs < 0 ? STATUS_MARKED : STATUS_CLEAR;
          if (rs < 0) reason(s, FIRST_MISMATCH + k, OBJ_MSG.mismatch(indicator, rs, m));
          continue;
        }
        if (c.lowered[s] !== c.lowered[s]) continue;
        const m = c.cmpN[s] === c.cmpN[s] ? c.cmpN[s] : c.n[s];
        if (m < minN) continue;
        const z = binomialZ(c.lowered[s] / 100, p0, m);
        if (z !== z) continue;
        const marked = z >= Z95;
        status[at(s, FIRST_LOWERED + k)] = marked ? STATUS_MARKED : STATUS_CLEAR;
        if (marked) reason(s, FIRST_LOWERED + k, OBJ_MSG.lowered(indicator, c.lowered[s] / 100, p0, z, m));
      }
    });

    // 3. Sharp change of one cohort: K = S(4, Y−1) / S(5, Y) against the quartiles of K.
    SUBJECTS.forEach((subject, j) => {
      const g4 = before[MEAN_INDICATORS.indexOf(`ВПР-4 ${subject}`)];
      const g5 = now[MEAN_INDICATORS.indexOf(`ВПР-5 ${subject}`)];
      if (!g4 || !g5) return;
      const ks: number[] = [];
      const k = new Float64Array(S).fill(NaN);
      for (let s = 0; s < S; s++) {
        if (!(g4.n[s] >= minN && g5.n[s] >= minN)) continue;
        const s4 = g4.percent[s], s5 = g5.percent[s];
        if (!(s4 === s4 && s5 > 0)) continue;
        k[s] = s4 / s5;
        ks.push(k[s]);
      }
      if (!ks.length) return;
      const limits = cohortLimits(ks);
      cohorts.push({ subject, ...limits });
      for (let s = 0; s < S; s++) {
        if (k[s] !== k[s]) continue;
        kOf[s * KS + j] = k[s];
        const rise = k[s] < limits.low, drop = k[s] > limits.high;
        status[at(s, FIRST_RISE + j)] = rise ? STATUS_MARKED : STATUS_CLEAR;
        status[at(s, FIRST_DROP + j)] = drop ? STATUS_MARKED : STATUS_CLEAR;
        if (rise) reason(s, FIRST_RISE + j, OBJ_MSG.sharp('sharp-rise', subject, g4.percent[s], g5.percent[s], k[s], limits.low, year));
        if (drop) reason(s, FIRST_DROP + j, OBJ_MSG.sharp('sharp-drop', subject, g4.percent[s], g5.percent[s], k[s], limits.high, year));
      }
    });
  }

  const schools: SchoolObjectivity[] = new Array<SchoolObjectivity>(S);
  const byMunicipality = new Map<string, MunicipalityObjectivity & { computedAll: number; markedAll: number }>();
  let computed = 0, marked = 0, computedAll = 0, markedAll = 0;
  const lists = new StatusLists();
  for (let s = 0; s < S; s++) {
    const x = schoolOf(data.schools[s], s, status, reasons[s] ?? NO_REASONS, rowOf(kOf, s, KS), rowOf(intervalLow, s, LOWS), now, lists);
    schools[s] = x;
    let withAdditions = x.computed;
    for (let i = ROSOBRNADZOR_MARKERS; i < MARKERS.length && !withAdditions; i++) withAdditions = x.status[i] === 'marked' || x.status[i] === 'clear';
    const markedAdditions = x.markers.length > 0;
    let mo = byMunicipality.get(x.municipality);
    if (!mo) {
      mo = { name: x.municipality, schools: 0, computed: 0, marked: 0, index: null, indexWithAdditions: null, computedAll: 0, markedAll: 0 };
      byMunicipality.set(x.municipality, mo);
    }
    mo.schools++;
    if (x.computed) { mo.computed++; computed++; }
    if (x.marked) { mo.marked++; marked++; }
    if (withAdditions) { mo.computedAll++; computedAll++; }
    if (markedAdditions) { mo.markedAll++; markedAll++; }
  }
  const municipalities = [...byMunicipality.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map(({ computedAll: ca, markedAll: ma, ...m }) => ({
      ...m, index: finiteOrNull(objectivityIndex(m.marked, m.computed)), indexWithAdditions: finiteOrNull(objectivityIndex(ma, ca)),
    }));
  return {
    year,
    minParticipants: minN,
    markers: MARKERS,
    index: finiteOrNull(objectivityIndex(marked, computed)),
    indexWithAdditions: finiteOrNull(objectivityIndex(markedAll, computedAll)),
    computed,
    marked,
    municipalities,
    schools,
    intervals,
    cohorts,
    loweredShares,
    hasData: any,
  };
}

/**
 * Schools share their status list when it is the same (most schools have one of a few patterns):
 * frozen arrays by the statuses as a base-4 number (18 markers: 36 bits, exact in a double).
 */
class StatusLists {
  private readonly lists = new Map<number, MarkerStatus[]>();
  of(status: Uint8Array, at: number, width: number): MarkerStatus[] {
    let key = 0;
    for (let i = 0; i < width; i++) key = key * 4 + status[at + i];
    let list = this.lists.get(key);
    if (!list) {
      list = Object.freeze(Array.from(status.subarray(at, at + width), (v) => STATUS_NAMES[v])) as MarkerStatus[];
      this.lists.set(key, list);
    }
    return list;
  }
}

function schoolOf(school: School, s: number, status: Uint8Array, found: [number, string][], k: (number | null)[], intervalLow: (number | null)[], now: (Cells | null)[], lists: StatusLists): SchoolObjectivity {
  const W = MARKERS.length;
  const st = lists.of(status, s * W, W);
  const markers: string[] = [];
  let computed = false, marked = false;
  for (let i = 0; i < W; i++) {
    const v = status[s * W + i];
    if (v === STATUS_MARKED) markers.push(MARKERS[i].id);
    if (i < ROSOBRNADZOR_MARKERS) {
      if (v === STATUS_MARKED || v === STATUS_CLEAR) computed = true;
      if (v === STATUS_MARKED) marked = true;
    }
  }
  // Reasons in the order of MARKERS, as the ids.
  const ordered = found.length > 1 ? found.sort((a, b) => a[0] - b[0]).map((r) => r[1]) : found.length ? [found[0][1]] : [];
  const journal = !now[0] && !now[1] && !now[2] && !now[3] ? NO_JOURNAL.slice() : JOURNAL_INDICATORS.map((_, j) => {
    const c = now[j];
    if (!c || !c.present[s]) return null;
    const v = (x: number) => finiteOrNull(x);
    if (c.lowered[s] !== c.lowered[s] && c.rs[s] !== c.rs[s] && c.confirmed[s] !== c.confirmed[s]) return null;
    return { lowered: v(c.lowered[s]), confirmed: v(c.confirmed[s]), raised: v(c.raised[s]), participants: v(c.cmpN[s]), rs: v(c.rs[s]) };
  });
  return { code: school.code, name: school.name, municipality: school.municipality, status: st, markers, reasons: ordered, computed, marked, k, intervalLow, journal };
}

/** No markers at all (a run that stopped on errors, a test's hand-made run). */
export function emptyObjectivity(minParticipants = 5): Objectivity {
  return {
    year: null, minParticipants, markers: MARKERS, index: null, indexWithAdditions: null, computed: 0, marked: 0,
    municipalities: [], schools: [], intervals: [], cohorts: [], loweredShares: JOURNAL_INDICATORS.map(() => null), hasData: false,
  };
}
