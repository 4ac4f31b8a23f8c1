/**
 * The annual identification end to end: input grids in, every school's indices, groups,
 * category, reason and partners out, with every problem found on the way.
 */
import { nearIndicators } from './indicators';
import { schoolCategory } from './categories';
import { type IndicatorChange, indicatorChange } from './dynamics';
import { bandGroup, gatedGroup } from './eleven-groups';
import { type FederalOptions, federalLow, lowIndicatorColumns, lowIndicatorCount } from './federal';
import { type Category, MSG, SHEETS } from '../messages';
import { PartnerIndex, type PartnerCandidate, type SimilarPlace, similarPlaces } from './partners';
import { type IndicatorMatrix, type QualityIndexResult, emptyMatrix, qualityIndex } from './quality-index';
import { type RegionData, type School, readRegion } from '../input/read-region';
import { reasonWriter } from './reason';
import { sheetNamesOf, withSheetNames } from '../input/sheet-names';
import { SETTING_KEYS, type SettingKey, type Settings, type SettingsReading, defaultsText, readSettings } from './settings';
import { type CandidateFactor, type SocialModel, candidateTable, fitColumns, predict } from './social-index';
import { finiteOrNull, sampleSD } from './statistics';
import { normalizeHeader } from '../input/table';
import type { Problem, RegionTables } from '../types';
import { type Objectivity, computeObjectivity, emptyObjectivity } from '../objectivity/engine';
import { OBJ_MSG } from '../objectivity/messages';

export interface SchoolResult {
  code: string;
  name: string;
  municipality: string;
  qualityIndex: number | null;
  qualityIndexSE: number | null;
  qualityZ: number | null;
  qualityGroup: number | null;
  isbsh: number | null;
  isbshGroup: number | null;
  residual: number | null;
  federalLow: boolean;
  lowIndicators: string[];
  category: Category | null;
  stable: boolean | null;
  change: 'new' | 'continuing' | 'left' | null;
  reason: string;
  partners: string[];
  // Beyond the JSON contract: what the sheets and the note show.
  locality: string | null;
  smallSchool: boolean | null;
  /** Participants over the selected indicators of the year. */
  participants: number;
  /** Low results by the chosen method (the «ШНОР» status). */
  lowResults: boolean;
  /** Bounds of the confidence interval QI ± z·SE. */
  ciLow: number | null;
  ciHigh: number | null;
  /** residual / SE. */
  residualZ: number | null;
  /** Contribution above (+1) or below (−1) expected, 0 within, null when not measurable. */
  contribution: 1 | 0 | -1 | null;
  /** ŷ: the result expected from social conditions. */
  expected: number | null;
  /** Quality index per selected indicator (aligned with `Identification.indicators`). */
  indicatorQI: (number | null)[];
  /** Failure share per selected indicator. */
  failShares: (number | null)[];
  similar: SimilarPlace | null;
  /**
   * The previous year, computed the same way: its quality group and ШНОР status, its ИСБШ group
   * (null when that year has no social data for the school) and its category, so that each перечень
   * (ШНОР, ШФНСУ, resilient) is compared with the same перечень of the previous year.
   */
  previous: { qualityIndex: number | null; qualityGroup: number | null; lowResults: boolean; isbshGroup: number | null; category: Category | null } | null;
  /** Ids of the markers of non-objective results the school has (objectivity/engine.ts). */
  objectivityMarkers: string[];
}

