/**
 * The output sheets of DATA.md as host-neutral tables: titles, headers, rows, number formats and
 * which columns are coloured by group. Every adapter (xlsx file, Excel, Google Sheets) writes
 * these same tables, so the three outputs cannot drift apart.
 */
import { CHANGE_TEXT, CATEGORY, CATEGORY_ORDER, type Category, SHEETS, categoryName, fmt, NOUN, counted } from './messages';
import type { Identification, SchoolResult } from './method/identify';
import { type ListKind, inShfnsuList, isShnor, listStatus, municipalitySummary, noStatusText } from './method/summary';
import { confidenceLevel } from './method/reason';
import { describeSettings } from './method/settings';
import { MARKERS } from './objectivity/engine';
import { objectivitySheet } from './objectivity/sheet';

export type OutCell = string | number | boolean | null;

export interface OutColumn {
  width: number;
  /** Excel/Sheets number format, e.g. '0.000'. */
  format?: string;
  /** Colour cells by group 1–11. */
  groupColors?: boolean;
  /** Colour cells by category text. */
  categoryColors?: boolean;
  wrap?: boolean;
}

export interface TableBlock {
  /** A caption above this block (for sheets with several tables). */
  caption?: string;
  header: string[];
  rows: OutCell[][];
  /** Number formats of this block's columns, where they differ from the sheet's columns (a second table on the sheet). */
  formats?: (string | undefined)[];
}

/** The number format of column `c` in `block`: the block's own, else the sheet column's (`columns`: the sheet's). */
export function blockFormat(columns: OutColumn[], block: TableBlock, c: number): string | undefined {
  return block.formats?.[c] ?? columns[c]?.format;
}

export interface OutputSheet {
  name: string;
  /** Lines above the tables (merged across the table's width). */
  title: string[];
  columns: OutColumn[];
  blocks: TableBlock[];
  /** Add a filter and freeze the header of the first block. */
  filter: boolean;
}

/** Width of one character of a bold header in column-width units (the default font's digit width). */
export const HEADER_CHAR_WIDTH = 1.1;
/** Cell padding and a little slack, in the same units. */
export const HEADER_PADDING = 2;

/** The width a header word needs on one line: a header wraps between words, never inside one. */
export function headerWordWidth(word: string): number {
  return Math.ceil(word.length * HEADER_CHAR_WIDTH + HEADER_PADDING);
}

/** The longest word of a header, by length. */
export function longestWord(header: string): string {
  return header.split(/\s+/).reduce((a, w) => (w.length > a.length ? w : a), '');
}

/**
 * Widens each column to its headers' longest word (of every block on the sheet), so that LibreOffice
 * and Excel wrap «Стандартная ошибка» between the words, not as «Стандартна я».
 */
export function fitHeaderWords(sheet: OutputSheet): OutputSheet {
  const columns = sheet.columns.map((c, i) => {
    const need = Math.max(0, ...sheet.blocks.map((b) => (b.header[i] ? headerWordWidth(longestWord(b.header[i])) : 0)));
    return need > c.width ? { ...c, width: need } : c;
  });
  return { ...sheet, columns };
}

/** Fill colours for groups 1 (lowest) … 11 (highest): red through white to green. */
export const GROUP_COLORS = [
  '#C62828', '#E53935', '#EF5350', '#EF9A9A', '#FFCDD2', '#FFFFFF',
  '#C8E6C9', '#A5D6A7', '#66BB6A', '#43A047', '#2E7D32',
];

/** Text colour that reads on each group fill. */
export const GROUP_TEXT_COLORS = GROUP_COLORS.map((_, i) => (i <= 1 || i >= 9 ? '#FFFFFF' : '#000000'));

/** Point colours by category in charts (the note's SVG, the Excel and Sheets scatter charts): stronger than the cell fills, so small dots read. */
export const CATEGORY_CHART_COLORS: Record<Category, string> = {
  [CATEGORY.both]: '#B71C1C',
  [CATEGORY.lowResults]: '#F57C00',
  [CATEGORY.lowSocial]: '#FBC02D',
  [CATEGORY.resilient]: '#1B5E20',
  [CATEGORY.high]: '#8BC34A',
  [CATEGORY.average]: '#B0BEC5',
};

