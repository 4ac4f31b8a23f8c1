/** Every Russian text of the objectivity markers: labels, reasons, the sheet's and the note's words. */
import { NO_DATA, fmt, NOUN, plural } from '../messages';

export type MarkerKind = 'inflated-mean' | 'journal-mismatch' | 'sharp-rise' | 'sharp-drop' | 'journal-lowered';

export const MARKER_LABEL: Record<MarkerKind, string> = {
  'inflated-mean': 'завышенный средний балл',
  'journal-mismatch': 'расхождение с отметками по журналу',
  'sharp-rise': 'резкий рост результатов когорты',
  'sharp-drop': 'резкое снижение результатов когорты',
  'journal-lowered': 'понижение отметок относительно журнала (дополнение региона)',
};

/** Short labels for the sheet's column headers. */
export const MARKER_SHORT: Record<MarkerKind, string> = {
  'inflated-mean': 'Завышенный балл',
  'journal-mismatch': 'rₛ с журналом < 0',
  'sharp-rise': 'Резкий рост',
  'sharp-drop': 'Резкое снижение',
  'journal-lowered': 'Понизили (дополнение региона)',
};

export const STATUS_TEXT = { marked: 'да', clear: 'нет', 'no-data': NO_DATA, 'n/a': '' } as const;

const people = (n: number) => `${n} ${plural(n, NOUN.participant)}`;

export const OBJ_MSG = {
  regionalNote: 'дополнение региона, не признак Рособрнадзора',
  inflated: (indicator: string, schoolLow: number, regionHigh: number, m: number, onMarks: boolean) =>
    `нижняя граница 95% интервала школы ${fmt(schoolLow, 1)} выше верхней границы по региону ${fmt(regionHigh, 1)} (${indicator}, ${people(m)})` +
    (onMarks ? '; интервал построен по отметкам: нет стандартного отклонения балла' : ''),
  mismatch: (indicator: string, rs: number, m: number) =>
    `ранговая корреляция отметок по журналу с первичным баллом rₛ = ${fmt(rs, 2)} < 0 (${indicator}, ${m} ${plural(m, NOUN.participant)} с отметкой по журналу)`,
  sharp: (kind: 'sharp-rise' | 'sharp-drop', subject: string, s4: number, s5: number, k: number, limit: number, year: number) =>
    `${kind === 'sharp-drop' ? 'резкое снижение' : 'резкий рост'} результатов когорты (${subject}): K = S(4 класс, ${year - 1}) / S(5 класс, ${year}) = ` +
    `${fmt(s4, 1)} / ${fmt(s5, 1)} = ${fmt(k, 3)} ${kind === 'sharp-drop' ? 'выше Q75 + 3·IQR' : 'ниже Q25 − 3·IQR'} = ${fmt(limit, 3)}`,
  lowered: (indicator: string, share: number, regionShare: number, z: number, m: number) =>
    `дополнение региона (не признак Рособрнадзора): понизили отметку по журналу ${fmt(share * 100, 1)}% участников против ${fmt(regionShare * 100, 1)}% по региону, ` +
    `z = ${fmt(z, 2)}, не менее 1,96 (${indicator}, ${people(m)})`,
  /** The sentence added to the reason of a school that is not ШНОР while its results carry the marker. */
  notShnorButInflated: (indicators: string[]) =>
    `результаты, по которым школа не вошла в ШНОР, имеют признак необъективности «завышенный средний балл» (${indicators.join(', ')}): проверьте их объективность`,
  sheetTitle: (year: number) => `Признаки необъективности результатов (методика Рособрнадзора), ${year} год`,
  sheetMethod: (min: number) =>
    `Признак не рассчитывается («${NO_DATA}»), когда участников меньше ${min} или статистика не определена; ` +
    'индекс объективности = 100 − доля школ хотя бы с одним признаком, % (по школам, где рассчитан хотя бы один признак); «понизили» — дополнение региона, в индекс не входит',
  noData: NO_DATA,
};
