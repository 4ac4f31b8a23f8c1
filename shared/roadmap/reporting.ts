/**
 * Quarterly municipal reporting, host-neutrally: the «Муниципалитеты» sheet (municipality and its
 * editors' e-mail addresses), the report sheet of each municipality (its schools' results to read,
 * its roadmap items and indicators to fill), the quarter and its deadline (the 5th of the month after
 * the quarter), the submitted / late / missing status, the consolidated «Сбор отчётов» sheet, and
 * the values-only archive of each quarter, which is only ever appended to.
 */
import { cellText, isBlank } from '../input/numbers';
import { findHeader, normalizeHeader } from '../input/table';
import type { Cell, Grid, Problem } from '../types';
import { type Ymd, addDays, cellToYmd, fmtDate, ymd } from './dates';
import { readingText } from './deadline';
import { type IndicatorRecord, type IndicatorSpec, indicatorBlock, readIndicators } from './indicators';
import { INDICATOR_STATUS, INFO, ITEM_STATUS, NO, ROADMAP_HEADERS, YES } from './messages';
import { type Roadmap, type RoadmapItem, itemDue, readRoadmaps } from './roadmap';
import { type TemplateBlock, type TemplateColumn, type TemplateSheet, type TemplateValue } from './template-sheet';

export const REPORT_SHEETS = {
  municipalities: 'Муниципалитеты',
  collection: 'Сбор отчётов',
  /** The base name of a report sheet; uniqueReportName adds « (2)» when another sheet has it. */
  report: (municipality: string) => `Отчёт ${municipality}`.replace(/[[\]:*?/\\]/g, '_').slice(0, 90),
  archive: (q: Quarter) => `Архив ${ROMAN[q.q - 1]} кв. ${q.year}`,
} as const;

/** The column of «Муниципалитеты» where «Создать листы отчётов» records each municipality's sheet. */
export const SHEET_COLUMN = 'Лист отчёта';

/**
 * A report sheet name no other sheet has (names compared as Sheets does, ignoring case, and
 * ignoring spaces too): the base name, else the base with « (2)», « (3)», … Two municipalities whose
 * names differ only in `/:*?[]\` or after the 84th character get two sheets, never one.
 */
export function uniqueReportName(municipality: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map(normalizeHeader));
  const base = REPORT_SHEETS.report(municipality);
  if (!used.has(normalizeHeader(base))) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!used.has(normalizeHeader(name))) return name;
  }
}

/** A row of «Муниципалитеты» whose municipality is «Регион» lists the region's owners. */
export const REGION_ROW = 'Регион';

/** Reports are due on this day of the month after the quarter (Amur order № 414). */
export const REPORT_DAY = 5;

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** «I квартал 2025». */
export function quarterLabel(q: Quarter): string {
  return `${ROMAN[q.q - 1]} квартал ${q.year}`;
}

/** Reads «I квартал 2025» (also «1 квартал 2025», «2025-К1»); null otherwise. */
export function parseQuarter(cell: Cell): Quarter | null {
  const t = cellText(cell).toUpperCase().replace(/Ё/g, 'Е');
  let m = /^(IV|III|II|I|[1-4])\s*(-?Й)?\s*КВ(АРТАЛ|\.)?\s*(\d{4})/.exec(t);
  if (m) return { year: Number(m[4]), q: /^\d$/.test(m[1]) ? Number(m[1]) : ROMAN.indexOf(m[1]) + 1 };
  m = /^(\d{4})\s*-\s*К([1-4])$/.exec(t);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null;
}

export function quarterStart(q: Quarter): Ymd {
  return ymd(q.year, q.q * 3 - 2, 1);
}

export function quarterEnd(q: Quarter): Ymd {
  return addDays(q.q === 4 ? ymd(q.year + 1, 1, 1) : ymd(q.year, q.q * 3 + 1, 1), -1);
}

/** The day the report for a quarter is due: the 5th of the month after it. */
export function quarterDeadline(q: Quarter, day = REPORT_DAY): Ymd {
  return q.q === 4 ? ymd(q.year + 1, 1, day) : ymd(q.year, q.q * 3 + 1, day);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.q === 4 ? { year: q.year + 1, q: 1 } : { year: q.year, q: q.q + 1 };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.q - b.q;
}

