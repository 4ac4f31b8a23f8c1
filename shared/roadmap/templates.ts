/**
 * The templates a region fills after the identification: the regional roadmap (seed 003), the
 * regional programme's roadmap (seed 001, section 8), a municipal programme (seeds 002 and 004),
 * a roadmap for each ШНОР pre-filled with its numbers, weakest indicators and partner schools, and
 * the target indicators of seeds 001, 002 and 000 with the facts the identification measures.
 */
import type { Identification, SchoolResult } from '../method/identify';
import { CHANGE_TEXT, fmt } from '../messages';
import { isShnor } from '../method/summary';
import { parseDeadline, readingText } from './deadline';
import { identificationFacts, type IdentificationFacts } from './facts';
import { INDICATOR_WIDTHS, type IndicatorSpec, UNIT, indicatorBlock } from './indicators';
import {
  COMPARATOR, INFO, ITEM_STATUS, ITEM_STATUSES, PARTICIPANT_HEADERS, PARTICIPATION_BASIS, ROADMAP_HEADERS,
  TEMPLATE_SHEETS as S, YES, NO,
} from './messages';
import { MUNICIPAL_ROADMAP_004, PROGRAMME_ROADMAP_001, REGIONAL_ROADMAP_003, type SeedSection } from './seed-roadmaps';
import {
  DYNAMICS_INDICATORS, SEED_START, expectedResults000, municipalIndicators002, programmeIndicators001,
} from './seed-indicators';
import { type TemplateBlock, type TemplateColumn, type TemplateRow, type TemplateSheet, sheetRef } from './template-sheet';

export type TemplateKind = 'regional-roadmap' | 'programme-roadmap' | 'municipal-programme' | 'school-roadmaps' | 'target-indicators';

/**
 * Kinds with their Russian description, in the order the usage text lists them. `usesIdentification`:
 * the template is filled from the identification when there is one (so a host reads the input
 * sheets); `needsInput`: the template cannot be built without it.
 */
export const TEMPLATE_KINDS: { kind: TemplateKind; title: string; needsInput: boolean; usesIdentification: boolean }[] = [
  { kind: 'regional-roadmap', title: 'региональная дорожная карта на год (образец: приказ Минобрнауки Амурской области от 23.04.2020 № 414)', needsInput: false, usesIdentification: false },
  { kind: 'programme-roadmap', title: 'дорожная карта региональной программы (образец: программа Республики Алтай 2020–2023, раздел 8)', needsInput: false, usesIdentification: false },
  { kind: 'municipal-programme', title: 'муниципальная программа: паспорт, мероприятия, целевые показатели (образцы: Ярцевский и Михайловский районы)', needsInput: false, usesIdentification: false },
  { kind: 'school-roadmaps', title: 'дорожная карта каждой ШНОР с её показателями, слабыми местами и школами-партнёрами (нужна книга региона)', needsInput: true, usesIdentification: true },
  { kind: 'target-indicators', title: 'целевые показатели программы (Республика Алтай), муниципалитета (Ярцевский район) и ожидаемые результаты (Амурская область); факты из идентификации', needsInput: false, usesIdentification: true },
];

export interface TemplateOptions {
  /** The roadmap's year (months without a year fall in it); default: the caller's current year. */
  year: number;
  /** First year of the programme; seed years shift to it. Default: `year` (indicators with an identification: its year − 1). */
  start?: number;
  identification?: Identification;
  /** Limit facts and lists to one municipality. */
  municipality?: string;
}

export interface TemplateBook {
  sheets: TemplateSheet[];
  /** What was done, in Russian, for the user (e.g. which facts were filled). */
  notes: string[];
}

const status = ITEM_STATUSES;
const ROADMAP_COLUMNS: TemplateColumn[] = [
  { header: ROADMAP_HEADERS.section },
  { header: ROADMAP_HEADERS.number },
  { header: ROADMAP_HEADERS.activity },
  { header: ROADMAP_HEADERS.deadline },
  { header: ROADMAP_HEADERS.responsible },
  { header: ROADMAP_HEADERS.result },
  { header: ROADMAP_HEADERS.status, validation: { type: 'list', values: status, strict: true } },
  { header: ROADMAP_HEADERS.done, format: 'dd.mm.yyyy', validation: { type: 'date' } },
  { header: ROADMAP_HEADERS.evidence },
  { header: ROADMAP_HEADERS.comment },
  { header: ROADMAP_HEADERS.reading, computed: true },
];
const ROADMAP_WIDTHS = [26, 8, 60, 20, 30, 40, 13, 13, 30, 30, 36];


