/**
 * The spreadsheet functions (=QUALITY_INDEX(), =ISBSH(), =NOR_GROUP() …) as pure functions over
 * 2D arrays, one implementation behind both Google Sheets and Excel. Each takes whole ranges and
 * returns one column (or a table) that spills; blank rows stay blank. Bad arguments throw a
 * FormulaError whose Russian message says what to fix; the host turns it into its own error.
 */
import { categoryFromGroups } from './method/categories';
import { bandGroup, gatedGroup } from './method/eleven-groups';
import { NOUN, counted, fmt } from './messages';
import { parseNumber } from './input/numbers';
import { type IndicatorMatrix, emptyMatrix, qualityIndex } from './method/quality-index';
import { fitSocialModel, predict } from './method/social-index';
import { sampleSD } from './method/statistics';
import type { Cell } from './types';
import { cohortLimits, interval95, objectivityIndex, pool } from './objectivity/statistics';

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

export type Out = (string | number | boolean)[][];
type Range = Cell[][] | Cell;

/** Sheets passes a single cell as a bare value, a range as rows of cells. */
function asRows(range: Range | undefined): Cell[][] {
  if (range === undefined) return [];
  return Array.isArray(range) ? (range as Cell[][]).map((r) => (Array.isArray(r) ? r : [r])) : [[range]];
}

/** Reads a numeric range: NaN for blanks and «н/д»; text that is not a number throws, naming the cell. */
function numbers(range: Range | undefined, arg: string): number[][] {
  return asRows(range).map((row, r) => row.map((cell, c) => {
    const v = parseNumber(cell);
    if (v.kind === 'number') return v.percent ? v.value : v.value;
    if (v.kind === 'missing') return NaN;
    throw new FormulaError(`Аргумент ${arg}, строка ${r + 1}, столбец ${c + 1}: ожидалось число, найдено «${v.text}»`);
  }));
}

function sameHeight(a: unknown[][], b: unknown[][], nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new FormulaError(`Диапазоны ${nameA} и ${nameB} разной высоты: ${counted(a.length, NOUN.row)} и ${counted(b.length, NOUN.row)}; выделите одинаковые строки школ`);
  }
}

function sameShape(a: number[][], b: number[][], nameA: string, nameB: string): void {
  sameHeight(a, b, nameA, nameB);
  const wa = a[0]?.length ?? 0;
  const wb = b[0]?.length ?? 0;
  if (wa !== wb) throw new FormulaError(`Диапазоны ${nameA} и ${nameB} разной ширины: ${counted(wa, NOUN.column)} и ${counted(wb, NOUN.column)}; нужно по одному столбцу на показатель в обоих`);
}

const blankRow = (row: number[]) => row.every((v) => Number.isNaN(v));
const column = (values: (number | string | boolean)[]): Out => values.map((v) => [typeof v === 'number' && !Number.isFinite(v) ? '' : v]);

function matrixOf(means: number[][], participants?: number[][], sds?: number[][]): IndicatorMatrix {
  const rows = means.length;
  const cols = means[0]?.length ?? 0;
  const m = emptyMatrix(rows, cols);
  for (let s = 0; s < rows; s++) {
    for (let k = 0; k < cols; k++) {
      const i = s * cols + k;
      const x = means[s][k];
      if (Number.isNaN(x)) continue;
      const n = participants ? participants[s][k] : 1;
      if (participants && !(n > 0)) continue;
      m.mean[i] = x;
      m.n[i] = n;
      if (sds && n > 1) m.sd[i] = sds[s][k];
    }
  }
  return m;
}

/**
 * QUALITY_INDEX(means): each column (indicator) divided by its own mean over non-blank cells,
 * then the mean over the row's non-blank columns.
 * @example qualityIndexColumn([[4, 60], [3, ''], [5, 40]]) // [[1.1], [0.75], [1.025]]
 */
export function qualityIndexColumn(means: Range): Out {
  const x = numbers(means, 'means');
  if (!x.length) throw new FormulaError('Укажите диапазон средних баллов: строки — школы, столбцы — показатели');
  const q = qualityIndex(matrixOf(x));
  return column(x.map((row, s) => (blankRow(row) ? NaN : q.qi[s])));
}

/**
 * QUALITY_SE(means, participants, [sds]): the standard error of the composite quality index,
 * with the pooled within-school SD where a school's SD is blank.
 */