/** The quarter a date falls in. */
export function quarterOf(date: Ymd): Quarter {
  return { year: Number(date.slice(0, 4)), q: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** The last quarter that has ended by a date: the one collected on it (on 03.04.2025 — I квартал 2025). */
export function lastEndedQuarter(date: Ymd): Quarter {
  const q = quarterOf(date);
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 };
}

export type SubmissionStatus = 'submitted' | 'late' | 'missing' | 'pending';

export const SUBMISSION_TEXT: Record<SubmissionStatus, string> = {
  submitted: 'сдан',
  late: 'сдан с опозданием',
  missing: 'не сдан',
  pending: 'ожидается',
};

/**
 * Status of one municipality's report for a quarter on a date.
 * @example submissionStatus('2025-04-07', { year: 2025, q: 1 }, '2025-04-10') // 'late' (due 05.04.2025)
 */
export function submissionStatus(submittedOn: Ymd | null, q: Quarter, today: Ymd): SubmissionStatus {
  const due = quarterDeadline(q);
  if (submittedOn) return submittedOn <= due ? 'submitted' : 'late';
  return today > due ? 'missing' : 'pending';
}

export interface Municipality {
  name: string;
  editors: string[];
  /** 1-based row on «Муниципалитеты». */
  row: number;
  /** Its report sheet as «Лист отчёта» records it ('' before the first «Создать листы отчётов»). */
  sheet: string;
}

export interface MunicipalityList {
  municipalities: Municipality[];
  /** E-mail addresses of the region's row («Регион»). */
  owners: string[];
  problems: Problem[];
  /** 1-based header row and «Лист отчёта» column (null when the sheet has no such column yet). */
  headerRow: number | null;
  sheetColumn: number | null;
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Reads «Муниципалитеты»: «Муниципалитет» and «Редакторы» (e-mail addresses separated by commas, semicolons or spaces). */
export function readMunicipalities(grid: Grid): MunicipalityList {
  const sheet = REPORT_SHEETS.municipalities;
  const problems: Problem[] = [];
  const header = findHeader(grid, [
    { key: 'name', title: 'Муниципалитет', synonyms: ['МО', 'Район', 'Муниципальное образование'], required: true },
    { key: 'editors', title: 'Редакторы', synonyms: ['Редакторы (e-mail)', 'E-mail', 'Email', 'Электронная почта', 'Почта'], required: true },
    { key: 'sheet', title: SHEET_COLUMN },
  ]);
  if (!header || header.missing.length) {
    problems.push({ sheet, row: null, column: null, severity: 'error', message: `Лист «${sheet}»: нужны столбцы «Муниципалитет» и «Редакторы» (адреса электронной почты через запятую)` });
    return { municipalities: [], owners: [], problems, headerRow: null, sheetColumn: null };
  }
  const sheetCol = header.columns.sheet;
  const municipalities: Municipality[] = [];
  const owners: string[] = [];
  const seen = new Map<string, number>();
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const name = cellText(row[header.columns.name!]);
    const raw = cellText(row[header.columns.editors!]);
    if (!name && !raw) continue;
    const emails = raw.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean);
    const bad = emails.filter((e) => !EMAIL.test(e));
    for (const e of bad) problems.push({ sheet, row: r + 1, column: 'Редакторы', severity: 'error', message: `«${e}» — не адрес электронной почты` });
    const good = emails.filter((e) => EMAIL.test(e));
    if (!name) {
      problems.push({ sheet, row: r + 1, column: 'Муниципалитет', severity: 'error', message: 'не указан муниципалитет' });
      continue;
    }
    if (normalizeHeader(name) === normalizeHeader(REGION_ROW)) {
      owners.push(...good);
      continue;
    }
    const key = normalizeHeader(name);
    if (seen.has(key)) {
      problems.push({ sheet, row: r + 1, column: 'Муниципалитет', severity: 'error', message: `«${name}» уже указан в строке ${seen.get(key)}` });
      continue;
    }
    seen.set(key, r + 1);
    if (!good.length) problems.push({ sheet, row: r + 1, column: 'Редакторы', severity: 'warning', message: `у муниципалитета «${name}» нет редакторов: его лист смогут заполнять только владельцы` });
    municipalities.push({ name, editors: [...new Set(good)], row: r + 1, sheet: sheetCol === undefined ? '' : cellText(row[sheetCol]) });
  }
  return {
    municipalities, owners: [...new Set(owners)], problems, headerRow: header.headerRow + 1, sheetColumn: sheetCol === undefined ? null : sheetCol + 1,
  };
}

