/**
 * The custom functions as Sheets calls them: the built Code.js in a vm context, arguments as 2D
 * arrays the way Sheets passes ranges (numbers, "" for blanks, text with decimal commas, a bare
 * value for a single cell, undefined for an omitted argument). Values are checked against numbers
 * computed independently with numpy/statsmodels (/usr/bin/python3) and against the engine itself.
 */
import {
  isbshColumn, isbshGroupColumn, isbshModelTable, lowResultsColumn, norGroupColumn, qualityIndexColumn, qualitySEColumn,
  schoolCategoryColumn, valueAddedColumn,
} from '../shared/custom-functions';
import { loadBundle } from './fakes/gas-fakes';
import { runPython } from './helpers/python';

type Fn = (...args: unknown[]) => unknown;
type Grid = unknown[][];

/** Loading the project must not need any service: custom functions run without authorisation. */
const gas = loadBundle({}) as Record<string, Fn>;
const call = (name: string, ...args: unknown[]) => JSON.parse(JSON.stringify(gas[name](...args))) as Grid;

// Twelve schools, three indicators (ВПР-4 math, ОГЭ math, ЕГЭ Russian). Row 6 is a school with no
// results (a blank row); school 9 has no ОГЭ/ЕГЭ (a primary school); some cells are text as
// officials type them.
const MEANS: Grid = [
  [3.9, 3.6, 61.2], ['4,25', 3.95, 70.4], [3.4, 3.1, ''], [3.75, '3,5', 58.9], [4.1, 4.05, 72.3],
  ['', '', ''], [3.2, 2.95, 49.8], [3.85, 3.7, 64], [4.4, '', ''], [3.55, 3.3, 55.5], [3.95, 3.8, '66,1'], [3.3, 3.2, 52.7],
];
const PARTICIPANTS: Grid = [
  [48, 40, 21], [62, 55, 30], [18, 12, ''], [35, 30, 14], [80, 71, 44], ['', '', ''], [22, 17, 9], [51, 43, 25], [9, '', ''],
  [27, 24, 11], [8, 7, 4], [15, 14, 6],
];
const SDS: Grid = [
  [0.82, 0.71, 12.5], [0.77, '', 11.9], [0.91, 0.8, ''], ['', 0.74, 13.2], [0.7, 0.66, 10.8], ['', '', ''], [0.88, 0.83, 14.1],
  [0.86, 0.72, ''], [0.69, '', ''], [0.85, 0.78, 12.7], [0.79, 0.7, 12.2], [0.9, 0.84, 15],
];
// Social factors, % (higher education of parents; КДН/ПДН; single-parent families); school 4 misses one.
const FACTORS: Grid = [
  [42, 1.2, 18], [61, 0.4, 12], [22, 3.1, 27], [35, '', 21], [66, 0.3, 10], [30, 2.2, 24], [18, 3.9, 31], [47, 1.0, 17],
  [55, 0.8, 14], ['28,5', 2.5, 25], [50, 0.9, 15], [25, 2.8, 26],
];
const FAILS: Grid = [
  [5, 8, 1], [3, 2, 0], [6, 5, ''], [4, 9, 2], [1, 2, 0], ['', '', ''], [9, 7, 3], [4, 6, 1], [2, '', ''], [5, 8, 2], [3, 4, 1], [5, 4, 2],
];