export function qualitySEColumn(means: Range, participants: Range, sds?: Range): Out {
  const x = numbers(means, 'means');
  const n = numbers(participants, 'participants');
  sameShape(x, n, 'means', 'participants');
  const s = sds === undefined || sds === null || sds === '' ? undefined : numbers(sds, 'sds');
  if (s) sameShape(x, s, 'means', 'sds');
  const m = matrixOf(x, n, s);
  const q = qualityIndex(m);
  const noSD = q.pooledSD.findIndex((v, k) => Number.isNaN(v) && !Number.isNaN(q.regionalMean[k]));
  if (noSD >= 0) {
    throw new FormulaError(`Столбец ${noSD + 1}: нет ни одного стандартного отклонения (sds) при числе участников больше 1 — стандартную ошибку не оценить`);
  }
  return column(x.map((row, i) => (blankRow(row) ? NaN : q.se[i])));
}

function sigmaOf(values: number[], arg: string): number {
  const present = values.filter((v) => !Number.isNaN(v));
  const sigma = sampleSD(present);
  if (!(sigma > 0)) throw new FormulaError(`В ${arg} меньше двух разных значений: группы по отклонению от среднего не определить`);
  return sigma;
}

/**
 * NOR_GROUP(quality_index, [se]): the 11-group scale (σ = sample SD of the non-blank values);
 * with `se` the significance gate |z| ≥ 1,96 applies first.
 */
export function norGroupColumn(qualityIndexRange: Range, se?: Range, zCritical = 1.96, width = 0.5): Out {
  const q = numbers(qualityIndexRange, 'quality_index').map((r) => r[0]);
  const s = se === undefined || se === null || se === '' ? null : numbers(se, 'se').map((r) => r[0]);
  if (s) sameHeight(q.map((v) => [v]), s.map((v) => [v]), 'quality_index', 'se');
  const sigma = sigmaOf(q, 'quality_index');
  return column(q.map((v, i) => {
    if (Number.isNaN(v)) return NaN;
    if (!s) return bandGroup(v, sigma, width);
    const z = s[i] > 0 ? (v - 1) / s[i] : null;
    return gatedGroup(v, sigma, z, zCritical, width);
  }));
}

interface SocialFitRows {
  q: number[];
  x: number[][];
  complete: boolean[];
  fitted: number[];
}

function fitRows(qualityIndexRange: Range, factors: Range, names?: string[]): SocialFitRows & { model: ReturnType<typeof fitSocialModel> } {
  const q = numbers(qualityIndexRange, 'quality_index').map((r) => r[0]);
  const x = numbers(factors, 'factors');
  sameHeight(q.map((v) => [v]), x, 'quality_index', 'factors');
  const complete = x.map((row) => row.length > 0 && row.every((v) => !Number.isNaN(v)));
  const fitted: number[] = [];
  for (let i = 0; i < q.length; i++) if (complete[i] && !Number.isNaN(q[i])) fitted.push(i);
  const width = x[0]?.length ?? 0;
  const factorNames = names && names.length === width ? names : Array.from({ length: width }, (_, j) => `Фактор ${j + 1}`);
  const model = fitSocialModel(fitted.map((i) => q[i]), fitted.map((i) => x[i]), factorNames);
  if (!model.ok) throw new FormulaError(model.message);
  return { q, x, complete, fitted, model };
}

/** ISBSH(quality_index, factors): ŷ / mean(ŷ over the fitted rows) for rows with all factors. */
export function isbshColumn(qualityIndexRange: Range, factors: Range): Out {
  const f = fitRows(qualityIndexRange, factors);
  if (!f.model.ok) return [];
  const model = f.model.model;
  const yhat = f.x.map((row, i) => (f.complete[i] ? predict(model, row) : NaN));
  const meanFit = f.fitted.reduce((a, i) => a + yhat[i], 0) / f.fitted.length;
  return column(yhat.map((v) => v / meanFit));
}

/** ISBSH_GROUP(isbsh): the 11-group scale without a gate (σ = sample SD of the non-blank values). */
export function isbshGroupColumn(isbsh: Range, width = 0.5): Out {
  const v = numbers(isbsh, 'isbsh').map((r) => r[0]);
  const sigma = sigmaOf(v, 'isbsh');
  return column(v.map((x) => (Number.isNaN(x) ? NaN : bandGroup(x, sigma, width))));
}

