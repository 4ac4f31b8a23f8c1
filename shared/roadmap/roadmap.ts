/**
 * The roadmap model («дорожная карта»): items with section, number, activity, deadline as written,
 * responsible bodies, expected result, status, date done, evidence and comment; read from any sheet
 * that holds a roadmap table, and checked against a date: what is overdue, due soon, in progress
 * or coming up, per responsible body.
 */
import { cellText, isBlank } from '../input/numbers';
import { normalizeHeader } from '../input/table';
import type { Cell, Grid, Problem } from '../types';
import { type Ymd, addDays, cellToYmd, daysBetween, ymd } from './dates';
import { type Deadline, type DueWindow, deadlineSpan, dueWindows, isRecurring, parseDeadline } from './deadline';
import { INDICATOR_HEADERS, INFO, ITEM_STATUS, type ItemStatus, RM, ROADMAP_HEADERS } from './messages';

export interface RoadmapItem {
  sheet: string;
  /** 1-based row on the sheet. */
  row: number;
  section: string;
  number: string;
  activity: string;
  /** The deadline as written. */
  deadlineText: string;
  deadline: Deadline;
  responsible: string;
  /** The responsible bodies, one per entry («МОУО, ОО» → «МОУО», «ОО»). */
  bodies: string[];
  result: string;
  status: ItemStatus | null;
  dateDone: Ymd | null;
  evidence: string;
  comment: string;
}

export interface Roadmap {
  sheet: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** «Год дорожной карты» above the table: months written without a year fall in it. */
  planYear: number | null;
  /** «Период реализации» above the table. */
  period: { start: Ymd; end: Ymd } | null;
  items: RoadmapItem[];
  problems: Problem[];
}

type Key = keyof typeof ROADMAP_HEADERS;

const SYNONYMS: Record<Key, string[]> = {
  section: [ROADMAP_HEADERS.section],
  number: [ROADMAP_HEADERS.number, '№ п/п', 'Номер', 'N', 'No'],
  activity: [ROADMAP_HEADERS.activity, 'Мероприятия', 'Наименование мероприятия', 'Наименование', 'Содержание мероприятия'],
  deadline: [ROADMAP_HEADERS.deadline, 'Срок', 'Сроки', 'Сроки исполнения', 'Срок выполнения', 'Сроки выполнения', 'Сроки реализации', 'Срок реализации'],
  responsible: [ROADMAP_HEADERS.responsible, 'Ответственный', 'Ответственные', 'Ответственные исполнители', 'Исполнитель', 'Исполнители', 'Исполнитель мероприятия'],
  result: [ROADMAP_HEADERS.result, 'Прогнозируемый результат', 'Планируемый результат', 'Результат', 'Ожидаемые результаты'],
  status: [ROADMAP_HEADERS.status, 'Статус выполнения', 'Отметка о выполнении'],
  done: [ROADMAP_HEADERS.done, 'Дата исполнения', 'Выполнено (дата)'],
  evidence: [ROADMAP_HEADERS.evidence, 'Подтверждение', 'Ссылка', 'Документ', 'Ссылка на документ'],
  comment: [ROADMAP_HEADERS.comment, 'Примечание'],
  reading: [ROADMAP_HEADERS.reading],
};

const LOOKUP = new Map<string, Key>();
for (const [key, names] of Object.entries(SYNONYMS) as [Key, string[]][]) {
  for (const n of names) LOOKUP.set(normalizeHeader(n), key);
}

/** Columns of a roadmap header row, or null when the row is not one. */
export function roadmapHeader(row: Cell[] | undefined): Partial<Record<Key, number>> | null {
  if (!row) return null;
  const cols: Partial<Record<Key, number>> = {};
  row.forEach((c, i) => {
    const key = LOOKUP.get(normalizeHeader(cellText(c)));
    if (key && cols[key] === undefined) cols[key] = i;
  });
  return cols.activity !== undefined && cols.deadline !== undefined ? cols : null;
}

/**
 * A line of one text: a heading or caption in one cell, or merged across the row (a merged cell
 * reads as its text repeated in every cell of the merge).
 */