/** One school of the identification sheet, as the report shows it. */
export type SchoolLine = Record<(typeof RESULT_COLUMNS)[number]['key'], Cell>;

const RESULT_COLUMNS = [
  { key: 'code', title: 'Код ОО', format: '@' },
  { key: 'name', title: 'Наименование ОО' },
  { key: 'category', title: 'Категория' },
  { key: 'qi', title: 'Индекс качества', format: '0.000' },
  { key: 'group', title: 'Группа (качество)' },
  { key: 'isbsh', title: 'ИСБШ', format: '0.000' },
  { key: 'isbshGroup', title: 'Группа (ИСБШ)' },
  { key: 'change', title: 'Изменение статуса' },
  { key: 'low', title: 'Показатели ниже порога' },
  { key: 'partners', title: 'Партнёры' },
] as const;

/** The schools of each municipality from an «Идентификация ГГГГ» sheet (the identification's output). */
export function schoolsByMunicipality(grid: Grid): Map<string, SchoolLine[]> {
  const header = findHeader(grid, [
    ...RESULT_COLUMNS.map((c) => ({ key: c.key, title: c.title, required: c.key === 'code' || c.key === 'name' })),
    { key: 'municipality', title: 'Муниципалитет', required: true },
  ]);
  const out = new Map<string, SchoolLine[]>();
  if (!header || header.missing.length) return out;
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const m = cellText(row[header.columns.municipality!]);
    if (!m || isBlank(row[header.columns.code!])) continue;
    const line = Object.fromEntries(RESULT_COLUMNS.map((c) => [c.key, header.columns[c.key] === undefined ? null : row[header.columns[c.key]!] ?? null])) as SchoolLine;
    const key = normalizeHeader(m);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(line);
  }
  return out;
}

/** The latest «Идентификация ГГГГ» among sheet names, or null. */
export function latestIdentificationSheet(names: string[]): string | null {
  let best: { name: string; year: number } | null = null;
  for (const name of names) {
    const m = /^Идентификация\s+(\d{4})$/i.exec(name.trim());
    if (m && (!best || Number(m[1]) > best.year)) best = { name, year: Number(m[1]) };
  }
  return best?.name ?? null;
}

// Bodies a municipality answers for: the education authority, its centres, its schools.
const MUNICIPAL_BODY = /(моуо|омс|\bроо\b|\bуо\b|органы местного самоуправления|муниципальн|комитет по образованию|управление образования|\bоо\b|оо-участники|образовательные организации|руководители общеобразовательных|мц»|ммс)/i;

/** Roadmap items a municipality reports on: those with a municipal body among the responsible; all items when none has one. */
export function municipalItems(items: RoadmapItem[]): RoadmapItem[] {
  const own = items.filter((i) => MUNICIPAL_BODY.test(` ${i.responsible.toLowerCase()} `));
  return own.length ? own : items;
}

export interface ReportSource {
  municipality: Municipality;
  /** The sheet's name (uniqueReportName); the base name when omitted. */
  sheetName?: string;
  quarter: Quarter;
  /** Year of the identification the results come from. */
  identificationYear: number | null;
  schools: SchoolLine[];
  items: RoadmapItem[];
  indicators: IndicatorRecord[];
}