/** VALUE_ADDED(quality_index, factors): the residual QI − ŷ (вклад школы) for rows with both. */
export function valueAddedColumn(qualityIndexRange: Range, factors: Range): Out {
  const f = fitRows(qualityIndexRange, factors);
  if (!f.model.ok) return [];
  const model = f.model.model;
  return column(f.q.map((qi, i) => (f.complete[i] && !Number.isNaN(qi) ? qi - predict(model, f.x[i]) : NaN)));
}

/** ISBSH_MODEL(quality_index, factors, [factor_names]): a LINEST-like table labelled in Russian. */
export function isbshModelTable(qualityIndexRange: Range, factors: Range, factorNames?: Range): Out {
  const names = factorNames === undefined || factorNames === null || factorNames === ''
    ? undefined
    : asRows(factorNames).flat().map((c) => String(c ?? '').trim()).filter((s) => s !== '');
  const width = numbers(factors, 'factors')[0]?.length ?? 0;
  if (names && names.length !== width) throw new FormulaError(`Названий факторов ${names.length}, а столбцов в factors ${width}: укажите по одному названию на столбец`);
  const f = fitRows(qualityIndexRange, factors, names);
  if (!f.model.ok) return [];
  const m = f.model.model;
  return [
    ['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'β'],
    ['Свободный член', m.intercept, '', '', '', ''],
    ...m.factors.map((x) => [x.name, x.b, x.se, x.t, x.p, x.beta]),
    ['R²', m.r2, '', '', '', ''],
    ['Скорректированный R²', m.adjR2, '', '', '', ''],
    ['n', m.n, '', '', '', ''],
    ['СО остатков', m.residualSD, '', '', '', ''],
  ];
}

/**
 * LOW_RESULTS(fails, participants, [threshold], [min_participants]): TRUE where at least one
 * indicator has n ≥ min_participants and fails / n ≥ threshold (30% by default; «30», «30%» or 0,3).
 */
export function lowResultsColumn(fails: Range, participants: Range, threshold?: Cell, minParticipants?: Cell): Out {
  const f = numbers(fails, 'fails');
  const n = numbers(participants, 'participants');
  sameShape(f, n, 'fails', 'participants');
  const t = threshold === undefined || threshold === null || threshold === '' ? 0.3 : numbers(threshold, 'threshold')[0][0];
  const share = t >= 1 ? t / 100 : t;
  if (!(share > 0 && share <= 1)) throw new FormulaError(`threshold: ожидался процент от 0 до 100, указано ${fmt(t)}`);
  const minN = minParticipants === undefined || minParticipants === null || minParticipants === '' ? 5 : numbers(minParticipants, 'min_participants')[0][0];
  return f.map((row, i) => {
    if (blankRow(row) && blankRow(n[i])) return [''];
    return [row.some((fk, k) => n[i][k] >= minN && !Number.isNaN(fk) && fk / n[i][k] >= share)];
  });
}

/** SCHOOL_CATEGORY(nor_group, isbsh_group): the category for support, or blank. */
export function schoolCategoryColumn(norGroup: Range, isbshGroup: Range): Out {
  const q = numbers(norGroup, 'nor_group').map((r) => r[0]);
  const s = numbers(isbshGroup, 'isbsh_group').map((r) => r[0]);
  sameHeight(q.map((v) => [v]), s.map((v) => [v]), 'nor_group', 'isbsh_group');
  const check = (v: number, arg: string, i: number) => {
    if (!Number.isNaN(v) && !(Number.isInteger(v) && v >= 1 && v <= 11)) throw new FormulaError(`Аргумент ${arg}, строка ${i + 1}: группа должна быть целым числом от 1 до 11, найдено ${fmt(v, 2)}`);
    return Number.isNaN(v) ? null : v;
  };
  return q.map((g, i) => [categoryFromGroups(check(g, 'nor_group', i), check(s[i], 'isbsh_group', i)) ?? '']);
}

// ------------------------------------------------------------------ objectivity (shared/objectivity, Рособрнадзор)

/** Verdict texts of the objectivity functions. */
export const OBJECTIVITY_TEXT = { none: 'нет', noData: 'недостаточно данных', rise: 'резкий рост', drop: 'резкое снижение' } as const;

function minimumOf(minParticipants: Cell | undefined): number {
  if (minParticipants === undefined || minParticipants === null || minParticipants === '') return 5;
  const v = numbers(minParticipants, 'min_participants')[0][0];
  if (!(Number.isInteger(v) && v >= 1)) throw new FormulaError(`min_participants: ожидалось целое число не меньше 1, указано ${fmt(v, 2)}`);
  return v;
}

function namesOf(names: Range | undefined, width: number): string[] {
  const given = names === undefined || names === null || names === ''
    ? []
    : asRows(names).flat().map((c) => String(c ?? '').trim());
  if (given.length && given.length !== width) throw new FormulaError(`Названий показателей ${given.length}, а столбцов в means ${width}: укажите по одному названию на столбец`);
  return Array.from({ length: width }, (_, k) => given[k] || `столбец ${k + 1}`);
}

/**
 * OBJECTIVITY_MARKERS(means, sds, participants, [spearman], [names], [min_participants]): per school
 * (row) the markers of non-objective results by the Рособрнадзор method, one procedure per column:
 * «завышенный средний балл» where the school's 95% interval lies above the region's (the region's
 * mean and SD pooled exactly from the rows), «rₛ с журналом < 0» where the given Spearman rₛ is
 * negative. «нет» when computed and none; «недостаточно данных» when nothing could be computed.
 * @example objectivityMarkersColumn([[15], [10], [10]], [[2], [2], [3]], [[10], [10], [20]]) // [['завышенный средний балл: столбец 1'], ['нет'], ['нет']]
 */
export function objectivityMarkersColumn(means: Range, sds: Range, participants: Range, spearman?: Range, names?: Range, minParticipants?: Cell): Out {
  const x = numbers(means, 'means');
  if (!x.length) throw new FormulaError('Укажите диапазон средних баллов: строки — школы, столбцы — процедуры');
  const s = numbers(sds, 'sds');
  const n = numbers(participants, 'participants');
  sameShape(x, s, 'means', 'sds');
  sameShape(x, n, 'means', 'participants');
  const rs = spearman === undefined || spearman === null || spearman === '' ? null : asRows(spearman).map((row, r) => row.map((cell, c) => {
    const v = parseNumber(cell);
    if (v.kind === 'missing') return NaN;
    if (v.kind === 'number' && v.value >= -1 && v.value <= 1) return v.value;
    throw new FormulaError(`Аргумент spearman, строка ${r + 1}, столбец ${c + 1}: ожидалось число от −1 до 1, найдено «${v.kind === 'bad' ? v.text : String(cell)}»`);
  }));
  if (rs) sameShape(x, rs, 'means', 'spearman');
  const width = x[0].length;
  const label = namesOf(names, width);
  const minN = minimumOf(minParticipants);
  const usable = (r: number, k: number) => n[r][k] > 0 && !Number.isNaN(x[r][k]) && (n[r][k] === 1 || !Number.isNaN(s[r][k]));
  const high: number[] = [];
  for (let k = 0; k < width; k++) {
    const m: number[] = [], mu: number[] = [], sd: number[] = [];
    for (let r = 0; r < x.length; r++) if (usable(r, k)) { m.push(n[r][k]); mu.push(x[r][k]); sd.push(s[r][k]); }
    const p = pool(m, mu, sd);
    high.push(p.n > 1 && p.sd === p.sd ? interval95(p.mean, p.sd, p.n)[1] : NaN);
  }
  return x.map((row, r) => {
    if (blankRow(row) && blankRow(n[r]) && (!rs || blankRow(rs[r]))) return [''];
    const found: string[] = [];
    let computed = false;
    for (let k = 0; k < width; k++) {
      const m = n[r][k];
      if (m >= minN && m > 1 && usable(r, k) && !Number.isNaN(high[k])) {
        computed = true;
        if (interval95(x[r][k], s[r][k], m)[0] > high[k]) found.push(`завышенный средний балл: ${label[k]}`);
      }
      if (rs && !Number.isNaN(rs[r][k]) && m >= minN) {
        computed = true;
        if (rs[r][k] < 0) found.push(`rₛ с журналом < 0: ${label[k]}`);
      }
    }
    return [found.length ? found.join('; ') : computed ? OBJECTIVITY_TEXT.none : OBJECTIVITY_TEXT.noData];
  });
}

/**
 * COHORT_CHANGE(s4_previous, s5_current, [participants4], [participants5], [min_participants]): two
 * columns per school: K = S(4 класс, прошлый год) / S(5 класс, этот год) and «резкий рост» (K below
 * Q25 − 3·IQR), «резкое снижение» (above Q75 + 3·IQR), «нет» or «недостаточно данных»; quartiles by
 * linear interpolation (QUARTILE.INC) over the rows with K.
 */
export function cohortChangeTable(s4Previous: Range, s5Current: Range, participants4?: Range, participants5?: Range, minParticipants?: Cell): Out {
  const a = numbers(s4Previous, 's4_previous').map((r) => r[0]);
  const b = numbers(s5Current, 's5_current').map((r) => r[0]);
  sameHeight(a.map((v) => [v]), b.map((v) => [v]), 's4_previous', 's5_current');
  const opt = (range: Range | undefined, arg: string) => {
    if (range === undefined || range === null || range === '') return null;
    const v = numbers(range, arg).map((r) => r[0]);
    sameHeight(a.map((x) => [x]), v.map((x) => [x]), 's4_previous', arg);
    return v;
  };
  const n4 = opt(participants4, 'participants4');
  const n5 = opt(participants5, 'participants5');
  const minN = minimumOf(minParticipants);
  const k = a.map((s4, i) => {
    if ((n4 && !(n4[i] >= minN)) || (n5 && !(n5[i] >= minN))) return NaN;
    return !Number.isNaN(s4) && b[i] > 0 ? s4 / b[i] : NaN;
  });
  const present = k.filter((v) => !Number.isNaN(v));
  const limits = present.length ? cohortLimits(present) : null;
  return k.map((v, i) => {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) return ['', ''];
    if (Number.isNaN(v) || !limits) return ['', OBJECTIVITY_TEXT.noData];
    return [v, v < limits.low ? OBJECTIVITY_TEXT.rise : v > limits.high ? OBJECTIVITY_TEXT.drop : OBJECTIVITY_TEXT.none];
  });
}