/** Cell fills by category on the output sheets. */
export const CATEGORY_COLORS: Record<string, string> = {
  [CATEGORY.both]: '#E57373',
  [CATEGORY.lowResults]: '#FFAB91',
  [CATEGORY.lowSocial]: '#FFE082',
  [CATEGORY.resilient]: '#81C784',
  [CATEGORY.high]: '#C5E1A5',
  [CATEGORY.average]: '#ECEFF1',
};

const INDEX = '0.000';
const SE = '0.0000';
const Z = '0.00';

function changeText(s: SchoolResult): string | null {
  return s.change ? CHANGE_TEXT[s.change] : null;
}

function yesNo(v: boolean | null): string | null {
  return v === null ? null : v ? 'да' : 'нет';
}

/** «Идентификация ГГГГ»: one row per school. */
export function identificationSheet(result: Identification): OutputSheet {
  const year = result.year!;
  const level = String(confidenceLevel(result.settings.zCritical)).replace('.', ',');
  const header = [
    'Код ОО', 'Наименование ОО', 'Муниципалитет', 'Индекс качества', 'Стандартная ошибка', 'z',
    'Группа (качество)', 'ИСБШ', 'Группа (ИСБШ)', 'Вклад школы', 'Федеральный критерий', 'Категория',
    'Устойчивость', 'Изменение статуса', 'Обоснование', 'Партнёры',
    'Участников', `Нижняя граница ${level}% доверительного интервала`, `Верхняя граница ${level}% доверительного интервала`, 'Показатели ниже порога',
    'Место среди похожих по ИСБШ', 'Признаки необъективности',
  ];
  const rows = result.schools.map((s) => [
    s.code, s.name, s.municipality, s.qualityIndex, s.qualityIndexSE, s.qualityZ,
    s.qualityGroup, s.isbsh, s.isbshGroup, s.residual, s.federalLow ? 'да' : 'нет', s.category,
    yesNo(s.stable), changeText(s) ?? noStatusText(s, result.previousYear), s.reason, s.partners.join(', '),
    s.participants, s.ciLow, s.ciHigh, s.lowIndicators.join(', '),
    s.similar ? `${s.similar.rank} из ${s.similar.of}` : null,
    s.objectivityMarkers.length ? s.objectivityMarkers.map(markerLabel).join('; ') : null,
  ]);
  return fitHeaderWords({
    name: SHEETS.identification(year),
    title: [`Идентификация ШНОР и ШФНСУ за ${year} год`, methodLine(result)],
    columns: [
      { width: 12 }, { width: 40, wrap: true }, { width: 22 }, { width: 10, format: INDEX }, { width: 11, format: SE },
      { width: 8, format: Z }, { width: 10, groupColors: true }, { width: 9, format: INDEX }, { width: 10, groupColors: true },
      { width: 10, format: INDEX }, { width: 11 }, { width: 18, categoryColors: true }, { width: 12 }, { width: 15, wrap: true },
      { width: 60, wrap: true }, { width: 22 }, { width: 11, format: '0' }, { width: 11, format: INDEX }, { width: 11, format: INDEX },
      { width: 30, wrap: true }, { width: 12 }, { width: 40, wrap: true },
    ],
    blocks: [{ header, rows }],
    filter: true,
  });
}

function methodLine(result: Identification): string {
  const s = result.settings;
  const method = s.method === 'regional' ? 'региональный (группы 1–5 по индексу качества)'
    : s.method === 'federal' ? `федеральный (доля не справившихся не менее ${fmt(s.failShare * 100, 0)}%)` : 'оба критерия (любой из двух)';
  return `Метод: ${method}; критическое значение z — ${fmt(s.zCritical)}; группа — ${fmt(s.bandWidth, 2)} σ; минимум участников ${s.minParticipants}; показателей: ${result.indicators.length}`;
}