const FILL_COLUMNS: TemplateColumn[] = [
  { header: ROADMAP_HEADERS.section }, { header: ROADMAP_HEADERS.number }, { header: ROADMAP_HEADERS.activity },
  { header: ROADMAP_HEADERS.deadline }, { header: ROADMAP_HEADERS.responsible }, { header: ROADMAP_HEADERS.result },
  { header: ROADMAP_HEADERS.status, validation: { type: 'list', values: [ITEM_STATUS.notStarted, ITEM_STATUS.inProgress, ITEM_STATUS.done, ITEM_STATUS.overdue], strict: true } },
  { header: ROADMAP_HEADERS.done, format: 'dd.mm.yyyy', validation: { type: 'date' } },
  { header: ROADMAP_HEADERS.evidence }, { header: ROADMAP_HEADERS.comment }, { header: ROADMAP_HEADERS.reading, computed: true },
];

/** Captions of the report sheet's blocks (the host finds the read-only block by them). */
export const REPORT_CAPTIONS = {
  schools: (year: number | null) => `Школы муниципалитета: результаты идентификации${year ? ` ${year} года` : ''} (только чтение)`,
  roadmap: 'Мероприятия дорожной карты: заполните статус, дату выполнения, подтверждение',
  indicators: 'Целевые показатели: заполните факт',
} as const;

/** The report sheet of one municipality, as a template: info lines, its schools (read-only), items and indicators to fill. */
export function reportSheet(src: ReportSource): TemplateSheet {
  const q = src.quarter;
  const info: TemplateBlock = {
    role: 'info', noHeader: true, columns: [{ header: '' }, { header: '' }],
    rows: [
      { cells: [INFO.municipality, src.municipality.name] },
      { cells: [INFO.quarter, quarterLabel(q)] },
      { cells: ['Срок сдачи', `до ${fmtDate(quarterDeadline(q))}`] },
      { cells: [INFO.submitted, NO], validations: [undefined, { type: 'list', values: [YES, NO], strict: true }] },
      { cells: [INFO.submittedOn, null], formats: [undefined, 'dd.mm.yyyy'], validations: [undefined, { type: 'date' }] },
    ],
  };
  const schools: TemplateBlock = {
    role: 'table', caption: REPORT_CAPTIONS.schools(src.identificationYear),
    columns: RESULT_COLUMNS.map((c) => ({ header: c.title, format: 'format' in c ? c.format : undefined })),
    rows: src.schools.length ? src.schools.map((s) => ({ cells: RESULT_COLUMNS.map((c) => toValue(s[c.key])) }))
      : [{ cells: ['Нет школ этого муниципалитета на листе идентификации'] }],
  };
  const roadmap: TemplateBlock = {
    role: 'roadmap', caption: REPORT_CAPTIONS.roadmap, columns: FILL_COLUMNS,
    rows: src.items.map((i) => ({
      cells: [i.section, i.number, i.activity, i.deadlineText, i.responsible, i.result, i.status ?? ITEM_STATUS.notStarted, null, null, null, readingText(i.deadline)],
    })),
    blankRows: 5,
  };
  const blocks = [info, schools, roadmap];
  if (src.indicators.length) {
    const specs: IndicatorSpec[] = src.indicators.map((r) => ({
      number: r.number, name: r.name, unit: r.unit, comparator: r.comparator, direction: r.direction, base: r.base,
      plans: [{ period: r.period, plan: r.plan }],
    }));
    const ind = indicatorBlock(specs, REPORT_CAPTIONS.indicators);
    ind.blankRows = 0;
    blocks.push(ind);
  }
  return {
    name: src.sheetName ?? REPORT_SHEETS.report(src.municipality.name),
    title: [`Отчёт о реализации дорожной карты: ${src.municipality.name}`,
      `Сдаётся ежеквартально, до ${REPORT_DAY}-го числа месяца после квартала. Заполните статусы и факты, затем «ШНОР → Сдать отчёт за квартал».`],
    notes: [],
    widths: [26, 8, 60, 20, 30, 40, 13, 13, 30, 30, 36, 16],
    blocks,
  };
}

function toValue(c: Cell): TemplateValue {
  if (c === undefined) return null;
  if (c instanceof Date) {
    const d = cellToYmd(c);
    return d ? { date: d } : null;
  }
  return c;
}