/** Shifts the years 2015–2035 written in a seed text by `by` («2020-2023 годы» → «2025-2028 годы»). */
export function shiftYears(text: string, by: number): string {
  if (!by) return text;
  return text.replace(/(?<!\d)(20[1-3]\d)(?!\d)/g, (y) => String(Number(y) + by));
}

function roadmapRows(sections: SeedSection[], shift: number): TemplateRow[] {
  const rows: TemplateRow[] = [];
  for (const section of sections) {
    for (const [number, activity, deadline, responsible, result] of section.items) {
      const dl = shiftYears(deadline, shift);
      rows.push({
        cells: [shiftYears(section.title, shift), number, shiftYears(activity, shift), dl, responsible, shiftYears(result, shift),
          ITEM_STATUS.notStarted, null, null, null, readingText(parseDeadline(dl))],
      });
    }
  }
  return rows;
}

function roadmapBlock(rows: TemplateRow[], caption?: string, blankRows = 20): TemplateBlock {
  return { role: 'roadmap', caption, columns: ROADMAP_COLUMNS, rows, blankRows };
}

function infoBlock(pairs: [string, string | number | null][]): TemplateBlock {
  return {
    role: 'info',
    noHeader: true,
    columns: [{ header: '' }, { header: '' }],
    rows: pairs.map(([k, v]) => ({ cells: [k, v] })),
  };
}

const ROADMAP_NOTES = [
  'Заполняйте столбцы «Статус» (из списка), «Дата выполнения», «Подтверждение» и «Комментарий». Новые мероприятия добавляйте в пустые строки под таблицей.',
  'Срок пишите так, как принято: «Апрель», «Сентябрь-декабрь», «до 01.06.2025», «Сентябрь, ежегодно», «1 раз в квартал», «1 раз в полугодие», «1 раз в учебную четверть», «Январь 2026 года, далее ежегодно в октябре», «В течение всего периода», «Постоянно», «По графику».',
  'Столбец «Как прочитан срок» показывает, как программа поняла срок; «⚠» — срок не распознан или неоднозначен: уточните его. Команда «shnor roadmap-status КНИГА --date ГГГГ-ММ-ДД» выводит, что просрочено и что предстоит, по каждому ответственному.',
];

function instructions(kind: TemplateKind, extra: string[] = []): TemplateSheet {
  const common = [
    'Статусы мероприятий: «не начато», «в работе», «выполнено», «просрочено». Для повторяющихся мероприятий («ежегодно», «1 раз в квартал») после каждого выполнения обновляйте «Дату выполнения»: мероприятие считается выполненным за период, если дата выполнения не раньше начала периода.',
    'Сроки без года («Апрель») относятся к году, указанному в строке «Год дорожной карты» над таблицей. «В течение всего периода» и «Постоянно» — до конца периода реализации. «По графику» — даты в отдельном документе: программа их не знает и напоминает указать.',
    'Учебные четверти считаются так: I — сентябрь–октябрь, II — ноябрь–декабрь, III — январь–март, IV — апрель–май; «к началу учебного года» — до 1 сентября; «в течение учебного года» — до 31 августа.',
    'Целевые показатели: «Сравнение» — «не менее» (факт должен быть не меньше плана), «не более» (не больше плана) или «да/нет». «Выполнение» = (факт − база) / (план − база), если база известна и отличается от плана; иначе факт / план (план / факт, когда меньше — лучше). Статус: «достигнуто», «частично» (план не достигнут, но есть сдвиг от базы в нужную сторону), «не достигнуто», «нет факта», «нет плана».',
    'Доли вводите в процентах (85%); ячейки с процентами это проверяют.',
    'Муниципалитеты отчитываются о реализации дорожной карты ежеквартально, до 5-го числа месяца, следующего за кварталом (приказ Минобрнауки Амурской области от 23.04.2020 № 414).',
  ];
  const title = TEMPLATE_KINDS.find((k) => k.kind === kind)!.title;
  return {
    name: S.instructions,
    title: ['Как заполнять', `Шаблон: ${title}`],
    notes: [],
    widths: [120],
    blocks: [{ role: 'table', noHeader: true, columns: [{ header: '' }], rows: [...extra, ...common].map((line) => ({ cells: [line] })) }],
  };
}

