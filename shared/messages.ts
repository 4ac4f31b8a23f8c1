/**
 * Everything a user reads, in one place: sheet names, column titles, categories, messages.
 * Code elsewhere refers to these names so wording stays consistent across hosts.
 */

export const SHEETS = {
  schools: 'Школы',
  results: 'Результаты',
  social: 'Социальные показатели',
  settings: 'Настройки',
  identification: (year: number) => `Идентификация ${year}`,
  model: (year: number) => `Модель ИСБШ ${year}`,
  summary: (year: number) => `Свод ${year}`,
  lists: (year: number) => `Перечни ${year}`,
} as const;

export const CATEGORY = {
  both: 'ШНОР и ШФНСУ',
  lowResults: 'ШНОР',
  lowSocial: 'ШФНСУ',
  resilient: 'резильентная',
  high: 'высокие результаты',
  average: 'средние',
} as const;

export type Category = (typeof CATEGORY)[keyof typeof CATEGORY];

/**
 * A category as it is named where categories are counted side by side: «только ШНОР» and «только
 * ШФНСУ», so that «ШНОР» alone always means the whole перечень (only ШНОР plus ШНОР и ШФНСУ).
 */
export function categoryName(c: Category): string {
  return c === CATEGORY.lowResults ? 'только ШНОР' : c === CATEGORY.lowSocial ? 'только ШФНСУ' : c;
}

/** Categories in the order they are listed in summaries and lists. */
export const CATEGORY_ORDER: Category[] = [
  CATEGORY.both, CATEGORY.lowResults, CATEGORY.lowSocial, CATEGORY.resilient, CATEGORY.high, CATEGORY.average,
];

export const CHANGE_TEXT: Record<'new' | 'continuing' | 'left', string> = {
  new: 'впервые',
  continuing: 'повторно',
  left: 'вышла из перечня',
};

export const NO_DATA = 'недостаточно данных';

/** Schools with no category: no quality group (too few participants) and conditions not unfavourable. */
export const NO_CATEGORY = {
  label: 'без категории',
  meaning: `нет группы по качеству: ${NO_DATA}; условия не хуже средних`,
};

/** A ШНОР that is neither «впервые» nor «повторно»: it has no quality group in one of the two years. */
export const NO_STATUS = {
  label: (previousYear: number) => `без сравнения с ${previousYear} годом`,
  reason: {
    noGroupNow: (_previousYear: number) => `нет группы по качеству в этом году`,
    noGroupThen: (previousYear: number) => `в ${previousYear} году ${NO_DATA} для группы по качеству`,
    noResultsThen: (previousYear: number) => `нет результатов за ${previousYear} год`,
  },
};

/** «Лист «Результаты», строка 17, столбец «Участников»: …» — the prefix of every located problem. */
export function locate(sheet: string | null, row: number | null, column: string | null): string {
  const parts: string[] = [];
  if (sheet) parts.push(`Лист «${sheet}»`);
  if (row !== null) parts.push(`строка ${row}`);
  if (column) parts.push(`столбец «${column}»`);
  return parts.join(', ');
}

/** Texts of fmt(x, 2) by |x| · 100 for |x| < 100 ([positive, negative]), made on first use. */
const FMT_CACHE_SIZE = 10000;
let fmtCache: [string[], string[]] | null = null;

/** Russian number formatting for messages and reasons: decimal comma, fixed digits. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  // Integer arithmetic is exact for |x| · 10^digits < 10^9 unless the scaled value sits next to a
  // half (where the binary value decides the rounding): then toFixed, which rounds the exact value.
  const scale = digits === 2 ? 100 : digits === 1 ? 10 : digits === 0 ? 1 : 0;
  const a = Math.abs(x) * scale;
  const whole = Math.round(a);
  const off = Math.abs(a - whole);
  if (scale === 0 || a >= 1e9 || (off > 0.4999 && off < 0.5001)) return x.toFixed(digits).replace('-', '−').replace('.', ',');
  // Indices and shares repeat the same few hundred texts across a region: each is made once.
  let cache: string[] | null = null;
  if (scale === 100 && whole < FMT_CACHE_SIZE) {
    fmtCache ??= [new Array<string>(FMT_CACHE_SIZE), new Array<string>(FMT_CACHE_SIZE)];
    cache = fmtCache[x < 0 ? 1 : 0];
  }
  const cached = cache ? cache[whole] : undefined;
  if (cached !== undefined) return cached;
  const sign = x < 0 ? '−' : '';
  let text: string;
  if (scale === 1) text = sign + whole;
  else {
    const int = Math.floor(whole / scale);
    const frac = whole - int * scale;
    text = `${sign}${int},${scale === 100 && frac < 10 ? '0' : ''}${frac}`;
  }
  if (cache) cache[whole] = text;
  return text;
}

/** Percent with a comma: fmtPercent(0.345) → «34,5%». */
export function fmtPercent(share: number, digits = 1): string {
  return `${fmt(share * 100, digits)}%`;
}