const PYTHON = String.raw`
import json, sys
import numpy as np
import warnings
warnings.simplefilter('ignore')
import statsmodels.api as sm

d = json.load(sys.stdin)
def num(v):
    if v == '' or v is None: return np.nan
    return float(str(v).replace(',', '.'))
M = np.array([[num(v) for v in r] for r in d['means']])
N = np.array([[num(v) for v in r] for r in d['participants']])
S = np.array([[num(v) for v in r] for r in d['sds']])
F = np.array([[num(v) for v in r] for r in d['factors']])
FA = np.array([[num(v) for v in r] for r in d['fails']])
have = ~np.isnan(M)
X = np.nanmean(M, axis=0)                                   # each column's mean over non-blank cells
qi = np.where(have.any(axis=1), np.nanmean(M / X, axis=1), np.nan)
known = have & ~np.isnan(S) & (N > 1)
pooled = np.sqrt(np.nansum(np.where(known, (N - 1) * S**2, 0), axis=0) / np.nansum(np.where(known, N - 1, 0), axis=0))
sd = np.where(np.isnan(S), pooled, S)
se_k = sd / (np.sqrt(N) * X)
k = have.sum(axis=1)
se = np.where(k > 0, np.sqrt(np.nansum(np.where(have, se_k**2, 0), axis=1)) / np.maximum(k, 1), np.nan)
def rnd(x): return np.sign(x) * np.floor(np.abs(x) + 0.5)      # half away from zero
def band(v, sigma): return 6 + np.clip(rnd((v - 1) / sigma / 0.5), -5, 5)
ok = ~np.isnan(qi)
sigma = np.std(qi[ok], ddof=1)
band_q = np.where(ok, band(qi, sigma), np.nan)
z = (qi - 1) / se
gated = np.where(z <= -1.96, np.minimum(band_q, 5), np.where(z >= 1.96, np.maximum(band_q, 7), 6))
gated = np.where(ok, gated, np.nan)
complete = ~np.isnan(F).any(axis=1)
fit = complete & ok
model = sm.OLS(qi[fit], sm.add_constant(F[fit])).fit()
yhat = np.where(complete, model.params[0] + np.nan_to_num(F) @ model.params[1:], np.nan)
isbsh = yhat / yhat[fit].mean()
sigma_i = np.std(isbsh[complete], ddof=1)
isbsh_group = np.where(complete, band(isbsh, sigma_i), np.nan)
residual = np.where(fit, qi - yhat, np.nan)
beta = model.params[1:] * F[fit].std(axis=0, ddof=1) / qi[fit].std(ddof=1)
low = [bool(any(n >= 5 and f / n >= 0.3 for f, n in zip(fr, nr) if not np.isnan(f) and not np.isnan(n))) for fr, nr in zip(FA, N)]
out = lambda a: [None if np.isnan(v) else float(v) for v in a]
json.dump({
  'qi': out(qi), 'se': out(se), 'band': out(band_q), 'gated': out(gated), 'isbsh': out(isbsh), 'isbshGroup': out(isbsh_group),
  'residual': out(residual), 'low': low,
  'model': {'b': [float(v) for v in model.params], 'se': [float(v) for v in model.bse], 't': [float(v) for v in model.tvalues],
            'p': [float(v) for v in model.pvalues], 'beta': [float(v) for v in beta], 'r2': float(model.rsquared),
            'adjR2': float(model.rsquared_adj), 'n': int(model.nobs), 'residualSD': float(np.sqrt(model.scale))},
}, sys.stdout)
`;

interface Reference {
  qi: (number | null)[];
  se: (number | null)[];
  band: (number | null)[];
  gated: (number | null)[];
  isbsh: (number | null)[];
  isbshGroup: (number | null)[];
  residual: (number | null)[];
  low: boolean[];
  model: { b: number[]; se: number[]; t: number[]; p: number[]; beta: number[]; r2: number; adjR2: number; n: number; residualSD: number };
}

const ref: Reference = JSON.parse(runPython(['-c', PYTHON],
  JSON.stringify({ means: MEANS, participants: PARTICIPANTS, sds: SDS, factors: FACTORS, fails: FAILS })));

/** A returned column against reference values: blanks where the reference has none. */
function expectColumn(got: Grid, want: (number | null)[], digits = 10): void {
  expect(got).toHaveLength(want.length);
  got.forEach((row, i) => {
    expect(row).toHaveLength(1);
    if (want[i] === null) expect(row[0]).toBe('');
    else expect(row[0] as number).toBeCloseTo(want[i]!, digits);
  });
}

/** Same shape and numbers as the engine's own result (the bundle may differ in the last bits: its matrix code is smaller). */
function expectSameAsEngine(got: Grid, engine: unknown[][]): void {
  expect(got).toHaveLength(engine.length);
  got.forEach((row, i) => row.forEach((v, j) => {
    const e = engine[i][j];
    if (typeof e === 'number') expect(v as number).toBeCloseTo(e, 12);
    else expect(v).toEqual(e);
  }));
}

const column = (g: Grid) => g.map((r) => [r[0]]);

