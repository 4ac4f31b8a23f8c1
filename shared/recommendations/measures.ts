/**
 * The menu of support measures, taken from the regional and municipal programmes (seeds 000–004).
 * Each measure names who carries it out and the programme item it comes from, so a card can be
 * checked against the order that approved it.
 */

export type MeasureId =
  | 'schoolProgram' | 'tutoring' | 'courses' | 'subjectCourses' | 'deficits' | 'extraLessons'
  | 'partner' | 'findPartner' | 'mentoring' | 'expert' | 'causes' | 'psychDiagnostics'
  | 'socialSpecialists' | 'speechSpecialists' | 'parents' | 'extracurricular' | 'distance'
  | 'network' | 'passport';

export interface Measure {
  id: MeasureId;
  /** A few words, as a printed card lists it. */
  short: string;
  /** What to do, in full (the sheet and the annex of measures). */
  title: string;
  /** Who does it: ОО (school), МОУО (municipal authority), ИРО (institute for teacher development). */
  responsible: string;
  /** When, in the programmes' words. */
  when: string;
  /** The programme item the measure comes from. */
  source: string;
}

const AMUR_96 = 'Региональная программа Амурской области (приказ от 02.02.2022 № 96)';
const ALTAI_1056 = 'Региональная программа Республики Алтай (приказ от 17.12.2020 № 1056)';
const YARTSEVO = 'Муниципальная программа Ярцевского района на 2018–2021 годы';
const MIKHAILOVKA = 'Муниципальная программа Михайловского района на 2019–2021 годы';

