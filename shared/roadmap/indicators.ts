/**
 * Target indicators («целевые показатели»): a base value, a planned value per period, a unit, a
 * direction (more or less is better) and a comparator («не менее», «не более», да/нет); with the
 * fact, the achievement and a status. The same rule is written as spreadsheet formulas, so a
 * template computes live and the engine computes identically when it reads the sheet back.
 */
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { normalizeHeader } from '../input/table';
import type { Cell, Grid, Problem } from '../types';
import { isTextLine } from './roadmap';
import {
  COMPARATOR, DIRECTION, INDICATOR_HEADERS, INDICATOR_STATUS, type IndicatorStatus, RM, YES, NO,
} from './messages';
import type { Formula, TemplateBlock, TemplateColumn, TemplateRow, Validation } from './template-sheet';

export type Comparator = (typeof COMPARATOR)[keyof typeof COMPARATOR] | '';
export type Direction = 'higher' | 'lower';
/** A plan or fact: a number (a share as a fraction, 0.85 for 85%), «да»/«нет» or other text. */
export type IndicatorValue = number | string | null;

export interface AchievementInput {
  comparator: Comparator;
  direction: Direction;
  base: IndicatorValue;
  plan: IndicatorValue;
  fact: IndicatorValue;
}

export interface Achievement {
  /**
   * Share of the way from base to plan, (fact − base) / (plan − base), when the base is known and
   * differs from the plan; otherwise fact / plan (plan / fact when less is better); 1 or 0 for да/нет.
   * Null when plan or fact is missing.
   */
  achievement: number | null;
  status: IndicatorStatus;
}

const blank = (v: IndicatorValue) => v === null || (typeof v === 'string' && v.trim() === '');

/** Less is better: «не более», or no comparator and the direction says so. */
export function lowerIsBetter(comparator: Comparator, direction: Direction): boolean {
  return comparator === COMPARATOR.atMost || (comparator !== COMPARATOR.atLeast && direction === 'lower');
}

/**
 * Achievement and status of one indicator in one period; the rule of the template's formulas.
 * @example indicatorAchievement({ comparator: 'не более', direction: 'lower', base: 15, plan: 0, fact: 5 })
 *   // { achievement: 0.667, status: 'частично' } — moved two thirds of the way from 15 to 0
 */
export function indicatorAchievement(x: AchievementInput): Achievement {
  if (blank(x.plan)) return { achievement: null, status: INDICATOR_STATUS.noPlan };
  if (blank(x.fact)) return { achievement: null, status: INDICATOR_STATUS.noFact };
  if (x.comparator === COMPARATOR.yesNo) {
    const same = String(x.fact).trim().toLowerCase() === String(x.plan).trim().toLowerCase();
    return { achievement: same ? 1 : 0, status: same ? INDICATOR_STATUS.achieved : INDICATOR_STATUS.notAchieved };
  }
  if (typeof x.plan !== 'number' || typeof x.fact !== 'number') return { achievement: null, status: INDICATOR_STATUS.badValue };
  const { plan, fact } = x;
  const lower = lowerIsBetter(x.comparator, x.direction);
  const base = typeof x.base === 'number' ? x.base : null;
  let achievement: number;
  if (base !== null && base !== plan) achievement = (fact - base) / (plan - base);
  else if (lower) achievement = fact === 0 ? 1 : plan / fact;
  else achievement = plan === 0 ? 1 : fact / plan;
  const met = lower ? fact <= plan : fact >= plan;
  const improved = base !== null && (lower ? fact < base : fact > base);
  return { achievement, status: met ? INDICATOR_STATUS.achieved : improved ? INDICATOR_STATUS.partly : INDICATOR_STATUS.notAchieved };
}

/** Column letters of an indicator table, for its formulas. */
export interface IndicatorColumns {
  direction: string;
  comparator: string;
  base: string;
  plan: string;
  fact: string;
}

/** The standard layout: A №, B Показатель, C Единица, D Направление, E Сравнение, F База, G Период, H План, I Факт, J Выполнение, K Статус, L Источник. */
export const INDICATOR_LETTERS: IndicatorColumns = { direction: 'D', comparator: 'E', base: 'F', plan: 'H', fact: 'I' };

function parts(c: IndicatorColumns) {
  const [D, E, F, H, I] = [c.direction, c.comparator, c.base, c.plan, c.fact].map((l) => `${l}{r}`);
  const low = `OR(${E}="${COMPARATOR.atMost}",AND(${E}<>"${COMPARATOR.atLeast}",${D}="${DIRECTION.lower}"))`;
  const yn = `${E}="${COMPARATOR.yesNo}"`;
  const same = `LOWER(${I})=LOWER(${H})`;
  const notNumbers = `OR(NOT(ISNUMBER(${H})),NOT(ISNUMBER(${I})))`;
  return { F, H, I, low, yn, same, notNumbers };
}