export function isTextLine(row: Cell[]): boolean {
  const texts = new Set(row.filter((c) => !isBlank(c)).map((c) => cellText(c)));
  return texts.size === 1 && typeof row.find((c) => !isBlank(c)) === 'string';
}

/** True for the header row of a target-indicator table (it ends a roadmap table above it). */
export function isIndicatorHeader(row: Cell[] | undefined): boolean {
  if (!row) return false;
  const names = new Set(row.map((c) => normalizeHeader(cellText(c))));
  return names.has(normalizeHeader(INDICATOR_HEADERS.name)) && names.has(normalizeHeader(INDICATOR_HEADERS.plan));
}

const STATUS_WORDS: [RegExp, ItemStatus][] = [
  [/^(не ?начат[оа]?|не выполнял(ось|ся)?)$/, ITEM_STATUS.notStarted],
  [/^(в работе|в процессе|выполняется|в ходе выполнения|начато)$/, ITEM_STATUS.inProgress],
  [/^(выполнен[оа]?|исполнен[оа]?|сделано|готово)$/, ITEM_STATUS.done],
  [/^(просрочен[оа]?|не выполнено в срок)$/, ITEM_STATUS.overdue],
];

/** A status as officials write it; null for a blank cell, undefined when it is not a status. */
export function parseItemStatus(cell: Cell): ItemStatus | null | undefined {
  const t = cellText(cell).toLowerCase().replace(/ё/g, 'е').replace(/[.!]+$/, '');
  if (!t) return null;
  for (const [re, s] of STATUS_WORDS) if (re.test(t)) return s;
  return undefined;
}

