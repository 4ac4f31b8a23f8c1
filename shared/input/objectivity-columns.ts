/**
 * The optional columns of «Результаты» that the objectivity markers read (docs/data.md): written by
 * `shnor import vpr-pupils` (the ФИС ОКО «Индивидуальные результаты») and the import of the
 * comparison with the journal, or by hand. One table: the reader's header specs, its range checks
 * and the engine's column positions.
 */

export interface ObjectivityColumn {
  key: string;
  title: string;
  synonyms: string[];
  min: number;
  max: number;
  integer: boolean;
  /** Must be above 0 (the maximum primary score). */
  positive: boolean;
  /** The range as the message says it. */
  range: string;
}

const col = (key: string, title: string, synonyms: string[], min: number, max: number, range: string, integer = false, positive = false): ObjectivityColumn =>
  ({ key, title, synonyms, min, max, integer, positive, range });

const ANY = Number.MAX_VALUE;

export const OBJECTIVITY_COLUMNS: readonly ObjectivityColumn[] = [
  col('primaryMean', 'Средний первичный балл', ['Средний первичный'], 0, ANY, 'не меньше 0'),
  col('primaryMax', 'Максимальный первичный балл', ['Максимальный балл', 'Макс. первичный балл'], 0, ANY, 'больше 0', false, true),
  col('primarySD', 'Стандартное отклонение первичного балла', ['СКО первичного балла'], 0, ANY, 'не меньше 0'),
  col('percent', 'Средний процент выполнения', ['Средний процент выполнения, %', 'Процент выполнения'], 0, 100, 'от 0 до 100'),
  col('spearman', 'Корреляция с журналом', ['Корреляция с отметками по журналу', 'rs'], -1, 1, 'от −1 до 1'),
  col('spearmanN', 'Участников с отметкой по журналу', [], 0, ANY, 'не меньше 0', true),
  col('lowered', 'Понизили, %', ['Понизили'], 0, 100, 'от 0 до 100'),
  col('confirmed', 'Подтвердили, %', ['Подтвердили'], 0, 100, 'от 0 до 100'),
  col('raised', 'Повысили, %', ['Повысили'], 0, 100, 'от 0 до 100'),
  col('comparisonN', 'Участников сравнения с журналом', ['Участников сравнения'], 0, ANY, 'не меньше 0', true),
];

/** Positions in a row of `ResultTable.objectivity`. */
export const OBJ = {
  primaryMean: 0, primaryMax: 1, primarySD: 2, percent: 3, spearman: 4, spearmanN: 5,
  lowered: 6, confirmed: 7, raised: 8, comparisonN: 9,
} as const;

export const OBJECTIVITY_WIDTH = OBJECTIVITY_COLUMNS.length;