/** «Выполнение» as a formula (the same rule as indicatorAchievement). */
export function achievementFormula(c: IndicatorColumns = INDICATOR_LETTERS): string {
  const { F, H, I, low, yn, same, notNumbers } = parts(c);
  return `=IF(OR(${H}="",${I}=""),"",IF(${yn},IF(${same},1,0),IF(${notNumbers},"",`
    + `IF(AND(ISNUMBER(${F}),${F}<>${H}),(${I}-${F})/(${H}-${F}),IF(${low},IF(${I}=0,1,${H}/${I}),IF(${H}=0,1,${I}/${H}))))))`;
}

/** «Статус показателя» as a formula (the same rule as indicatorAchievement). */
export function statusFormula(c: IndicatorColumns = INDICATOR_LETTERS): string {
  const { F, H, I, low, yn, same, notNumbers } = parts(c);
  const S = INDICATOR_STATUS;
  return `=IF(${H}="","${S.noPlan}",IF(${I}="","${S.noFact}",IF(${yn},IF(${same},"${S.achieved}","${S.notAchieved}"),`
    + `IF(${notNumbers},"${S.badValue}",IF(IF(${low},${I}<=${H},${I}>=${H}),"${S.achieved}",`
    + `IF(AND(ISNUMBER(${F}),IF(${low},${I}<${F},${I}>${F})),"${S.partly}","${S.notAchieved}"))))))`;
}

/** Units officials use; «%» values are fractions shown as percent. */
export const UNIT = { percent: '%', count: 'ед.', people: 'чел.', yesNo: 'да/нет', events: 'мероприятий', practices: 'практик' } as const;

/** One indicator as a template states it: plans per period, and facts where the tool knows them. */
export interface IndicatorSpec {
  number: string;
  name: string;
  unit: string;
  comparator: Comparator;
  direction: Direction;
  base?: IndicatorValue;
  plans: { period: string; plan: IndicatorValue; fact?: IndicatorValue | Formula; source?: string }[];
  /** Where the indicator comes from, or how its fact is measured. */
  source?: string;
  /** Choices for a да/нет fact beyond «да» and «нет». */
  choices?: string[];
}

const percentValidation: Validation = { type: 'decimal', min: 0, max: 1 };
const countValidation: Validation = { type: 'decimal', min: 0 };

function valueValidation(spec: IndicatorSpec): Validation {
  if (spec.comparator === COMPARATOR.yesNo) return { type: 'list', values: spec.choices ?? [YES, NO], strict: true };
  return spec.unit === UNIT.percent ? percentValidation : countValidation;
}

function valueFormat(spec: IndicatorSpec): string | undefined {
  if (spec.comparator === COMPARATOR.yesNo) return '@';
  return spec.unit === UNIT.percent ? '0%' : '0';
}

export const INDICATOR_COLUMNS: TemplateColumn[] = [
  { header: INDICATOR_HEADERS.number },
  { header: INDICATOR_HEADERS.name },
  { header: INDICATOR_HEADERS.unit, validation: { type: 'list', values: Object.values(UNIT), strict: false } },
  { header: INDICATOR_HEADERS.direction, validation: { type: 'list', values: [DIRECTION.higher, DIRECTION.lower], strict: true } },
  { header: INDICATOR_HEADERS.comparator, validation: { type: 'list', values: [COMPARATOR.atLeast, COMPARATOR.atMost, COMPARATOR.yesNo], strict: true } },
  { header: INDICATOR_HEADERS.base },
  { header: INDICATOR_HEADERS.period },
  { header: INDICATOR_HEADERS.plan },
  { header: INDICATOR_HEADERS.fact },
  { header: INDICATOR_HEADERS.achievement, format: '0%', computed: true },
  { header: INDICATOR_HEADERS.status, computed: true },
  { header: INDICATOR_HEADERS.source },
];

export const INDICATOR_WIDTHS = [7, 60, 9, 15, 11, 11, 16, 11, 11, 12, 16, 45];