describe('custom functions in the bundle', () => {
  const qi = call('QUALITY_INDEX', MEANS);
  const se = call('QUALITY_SE', MEANS, PARTICIPANTS, SDS);
  const isbsh = call('ISBSH', qi, FACTORS);

  test('QUALITY_INDEX: column means over non-blank cells, then the row mean; a blank row stays blank', () => {
    expectColumn(qi, ref.qi);
    expect(qi[5]).toEqual(['']);
    // By hand for the primary school (row 9): only ВПР-4; X = mean of the eleven ВПР-4 means.
    const vpr = [3.9, 4.25, 3.4, 3.75, 4.1, 3.2, 3.85, 4.4, 3.55, 3.95, 3.3];
    expect(qi[8][0] as number).toBeCloseTo(4.4 / (vpr.reduce((a, b) => a + b, 0) / vpr.length), 12);
    expectSameAsEngine(qi, qualityIndexColumn(MEANS as never));
  });

  test('QUALITY_SE: pooled within-school SD where a school gives none', () => {
    expectColumn(se, ref.se);
    expectSameAsEngine(se, qualitySEColumn(MEANS as never, PARTICIPANTS as never, SDS as never));
  });

  test('NOR_GROUP: the band alone, and with the significance gate when se is given', () => {
    const band = call('NOR_GROUP', qi);
    expectColumn(band, ref.band);
    const gated = call('NOR_GROUP', qi, se);
    expectColumn(gated, ref.gated);
    expectSameAsEngine(gated, norGroupColumn(qi as never, se as never));
    // The gate matters on this data: two schools above the band's average are not significantly so.
    expect(ref.gated.filter((g, i) => g !== ref.band[i])).toEqual([6, 6]);
  });

  test('ISBSH and ISBSH_GROUP: ŷ / mean(ŷ) where every factor is given', () => {
    expectColumn(isbsh, ref.isbsh);
    expect(isbsh[3]).toEqual(['']);
    expectSameAsEngine(isbsh, isbshColumn(qi as never, FACTORS as never));
    const groups = call('ISBSH_GROUP', isbsh);
    expectColumn(groups, ref.isbshGroup);
    expectSameAsEngine(groups, isbshGroupColumn(isbsh as never));
  });

  test('VALUE_ADDED: the residual QI − ŷ', () => {
    const va = call('VALUE_ADDED', qi, FACTORS);
    expectColumn(va, ref.residual);
    expectSameAsEngine(va, valueAddedColumn(qi as never, FACTORS as never));
  });

  test('ISBSH_MODEL: a LINEST-like table labelled in Russian, equal to statsmodels OLS', () => {
    const names = [['Родители с ВО, %', 'КДН и ПДН, %', 'Неполные семьи, %']];
    const table = call('ISBSH_MODEL', qi, FACTORS, names);
    expect(table[0]).toEqual(['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'β']);
    expect(table[1][0]).toBe('Свободный член');
    expect(table[1][1] as number).toBeCloseTo(ref.model.b[0], 10);
    names[0].forEach((name, j) => {
      const row = table[2 + j];
      expect(row[0]).toBe(name);
      expect(row[1] as number).toBeCloseTo(ref.model.b[j + 1], 10);
      expect(row[2] as number).toBeCloseTo(ref.model.se[j + 1], 10);
      expect(row[3] as number).toBeCloseTo(ref.model.t[j + 1], 8);
      expect(row[4] as number).toBeCloseTo(ref.model.p[j + 1], 8);
      expect(row[5] as number).toBeCloseTo(ref.model.beta[j], 10);
    });
    const stat = (label: string) => table.find((r) => r[0] === label)![1] as number;
    expect(stat('R²')).toBeCloseTo(ref.model.r2, 10);
    expect(stat('Скорректированный R²')).toBeCloseTo(ref.model.adjR2, 10);
    expect(stat('n')).toBe(ref.model.n);
    expect(stat('СО остатков')).toBeCloseTo(ref.model.residualSD, 10);
    expectSameAsEngine(table, isbshModelTable(qi as never, FACTORS as never, names as never));
    // Without names the factors are numbered.
    expect(call('ISBSH_MODEL', qi, FACTORS)[2][0]).toBe('Фактор 1');
  });

  test('LOW_RESULTS: the federal rule, threshold written as 30, «30%» or 0,3', () => {
    const want = ref.low.map((v, i) => (i === 5 ? '' : v));
    for (const threshold of [undefined, 30, '30%', 0.3, '0,3']) {
      expect(call('LOW_RESULTS', FAILS, PARTICIPANTS, threshold).map((r) => r[0])).toEqual(want);
    }
    expectSameAsEngine(call('LOW_RESULTS', FAILS, PARTICIPANTS, 30, 5), lowResultsColumn(FAILS as never, PARTICIPANTS as never, 30, 5));
    // 2 of 6 failing is 33%: low with a minimum of 5 participants, not counted with a minimum of 7.
    expect(call('LOW_RESULTS', [[0, 2]], [[40, 6]], 30, 5)).toEqual([[true]]);
    expect(call('LOW_RESULTS', [[0, 2]], [[40, 6]], 30, 7)).toEqual([[false]]);
  });

  test('SCHOOL_CATEGORY: the categories from the two groups', () => {
    const nor = [[3], [3], [8], [6], [9], [''], [6]];
    const soc = [[2], [7], [3], [4], [6], [5], ['']];
    expect(call('SCHOOL_CATEGORY', nor, soc).map((r) => r[0])).toEqual([
      'ШНОР и ШФНСУ', 'ШНОР', 'резильентная', 'ШФНСУ', 'высокие результаты', '', 'средние',
    ]);
    const groups = call('NOR_GROUP', qi, se);
    const isbshGroups = call('ISBSH_GROUP', isbsh);
    expectSameAsEngine(call('SCHOOL_CATEGORY', groups, isbshGroups), schoolCategoryColumn(groups as never, isbshGroups as never));
  });

  test('a single cell arrives as a bare value', () => {
    expect(call('SCHOOL_CATEGORY', 3, 2)).toEqual([['ШНОР и ШФНСУ']]);
    expect(call('QUALITY_INDEX', 4.2)).toEqual([[1]]);
  });
});

describe('bad arguments: an Error whose message says in Russian what to fix', () => {
  function errorOf(name: string, ...args: unknown[]): Error {
    try {
      gas[name](...args);
    } catch (e) {
      return e as Error;
    }
    throw new Error(`${name} did not throw`);
  }

  test.each([
    ['ranges of different heights', 'QUALITY_SE', [MEANS, PARTICIPANTS.slice(1)], 'Диапазоны means и participants разной высоты: 12 строк и 11 строк; выделите одинаковые строки школ'],
    ['text where a number belongs', 'QUALITY_INDEX', [[[3.9, 'двадцать']]], 'Аргумент means, строка 1, столбец 2: ожидалось число, найдено «двадцать»'],
    ['too few rows for the regression', 'ISBSH', [[[1], [1.1], [0.9]], [[1, 2, 3], [2, 3, 1], [3, 1, 2]]], 'Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами 3, нужно не меньше 5'],
    ['names that do not match the factors', 'ISBSH_MODEL', [[[1], [2]], [[1, 2], [3, 4]], [['один']]], 'Названий факторов 1, а столбцов в factors 2: укажите по одному названию на столбец'],
    ['a group outside 1–11', 'SCHOOL_CATEGORY', [[[12]], [[3]]], 'Аргумент nor_group, строка 1: группа должна быть целым числом от 1 до 11, найдено 12,00'],
    ['no spread for the groups', 'NOR_GROUP', [[[1.1], [1.1]]], 'В quality_index меньше двух разных значений: группы по отклонению от среднего не определить'],
  ])('%s', (_what, name, args, message) => {
    const e = errorOf(name as string, ...(args as unknown[]));
    expect(e.name).toBe('Error');
    expect(e.message).toBe(message);
  });

  test('collinear factors: the message of the engine, naming them', () => {
    const q = [[0.9], [1.1], [1.0], [0.8], [1.2], [1.05], [0.95]];
    const f = [[10, 1], [20, 2], [30, 1], [40, 3], [50, 2], [60, 4], [70, 1]].map(([a, b]) => [a, b, a - 2 * b]);
    const names = [['А', 'Б', 'В']];
    let engine = '';
    try { isbshModelTable(q as never, f as never, names as never); } catch (e) { engine = (e as Error).message; }
    expect(engine).toBe('Модель ИСБШ не рассчитана: факторы «А», «Б», «В» линейно зависимы (один выражается через другие); уберите один из них на листе «Настройки»');
    expect(errorOf('ISBSH_MODEL', q, f, names).message).toBe(engine);
  });
});

describe('the objectivity functions in the bundle (by hand: the pooled region x̄ 11,25, upper 12,28)', () => {
  test('OBJECTIVITY_MARKERS, COHORT_CHANGE, OBJECTIVITY_INDEX as Sheets passes ranges', () => {
    const markers = call('OBJECTIVITY_MARKERS', [[15], ['10'], ['10,0'], ['']], [[2], [2], [3], ['']], [[10], [10], [20], ['']], undefined, [['ВПР-4 Математика']]);
    expect(markers).toEqual([['завышенный средний балл: ВПР-4 Математика'], ['нет'], ['нет'], ['']]);
    // K = 1, 1, 1, 1, 1,1, 3: Q75 + 3·IQR = 1,3, so the last is a sharp drop.
    const cohort = call('COHORT_CHANGE', [[50], [50], [50], [50], [55], [75]], [[50], [50], [50], [50], [50], [25]]);
    expect(cohort.map((r) => r[1])).toEqual(['нет', 'нет', 'нет', 'нет', 'нет', 'резкое снижение']);
    // 2 of 3 computed schools clear: 100 − 100/3.
    expect(call('OBJECTIVITY_INDEX', markers)[0][0]).toBeCloseTo(100 - 100 / 3, 12);
    expect(call('OBJECTIVITY_INDEX', [['да'], ['нет']], [['А'], ['Б']])).toEqual([['Муниципалитет', 'Индекс объективности'], ['А', 0], ['Б', 100], ['Регион в целом', 50]]);
    expect(() => gas.OBJECTIVITY_MARKERS([[1]], [[1]], [[10]], [[2]])).toThrow(/spearman, строка 1, столбец 1: ожидалось число от −1 до 1, найдено «2»/);
  });
});