/** «Модель ИСБШ ГГГГ»: the regression table, fit statistics and candidate factors. */
export function modelSheet(result: Identification): OutputSheet {
  const year = result.year!;
  const m = result.model;
  const blocks: TableBlock[] = [];
  if (m) {
    blocks.push({
      caption: 'Коэффициенты модели: индекс качества = b0 + Σ b·фактор',
      header: ['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'Стандартизованный β'],
      rows: [
        ['Свободный член (b0)', m.intercept, null, null, null, null],
        ...m.factors.map((f) => [f.name, f.b, f.se, f.t, f.p, f.beta]),
      ],
    });
    blocks.push({
      caption: 'Качество модели',
      header: ['R²', 'Скорректированный R²', 'Число школ (n)', 'СО остатков', 'σ ИСБШ по выборке', 'σ индекса качества'],
      rows: [[m.r2, m.adjR2, m.n, m.residualSD, result.isbshSigma, result.qualitySigma]],
      formats: ['0.000', '0.000', '0', '0.00000', '0.0000', '0.0000'],
    });
  } else {
    blocks.push({ caption: 'Модель не рассчитана', header: ['Причина'], rows: [[result.modelMessage ?? 'нет данных']] });
  }
  if (result.candidates.length) {
    blocks.push({
      caption: 'Кандидаты в факторы: каждый добавлен к факторам модели по отдельности',
      header: ['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'Стандартизованный β', 'n', 'Скорр. R²', 'Прирост скорр. R²', 'В модели', 'Примечание'],
      rows: result.candidates.map((c) => [
        c.name, num(c.b), num(c.se), num(c.t), num(c.p), num(c.beta), c.n || null, num(c.adjR2), num(c.adjR2Gain), c.inModel ? 'да' : 'нет',
        c.message ?? (c.p < 0.05 ? 'значим (p < 0,05)' : Number.isFinite(c.p) ? 'не значим' : null),
      ]),
    });
  }
  blocks.push({
    caption: 'Параметры расчёта',
    header: ['Параметр и значение', 'Откуда'],
    rows: describeSettings(result.settings, result, result.indicators).map(([title, value, source]) => [`${title}: ${value}`, source]),
  });
  return fitHeaderWords({
    name: SHEETS.model(year),
    title: [`Модель индекса социального благополучия школ (ИСБШ), ${year} год`,
      'ИСБШ = ожидаемый по социальным условиям индекс качества / его среднее по выборке; 1 — средний уровень'],
    columns: [{ width: 44, wrap: true }, { width: 14, format: '0.00000' }, { width: 14, format: '0.00000' }, { width: 9, format: Z },
      { width: 11, format: '0.0000' }, { width: 14, format: '0.000' }, { width: 8, format: '0' }, { width: 10, format: '0.000' },
      { width: 12, format: '0.000' }, { width: 9 }, { width: 30, wrap: true }],
    blocks,
    filter: false,
  });
}

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** «Свод ГГГГ»: counts by municipality and category. */
export function summarySheet(result: Identification): OutputSheet {
  const year = result.year!;
  const rows = municipalitySummary(result).map((r) => [
    r.municipality, r.schools, r.analysed, ...CATEGORY_ORDER.map((c) => r.byCategory[c]), r.noCategory, r.federalLow, r.lowResults,
    r.newInList, r.continuing, r.noStatus, r.leftList, r.stable,
  ]);
  return fitHeaderWords({
    name: SHEETS.summary(year),
    title: [`Свод по муниципалитетам, ${year} год`],
    columns: [{ width: 28 }, { width: 9 }, { width: 12 }, ...CATEGORY_ORDER.map(() => ({ width: 12 })), { width: 12 }, { width: 13 }, { width: 10 },
      { width: 10 }, { width: 10 }, { width: 12 }, { width: 11 }, { width: 12 }],
    blocks: [{
      // Categories + «Без категории» = «Всего ОО»; «Вошли впервые» + «Повторно» + «Без сравнения» = «Перечень ШНОР»
      // = «только ШНОР» + «ШНОР и ШФНСУ».
      header: ['Муниципалитет', 'Всего ОО', 'С группой по качеству', ...CATEGORY_ORDER.map(categoryName), 'Без категории', 'Федеральный критерий', 'Перечень ШНОР',
        'Вошли впервые', 'Повторно', 'Без сравнения с прошлым годом', 'Вышли из перечня', 'Устойчивые ШНОР'],
      rows,
    }],
    filter: true,
  });
}

/** What «Статус в перечне» means, under the annexes (the note and the sheet say the same). */
export const STATUS_LEGEND = 'Статус в перечне: «впервые» — школы не было в этом перечне по итогам прошлого года, «повторно» — школа была в нём и в прошлом году; '
  + 'каждый перечень (ШНОР, ШФНСУ, резильентные школы) сравнивается с тем же перечнем прошлого года, рассчитанным по тем же правилам. '
  + '«—» — сравнение невозможно: за прошлый год нет данных, необходимых для отнесения школы к этому перечню (результатов, группы по качеству или социальных показателей).';

/** «Перечни ГГГГ»: the annexes to the order — ШНОР, ШФНСУ, resilient schools. */
export function listsSheet(result: Identification): OutputSheet {
  const year = result.year!;
  const header = ['№', 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Категория', 'Индекс качества', 'Группа (качество)', 'ИСБШ', 'Группа (ИСБШ)', 'Статус в перечне', 'Обоснование'];
  const byPlace = (a: SchoolResult, b: SchoolResult) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru');
  const block = (caption: string, schools: SchoolResult[], list: ListKind | null): TableBlock => ({
    caption: `${caption} — ${counted(schools.length, NOUN.school)}`,
    header,
    rows: [...schools].sort(byPlace).map((s, i) => [
      i + 1, s.municipality, s.code, s.name, s.category, s.qualityIndex, s.qualityGroup, s.isbsh, s.isbshGroup,
      list ? listStatus(s, list, result.previousYear) : changeText(s), s.reason,
    ]),
  });
  const left = result.schools.filter((s) => s.change === 'left');
  const blocks = [
    block('Приложение 1. Школы с низкими образовательными результатами (ШНОР)', result.schools.filter(isShnor), 'shnor'),
    block('Приложение 2. Школы, функционирующие в неблагоприятных социальных условиях (ШФНСУ)', result.schools.filter((s) => inShfnsuList(s.category)), 'shfnsu'),
    block('Приложение 3. Резильентные школы: высокие результаты в неблагоприятных социальных условиях, кандидаты в ресурсные школы',
      result.schools.filter((s) => s.category === CATEGORY.resilient), 'resilient'),
  ];
  if (left.length) blocks.push(block('Справочно. Вышли из перечня ШНОР по сравнению с прошлым годом', left, null));
  return fitHeaderWords({
    name: SHEETS.lists(year),
    title: [`Перечни общеобразовательных организаций по итогам идентификации ${year} года`, STATUS_LEGEND],
    columns: [{ width: 5 }, { width: 24 }, { width: 11 }, { width: 42, wrap: true }, { width: 17, categoryColors: true },
      { width: 10, format: INDEX }, { width: 10, groupColors: true }, { width: 9, format: INDEX }, { width: 10, groupColors: true },
      { width: 13, wrap: true }, { width: 60, wrap: true }],
    blocks,
    filter: false,
  });
}

const LABEL_BY_ID = new Map(MARKERS.map((m) => [m.id, m.label]));

/** «завышенный средний балл: ВПР-4 Математика» for «inflated-mean:ВПР-4 Математика». */
export function markerLabel(id: string): string {
  return LABEL_BY_ID.get(id) ?? id;
}

/** All output sheets of a run, in the order they are written (the four of DATA.md and «Объективность ГГГГ»). */
export function outputSheets(result: Identification): OutputSheet[] {
  return [identificationSheet(result), modelSheet(result), summarySheet(result), listsSheet(result), fitHeaderWords(objectivitySheet(result.objectivity, result.year!))];
}