// A participle after a comma continues the name: «Органы местного самоуправления, осуществляющие управление…».
const CONTINUATION = /^([а-яё]+(ющ|ящ|ащ|ущ|вш|ем|им)(ие|ий|ая|ее|их|ими|его|ей)(?=[\s,]|$)|\()/;

/**
 * The responsible bodies of an item, split at «;» and «,» (a clause such as «, осуществляющие
 * управление…» stays with its name).
 * @example splitResponsible('МОУО, ОО') // ['МОУО', 'ОО']
 */
export function splitResponsible(text: string): string[] {
  const parts = text.replace(/[\u00a0\s]+/g, ' ').split(/\s*[;,]\s*/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (out.length && CONTINUATION.test(p)) out[out.length - 1] += `, ${p}`;
    else out.push(p);
  }
  return out.map((p) => p.replace(/[.]+$/, '').trim()).filter(Boolean);
}

/** The key two spellings of one body share (case, «ё» and spaces aside). */
export function bodyKey(body: string): string {
  return normalizeHeader(body).replace(/[«»"“”]/g, '');
}

interface InfoLines {
  planYear: number | null;
  period: { start: Ymd; end: Ymd } | null;
  school: string | null;
  municipality: string | null;
}

function infoAbove(grid: Grid, from: number, to: number): InfoLines {
  let planYear: number | null = null;
  let period: { start: Ymd; end: Ymd } | null = null;
  let school: string | null = null;
  let municipality: string | null = null;
  let code: string | null = null;
  for (let r = from; r < to; r++) {
    const row = grid[r] ?? [];
    const key = normalizeHeader(cellText(row[0]));
    const value = row.slice(1).find((c) => !isBlank(c));
    if (key === normalizeHeader(INFO.planYear)) {
      const y = Number(cellText(value ?? null));
      if (Number.isInteger(y) && y >= 1990 && y <= 2100) planYear = y;
    } else if (key === normalizeHeader(INFO.period)) {
      period = deadlineSpan(parseDeadline(cellText(value ?? null)));
    } else if (key === normalizeHeader(INFO.school)) {
      school = school ?? (cellText(value ?? null) || null);
    } else if (key === normalizeHeader('Код ОО')) {
      code = code ?? (cellText(value ?? null) || null);
    } else if (key === normalizeHeader(INFO.municipality)) {
      municipality = municipality ?? (cellText(value ?? null) || null);
    }
  }
  // Two schools may share a name: the code tells them apart.
  return { planYear, period, school: school && code ? `${school} (${code})` : school, municipality };
}

// In a school's roadmap «ОО» is that school; in a municipality's, its bodies are named with it.
const SCHOOL_BODY = /^(оо|образовательная организация|общеобразовательная организация)$/i;

function qualify(bodies: string[], info: InfoLines): string[] {
  return bodies.map((b) => {
    if (info.school && SCHOOL_BODY.test(b)) return info.school;
    if (info.municipality && !info.school) return `${b} (${info.municipality})`;
    return b;
  });
}

/**
 * Every roadmap table on a sheet (a sheet may hold several, e.g. a school's roadmap under its
 * numbers), with the problems found: unknown statuses, dates that are no dates, unread deadlines.
 */
export function readRoadmaps(grid: Grid, sheet: string): Roadmap[] {
  const out: Roadmap[] = [];
  let tableEnd = 0;
  for (let r = 0; r < grid.length; r++) {
    const cols = roadmapHeader(grid[r]);
    if (!cols) continue;
    const info = infoAbove(grid, tableEnd, r);
    const roadmap: Roadmap = { sheet, headerRow: r + 1, planYear: info.planYear, period: info.period, items: [], problems: [] };
    let section = '';
    let end = r + 1;
    for (; end < grid.length; end++) {
      const row = grid[end] ?? [];
      if (roadmapHeader(row) || isIndicatorHeader(row)) break;
      const get = (k: Key) => (cols[k] === undefined ? null : row[cols[k]!]);
      const text = (k: Key) => cellText(get(k));
      const filled = row.filter((c) => !isBlank(c));
      if (filled.length === 0) continue;
      if (isTextLine(row)) {
        // A heading row («1. Идентификация школ …»): one text, in one cell or merged across the row.
        section = cellText(filled[0]);
        continue;
      }
      if (!text('activity')) continue;
      const problem = (column: string, message: string) =>
        roadmap.problems.push({ sheet, row: end + 1, column, message, severity: 'warning' });
      const deadline = parseDeadline(text('deadline'));
      if (deadline.problem) problem(ROADMAP_HEADERS.deadline, `«${text('activity').slice(0, 60)}»: ${deadline.problem}`);
      const status = parseItemStatus(get('status'));
      if (status === undefined) problem(ROADMAP_HEADERS.status, RM.badStatus(text('status')));
      const doneCell = get('done');
      const dateDone = cellToYmd(doneCell);
      if (!isBlank(doneCell) && !dateDone) problem(ROADMAP_HEADERS.done, RM.badDate(cellText(doneCell)));
      const responsible = text('responsible');
      roadmap.items.push({
        sheet, row: end + 1,
        section: text('section') || section,
        number: text('number'),
        activity: text('activity'),
        deadlineText: deadline.text,
        deadline,
        responsible,
        bodies: qualify(splitResponsible(responsible), info),
        result: text('result'),
        status: status ?? null,
        dateDone,
        evidence: text('evidence'),
        comment: text('comment'),
      });
    }
    out.push(roadmap);
    tableEnd = end;
    r = end - 1;
  }
  return out;
}

/** Where an item stands on a date. */
export type DueState =
  | 'overdue'
  /** In its window, due within the horizon. */
  | 'dueSoon'
  /** In its window, due later. */
  | 'inProgress'
  /** The next window starts within the horizon. */
  | 'upcoming'
  | 'done'
  /** Nothing due now nor soon. */
  | 'later'
  /** Continuous: «постоянно», «в течение всего периода». */
  | 'ongoing'
  /** «По графику»: no date in the roadmap. */
  | 'noDate'
  /** The deadline is empty or was not understood. */
  | 'unreadable';

export interface ItemDue {
  item: RoadmapItem;
  state: DueState;
  /** The window the state refers to (the missed one, the current one or the next one). */
  window: DueWindow | null;
  /** Days from the date to the window's due date (negative when past). */
  days: number | null;
  /** Done after the due date. */
  late: boolean;
}

export interface DueOptions {
  /** The date to check, 'YYYY-MM-DD'. */
  date: Ymd;
  /** «Soon» means within this many days (default 30). */
  horizonDays?: number;
  /** Year for months written without one; default: the roadmap's own, else the year of `date`. */
  planYear?: number;
  /** Occurrences due before this day are not asked for (the roadmap started later). */
  periodStart?: Ymd | null;
  /** End of the programme: continuous items are overdue after it unless done. */
  periodEnd?: Ymd | null;
}

/**
 * The state of one roadmap item on a date.
 * @example itemDue(aprilItemNotStarted, { date: '2020-05-10', planYear: 2020 }).state // 'overdue'
 */
export function itemDue(item: RoadmapItem, options: DueOptions): ItemDue {
  const { date } = options;
  const horizon = options.horizonDays ?? 30;
  const planYear = options.planYear ?? Number(date.slice(0, 4));
  const d = item.deadline;
  const done = item.status === ITEM_STATUS.done;
  const result = (state: DueState, window: DueWindow | null = null, late = false): ItemDue =>
    ({ item, state, window, days: window ? daysBetween(date, window.due) : null, late });

  if (d.kind === 'empty' || d.kind === 'unknown') return result(done ? 'done' : 'unreadable');
  if (d.kind === 'schedule') return result(done ? 'done' : 'noDate');
  if (d.kind === 'continuous') {
    const end = options.periodEnd ?? null;
    if (end && date > end && !done) return result('overdue', { start: options.periodStart ?? null, due: end });
    return result('ongoing', end ? { start: options.periodStart ?? null, due: end } : null);
  }
  const recurring = isRecurring(d);
  const ctx = { planYear };
  const from = recurring ? addDays(date, -800) : '1900-01-01';
  const to = recurring ? addDays(date, horizon + 400) : '2999-12-31';
  const start = options.periodStart ?? (recurring ? ymd(planYear, 1, 1) : null);
  const windows = dueWindows(d, from, to, ctx).filter((w) => !start || w.due >= start);
  const covered = (w: DueWindow) => done && (!recurring || !item.dateDone || !w.start || item.dateDone >= w.start);
  const past = windows.filter((w) => w.due < date);
  const last = past[past.length - 1] ?? null;
  const current = windows.filter((w) => (w.start ?? '0000-00-00') <= date && date <= w.due);

  if (item.status === ITEM_STATUS.overdue) return result('overdue', last ?? current[0] ?? null);
  if (last && !covered(last)) return result('overdue', last);
  const open = current.find((w) => !covered(w));
  if (open) return result(daysBetween(date, open.due) <= horizon ? 'dueSoon' : 'inProgress', open);
  if (current.length) return result('done', current[0]);
  const next = windows.find((w) => w.start !== null && w.start > date);
  if (next && daysBetween(date, next.start!) <= horizon) return result('upcoming', next);
  if (!recurring && done) {
    const w = windows[windows.length - 1] ?? null;
    return result('done', w, !!(w && item.dateDone && item.dateDone > w.due));
  }
  return result('later', next ?? null);
}

export interface BodyStatus {
  body: string;
  items: ItemDue[];
  counts: Record<DueState, number>;
}

const NO_BODY = 'ответственный не указан';

function emptyCounts(): Record<DueState, number> {
  return { overdue: 0, dueSoon: 0, inProgress: 0, upcoming: 0, done: 0, later: 0, ongoing: 0, noDate: 0, unreadable: 0 };
}

/**
 * Items grouped by responsible body (an item of two bodies is listed under both), bodies with
 * overdue items first.
 */
export function statusByBody(items: ItemDue[]): BodyStatus[] {
  const groups = new Map<string, BodyStatus>();
  for (const due of items) {
    const bodies = due.item.bodies.length ? due.item.bodies : [NO_BODY];
    for (const body of bodies) {
      const key = bodyKey(body);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { body, items: [], counts: emptyCounts() }));
      g.items.push(due);
      g.counts[due.state]++;
    }
  }
  return [...groups.values()].sort((a, b) => b.counts.overdue - a.counts.overdue || a.body.localeCompare(b.body, 'ru'));
}

/** Options for a whole roadmap: its own year and period unless overridden. */
export function roadmapDue(roadmap: Roadmap, options: DueOptions): ItemDue[] {
  const o: DueOptions = {
    ...options,
    planYear: options.planYear ?? roadmap.planYear ?? undefined,
    periodStart: options.periodStart ?? roadmap.period?.start ?? null,
    periodEnd: options.periodEnd ?? roadmap.period?.end ?? null,
  };
  return roadmap.items.map((item) => itemDue(item, o));
}