export interface Identification {
  /** False when the input has errors: then nothing was computed and `schools` is empty. */
  ok: boolean;
  year: number | null;
  previousYear: number | null;
  settings: Settings;
  /** Russian descriptions of the defaults the run used. */
  defaultsUsed: string[];
  /** The settings at their default (nothing on «Настройки», or a value that did not fit, and no override). */
  defaultKeys: SettingKey[];
  /** The settings the run set to another value than «Настройки» gives (the wizard, --year). */
  runKeys: SettingKey[];
  indicators: string[];
  regionalMeans: (number | null)[];
  pooledSDs: (number | null)[];
  /** σ of the quality index over schools with a group. */
  qualitySigma: number | null;
  /** σ of the ИСБШ over the fit sample. */
  isbshSigma: number | null;
  model: SocialModel | null;
  /** Why there is no model, when there is none. */
  modelMessage: string | null;
  /** Every social column tried alongside the chosen factors (computed on first read). */
  candidates: CandidateFactor[];
  schools: SchoolResult[];
  /** Year-over-year change per school and indicator (computed on first read). */
  dynamics: { code: string; changes: IndicatorChange[] }[];
  /** The markers of non-objective results and the index of objectivity (Рособрнадзор). */
  objectivity: Objectivity;
  problems: Problem[];
}

export interface IdentifyOptions {
  /** Overrides «Год» of the settings sheet (the command line's --year). */
  year?: number;
  /** Overrides any setting (a wizard's settings step). */
  settings?: Partial<Settings>;
}

/** What one year's results give on their own: quality index, groups and the federal rule. */
interface YearQuality {
  year: number;
  indicators: string[];
  matrix: IndicatorMatrix;
  quality: QualityIndexResult;
  sigma: number;
  group: (number | null)[];
  /** Low indicators per school (their columns: `lowIndicatorColumns`). */
  lowCount: Int32Array;
  fedOptions: FederalOptions;
  federal: boolean[];
  lowResults: boolean[];
}

function selectIndicators(data: RegionData, year: number, settings: Settings, problems: Problem[] | null): string[] {
  const present = [...data.indicatorYears].filter(([, years]) => years.has(year)).map(([key]) => key);
  if (settings.indicators === 'all') return sortIndicators(present);
  const byNorm = new Map(present.map((k) => [normalizeHeader(k), k]));
  // An indicator listed twice (in any spelling) is one column: a second copy would stay empty.
  const seenNorm = new Set<string>();
  const chosen = settings.indicators.map((k) => byNorm.get(normalizeHeader(k)) ?? k).filter((k) => {
    const norm = normalizeHeader(k);
    if (seenNorm.has(norm)) return false;
    seenNorm.add(norm);
    return true;
  });
  if (problems) {
    const chosenNorm = new Set(chosen.map(normalizeHeader));
    const unselected = present.filter((k) => !chosenNorm.has(normalizeHeader(k)));
    const absent = chosen.filter((k) => !byNorm.has(normalizeHeader(k)));
    // An indicator close to a chosen one (another spelling, part or level) is named with it.
    const near = nearIndicators(unselected, chosen, new Set(absent));
    for (const n of near) problems.push({ sheet: SHEETS.results, row: null, column: null, severity: 'warning', message: MSG.nearIndicator(n) });
    const nearSet = new Set(near.map((n) => n.present));
    const rest = unselected.filter((k) => !nearSet.has(k));
    if (rest.length) problems.push({ sheet: SHEETS.results, row: null, column: null, severity: 'warning', message: MSG.unselectedIndicators(rest) });
    if (absent.length) problems.push({ sheet: SHEETS.results, row: null, column: null, severity: 'warning', message: MSG.missingIndicators(absent) });
  }
  return chosen;
}

/** Procedures and subjects in order of first appearance, grades ascending. */
function sortIndicators(keys: string[]): string[] {
  const parse = (k: string) => {
    const m = /^(.*)-(\S+) (.*)$/.exec(k);
    return m ? { proc: m[1], grade: m[2], subject: m[3] } : { proc: k, grade: '', subject: '' };
  };
  const parts = keys.map(parse);
  const firstProc = new Map<string, number>();
  const firstSubject = new Map<string, number>();
  const firstGrade = new Map<string, number>();
  for (const p of parts) {
    if (!firstProc.has(p.proc)) firstProc.set(p.proc, firstProc.size);
    if (!firstSubject.has(p.subject)) firstSubject.set(p.subject, firstSubject.size);
    if (!firstGrade.has(p.grade)) firstGrade.set(p.grade, firstGrade.size);
  }
  const gradeRank = (g: string) => (/^\d+$/.test(g) ? [0, Number(g), 0] : [1, 0, firstGrade.get(g)!]);
  const order = keys.map((k, i) => i);
  order.sort((a, b) => {
    const pa = parts[a], pb = parts[b];
    const d = firstProc.get(pa.proc)! - firstProc.get(pb.proc)!;
    if (d) return d;
    const ga = gradeRank(pa.grade), gb = gradeRank(pb.grade);
    for (let i = 0; i < 3; i++) if (ga[i] !== gb[i]) return ga[i] - gb[i];
    return firstSubject.get(pa.subject)! - firstSubject.get(pb.subject)!;
  });
  return order.map((i) => keys[i]);
}