/** Measures in the order a card lists them: the school's own plan first, then people, then partners. */
export const MEASURES: Record<MeasureId, Measure> = {
  schoolProgram: {
    id: 'schoolProgram',
    short: 'Разработать программу повышения качества образования и дорожную карту',
    title: 'Разработать (обновить) школьную программу повышения качества образования и дорожную карту её реализации',
    responsible: 'ОО', when: 'октябрь, ежегодно',
    source: `${AMUR_96}, раздел V, п. 8; ${ALTAI_1056}, дорожная карта, п. 8`,
  },
  causes: {
    id: 'causes',
    short: 'Провести анализ внутренних и внешних причин низких результатов',
    title: 'Провести анализ внутренних и внешних причин низких результатов, подготовить информационно-аналитический отчёт',
    responsible: 'МОУО, ОО', when: 'июль, ежегодно',
    source: `${ALTAI_1056}, дорожная карта, п. 1–2`,
  },
  tutoring: {
    id: 'tutoring',
    short: 'Закрепить муниципального координатора (тьюторское сопровождение)',
    title: 'Закрепить муниципального координатора: консультирование и тьюторское сопровождение школы',
    responsible: 'МОУО', when: 'в течение года',
    source: `${AMUR_96}, раздел V, п. 7; ${ALTAI_1056}, целевые показатели`,
  },
  courses: {
    id: 'courses',
    short: 'Направить управленческую команду и педагогов на курсы (не менее 5 человек, 32 часов в год)',
    title: 'Направить управленческую и педагогическую команду на курсы повышения квалификации по вопросам качества преподавания и управления (не менее 5 человек в год, не менее 32 часов)',
    responsible: 'ИРО, ОО', when: 'ежегодно',
    source: `${AMUR_96}, раздел V, п. 10; ${ALTAI_1056}, дорожная карта, п. 15`,
  },
  subjectCourses: {
    id: 'subjectCourses',
    short: 'Организовать для учителей предметные курсы и семинары-практикумы',
    title: 'Организовать для учителей предметные курсы повышения квалификации и семинары-практикумы',
    responsible: 'ИРО, МОУО', when: 'в течение года',
    source: `${ALTAI_1056}, дорожная карта, п. 14–15; ${YARTSEVO}, задача 5`,
  },
  deficits: {
    id: 'deficits',
    short: 'Провести диагностику дефицитов учителей, составить индивидуальные маршруты',
    title: 'Провести диагностику профессиональных дефицитов учителей и составить индивидуальные образовательные маршруты',
    responsible: 'ИРО', when: 'октябрь, ежегодно',
    source: `${ALTAI_1056}, дорожная карта, п. 3; ${AMUR_96}, раздел V, п. 13`,
  },
  extraLessons: {
    id: 'extraLessons',
    short: 'Ввести дополнительные занятия для обучающихся с низкими результатами',
    title: 'Ввести дополнительные занятия для обучающихся с низкими результатами',
    responsible: 'ОО', when: 'с сентября',
    source: `${ALTAI_1056}, дорожная карта, п. 10`,
  },
  partner: {
    id: 'partner',
    short: 'Заключить договор со школой-партнёром: взаимные посещения уроков, обмен практиками',
    title: 'Заключить договор о партнёрстве (сотрудничестве) со школой-партнёром: взаимные посещения уроков, совместные методические объединения, обмен практиками',
    responsible: 'МОУО, ОО', when: 'до конца I полугодия',
    source: `${AMUR_96}, раздел V, п. 9; ${ALTAI_1056}, дорожная карта, п. 13; ${YARTSEVO}, п. 12`,
  },
  findPartner: {
    id: 'findPartner',
    short: 'Подобрать школу-партнёра среди ресурсных школ и региональных инновационных площадок',
    title: 'Подобрать школу-партнёра среди ресурсных школ и региональных инновационных площадок другого муниципалитета',
    responsible: 'ИРО, МОУО', when: 'до конца I полугодия',
    source: `${AMUR_96}, раздел IV, п. 4 (межшкольное партнёрство)`,
  },
  mentoring: {
    id: 'mentoring',
    short: 'Организовать педагогическое наставничество',
    title: 'Организовать педагогическое наставничество: закрепить наставников за учителями, прежде всего молодыми',
    responsible: 'ОО, МОУО', when: 'в течение года',
    source: `${YARTSEVO}, задача 3; ${ALTAI_1056}, целевые показатели (доля педагогов, охваченных наставничеством)`,
  },
  expert: {
    id: 'expert',
    short: 'Закрепить эксперта-консультанта для выездного сопровождения',
    title: 'Закрепить эксперта-консультанта для выездного сопровождения школы',
    responsible: 'ИРО', when: 'в течение года',
    source: `${AMUR_96}, раздел V, п. 20`,
  },
  psychDiagnostics: {
    id: 'psychDiagnostics',
    short: 'Провести психолого-педагогическую диагностику и консультирование обучающихся',
    title: 'Провести комплексную психолого-педагогическую диагностику обучающихся (психолог, логопед) и адресное консультирование',
    responsible: 'МОУО, ОО', when: 'сентябрь–октябрь',
    source: `${YARTSEVO}, задача 4; ${MIKHAILOVKA}`,
  },
  socialSpecialists: {
    id: 'socialSpecialists',
    short: 'Обеспечить услуги педагога-психолога и социального педагога',
    title: 'Обеспечить школу услугами педагога-психолога и социального педагога (ставка в штатном расписании или договор с центром психолого-педагогической помощи): профилактика, индивидуальное сопровождение',
    responsible: 'МОУО, ОО', when: 'к 1 сентября',
    source: `${AMUR_96}, раздел V, п. 21; ${ALTAI_1056}, дорожная карта, п. 9`,
  },
  speechSpecialists: {
    id: 'speechSpecialists',
    short: 'Обеспечить услуги логопеда и дефектолога, индивидуализировать обучение',
    title: 'Обеспечить школу услугами логопеда и дефектолога; индивидуализировать обучение уязвимых групп обучающихся',
    responsible: 'МОУО, ОО', when: 'к 1 сентября',
    source: `${AMUR_96}, раздел IV, п. 4.2 и раздел V, п. 21; ${ALTAI_1056}, дорожная карта, п. 9`,
  },
  parents: {
    id: 'parents',
    short: 'Провести консультации для родителей, вовлечь семьи',
    title: 'Провести консультации для родителей по вопросам обучения и воспитания, вовлечь семьи и родительскую общественность в работу по повышению качества образования',
    responsible: 'ОО, МОУО', when: 'по плану школы',
    source: `${AMUR_96}, раздел V, п. 19; ${ALTAI_1056}, дорожная карта, п. 12; ${YARTSEVO}, п. 8 и 11`,
  },
  extracurricular: {
    id: 'extracurricular',
    short: 'Расширить внеурочную деятельность, дополнительное образование, группы продлённого дня',
    title: 'Расширить внеурочную деятельность, дополнительное образование и группы продлённого дня (в муниципальном задании)',
    responsible: 'МОУО', when: 'в муниципальном задании',
    source: `${ALTAI_1056}, раздел 6, п. 3`,
  },
  distance: {
    id: 'distance',
    short: 'Организовать дистанционное обучение с участием ресурсных школ',
    title: 'Организовать дистанционное обучение (предметные курсы, консультации учителей ресурсных школ) для выравнивания условий получения образования',
    responsible: 'ИРО, МОУО', when: 'в течение года',
    source: `${AMUR_96}, раздел IV, п. 4.3 и раздел V, п. 17`,
  },
  network: {
    id: 'network',
    short: 'Реализовывать сетевые программы, включить педагогов в профессиональные сообщества',
    title: 'Реализовывать образовательные программы в сетевой форме; включить учителей в сетевые профессиональные сообщества',
    responsible: 'МОУО, ОО', when: 'в течение года',
    source: `${AMUR_96}, раздел V, п. 14 и 18`,
  },
  passport: {
    id: 'passport',
    short: 'Заполнить социальный паспорт школы',
    title: 'Заполнить социальный паспорт школы, чтобы рассчитать ИСБШ и учесть социальные условия',
    responsible: 'ОО, МОУО', when: 'август, ежегодно',
    source: `${YARTSEVO}, п. 10; график идентификации (приказ Амурской области от 23.04.2020 № 414)`,
  },
};

/** The order measures appear on a card and on the sheet. */
export const MEASURE_ORDER: MeasureId[] = [
  'schoolProgram', 'causes', 'tutoring', 'courses', 'subjectCourses', 'deficits', 'extraLessons', 'partner',
  'findPartner', 'mentoring', 'expert', 'psychDiagnostics', 'socialSpecialists', 'speechSpecialists', 'parents',
  'extracurricular', 'distance', 'network', 'passport',
];