function regionalRoadmap(o: TemplateOptions): TemplateBook {
  const sheet: TemplateSheet = {
    name: S.regionalRoadmap,
    title: [`«Дорожная карта» по реализации мер поддержки ШНОР и ШФНСУ на ${o.year} год`,
      'Образец: приказ Минобрнауки Амурской области от 23.04.2020 № 414; замените мероприятия, сроки и исполнителей своими'],
    notes: ROADMAP_NOTES,
    widths: ROADMAP_WIDTHS,
    blocks: [infoBlock([[INFO.planYear, o.year], [INFO.period, `${o.year} год`]]), roadmapBlock(roadmapRows(REGIONAL_ROADMAP_003, 0))],
    freeze: true,
  };
  return { sheets: [instructions('regional-roadmap'), sheet], notes: [] };
}

function programmeRoadmap(o: TemplateOptions): TemplateBook {
  const start = o.start ?? o.year;
  const shift = start - SEED_START.s001;
  const sheet: TemplateSheet = {
    name: S.programmeRoadmap,
    title: [`Дорожная карта по реализации региональной программы поддержки ШНОР на ${start}–${start + 3} годы`,
      'Образец: приказ Минобрнауки Республики Алтай от 17.12.2020 № 1056, раздел 8 (годы сдвинуты к началу вашей программы)'],
    notes: ROADMAP_NOTES,
    widths: ROADMAP_WIDTHS,
    blocks: [infoBlock([[INFO.planYear, start], [INFO.period, `${start}-${start + 3} годы`]]), roadmapBlock(roadmapRows(PROGRAMME_ROADMAP_001, shift))],
    freeze: true,
  };
  return { sheets: [instructions('programme-roadmap'), sheet], notes: [] };
}

/** Indicator sheet with headings. */
function indicatorSheet(name: string, title: string[], specs: IndicatorSpec[], headings?: Map<string, string>, notes: string[] = []): TemplateSheet {
  return {
    name,
    title,
    notes: ['Заполните «Факт» (и при необходимости «План»); «Выполнение» и «Статус показателя» считаются формулами.', ...notes],
    widths: INDICATOR_WIDTHS,
    blocks: [indicatorBlock(specs, undefined, headings)],
    freeze: true,
  };
}

function fillFact(specs: IndicatorSpec[], number: string, period: string | null, value: number | null, source: string): boolean {
  const spec = specs.find((s) => s.number === number);
  if (!spec) return false;
  const p = period === null ? spec.plans[0] : spec.plans.find((x) => x.period === period);
  if (!p) return false;
  p.fact = value;
  p.source = source;
  return true;
}