function buildMatrix(data: RegionData, year: number, indicators: string[]): IndicatorMatrix {
  const m = emptyMatrix(data.schools.length, indicators.length);
  const wanted = new Map(indicators.map((k, i) => [k, i]));
  const column = data.indicatorNames.map((name) => wanted.get(name) ?? -1);
  const r = data.results;
  for (let j = 0; j < r.length; j++) {
    if (r.year[j] !== year) continue;
    const k = column[r.indicator[j]];
    if (k < 0) continue;
    const i = r.school[j] * m.cols + k;
    m.n[i] = r.n[j];
    m.mean[i] = r.mean[j];
    m.sd[i] = r.sd[j];
    m.fails[i] = r.fails[j];
  }
  return m;
}

function computeYearQuality(data: RegionData, year: number, settings: Settings, problems: Problem[] | null): YearQuality {
  const indicators = selectIndicators(data, year, settings, problems);
  const matrix = buildMatrix(data, year, indicators);
  const quality = qualityIndex(matrix, {
    weightByParticipants: settings.indicatorWeights === 'participants',
    weightedRegionalMean: settings.regionalMean === 'weighted',
  });
  if (problems) {
    indicators.forEach((k, j) => {
      if (Number.isNaN(quality.pooledSD[j]) && !Number.isNaN(quality.regionalMean[j])) {
        problems.push({ sheet: SHEETS.results, row: null, column: 'Стандартное отклонение', severity: 'warning', message: MSG.noPooledSD(k) });
      }
    });
  }
  const S = data.schools.length;
  const eligible: number[] = [];
  const values: number[] = [];
  for (let s = 0; s < S; s++) {
    if (!Number.isNaN(quality.qi[s]) && quality.participants[s] >= settings.minParticipants) {
      eligible.push(s);
      values.push(quality.qi[s]);
    }
  }
  const sigma = sampleSD(values);
  const group: (number | null)[] = new Array(S).fill(null);
  if (eligible.length >= 2 && sigma > 0) {
    for (const s of eligible) {
      const z = quality.z[s];
      group[s] = gatedGroup(quality.qi[s], sigma, Number.isNaN(z) ? null : z, settings.zCritical, settings.bandWidth);
    }
  } else if (problems) {
    problems.push({ sheet: SHEETS.results, row: null, column: null, severity: 'warning', message: MSG.tooFewForGroups(eligible.length) });
  }
  const fedOptions: FederalOptions = { failShare: settings.failShare, minParticipants: settings.minIndicatorParticipants, minLow: settings.minLowIndicators };
  const lowCount = new Int32Array(S);
  const federal: boolean[] = new Array<boolean>(S);
  const lowResults: boolean[] = new Array<boolean>(S);
  for (let s = 0; s < S; s++) {
    const low = lowIndicatorCount(matrix, s, fedOptions);
    lowCount[s] = low;
    const fed = federalLow(low, fedOptions);
    federal[s] = fed;
    const regional = group[s] !== null && group[s]! <= 5;
    lowResults[s] = settings.method === 'regional' ? regional : settings.method === 'federal' ? fed : regional || fed;
  }
  return { year, indicators, matrix, quality, sigma: eligible.length >= 2 && sigma > 0 ? sigma : NaN, group, lowCount, fedOptions, federal, lowResults };
}