/**
 * OBJECTIVITY_INDEX(markers, [municipalities]): the index of objectivity, 100 − the percent of
 * schools with at least one marker, over the schools with a computed one. `markers`: one or more
 * columns per school — results of OBJECTIVITY_MARKERS / COHORT_CHANGE, the columns of «Объективность
 * ГГГГ» («да», «нет», «недостаточно данных») or counts of markers; a row is marked by any cell
 * other than blank, «нет», «недостаточно данных», 0 or a number (K). With `municipalities` a table:
 * each municipality's index, then «Регион в целом».
 */
export function objectivityIndexTable(markers: Range, municipalities?: Range): Out {
  const rows = asRows(markers);
  if (!rows.length) throw new FormulaError('Укажите диапазон признаков: строки — школы (результаты OBJECTIVITY_MARKERS, COHORT_CHANGE или столбцы листа «Объективность»)');
  const word = (c: Cell) => String(c ?? '').trim().toLowerCase();
  const state = rows.map((row) => {
    let computed = false, marked = false;
    for (const cell of row) {
      const w = word(cell);
      if (w === '' || w === OBJECTIVITY_TEXT.noData) continue;
      computed = true;
      if (typeof cell === 'boolean') marked ||= cell;
      else if (typeof cell === 'number') { if (Number.isInteger(cell) && cell > 0) marked = true; }
      else if (w !== OBJECTIVITY_TEXT.none && w !== '0' && w !== 'ложь' && w !== 'false' && !/^[\d.,−-]+$/.test(w)) marked = true;
    }
    return { computed, marked };
  });
  const indexOf = (list: typeof state) => {
    const computed = list.filter((s) => s.computed);
    const value = objectivityIndex(computed.filter((s) => s.marked).length, computed.length);
    return Number.isNaN(value) ? '' : value;
  };
  if (municipalities === undefined || municipalities === null || municipalities === '') return [[indexOf(state)]];
  const names = asRows(municipalities).map((r) => String(r[0] ?? '').trim());
  sameHeight(rows, names.map((v) => [v]), 'markers', 'municipalities');
  const groups = new Map<string, typeof state>();
  names.forEach((name, i) => {
    if (!name) return;
    const g = groups.get(name) ?? [];
    g.push(state[i]);
    groups.set(name, g);
  });
  return [
    ['Муниципалитет', 'Индекс объективности'],
    ...[...groups.keys()].sort((p, q) => p.localeCompare(q, 'ru')).map((name) => [name, indexOf(groups.get(name)!)]),
    ['Регион в целом', indexOf(state.filter((_, i) => names[i]))],
  ];
}