function municipalProgramme(o: TemplateOptions): TemplateBook {
  const start = o.start ?? o.year;
  const shift4 = start - 2019;
  const m = o.municipality ?? null;
  const notes: string[] = [];
  const passport: TemplateSheet = {
    name: S.municipalPassport,
    title: ['Паспорт муниципальной программы поддержки школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных социальных условиях',
      'Образцы: ведомственная целевая программа Ярцевского района Смоленской области (2018–2021) и программа Михайловского района Амурской области (2019–2021)'],
    notes: ['Заполните правый столбец.'],
    widths: [34, 100],
    blocks: [infoBlock([
      [INFO.municipality, m],
      ['Наименование программы', 'Программа повышения качества образования в школах с низкими результатами обучения и школах, функционирующих в неблагоприятных социальных условиях'],
      [INFO.period, `${start}-${start + 3} годы`],
      ['Этапы', `Подготовительный – ${start} год; практический – ${start + 1}-${start + 2} годы; обобщения и коррекции – ${start + 3} год`],
      ['Цель', 'Повышение уровня образовательных результатов обучающихся в школах, показывающих низкие результаты обучения и работающих в сложных социальных условиях, за счёт повышения педагогического и ресурсного потенциала и перевода школ в эффективный режим функционирования'],
      ['Задачи', '1. Идентификация школ со стабильно низкими образовательными результатами. 2. Муниципальный комплекс мер по повышению качества образовательных результатов. 3. Педагогическое наставничество. 4. Привлечение специалистов (психологов, логопедов) для диагностики и адресного консультирования. 5. Повышение предметных компетенций педагогов. 6. Сетевое взаимодействие школ. 7. Методическая помощь ШНОР и ШФНСУ'],
      ['Исполнители', 'Орган управления образованием, муниципальный методический центр, общеобразовательные организации'],
      ['Ответственный за квартальный отчёт', null],
    ])],
  };
  const activities: TemplateSheet = {
    name: S.municipalActivities,
    title: [`Мероприятия муниципальной программы на ${start}–${start + 2} годы`, 'Образец: программа Михайловского района Амурской области (годы сдвинуты к началу вашей программы)'],
    notes: ROADMAP_NOTES,
    widths: ROADMAP_WIDTHS,
    blocks: [infoBlock([[INFO.municipality, m], [INFO.planYear, start], [INFO.period, `${start}-${start + 2} годы`]]), roadmapBlock(roadmapRows(MUNICIPAL_ROADMAP_004, shift4))],
    freeze: true,
  };
  const specs = municipalIndicators002(start);
  if (o.identification?.ok) fillMunicipalFacts(specs, identificationFacts(o.identification, m), notes, S.municipalIndicators);
  const indicators = indicatorSheet(S.municipalIndicators,
    [`Целевые показатели муниципальной программы${m ? ` (${m})` : ''}`, 'Образец: ведомственная целевая программа Ярцевского района Смоленской области (база → план)'], specs);
  const sheets = [instructions('municipal-programme'), passport, activities, indicators];
  if (o.identification?.ok) sheets.push(participantsSheet(identificationFacts(o.identification, m)));
  return { sheets, notes };
}

function fillMunicipalFacts(specs: IndicatorSpec[], f: IdentificationFacts, notes: string[], sheet: string): void {
  const put = (n: string, fact: { share: number | null; source: string }) => {
    if (fact.share !== null && fillFact(specs, n, null, fact.share, fact.source)) notes.push(`«${sheet}», ${n}: факт ${fmt(fact.share * 100, 1)}% — ${fact.source}`);
  };
  put('3', f.analysed);
  put('4.1', f.stableLow);
  put('4.2', f.shfnsu);
  put('4.3', f.stableHigh);
}

const P = PARTICIPANT_HEADERS;
const PARTICIPANT_COLUMNS: TemplateColumn[] = [
  { header: P.number }, { header: P.municipality }, { header: P.code, format: '@' }, { header: P.name }, { header: P.category },
  { header: P.identified, validation: { type: 'list', values: [YES, NO], strict: true } },
  { header: P.inProgramme, validation: { type: 'list', values: [YES, NO], strict: true } },
  { header: P.basis, validation: { type: 'list', values: Object.values(PARTICIPATION_BASIS), strict: true } },
];
/** Column letters of «Входит в программу», «Идентифицирована», «Основание участия» on the participants sheet. */
const PCOL = { identified: 'F', inProgramme: 'G', basis: 'H' };