interface SocialFit {
  model: SocialModel | null;
  message: string | null;
  expected: Float64Array;
  isbsh: Float64Array;
  sigma: number;
  candidates: () => CandidateFactor[];
}

function computeSocial(data: RegionData, year: number, settings: Settings, current: YearQuality, problems: Problem[]): SocialFit {
  const S = data.schools.length;
  const expected = new Float64Array(S).fill(NaN);
  const isbsh = new Float64Array(S).fill(NaN);
  const none = (message: string | null): SocialFit => ({ model: null, message, expected, isbsh, sigma: NaN, candidates: () => [] });
  if (!data.hasSocialSheet) {
    problems.push({ sheet: SHEETS.social, row: null, column: null, severity: 'warning', message: MSG.noSocialSheet });
    return none(MSG.noSocialSheet);
  }
  const columnByNorm = new Map(data.socialColumns.map((c, i) => [normalizeHeader(c), i]));
  const factorCols: number[] = [];
  for (const name of settings.factors) {
    const c = columnByNorm.get(normalizeHeader(name));
    if (c === undefined) problems.push({ sheet: SHEETS.social, row: null, column: name, severity: 'error', message: MSG.noFactorColumn(name, data.socialColumns) });
    else factorCols.push(c);
  }
  if (factorCols.length < settings.factors.length) return none(null);
  const names = factorCols.map((c) => data.socialColumns[c]);
  const k = factorCols.length;
  // The year's social rows by school (row index into the social table; −1 none) and whether every chosen factor is there.
  const t = data.social;
  const w = t.width;
  const socialRowOf = new Int32Array(S).fill(-1);
  const complete = new Uint8Array(S);
  let present = 0;
  for (let r = 0; r < t.length; r++) {
    if (t.year[r] !== year) continue;
    const s = t.school[r];
    socialRowOf[s] = r;
    let all = 1;
    for (let j = 0; j < k; j++) if (Number.isNaN(t.values[r * w + factorCols[j]])) all = 0;
    complete[s] = all;
    present += all;
  }
  const missing = S - present;
  if (missing > 0) problems.push({ sheet: SHEETS.social, row: null, column: null, severity: 'warning', message: MSG.missingFactorValues(missing) });
  const sample: number[] = [];
  for (let s = 0; s < S; s++) if (complete[s] && current.group[s] !== null) sample.push(s);
  const n = sample.length;
  const y = new Float64Array(n);
  const x = names.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const s = sample[i];
    y[i] = current.quality.qi[s];
    const at = socialRowOf[s] * w;
    for (let j = 0; j < k; j++) x[j][i] = t.values[at + factorCols[j]];
  }
  const fit = fitColumns(y, x, names);
  // The candidate table is for the analyst (model sheet, wizard): computed when first read.
  const candidates = (): CandidateFactor[] => candidateTable(y, x, names, data.socialColumns.map((name, c) => ({
    name, values: Float64Array.from(sample, (s) => t.values[socialRowOf[s] * w + c]),
  })), fit);
  if (!fit.ok) {
    problems.push({ sheet: SHEETS.social, row: null, column: null, severity: 'warning', message: fit.message });
    return { ...none(fit.message), candidates };
  }
  for (let s = 0; s < S; s++) if (complete[s]) expected[s] = predict(fit.model, t.values, socialRowOf[s] * w, factorCols);
  let sum = 0;
  for (const s of sample) sum += expected[s];
  const meanExpected = sum / n;
  for (let s = 0; s < S; s++) if (complete[s]) isbsh[s] = expected[s] / meanExpected;
  const sampleIsbsh = new Float64Array(n);
  for (let i = 0; i < n; i++) sampleIsbsh[i] = isbsh[sample[i]];
  const sigma = sampleSD(sampleIsbsh);
  return { model: fit.model, message: null, expected, isbsh, sigma, candidates };
}

/**
 * Runs the annual identification on the region workbook's grids.
 * @example identify({ schools, results, social, settings }).schools[0].category // 'ШНОР'
 */
