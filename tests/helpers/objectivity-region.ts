/** The generated region of the objectivity reference (tests/reference/reference_objectivity.py) and its grids. */
import * as path from 'path';
import type { Grid } from '../../shared/types';
import { runPython } from './python';

interface RefRow { [key: string]: string | number }
export interface Ref {
  year: number;
  schools: { code: string; name: string; municipality: string; planted: string[] }[];
  rows: RefRow[];
  expected: {
    markers: string[];
    status: Record<string, string[]>;
    k: Record<string, (number | null)[]>;
    low: Record<string, (number | null)[]>;
    intervals: { indicator: string; basis: string; participants: number; schools: number; mean: number; sd: number; low: number; high: number }[];
    cohorts: { subject: string; count: number; q25: number; q75: number; iqr: number; low: number; high: number }[];
    loweredShares: (number | null)[];
    index: number | null; indexWithAdditions: number | null; computed: number; marked: number;
    municipalities: { name: string; schools: number; computed: number; marked: number; index: number | null; indexWithAdditions: number | null }[];
  };
}

const COLUMNS: [string, string][] = [
  ['year', 'Год'], ['code', 'Код ОО'], ['procedure', 'Процедура'], ['grade', 'Класс'], ['subject', 'Предмет'], ['n', 'Участников'],
  ['mean', 'Средний балл'], ['sd', 'Стандартное отклонение'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5'],
  ['primaryMean', 'Средний первичный балл'], ['primaryMax', 'Максимальный первичный балл'], ['primarySD', 'Стандартное отклонение первичного балла'],
  ['percent', 'Средний процент выполнения'], ['spearman', 'Корреляция с журналом'], ['spearmanN', 'Участников с отметкой по журналу'],
  ['lowered', 'Понизили, %'], ['confirmed', 'Подтвердили, %'], ['raised', 'Повысили, %'], ['comparisonN', 'Участников сравнения с журналом'],
];

export function referenceRegion(schools: number, seed: number, minN = 5): Ref {
  return JSON.parse(runPython([path.join(__dirname, '..', 'reference', 'reference_objectivity.py'), String(schools), String(seed), String(minN)]));
}

export function gridsOf(ref: Ref): { schools: Grid; results: Grid } {
  return {
    schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ...ref.schools.map((s) => [s.code, s.name, s.municipality])],
    results: [COLUMNS.map(([, title]) => title), ...ref.rows.map((r) => COLUMNS.map(([key]) => (r[key] === undefined ? null : r[key])))],
  };
}