function participantsSheet(f: IdentificationFacts | null): TemplateSheet {
  const rows: TemplateRow[] = (f?.identified ?? [])
    .slice().sort((a, b) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru'))
    .map((s, i) => ({ cells: [i + 1, s.municipality, s.code, s.name, s.category, YES, null, null] }));
  return {
    name: S.participants,
    title: ['Участники региональной программы (пилотные площадки)',
      f ? `Перечень ШНОР и ШФНСУ по итогам идентификации ${f.year} года${f.municipality ? ` (${f.municipality})` : ''}` : 'Впишите идентифицированные школы'],
    notes: [
      'Отметьте «Входит в программу» и «Основание участия». Программа должна охватить не менее 10% идентифицированных школ; по заявке с опытом реализации программы — не более 45% пилотных площадок, дополнительно после отбора — не более 5% (региональная модель Амурской области, 2022).',
      'Школу, не вошедшую в перечень, добавьте в пустую строку с «Идентифицирована» = «нет».',
    ],
    widths: [6, 26, 12, 50, 18, 16, 14, 36],
    blocks: [{ role: 'participants', columns: PARTICIPANT_COLUMNS, rows, blankRows: 30 }],
    freeze: true,
  };
}

function participantFormula(kind: 'coverage' | 'experience' | 'additional'): string {
  const ref = (col: string) => `${sheetRef(S.participants)}!${col}:${col}`;
  const inProg = `COUNTIF(${ref(PCOL.inProgramme)},"${YES}")`;
  if (kind === 'coverage') {
    return `=IFERROR(COUNTIFS(${ref(PCOL.identified)},"${YES}",${ref(PCOL.inProgramme)},"${YES}")/COUNTIF(${ref(PCOL.identified)},"${YES}"),"")`;
  }
  const basis = kind === 'experience' ? PARTICIPATION_BASIS.experience : PARTICIPATION_BASIS.additional;
  return `=IFERROR(COUNTIFS(${ref(PCOL.inProgramme)},"${YES}",${ref(PCOL.basis)},"${basis}")/${inProg},"")`;
}

function targetIndicators(o: TemplateOptions): TemplateBook {
  const result = o.identification?.ok ? o.identification : null;
  const start = o.start ?? (result ? result.year! - 1 : o.year);
  const notes: string[] = [];
  const f = result ? identificationFacts(result, o.municipality ?? null) : null;

  const p001 = programmeIndicators001(start);
  const s002 = municipalIndicators002(start);
  const s000 = expectedResults000(start);
  if (f) {
    const period = `${f.year} год`;
    for (const { number, indicator } of DYNAMICS_INDICATORS) {
      const d = f.dynamics.find((x) => x.indicator === indicator);
      if (!d) {
        notes.push(`«${S.programmeIndicators}», ${number}: «${indicator}» нет среди показателей идентификации — факт не заполнен`);
        continue;
      }
      if (d.share === null) {
        notes.push(`«${S.programmeIndicators}», ${number}: ${d.source} — факт не заполнен`);
        continue;
      }
      if (fillFact(p001.specs, number, period, d.share, d.source)) notes.push(`«${S.programmeIndicators}», ${number}: факт ${fmt(d.share * 100, 1)}% за ${f.year} год — ${d.source}`);
      else notes.push(`«${S.programmeIndicators}», ${number}: в плане нет ${f.year} года (программа ${start}–${start + 3}); факт не заполнен, укажите --start`);
    }
    fillMunicipalFacts(s002, f, notes, S.municipalSet);
    if (f.analysed.share !== null && fillFact(s000, '2', null, f.analysed.share, f.analysed.source)) {
      notes.push(`«${S.expectedResults}», 2: факт ${fmt(f.analysed.share * 100, 1)}% — ${f.analysed.source}`);
    }
  }
  const formulaSource = `формула: лист «${S.participants}»`;
  for (const [n, kind] of [['3', 'coverage'], ['П.1', 'experience'], ['П.2', 'additional']] as const) {
    const spec = s000.find((s) => s.number === n)!;
    spec.plans[0].fact = { formula: participantFormula(kind) };
    spec.plans[0].source = formulaSource;
  }
  const scope = o.municipality ? ` (${o.municipality})` : '';
  const sheets: TemplateSheet[] = [
    instructions('target-indicators', f ? [`Факты, которые измеряет идентификация ${f.year} года, уже вписаны (источник — в последнем столбце); остальные заполните.`] : []),
    indicatorSheet(S.programmeIndicators, [`Целевые показатели региональной программы на ${start}–${start + 3} годы${scope}`,
      'Образец: программа Республики Алтай 2020–2023 (приказ от 17.12.2020 № 1056), раздел 4; годы сдвинуты к началу вашей программы'], p001.specs, p001.headings),
    indicatorSheet(S.municipalSet, [`Целевые показатели муниципальной программы (база → план)${scope}`,
      'Образец: ведомственная целевая программа Ярцевского района Смоленской области (2018–2021)'], s002),
    indicatorSheet(S.expectedResults, [`Ожидаемые результаты и правила отбора пилотных площадок на ${start}–${start + 2} годы`,
      'Образец: региональная модель поддержки ШНОР и ШФНСУ Амурской области (приказ от 02.02.2022 № 96), раздел V и «2 этап»'], s000, undefined,
    [`Показатели 3, П.1 и П.2 считаются по листу «${S.participants}».`]),
    participantsSheet(f),
  ];
  if (f) sheets.push(factsSheet(f));
  return { sheets, notes };
}

function factsSheet(f: IdentificationFacts): TemplateSheet {
  const rows: TemplateRow[] = [
    ['Школ на листе «Школы»', f.schools, null, null],
    ['Школ с группой по качеству (проанализированы)', f.analysed.count, f.analysed.share, f.analysed.source],
    ['ШНОР (группы 1–5 по индексу качества или выбранный метод)', f.shnor.count, f.shnor.share, f.shnor.source],
    ['ШФНСУ (группы 1–4 по ИСБШ)', f.shfnsu.count, f.shfnsu.share, f.shfnsu.source],
    ['Стабильно низкие результаты (ШНОР в этом и прошлом году)', f.stableLow.count, f.stableLow.share, f.stableLow.source],
    ['Стабильно высокие результаты (группа 7–11 в этом и прошлом году)', f.stableHigh.count, f.stableHigh.share, f.stableHigh.source],
    ['Идентифицированы для программы (ШНОР и/или ШФНСУ)', f.identified.length, null, null],
    ...f.dynamics.map((d) => [`ШНОР с положительной динамикой: ${d.indicator}`, d.positive, d.share, d.source]),
  ].map((cells) => ({ cells: cells as TemplateRow['cells'] }));
  return {
    name: S.facts,
    title: [`Факты из идентификации ${f.year} года${f.municipality ? ` (${f.municipality})` : ''}`,
      'Положительная динамика — изменение индекса качества или доли не справившихся за пределами его стандартной ошибки (методика, раздел 9)'],
    notes: [],
    widths: [60, 10, 10, 80],
    blocks: [{
      role: 'table',
      columns: [{ header: 'Что измерено' }, { header: 'Число' }, { header: 'Доля', format: '0.0%' }, { header: 'Как посчитано' }],
      rows,
    }],
  };
}

/** The three weakest indicators of a school by quality index, and any under the failure rule. */
export function weakIndicators(result: Identification, s: SchoolResult): string[] {
  const ranked = result.indicators
    .map((name, k) => ({ name, qi: s.indicatorQI[k] }))
    .filter((x): x is { name: string; qi: number } => x.qi !== null)
    .sort((a, b) => a.qi - b.qi)
    .slice(0, 3)
    .map((x) => x.name);
  return [...new Set([...s.lowIndicators, ...ranked])];
}

function schoolSheet(result: Identification, s: SchoolResult, byCode: Map<string, SchoolResult>, year: number): TemplateSheet {
  const weak = weakIndicators(result, s);
  const partners = s.partners.map((c) => byCode.get(c)).filter((p): p is SchoolResult => !!p);
  const partnerNames = partners.map((p) => `${p.name} (${p.code})`).join('; ');
  const weakText = weak.join(', ') || 'нет данных по показателям';
  const indicatorRows: TemplateRow[] = result.indicators.map((name, k) => {
    const qi = s.indicatorQI[k];
    const fail = s.failShares[k];
    const flags = [s.lowIndicators.includes(name) ? 'доля не справившихся не ниже порога' : null, weak.includes(name) && qi !== null ? 'слабое место' : null].filter(Boolean).join('; ');
    return { cells: [name, qi, fail, result.regionalMeans[k], flags || null] };
  });
  const partnerRows: TemplateRow[] = partners.length
    ? partners.map((p) => ({ cells: [p.code, p.name, p.municipality, p.category, p.qualityIndex, p.isbsh] }))
    : [{ cells: ['Подходящих школ-партнёров не найдено: подберите партнёра вместе с муниципалитетом', null, null, null, null, null] }];
  const y = year;
  const items: [string, string, string, string, string][] = [
    ['1.', `Анализ внутренних и внешних причин низких образовательных результатов (слабые места: ${weakText})`, `Октябрь ${y}`, 'ОО', 'Информационно-аналитический отчёт'],
    ['2.', 'Диагностика профессиональных дефицитов учителей по предметам слабых показателей', `Октябрь ${y}`, 'ОО', 'Перечень дефицитов и план их устранения'],
    ['3.', 'Утверждение школьной дорожной карты и плановых показателей улучшения результатов (лист ниже)', `Ноябрь ${y}`, 'ОО', 'Утверждённая дорожная карта'],
    ['4.', `Схема дополнительных занятий с обучающимися с низкими результатами по: ${weakText}`, `Ноябрь ${y}`, 'ОО', 'Расписание дополнительных занятий'],
    ['5.', partners.length ? `Договор о партнёрстве (сетевом взаимодействии) со школой-партнёром: ${partnerNames}` : 'Подбор школы-партнёра и договор о партнёрстве (сетевом взаимодействии)', `Декабрь ${y}`, partners.length ? 'ОО, школа-партнёр' : 'ОО, муниципалитет', 'Договор о партнёрстве'],
    ['6.', 'Курсы повышения квалификации по повышению качества преподавания и управления: не менее 5 работников, не менее 32 часов', 'В течение учебного года, ежегодно', 'ОО', 'Удостоверения о повышении квалификации'],
    ['7.', 'Краткосрочное мероприятие (семинар, вебинар) не менее 4 часов по повышению качества преподавания на базе школы', `Март ${y + 1}`, 'ОО', 'Программа и материалы мероприятия'],
    ['8.', 'Вовлечение родительской общественности в работу по повышению качества образования', '1 раз в полугодие', 'ОО', 'Протоколы родительских собраний'],
    ['9.', 'Мониторинг реализации школьной дорожной карты', '1 раз в учебную четверть', 'ОО', 'Аналитические справки'],
    ['10.', 'Анализ достижения плановых показателей улучшения образовательных результатов', `Июль ${y + 1}`, 'ОО, муниципалитет', 'Информационно-аналитический отчёт'],
  ];
  const roadmap = roadmapBlock(items.map(([n, a, d, r, res]) => ({
    cells: ['Школьная дорожная карта', n, a, d, r, res, ITEM_STATUS.notStarted, null, null, null, readingText(parseDeadline(d))],
  })), 'Мероприятия школьной дорожной карты', 10);
  const specs: IndicatorSpec[] = [];
  weak.forEach((name, i) => {
    const k = result.indicators.indexOf(name);
    const qi = s.indicatorQI[k];
    const fail = s.failShares[k];
    if (qi !== null) specs.push({ number: `${i + 1}.1`, name: `Индекс качества: ${name}`, unit: UNIT.count, comparator: COMPARATOR.atLeast, direction: 'higher', base: round(qi, 3), plans: [{ period: `${y + 1} год`, plan: null }], source: `база — идентификация ${y} года` });
    if (fail !== null) specs.push({ number: `${i + 1}.2`, name: `Доля не справившихся: ${name}`, unit: UNIT.percent, comparator: COMPARATOR.atMost, direction: 'lower', base: round(fail, 4), plans: [{ period: `${y + 1} год`, plan: null }], source: `база — идентификация ${y} года` });
  });
  const indicators = indicatorBlock(specs, 'Целевые показатели школы: впишите план на следующий год', undefined);
  indicators.blankRows = 5;
  return {
    name: S.school(s.code),
    title: [`Дорожная карта школы: ${s.name}`, `${s.municipality}; ${s.category}; идентификация ${y} года`],
    notes: ['Заполните статусы мероприятий и план целевых показателей. Числа школы и школы-партнёры — из идентификации; их не меняйте.'],
    widths: ROADMAP_WIDTHS,
    blocks: [
      infoBlock([
        [INFO.school, s.name], ['Код ОО', s.code], [INFO.municipality, s.municipality], ['Категория', s.category],
        ['Индекс качества', s.qualityIndex === null ? null : round(s.qualityIndex, 3)], ['Группа (качество)', s.qualityGroup],
        ['ИСБШ', s.isbsh === null ? null : round(s.isbsh, 3)], ['Группа (ИСБШ)', s.isbshGroup],
        ['Статус в перечне', s.change ? CHANGE_TEXT[s.change] : null], ['Обоснование', s.reason],
        [INFO.planYear, y], [INFO.period, `сентябрь ${y}-август ${y + 1}`],
      ]),
      {
        role: 'table', caption: `Результаты по показателям (идентификация ${y} года)`,
        columns: [{ header: 'Показатель' }, { header: 'Индекс качества', format: '0.000' }, { header: 'Доля не справившихся', format: '0.0%' },
          { header: 'Среднее по региону', format: '0.00' }, { header: 'Отметка' }],
        rows: indicatorRows,
      },
      {
        role: 'table', caption: 'Предлагаемые школы-партнёры: похожие социальные условия, высокие результаты',
        columns: [{ header: 'Код ОО', format: '@' }, { header: 'Наименование ОО' }, { header: 'Муниципалитет' }, { header: 'Категория' },
          { header: 'Индекс качества', format: '0.000' }, { header: 'ИСБШ', format: '0.000' }],
        rows: partnerRows,
      },
      roadmap,
      indicators,
    ],
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function schoolRoadmaps(o: TemplateOptions): TemplateBook {
  const result = o.identification;
  if (!result?.ok) return { sheets: [], notes: ['Нужна книга региона с результатами: --input КНИГА.xlsx'] };
  const year = result.year!;
  const byCode = new Map(result.schools.map((s) => [s.code, s]));
  const shnor = result.schools.filter(isShnor)
    .filter((s) => !o.municipality || s.municipality === o.municipality)
    .sort((a, b) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru'));
  const index: TemplateSheet = {
    name: S.schoolIndex,
    title: [`Школьные дорожные карты ШНОР по итогам идентификации ${year} года${o.municipality ? ` (${o.municipality})` : ''}`,
      `${shnor.length} ${shnor.length === 1 ? 'школа' : 'школ(ы)'}; лист каждой школы — «ДК код»`],
    notes: [],
    widths: [6, 26, 12, 50, 18, 14, 50, 60],
    blocks: [{
      role: 'table',
      columns: [{ header: '№' }, { header: 'Муниципалитет' }, { header: 'Код ОО', format: '@' }, { header: 'Наименование ОО' }, { header: 'Категория' },
        { header: 'Лист' }, { header: 'Слабые места' }, { header: 'Школы-партнёры' }],
      rows: shnor.map((s, i) => ({
        cells: [i + 1, s.municipality, s.code, s.name, s.category, S.school(s.code), weakIndicators(result, s).join(', '),
          s.partners.map((c) => byCode.get(c)?.name ?? c).join('; ') || 'не найдены'],
      })),
    }],
    freeze: true,
  };
  const notes = [`Дорожных карт: ${shnor.length} (все ШНОР${o.municipality ? ` муниципалитета «${o.municipality}»` : ''} идентификации ${year} года)`];
  const noPartners = shnor.filter((s) => s.partners.length === 0).length;
  if (noPartners) notes.push(`Без предложенных партнёров: ${noPartners} (нет школ с похожим ИСБШ и высокими результатами)`);
  return { sheets: [instructions('school-roadmaps'), index, ...shnor.map((s) => schoolSheet(result, s, byCode, year))], notes };
}

/**
 * Builds a template workbook, host-neutrally.
 * @example buildTemplate('regional-roadmap', { year: 2025 }).sheets.map((s) => s.name) // ['Инструкция', 'Дорожная карта']
 */
export function buildTemplate(kind: TemplateKind, options: TemplateOptions): TemplateBook {
  switch (kind) {
    case 'regional-roadmap': return regionalRoadmap(options);
    case 'programme-roadmap': return programmeRoadmap(options);
    case 'municipal-programme': return municipalProgramme(options);
    case 'school-roadmaps': return schoolRoadmaps(options);
    case 'target-indicators': return targetIndicators(options);
  }
}