export function identify(tables: RegionTables, options: IdentifyOptions = {}): Identification {
  const read = readRegion(tables);
  const settingsReading = readSettings(tables.settings);
  const settings: Settings = { ...settingsReading.settings, ...options.settings };
  if (options.year !== undefined) settings.year = options.year;
  const problems: Problem[] = [...settingsReading.problems, ...read.problems];
  const data = read.data;
  const latest = data.years.length ? data.years[data.years.length - 1] : null;
  const year = settings.year ?? latest;
  const sources = settingSources(settingsReading, settings, latest);
  const failed = (y: number | null): Identification => ({
    ok: false, year: y, previousYear: null, settings, ...sources, indicators: [],
    regionalMeans: [], pooledSDs: [], qualitySigma: null, isbshSigma: null, model: null, modelMessage: null,
    candidates: [], schools: [], dynamics: [], objectivity: emptyObjectivity(settings.objectivityMinParticipants),
    problems: withSheetNames(problems, sheetNamesOf(tables)),
  });
  if (problems.some((p) => p.severity === 'error')) return failed(year);
  if (year === null || !data.years.includes(year)) {
    problems.push({ sheet: SHEETS.results, row: null, column: 'Год', severity: 'error', message: MSG.noResultsForYear(year ?? new Date().getFullYear()) });
    return failed(year);
  }

  const current = computeYearQuality(data, year, settings, problems);
  const history: YearQuality[] = [];
  for (let back = 1; back < Math.max(2, settings.stabilityYears); back++) {
    if (!data.years.includes(year - back)) break;
    history.push(computeYearQuality(data, year - back, settings, null));
  }
  const previous = history[0] ?? null;
  if (!previous) problems.push({ sheet: SHEETS.results, row: null, column: 'Год', severity: 'warning', message: MSG.noPreviousYear(year - 1) });
  const social = computeSocial(data, year, settings, current, problems);
  if (problems.some((p) => p.severity === 'error')) return failed(year);

  const S = data.schools.length;
  const { quality } = current;
  const isbshGroup: (number | null)[] = new Array(S).fill(null);
  const residual = new Float64Array(S).fill(NaN);
  for (let s = 0; s < S; s++) {
    if (!Number.isNaN(social.isbsh[s]) && social.sigma > 0) isbshGroup[s] = bandGroup(social.isbsh[s], social.sigma, settings.bandWidth);
    if (current.group[s] !== null && !Number.isNaN(social.expected[s])) residual[s] = quality.qi[s] - social.expected[s];
  }
  const context: SchoolContext = {
    settings, current, previous, history: history.slice(0, settings.stabilityYears - 1), social, isbshGroup, residual,
    previousIsbshGroup: previous ? previousIsbshGroups(data, previous, settings) : null,
  };
  const schools: SchoolResult[] = new Array<SchoolResult>(S);
  for (let s = 0; s < S; s++) schools[s] = schoolResult(context, data.schools[s], s);

  const places = similarPlaces(social.isbsh, quality.qi, settings.similarCount);
  const candidates: PartnerCandidate[] = schools.map((x) => ({
    code: x.code, municipality: x.municipality, isbsh: x.isbsh, category: x.category,
    aboveExpected: x.contribution === 1, qualityIndex: x.qualityIndex,
  }));
  const partnerIndex = new PartnerIndex(candidates, settings.bandWidth * social.sigma, settings.maxPartners);
  const reasonOf = reasonWriter(settings, current.indicators);
  const objectivity = computeObjectivity(data, settings, year);
  const selected = new Set(current.indicators);
  for (let s = 0; s < S; s++) {
    const x = schools[s];
    x.similar = places[s];
    if (x.lowResults) x.partners = partnerIndex.partnersOf(candidates[s]);
    x.reason = reasonOf(x);
    const markers = objectivity.schools[s].markers;
    x.objectivityMarkers = markers;
    if (markers.length && !x.lowResults && x.qualityGroup !== null) x.reason = withInflatedSentence(x.reason, markers, selected);
  }

  const result: Identification = {
    ok: true,
    year,
    previousYear: previous ? previous.year : null,
    settings,
    ...sources,
    indicators: current.indicators,
    regionalMeans: [...quality.regionalMean].map(finiteOrNull),
    pooledSDs: [...quality.pooledSD].map(finiteOrNull),
    qualitySigma: finiteOrNull(current.sigma),
    isbshSigma: finiteOrNull(social.sigma),
    model: social.model,
    modelMessage: social.message,
    candidates: [],
    schools,
    dynamics: [],
    objectivity,
    problems: withSheetNames(problems, sheetNamesOf(tables)),
  };
  // Computed on first use: the JSON contract and the custom functions never read them.
  lazyProperty(result, 'candidates', social.candidates);
  return lazyProperty(result, 'dynamics', () => (previous ? yearDynamics(current, previous, schools) : []));
}

