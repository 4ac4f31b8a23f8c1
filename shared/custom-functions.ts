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
