/**
 * Everything a user reads from the roadmap, indicator and reporting modules: sheet names, column
 * titles, statuses and messages, in one place (the engine's shared/messages.ts keeps the rest).
 */
import { fmt, counted, type CountedNoun, type GrammaticalCase } from '../messages';

/** Statuses of a roadmap item, as officials pick them from the list. */
export const ITEM_STATUS = {
  notStarted: 'не начато',
  inProgress: 'в работе',
  done: 'выполнено',
  overdue: 'просрочено',
} as const;
export type ItemStatus = (typeof ITEM_STATUS)[keyof typeof ITEM_STATUS];
export const ITEM_STATUSES: ItemStatus[] = [ITEM_STATUS.notStarted, ITEM_STATUS.inProgress, ITEM_STATUS.done, ITEM_STATUS.overdue];

/** Columns of a roadmap table. */
export const ROADMAP_HEADERS = {
  section: 'Раздел',
  number: '№',
  activity: 'Мероприятие',
  deadline: 'Срок исполнения',
  responsible: 'Ответственный исполнитель',
  result: 'Ожидаемый результат',
  status: 'Статус',
  done: 'Дата выполнения',
  evidence: 'Подтверждение (ссылка или документ)',
  comment: 'Комментарий',
  reading: 'Как прочитан срок',
} as const;

/** Columns of a target-indicator table. */
export const INDICATOR_HEADERS = {
  number: '№',
  name: 'Показатель',
  unit: 'Единица',
  direction: 'Направление',
  comparator: 'Сравнение',
  base: 'Базовое значение',
  period: 'Период',
  plan: 'План',
  fact: 'Факт',
  achievement: 'Выполнение',
  status: 'Статус показателя',
  source: 'Источник факта, комментарий',
} as const;

export const DIRECTION = { higher: 'больше — лучше', lower: 'меньше — лучше' } as const;
export const COMPARATOR = { atLeast: 'не менее', atMost: 'не более', yesNo: 'да/нет' } as const;
export const YES = 'да';
export const NO = 'нет';

export const INDICATOR_STATUS = {
  achieved: 'достигнуто',
  partly: 'частично',
  notAchieved: 'не достигнуто',
  noFact: 'нет факта',
  noPlan: 'нет плана',
  badValue: 'проверьте значения',
} as const;
export type IndicatorStatus = (typeof INDICATOR_STATUS)[keyof typeof INDICATOR_STATUS];

/** Information rows above a roadmap table. */
export const INFO = {
  planYear: 'Год дорожной карты',
  period: 'Период реализации',
  municipality: 'Муниципалитет',
  school: 'Школа',
  quarter: 'Отчётный квартал',
  submitted: 'Отчёт сдан',
  submittedOn: 'Дата сдачи',
} as const;

export const TEMPLATE_SHEETS = {
  instructions: 'Инструкция',
  regionalRoadmap: 'Дорожная карта',
  programmeRoadmap: 'Дорожная карта программы',
  municipalPassport: 'Паспорт программы',
  municipalActivities: 'Мероприятия программы',
  municipalIndicators: 'Целевые показатели',
  programmeIndicators: 'Показатели программы',
  municipalSet: 'Показатели муниципалитета',
  expectedResults: 'Ожидаемые результаты',
  participants: 'Участники программы',
  facts: 'Факты идентификации',
  schoolIndex: 'Школьные дорожные карты',
  school: (code: string) => `ДК ${code.replace(/[\[\]:*?/\\']/g, '_')}`.slice(0, 31),
} as const;

export const PARTICIPANT_HEADERS = {
  number: '№',
  municipality: 'Муниципалитет',
  code: 'Код ОО',
  name: 'Наименование ОО',
  category: 'Категория',
  identified: 'Идентифицирована (ШНОР/ШФНСУ)',
  inProgramme: 'Входит в программу',
  basis: 'Основание участия',
} as const;

/** How a school became a pilot site (seed 000, «2 этап»). */
export const PARTICIPATION_BASIS = {
  experience: 'опыт реализации программы (заявка)',
  competition: 'конкурсный отбор',
  additional: 'дополнительное включение после отбора',
} as const;

/** Russian messages of the roadmap modules. */
export const RM = {
  deadlineEmpty: 'срок не указан',
  deadlineEmptyReading: 'срок не указан — впишите его',
  deadlineUnknownReading: 'срок не распознан — уточните',
  deadlineUnknown:
    'срок не распознан: запишите его как «Апрель», «Сентябрь-декабрь», «до 01.06.2022», «Сентябрь, ежегодно», «1 раз в квартал», «В течение всего периода» или «По графику»',
  deadlineBeforeYear: (year: number) =>
    `«до ${year} года» можно понять как «до 1 января ${year}» и как «до конца ${year} года»: укажите дату, например «до 31.12.${year - 1}» или «до 31.12.${year}»`,
  deadlineWrapsYear: 'месяцы идут через границу года: укажите годы, например «ноябрь 2024-февраль 2025»',
  readingQuarterly: 'ежеквартально (до конца квартала: 31.03, 30.06, 30.09, 31.12)',
  readingQuarterlyReport: (day: number) => {
    const d = String(day).padStart(2, '0');
    return `ежеквартально, до ${day}-го числа месяца после квартала (${d}.04, ${d}.07, ${d}.10, ${d}.01)`;
  },
  readingSemiannual: 'раз в полугодие (до 30.06 и до 31.12)',
  readingTermly: 'раз в учебную четверть (до 31.10, 31.12, 31.03, 31.05)',
  readingMonthly: 'ежемесячно (до конца месяца)',
  readingContinuous: 'постоянно, весь период реализации',
  readingSchedule: 'по графику — даты в отдельном документе',
  readingPlanYear: (months: string) => `${months} года дорожной карты`,
  noteExactDate: (words: string) => `точная дата — ${words.replace(/^./, (c) => c.toLowerCase())}`,
  badStatus: (text: string) =>
    `статус «${text}» не распознан: выберите «не начато», «в работе», «выполнено» или «просрочено»`,
  badDate: (text: string) => `«${text}» — не дата: запишите как 05.04.2025`,
  noResponsible: 'не указан ответственный исполнитель',
  noRoadmap: (file: string) =>
    `В книге «${file}» не найдено ни одной таблицы дорожной карты: нужны столбцы «Мероприятие» и «Срок исполнения»`,
  monthsInYear: (year: number, assumed: boolean) =>
    assumed
      ? `Год дорожной карты не указан: сроки без года («Апрель», «Сентябрь-декабрь») отнесены к ${year} году (год даты отчёта). Укажите «${INFO.planYear}» над таблицей или --year.`
      : `Сроки без года («Апрель», «Сентябрь-декабрь») отнесены к ${year} году.`,
  badIndicatorValue: (text: string) => `«${text}» — не число`,
  count: (n: number, word: CountedNoun, c: GrammaticalCase = 'nom') => counted(n, word, c),
  percent: (share: number) => `${fmt(share * 100, 1)}%`,
} as const;