/** The grammatical cases a counted phrase is written in: «5 школ» (nom), «для 5 школ» (gen), «5 школам» (dat), «выделяет 5 школ» (acc), «5 школами» (ins), «в 5 школах» (loc). */
export type GrammaticalCase = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'loc';

/**
 * A noun (or a noun phrase) as it goes with a number, by case: [1, 21, 101…; 2–4, 22–24…; 0, 5–20, 25–30…].
 * Oblique cases have two forms: the singular after 1, 21, 101… and the plural after the rest.
 */
export interface CountedNoun {
  readonly nom: readonly [string, string, string];
  readonly acc?: readonly [string, string, string];
  readonly gen?: readonly [string, string];
  readonly dat?: readonly [string, string];
  readonly ins?: readonly [string, string];
  readonly loc?: readonly [string, string];
}

type NounSpec = { nom: string; acc?: string; gen?: string; dat?: string; ins?: string; loc?: string };
const split3 = (s: string) => s.split('|') as unknown as readonly [string, string, string];
const split2 = (s: string) => s.split('|') as unknown as readonly [string, string];
function noun(spec: NounSpec): CountedNoun {
  return {
    nom: split3(spec.nom),
    ...(spec.acc ? { acc: split3(spec.acc) } : {}),
    ...(spec.gen ? { gen: split2(spec.gen) } : {}),
    ...(spec.dat ? { dat: split2(spec.dat) } : {}),
    ...(spec.ins ? { ins: split2(spec.ins) } : {}),
    ...(spec.loc ? { loc: split2(spec.loc) } : {}),
  };
}

/** Every counted noun a text uses: the forms are written out once, here, and tested for 0–200 by case. */
export const NOUN = {
  school: noun({ nom: 'школа|школы|школ', acc: 'школу|школы|школ', gen: 'школы|школ', dat: 'школе|школам', ins: 'школой|школами', loc: 'школе|школах' }),
  error: noun({ nom: 'ошибка|ошибки|ошибок', acc: 'ошибку|ошибки|ошибок', gen: 'ошибки|ошибок', loc: 'ошибке|ошибках' }),
  warning: noun({ nom: 'предупреждение|предупреждения|предупреждений', acc: 'предупреждение|предупреждения|предупреждений', gen: 'предупреждения|предупреждений' }),
  row: noun({ nom: 'строка|строки|строк', acc: 'строку|строки|строк', gen: 'строки|строк', loc: 'строке|строках' }),
  participant: noun({ nom: 'участник|участника|участников', gen: 'участника|участников', loc: 'участнике|участниках' }),
  indicator: noun({ nom: 'показатель|показателя|показателей', gen: 'показателя|показателей', dat: 'показателю|показателям', loc: 'показателе|показателях' }),
  resilientSchool: noun({ nom: 'резильентная школа|резильентные школы|резильентных школ', gen: 'резильентной школы|резильентных школ' }),
  ruralSchool: noun({ nom: 'сельская или малокомплектная школа|сельские или малокомплектные школы|сельских или малокомплектных школ', gen: 'сельской или малокомплектной школы|сельских или малокомплектных школ' }),
  weakIndicator: noun({ nom: 'слабый показатель|слабых показателя|слабых показателей' }),
  municipality: noun({ nom: 'муниципалитет|муниципалитета|муниципалитетов', gen: 'муниципалитета|муниципалитетов', dat: 'муниципалитету|муниципалитетам', loc: 'муниципалитете|муниципалитетах' }),
  year: noun({ nom: 'год|года|лет', acc: 'год|года|лет', gen: 'года|лет', loc: 'годе|годах' }),
  day: noun({ nom: 'день|дня|дней', acc: 'день|дня|дней', gen: 'дня|дней' }),
  column: noun({ nom: 'столбец|столбца|столбцов', gen: 'столбца|столбцов' }),
  place: noun({ nom: 'место|места|мест', loc: 'месте|местах' }),
  event: noun({ nom: 'мероприятие|мероприятия|мероприятий', gen: 'мероприятия|мероприятий' }),
  sheet: noun({ nom: 'лист|листа|листов', gen: 'листа|листов' }),
  codeMatched: noun({ nom: 'код ОО сопоставлен|кода ОО сопоставлены|кодов ОО сопоставлены' }),
  code: noun({ nom: 'код|кода|кодов', gen: 'кода|кодов' }),
  measure: noun({ nom: 'мера|меры|мер', acc: 'меру|меры|мер', gen: 'меры|мер' }),
  person: noun({ nom: 'человек|человека|человек', gen: 'человека|человек' }),
  hour: noun({ nom: 'час|часа|часов', gen: 'часа|часов' }),
  pupil: noun({ nom: 'обучающийся|обучающихся|обучающихся', gen: 'обучающегося|обучающихся' }),
  student: noun({ nom: 'ученик|ученика|учеников', gen: 'ученика|учеников' }),
  file: noun({ nom: 'файл|файла|файлов', acc: 'файл|файла|файлов', gen: 'файла|файлов' }),
} as const;