/** What every school's result is read from. */
interface SchoolContext {
  settings: Settings;
  current: YearQuality;
  previous: YearQuality | null;
  /** The years before, as many as stability needs. */
  history: YearQuality[];
  social: SocialFit;
  isbshGroup: (number | null)[];
  residual: Float64Array;
  /** The previous year's ИСБШ groups, from that year's social data and model. */
  previousIsbshGroup: (number | null)[] | null;
}

/** The ИСБШ groups of the previous year: the same model fitted on that year's social rows and quality. */
function previousIsbshGroups(data: RegionData, previous: YearQuality, settings: Settings): (number | null)[] {
  const fit = computeSocial(data, previous.year, settings, previous, []);
  return Array.from(fit.isbsh, (v) => (!Number.isNaN(v) && fit.sigma > 0 ? bandGroup(v, fit.sigma, settings.bandWidth) : null));
}

/** One school's result from the region-wide columns (called per school, so it stays compiled). */
function schoolResult(c: SchoolContext, school: School, s: number): SchoolResult {
  const { settings, current, previous, social } = c;
  const { quality, matrix } = current;
  const zc = settings.zCritical;
  const qi = finiteOrNull(quality.qi[s]);
  const se = finiteOrNull(quality.se[s]);
  const r = finiteOrNull(c.residual[s]);
  const residualZ = r !== null && se !== null ? r / se : null;
  const qualityGroup = current.group[s];
  const lowResults = current.lowResults[s];
  const isbshGroup = c.isbshGroup[s];
  const category = schoolCategory({ lowQuality: lowResults, qualityGroup, isbshGroup });
  let stable: boolean | null = null;
  let change: SchoolResult['change'] = null;
  if (previous && qualityGroup !== null && previous.group[s] !== null) {
    const then = previous.lowResults[s];
    // Stable = low results in each of the last «Лет для устойчивости» years; unknown without them all.
    stable = c.history.length < settings.stabilityYears - 1 ? null : lowResults;
    for (const h of c.history) {
      if (h.group[s] === null) stable = null;
      else if (stable === true && !h.lowResults[s]) stable = false;
    }
    change = lowResults && then ? 'continuing' : lowResults ? 'new' : then ? 'left' : null;
  }
  return {
    code: school.code,
    name: school.name,
    municipality: school.municipality,
    qualityIndex: qi,
    qualityIndexSE: se,
    qualityZ: finiteOrNull(quality.z[s]),
    qualityGroup,
    isbsh: finiteOrNull(social.isbsh[s]),
    isbshGroup,
    residual: r,
    federalLow: current.federal[s],
    lowIndicators: current.lowCount[s] > 0 ? lowIndicatorColumns(matrix, s, current.fedOptions).map((k) => current.indicators[k]) : [],
    category,
    stable,
    change,
    reason: '',
    partners: [],
    locality: school.locality,
    smallSchool: school.smallSchool,
    participants: quality.participants[s],
    lowResults,
    ciLow: qi !== null && se !== null ? qi - zc * se : null,
    ciHigh: qi !== null && se !== null ? qi + zc * se : null,
    residualZ,
    contribution: residualZ === null ? null : residualZ >= zc ? 1 : residualZ <= -zc ? -1 : 0,
    expected: finiteOrNull(social.expected[s]),
    indicatorQI: rowOf(quality.indicatorQI, s, matrix.cols),
    failShares: failShareRow(matrix, s),
    similar: null,
    previous: previous
      ? {
        qualityIndex: finiteOrNull(previous.quality.qi[s]), qualityGroup: previous.group[s], lowResults: previous.lowResults[s],
        isbshGroup: c.previousIsbshGroup?.[s] ?? null,
        category: schoolCategory({ lowQuality: previous.lowResults[s], qualityGroup: previous.group[s], isbshGroup: c.previousIsbshGroup?.[s] ?? null }),
      }
      : null,
    objectivityMarkers: [],
  };
}