/** What a report sheet says, read back from its values. */
export interface ReportReading {
  /** The municipality its info line names. */
  municipality: string;
  quarter: Quarter | null;
  submitted: boolean;
  submittedOn: Ymd | null;
  roadmaps: Roadmap[];
  indicators: IndicatorRecord[];
  /** 1-based rows of the info lines, for the host to write them. */
  rows: { quarter: number | null; submitted: number | null; submittedOn: number | null };
}

/** Reads a report sheet's info lines, roadmap items and indicators. */
export function readReport(grid: Grid, sheet: string): ReportReading {
  const rows = { quarter: null as number | null, submitted: null as number | null, submittedOn: null as number | null };
  let quarter: Quarter | null = null;
  let municipality = '';
  let submitted = false;
  let submittedOn: Ymd | null = null;
  for (let r = 0; r < Math.min(grid.length, 40); r++) {
    const key = normalizeHeader(cellText(grid[r]?.[0]));
    const value = grid[r]?.[1] ?? null;
    if (key === normalizeHeader(INFO.municipality) && !municipality) {
      municipality = cellText(value);
    } else if (key === normalizeHeader(INFO.quarter)) {
      rows.quarter = r + 1;
      quarter = parseQuarter(value);
    } else if (key === normalizeHeader(INFO.submitted)) {
      rows.submitted = r + 1;
      submitted = cellText(value).toLowerCase() === YES;
    } else if (key === normalizeHeader(INFO.submittedOn)) {
      rows.submittedOn = r + 1;
      submittedOn = cellToYmd(value);
    }
  }
  return { municipality, quarter, submitted, submittedOn, roadmaps: readRoadmaps(grid, sheet), indicators: readIndicators(grid, sheet).rows, rows };
}

export interface CollectedRow {
  municipality: Municipality;
  sheet: string | null;
  status: SubmissionStatus;
  /**
   * When the report counts as submitted: the day an owner's «Сбор отчётов» first saw it marked
   * submitted (then kept in the owner-only archive), never a date the municipality typed.
   */
  submittedOn: Ymd | null;
  /** The «Дата сдачи» the report sheet shows (typed by the municipality or by «Сдать отчёт»): shown, not trusted. */
  typedOn: Ymd | null;
  items: number;
  done: number;
  overdue: number;
  indicators: number;
  facts: number;
  achieved: number;
}

/**
 * One municipality's line of «Сбор отчётов» for the collected quarter, on the day of the collection.
 * A report counts for the quarter when its sheet names that quarter and is marked submitted; it
 * counts as submitted on `today` — the collection run that sees it — since «Отчёт сдан» and «Дата
 * сдачи» are cells the municipality can write: a date typed there is shown (typedOn), not trusted.
 */
export function collectRow(m: Municipality, sheet: string | null, reading: ReportReading | null, q: Quarter, today: Ymd): CollectedRow {
  const forQuarter = !!reading?.quarter && compareQuarters(reading.quarter, q) === 0;
  const submittedOn = forQuarter && reading!.submitted ? today : null;
  const typedOn = forQuarter && reading!.submitted ? reading!.submittedOn : null;
  const items = reading ? reading.roadmaps.flatMap((r) => r.items) : [];
  const due = quarterDeadline(q);
  const states = items.map((i) => itemDue(i, { date: today < due ? today : due, planYear: q.year }));
  const inds = reading?.indicators ?? [];
  return {
    municipality: m, sheet, status: submissionStatus(submittedOn, q, today), submittedOn, typedOn,
    items: items.length,
    done: items.filter((i) => i.status === ITEM_STATUS.done).length,
    overdue: states.filter((s) => s.state === 'overdue').length,
    indicators: inds.length,
    facts: inds.filter((r) => r.fact !== null).length,
    achieved: inds.filter((r) => r.result.status === INDICATOR_STATUS.achieved).length,
  };
}

