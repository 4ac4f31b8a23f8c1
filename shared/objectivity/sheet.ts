/**
 * «Объективность ГГГГ»: one row per school with every marker as a column («да», «нет»,
 * «недостаточно данных»), the count and the reasons; then the municipal table with the index of
 * objectivity, the limits of K and the region's intervals. Host-neutral like report-tables.ts.
 */
import { fmt } from '../messages';
import type { OutCell, OutColumn, OutputSheet, TableBlock } from '../report-tables';
import { JOURNAL_INDICATORS, MARKERS, type Objectivity, ROSOBRNADZOR_MARKERS, SUBJECTS } from './engine';
import { MARKER_SHORT, OBJ_MSG, STATUS_TEXT } from './messages';

export const objectivitySheetName = (year: number): string => `Объективность ${year}`;

const BASIS_TEXT = { primary: 'первичный балл', score: 'средний балл', marks: 'отметки (нет стандартного отклонения балла)' } as const;

/** The sheet's line on the index, for the title and the note. */
export function objectivityIndexLine(o: Objectivity): string {
  if (o.index === null) return 'Индекс объективности не рассчитан: ни у одной школы нет данных для признаков';
  return `Индекс объективности региона: ${fmt(o.index, 1)} (школ с рассчитанными признаками — ${o.computed}, с признаками — ${o.marked})` +
    (o.indexWithAdditions !== null && o.indexWithAdditions !== o.index ? `; с дополнением региона — ${fmt(o.indexWithAdditions, 1)}` : '');
}

export function objectivitySheet(o: Objectivity, year: number): OutputSheet {
  const markerHeaders = MARKERS.map((m) => `${MARKER_SHORT[m.kind]}: ${m.target}`);
  const header = [
    'Код ОО', 'Наименование ОО', 'Муниципалитет', ...markerHeaders, 'Число признаков',
    ...SUBJECTS.map((s) => `K (${s})`),
    ...JOURNAL_INDICATORS.flatMap((k) => [`rₛ с журналом: ${k}`, `Понизили, %: ${k}`, `Подтвердили, %: ${k}`, `Повысили, %: ${k}`]),
    'Обоснование',
  ];
  const rows: OutCell[][] = o.schools.map((s) => [
    s.code, s.name, s.municipality,
    ...s.status.map((v) => STATUS_TEXT[v] || null),
    s.computed ? s.markers.filter((id) => !id.startsWith('journal-lowered:')).length : null,
    ...s.k,
    ...s.journal.flatMap((j) => (j ? [j.rs, j.lowered, j.confirmed, j.raised] : [null, null, null, null])),
    s.reasons.length ? s.reasons.join('; ') : null,
  ]);
  const blocks: TableBlock[] = [{ header, rows }];
  blocks.push({
    caption: 'Индекс объективности по муниципалитетам (100 − доля школ хотя бы с одним признаком, %)',
    header: ['Муниципалитет', 'Всего ОО', 'С рассчитанными признаками', 'С признаками', 'Индекс объективности', 'Индекс с дополнением региона'],
    rows: [
      ...o.municipalities.map((m) => [m.name, m.schools, m.computed, m.marked, m.index, m.indexWithAdditions]),
      ['Регион в целом', o.schools.length, o.computed, o.marked, o.index, o.indexWithAdditions],
    ],
    formats: ['@', '0', '0', '0', '0.0', '0.0'],
  });
  if (o.cohorts.length) {
    blocks.push({
      caption: 'Резкое изменение результатов когорты: K = S(4 класс, прошлый год) / S(5 класс, этот год), пределы Q25 − 3·IQR и Q75 + 3·IQR',
      header: ['Предмет', 'Школ с K', 'Q25', 'Q75', 'IQR', 'Нижний предел (резкий рост)', 'Верхний предел (резкое снижение)'],
      rows: o.cohorts.map((c) => [c.subject, c.count, c.q25, c.q75, c.iqr, c.low, c.high]),
      formats: ['@', '0', '0.000', '0.000', '0.000', '0.000', '0.000'],
    });
  }
  if (o.intervals.length) {
    blocks.push({
      caption: '95% интервал среднего по региону (все участники; СО объединено по школам)',
      header: ['Показатель', 'Основа', 'Участников', 'Школ', 'Среднее', 'Стандартное отклонение', 'Нижняя граница', 'Верхняя граница'],
      rows: o.intervals.map((r) => [r.indicator, BASIS_TEXT[r.basis], r.participants, r.schools, r.mean, r.sd, r.low, r.high]),
      formats: ['@', '@', '0', '0', '0.00', '0.00', '0.00', '0.00'],
    });
  }
  const columns: OutColumn[] = [
    { width: 12 }, { width: 36, wrap: true }, { width: 22 },
    ...MARKERS.map((_, i): OutColumn => ({ width: i < ROSOBRNADZOR_MARKERS ? 13 : 15, wrap: true })),
    { width: 10, format: '0' },
    ...SUBJECTS.map((): OutColumn => ({ width: 10, format: '0.000' })),
    ...JOURNAL_INDICATORS.flatMap((): OutColumn[] => [{ width: 10, format: '0.00' }, { width: 10, format: '0.0' }, { width: 10, format: '0.0' }, { width: 10, format: '0.0' }]),
    { width: 70, wrap: true },
  ];
  return {
    name: objectivitySheetName(year),
    title: [OBJ_MSG.sheetTitle(year), objectivityIndexLine(o), OBJ_MSG.sheetMethod(o.minParticipants)],
    columns,
    blocks,
    filter: true,
  };
}