/** A school out of ШНОР whose results that kept it out carry the inflated-mean marker: one more sentence. */
function withInflatedSentence(reason: string, markers: string[], selected: Set<string>): string {
  const inflated = markers.filter((m) => m.startsWith('inflated-mean:')).map((m) => m.slice('inflated-mean:'.length)).filter((k) => selected.has(k));
  if (!inflated.length) return reason;
  // The reason ends with its conclusion («вывод: …», issue 16): the sentence goes before it.
  const at = reason.lastIndexOf('; вывод: ');
  const sentence = OBJ_MSG.notShnorButInflated(inflated);
  return at < 0 ? `${reason}; ${sentence}` : `${reason.slice(0, at)}; ${sentence}${reason.slice(at)}`;
}

function rowOf(values: Float64Array, row: number, cols: number): (number | null)[] {
  const out: (number | null)[] = new Array(cols);
  for (let k = 0; k < cols; k++) out[k] = finiteOrNull(values[row * cols + k]);
  return out;
}

function failShareRow(m: IndicatorMatrix, row: number): (number | null)[] {
  const out: (number | null)[] = new Array(m.cols);
  for (let k = 0; k < m.cols; k++) {
    const i = row * m.cols + k;
    out[k] = m.n[i] > 0 ? finiteOrNull(m.fails[i] / m.n[i]) : null;
  }
  return out;
}

function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (value === undefined ? (value = compute()) : value),
    set: (v: T[K]) => {
      value = v;
    },
  });
  return target;
}

/**
 * Which settings the run took from «Настройки», which it left at their default and which it set
 * itself. An override equal to what the sheet gives changes nothing (the wizard passes every
 * setting, the defaults too); the latest year in the data is what an absent «Год» means.
 */
function settingSources(reading: SettingsReading, settings: Settings, latest: number | null): Pick<Identification, 'defaultsUsed' | 'defaultKeys' | 'runKeys'> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const runKeys = SETTING_KEYS.filter((k) => {
    if (same(settings[k], reading.settings[k])) return false;
    return !(k === 'year' && reading.settings.year === null && settings.year === latest);
  });
  const defaultKeys = reading.defaultKeys.filter((k) => !runKeys.includes(k));
  return { defaultsUsed: defaultsText(defaultKeys), defaultKeys, runKeys };
}

function yearDynamics(current: YearQuality, previous: YearQuality, schools: SchoolResult[]): Identification['dynamics'] {
  const prevColumn = new Map(previous.indicators.map((k, i) => [k, i]));
  const out: Identification['dynamics'] = [];
  const snap = (y: YearQuality, s: number, k: number) => {
    const i = s * y.matrix.cols + k;
    return { qi: y.quality.indicatorQI[i], se: y.quality.indicatorSE[i], n: y.matrix.n[i], fails: y.matrix.fails[i] };
  };
  schools.forEach((school, s) => {
    const changes: IndicatorChange[] = [];
    current.indicators.forEach((key, k) => {
      const pk = prevColumn.get(key);
      if (pk === undefined) return;
      const now = snap(current, s, k);
      const then = snap(previous, s, pk);
      if (Number.isNaN(now.qi) || Number.isNaN(then.qi)) return;
      changes.push(indicatorChange(key, then, now));
    });
    if (changes.length) out.push({ code: school.code, changes });
  });
  return out;
}