/**
 * The one Russian plural: the form of `word` that goes with the number n in case `c`.
 * plural(5, NOUN.school) → «школ»; plural(21, NOUN.school, 'gen') → «школы» («для 21 школы»);
 * plural(2, NOUN.school, 'loc') → «школах». The accusative after 2–4 is that of inanimate nouns
 * («выделяет 2 школы»); animate nouns are not counted in the accusative.
 */
export function plural(n: number, word: CountedNoun, c: GrammaticalCase = 'nom'): string {
  const m10 = Math.abs(n) % 10;
  const m100 = Math.abs(n) % 100;
  const one = m10 === 1 && m100 !== 11;
  const few = m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14);
  if (c === 'nom' || c === 'acc') {
    const forms = c === 'nom' ? word.nom : word.acc;
    if (!forms) throw new Error(`plural: no accusative forms for «${word.nom[0]}»`);
    return one ? forms[0] : few ? forms[1] : forms[2];
  }
  const forms = word[c];
  if (!forms) throw new Error(`plural: no ${c} forms for «${word.nom[0]}»`);
  return one ? forms[0] : forms[1];
}

/** 199700 → «199 700»: a count as officials write it (groups of three). */
export function fmtCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** The number and its noun: counted(21, NOUN.school, 'gen') → «21 школы»; counted(1762, NOUN.error) → «1 762 ошибки». */
export function counted(n: number, word: CountedNoun, c: GrammaticalCase = 'nom'): string {
  return `${fmtCount(n)} ${plural(n, word, c)}`;
}