/** «Сбор отчётов»: each municipality's status for the quarter, with counts from its report. */
export function collectionSheet(rows: CollectedRow[], q: Quarter, today: Ymd): TemplateSheet {
  const count = (s: SubmissionStatus) => rows.filter((r) => r.status === s).length;
  return {
    name: REPORT_SHEETS.collection,
    title: [`Сбор отчётов за ${quarterLabel(q)}: срок сдачи ${fmtDate(quarterDeadline(q))}; сведения на ${fmtDate(today)}`,
      `Сдано в срок ${count('submitted')}, с опозданием ${count('late')}, не сдано ${count('missing')}, ожидается ${count('pending')}. Снимки сданных отчётов — на листе «${REPORT_SHEETS.archive(q)}».`,
      'Дата сдачи — день сбора отчётов, при котором отчёт впервые отмечен сданным (её хранит архив); дата, вписанная в лист отчёта, показана справа и не учитывается. Собирайте отчёты в день срока, чтобы сданные вовремя отчёты считались сданными в срок.'],
    notes: [],
    widths: [28, 40, 18, 13, 12, 11, 12, 12, 12, 12, 30, 16],
    blocks: [{
      role: 'table',
      columns: [
        { header: 'Муниципалитет' }, { header: 'Редакторы' }, { header: 'Статус' }, { header: 'Дата сдачи', format: 'dd.mm.yyyy' },
        { header: 'Мероприятий' }, { header: 'Выполнено' }, { header: 'Просрочено на срок сдачи' }, { header: 'Показателей' },
        { header: 'Факт внесён' }, { header: 'Достигнуто' }, { header: 'Лист отчёта' },
        { header: 'Дата сдачи, указанная в отчёте (не учитывается)', format: 'dd.mm.yyyy' },
      ],
      rows: rows.map((r) => ({
        cells: [r.municipality.name, r.municipality.editors.join(', '), SUBMISSION_TEXT[r.status], r.submittedOn ? { date: r.submittedOn } : null,
          r.items, r.done, r.overdue, r.indicators, r.facts, r.achieved, r.sheet ?? 'лист не создан', r.typedOn ? { date: r.typedOn } : null],
      })),
    }],
    freeze: true,
  };
}

/** The marker line that opens a municipality's block in a quarter's archive. */
export function archiveMarker(municipality: string): string {
  return `■ ${municipality}`;
}

/** Municipalities already in an archive sheet (from its first column). */
export function archivedMunicipalities(firstColumn: Cell[]): Set<string> {
  const out = new Set<string>();
  for (const c of firstColumn) {
    const t = cellText(c);
    if (t.startsWith('■ ')) out.add(normalizeHeader(t.slice(2)));
  }
  return out;
}

/** Title lines of a new archive sheet. */
export function archiveTitle(q: Quarter): string[][] {
  return [
    [`Архив отчётов муниципалитетов: ${quarterLabel(q)} (срок сдачи ${fmtDate(quarterDeadline(q))})`],
    ['Снимки значений сданных отчётов. Лист только дополняется: отчёт, записанный сюда, не меняется ни при правке листа муниципалитета, ни при повторном сборе.'],
  ];
}

/**
 * The rows appended to a quarter's archive for one municipality: a marker line (municipality, status,
 * date submitted — the collection's —, date of the snapshot, the date the report itself shows), then the values of its report sheet (values only —
 * formulas arrive as their results).
 */
export function archiveBlock(row: CollectedRow, values: Grid, today: Ymd): Cell[][] {
  return [
    [],
    [archiveMarker(row.municipality.name), SUBMISSION_TEXT[row.status], row.submittedOn ? fmtDate(row.submittedOn) : '', `снимок ${fmtDate(today)}`,
      row.typedOn ? `в отчёте указано: ${fmtDate(row.typedOn)}` : ''],
    ...values.map((r) => r.map((c) => (c === undefined ? null : c))),
  ];
}

/** Status and submission date of a municipality already in an archive, from its marker line; null when absent. */
export function archivedStatus(grid: Grid, municipality: string): { status: SubmissionStatus; submittedOn: Ymd | null } | null {
  const want = normalizeHeader(municipality);
  for (const row of grid) {
    const t = cellText(row?.[0]);
    if (!t.startsWith('■ ') || normalizeHeader(t.slice(2)) !== want) continue;
    const text = cellText(row[1] ?? null);
    const status = (Object.keys(SUBMISSION_TEXT) as SubmissionStatus[]).find((k) => SUBMISSION_TEXT[k] === text) ?? 'submitted';
    return { status, submittedOn: cellToYmd(row[2] ?? null) };
  }
  return null;
}