/** One row per indicator and period, with live achievement and status formulas. */
export function indicatorBlock(specs: IndicatorSpec[], caption?: string, headings?: Map<string, string>): TemplateBlock {
  const rows: TemplateRow[] = [];
  for (const spec of specs) {
    const heading = headings?.get(spec.number);
    if (heading) rows.push({ cells: [heading], heading: true });
    for (const p of spec.plans) {
      const fmt = valueFormat(spec);
      const v = valueValidation(spec);
      const baseFmt = spec.comparator === COMPARATOR.yesNo ? '@' : fmt;
      rows.push({
        cells: [
          spec.number, spec.name, spec.unit, DIRECTION[spec.direction], spec.comparator, spec.base ?? null, p.period, p.plan,
          p.fact ?? null, { formula: achievementFormula() }, { formula: statusFormula() }, p.source ?? spec.source ?? null,
        ],
        formats: [undefined, undefined, undefined, undefined, undefined, baseFmt, undefined, fmt, fmt],
        validations: [undefined, undefined, undefined, undefined, undefined, v, undefined, v, v],
      });
    }
  }
  return {
    role: 'indicators',
    caption,
    columns: INDICATOR_COLUMNS,
    rows,
    blankRows: 10,
    blankFormulas: [null, null, null, null, null, null, null, null, null, achievementFormula(), statusFormula(), null],
  };
}

export interface IndicatorRecord {
  sheet: string;
  row: number;
  number: string;
  name: string;
  unit: string;
  direction: Direction;
  comparator: Comparator;
  base: IndicatorValue;
  period: string;
  plan: IndicatorValue;
  fact: IndicatorValue;
  source: string;
  result: Achievement;
}

const KEYS = Object.entries(INDICATOR_HEADERS) as [keyof typeof INDICATOR_HEADERS, string][];
const SYN: Partial<Record<keyof typeof INDICATOR_HEADERS, string[]>> = {
  name: ['Наименование показателя', 'Целевой показатель'],
  unit: ['Единица измерения', 'Ед. изм.'],
  plan: ['Планируемое значение', 'Плановое значение'],
  fact: ['Фактическое значение'],
  base: ['Базовое значение показателя'],
  status: ['Статус'],
};

function headerOf(row: Cell[]): Partial<Record<keyof typeof INDICATOR_HEADERS, number>> | null {
  const cols: Partial<Record<keyof typeof INDICATOR_HEADERS, number>> = {};
  const names = row.map((c) => normalizeHeader(cellText(c)));
  for (const [key, title] of KEYS) {
    for (const t of [title, ...(SYN[key] ?? [])]) {
      const i = names.indexOf(normalizeHeader(t));
      if (i >= 0 && cols[key] === undefined) cols[key] = i;
    }
  }
  return cols.name !== undefined && cols.plan !== undefined ? cols : null;
}

/** A plan or fact cell: numbers (a «%» text becomes a fraction), text kept, blank null. */
export function indicatorValue(cell: Cell): IndicatorValue {
  if (isBlank(cell)) return null;
  const p = parseNumber(cell);
  if (p.kind === 'number') return p.percent ? p.value / 100 : p.value;
  if (p.kind === 'missing') return null;
  return cellText(cell);
}

function comparatorOf(cell: Cell): Comparator {
  const t = cellText(cell).toLowerCase();
  return t === COMPARATOR.atLeast || t === COMPARATOR.atMost || t === COMPARATOR.yesNo ? t : '';
}

/** Every target-indicator table on a sheet, row by row, with achievement and status computed. */
export function readIndicators(grid: Grid, sheet: string): { rows: IndicatorRecord[]; problems: Problem[] } {
  const rows: IndicatorRecord[] = [];
  const problems: Problem[] = [];
  let cols: ReturnType<typeof headerOf> = null;
  let current = { number: '', name: '', unit: '' };
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const header = headerOf(row);
    if (header) {
      cols = header;
      continue;
    }
    if (!cols) continue;
    if (row.every(isBlank) || isTextLine(row)) continue;
    const get = (k: keyof typeof INDICATOR_HEADERS) => (cols![k] === undefined ? null : row[cols![k]!]);
    const name = cellText(get('name'));
    const plan = indicatorValue(get('plan'));
    const fact = indicatorValue(get('fact'));
    if (!name && plan === null && fact === null) continue;
    if (name) current = { number: cellText(get('number')), name, unit: cellText(get('unit')) };
    const comparator = comparatorOf(get('comparator'));
    const direction: Direction = cellText(get('direction')) === DIRECTION.lower ? 'lower' : 'higher';
    const base = indicatorValue(get('base'));
    for (const [k, v] of [['plan', plan], ['fact', fact]] as const) {
      if (typeof v === 'string' && comparator !== COMPARATOR.yesNo) {
        problems.push({ sheet, row: r + 1, column: INDICATOR_HEADERS[k], message: RM.badIndicatorValue(v), severity: 'warning' });
      }
    }
    rows.push({
      sheet, row: r + 1, number: current.number, name: current.name, unit: cellText(get('unit')) || current.unit,
      direction, comparator, base, period: cellText(get('period')), plan, fact, source: cellText(get('source')),
      result: indicatorAchievement({ comparator, direction, base, plan, fact }),
    });
  }
  return { rows, problems };
}