export const MSG = {
  expectedInteger: (found: string) => `ожидалось целое число, найдено «${found}»`,
  expectedNumber: (found: string) => `ожидалось число, найдено «${found}»`,
  negative: (found: string) => `число не может быть отрицательным, найдено «${found}»`,
  required: 'пустая ячейка: значение обязательно',
  unknownSchool: (code: string) => `код ОО «${code}» не найден на листе «Школы»`,
  duplicateSchool: (code: string, firstRow: number) => `код ОО «${code}» повторяется (впервые в строке ${firstRow})`,
  duplicateResult: (indicator: string, year: number, firstRow: number) =>
    `строка повторяет показатель «${indicator}» за ${year} год (впервые в строке ${firstRow})`,
  duplicateSocial: (year: number, firstRow: number) => `социальные показатели школы за ${year} год уже заданы в строке ${firstRow}`,
  failsOverParticipants: (fails: number, n: number) => `не справились (${fails}) больше, чем участников (${n})`,
  marksSum: (sum: number, n: number) => `сумма отметок «2»–«5» (${sum}) не равна числу участников (${n})`,
  percentsSum: (sum: number) => `сумма процентов отметок «2»–«5» равна ${fmt(sum, 1)}, а не 100; отметки пересчитаны как есть`,
  noMeanNoMarks: 'нет ни среднего балла, ни распределения отметок: строка не учтена',
  noParticipants: 'не указано число участников: строка не учтена',
  shareOver100: (found: string) => `доля не может быть больше 100%, найдено «${found}»`,
  fractionColumn: (column: string) =>
    `значения столбца «${column}» все от 0 до 1: они прочитаны как доли и умножены на 100 (если это уже проценты, запишите их со знаком «%»)`,
  noHeader: (sheet: string, need: string[]) =>
    `Лист «${sheet}»: не найдена строка заголовков. Нужны столбцы ${need.map((c) => `«${c}»`).join(', ')}`,
  missingColumns: (sheet: string, missing: string[]) =>
    `Лист «${sheet}»: нет ${missing.length === 1 ? 'столбца' : 'столбцов'} ${missing.map((c) => `«${c}»`).join(', ')}`,
  missingSheet: (sheet: string) => `Нет листа «${sheet}»: он обязателен`,
  /** Added to a missing sheet's message when the workbook's sheets are known. */
  sheetsInWorkbook: (sheet: string, names: string[], closest: string | null) =>
    (names.length ? `В книге есть листы: ${names.map((n) => `«${n}»`).join(', ')}` : 'В книге нет других листов') +
    (closest ? ` — возможно, это «${closest}» (переименуйте его в «${sheet}»)` : ''),
  noSocialSheet: 'Нет листа «Социальные показатели»: ИСБШ и категория ШФНСУ не рассчитаны',
  noMarksOrMean: 'Лист «Результаты»: нужен столбец «Средний балл» или столбцы отметок «2», «3», «4», «5» (или «2, %» … «5, %»)',
  noResultsForYear: (year: number) => `На листе «Результаты» нет данных за ${year} год`,
  noPreviousYear: (year: number) =>
    `Нет результатов за ${year} год: устойчивость и изменение статуса не определены`,
  noPooledSD: (indicator: string) =>
    `Показатель «${indicator}»: ни у одной школы нет стандартного отклонения (ни отметок, ни столбца «Стандартное отклонение»); стандартная ошибка и значимость не рассчитаны, группы определены только по отклонению от среднего`,
  unselectedIndicators: (list: string[]) =>
    `В данных есть показатели, не включённые в расчёт: ${list.map((s) => `«${s}»`).join(', ')}. Чтобы учесть их, добавьте строки «Индикатор» на лист «Настройки» или укажите «Индикаторы» = «все»`,
  nearIndicator: (n: { present: string; like: string; likeMissing: boolean; reason: string }) =>
    `Показатель «${n.present}» не включён в расчёт, хотя похож на ${n.likeMissing ? `стандартный «${n.like}», которого нет в данных года` : `«${n.like}»`} (${n.reason}). ` +
    (n.likeMissing ? `Если это он, исправьте написание процедуры, класса или предмета на листе «Результаты». ` : '') +
    `Чтобы учесть «${n.present}» отдельным показателем, добавьте на лист «Настройки» строку «Индикатор» со значением «${n.present}» (и строки «Индикатор» для остальных нужных показателей) или укажите «Индикаторы» = «все»`,
  missingIndicators: (list: string[]) =>
    `Показатели из настроек не найдены в данных года: ${list.map((s) => `«${s}»`).join(', ')}`,
  tooFewForGroups: (n: number) =>
    `Группы по индексу качества не рассчитаны: школ с достаточным числом участников ${n}, нужно не меньше 2 с разными результатами`,
  noFactorColumn: (name: string, available: string[]) =>
    `Фактор ИСБШ «${name}» не найден на листе «Социальные показатели»${available.length ? `; есть столбцы ${available.map((c) => `«${c}»`).join(', ')}` : ''}`,
  tooFewForModel: (n: number, need: number) =>
    `Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами ${n}, нужно не меньше ${need}`,
  constantFactor: (names: string[]) =>
    `Модель ИСБШ не рассчитана: ${names.length === 1 ? 'фактор' : 'факторы'} ${names.map((s) => `«${s}»`).join(', ')} ${names.length === 1 ? 'одинаков' : 'одинаковы'} у всех школ выборки`,
  collinear: (names: string[]) =>
    `Модель ИСБШ не рассчитана: факторы ${names.map((s) => `«${s}»`).join(', ')} линейно зависимы (один выражается через другие); уберите один из них на листе «Настройки»`,
  missingFactorValues: (n: number) =>
    `У ${counted(n, NOUN.school, 'gen')} нет всех социальных показателей за год: ИСБШ для них не рассчитан`,
  unknownSetting: (key: string) => `неизвестный параметр «${key}»: строка пропущена`,
  badSettingValue: (value: string, expected: string) => `значение «${value}» не подходит: ожидалось ${expected}; взято значение по умолчанию`,
  defaultsUsed: (names: string[]) => `Значения по умолчанию: ${names.join('; ')}`,
  codeFromNumber: (n: number) =>
    `${counted(n, NOUN.codeMatched)} со «Школами» без ведущих нулей (число в ячейке потеряло нули); запишите коды как текст`,
  emptyName: 'не указано наименование ОО',
  emptyMunicipality: 'не указан муниципалитет',
  outOfRange: (found: string, range: string) => `ожидалось число ${range}, найдено «${found}»`,
  primaryOverMax: (mean: number, max: number) => `средний первичный балл (${fmt(mean)}) больше максимального (${fmt(max)})`,
  objectivityWithoutParticipants: 'есть данные для признаков объективности, но не указано число участников: строка не учтена',
} as const;
