/**
 * The deadline reader: what officials write in the «Срок исполнения» column of a roadmap, turned
 * into due dates. It reads the forms found in the regional and municipal documents — months and
 * ranges («Апрель», «Сентябрь-декабрь», «Август 2019»), dates («до 01.06.2022», «до 29 января 2021
 * года»), recurrences («ежегодно», «Сентябрь, ежегодно», «1 раз в квартал», «1 раз в полугодие»,
 * «1 раз в учебную четверть», «Январь 2021 года, далее ежегодно в октябре»), and the open forms
 * («В течение всего периода», «Постоянно», «По графику»).
 *
 * It never guesses: wording it does not know, or that can be read two ways («до 2021 года» — before
 * 2021 or through 2021?), is kept as written with a Russian explanation in `problem`.
 */
import {
  type Ymd, addDays, daysInMonth, fmtDate, isYmd, monthEnd, monthStart, ymd, ymdParts,
} from './dates';
import { RM } from './messages';

export type DeadlineKind =
  /** One date: «до 01.06.2022». */
  | 'date'
  /** A window with a known year: «Август 2019», «февраль – март 2018 год», «2019-2021 годы». */
  | 'period'
  /** Month(s) without a year: read in the roadmap's year («Апрель», «Сентябрь-декабрь»). */
  | 'month'
  | 'annual'
  | 'quarterly'
  | 'semiannual'
  /** Once per school term (учебная четверть). */
  | 'termly'
  | 'monthly'
  /** «В течение всего периода», «Постоянно»: no due date inside the programme. */
  | 'continuous'
  /** «По графику»: dates are set elsewhere. */
  | 'schedule'
  | 'empty'
  | 'unknown';

/** Months from..to of one year, 1–12, from ≤ to. */
export interface MonthSpan {
  from: number;
  to: number;
}

export type Rule =
  | { type: 'fixed'; start: Ymd | null; due: Ymd }
  | { type: 'planYear'; span: MonthSpan }
  | {
    type: 'yearly';
    /** The months of each year; absent with `due` or `academic`: the whole calendar year. */
    span?: MonthSpan;
    /** A day of each year: «к началу учебного года» is 1 September. */
    due?: { month: number; day: number };
    /** The academic year, 1 September – 31 August. */
    academic?: boolean;
    /** Only windows that start after this date («…, далее ежегодно»). */
    after?: Ymd;
  }
  | { type: 'quarterly'; dayOfNextMonth?: number }
  | { type: 'semiannual' }
  | { type: 'termly' }
  | { type: 'monthly' }
  | { type: 'continuous' }
  | { type: 'schedule' };

export interface Deadline {
  /** As written. */
  text: string;
  kind: DeadlineKind;
  rules: Rule[];
  /** How the reader understood it, in Russian, e.g. «ежегодно в июле (до 31 июля)». */
  reading: string;
  /** Why it has no due dates (empty, unknown or ambiguous wording), in Russian; null when read. */
  problem: string | null;
  /** A remark that does not change the dates, e.g. «точная дата — по плану работы РУМО». */
  note: string | null;
}

/** One occurrence of a deadline: the period in which the work is done and the day it is due. */
export interface DueWindow {
  /** First day of the window; null for a plain «до …» date with no start. */
  start: Ymd | null;
  due: Ymd;
}

/** School terms (учебные четверти) as month spans; the dates inside a term vary by school. */
export const SCHOOL_TERMS: { name: string; span: MonthSpan; academicOffset: 0 | 1 }[] = [
  { name: 'I четверть', span: { from: 9, to: 10 }, academicOffset: 0 },
  { name: 'II четверть', span: { from: 11, to: 12 }, academicOffset: 0 },
  { name: 'III четверть', span: { from: 1, to: 3 }, academicOffset: 1 },
  { name: 'IV четверть', span: { from: 4, to: 5 }, academicOffset: 1 },
];

const MONTHS: [RegExp, number][] = [
  [/^январ(ь|я|е)$/, 1], [/^феврал(ь|я|е)$/, 2], [/^март(а|е)?$/, 3], [/^апрел(ь|я|е)$/, 4],
  [/^ма(й|я|е)$/, 5], [/^июн(ь|я|е)$/, 6], [/^июл(ь|я|е)$/, 7], [/^август(а|е)?$/, 8],
  [/^сентябр(ь|я|е)$/, 9], [/^октябр(ь|я|е)$/, 10], [/^ноябр(ь|я|е)$/, 11], [/^декабр(ь|я|е)$/, 12],
];

/** Month names for readings: nominative and genitive. */
export const MONTH_NAMES = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTH_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const MONTH_PREPOSITIONAL = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

function monthOf(word: string): number | null {
  for (const [re, m] of MONTHS) if (re.test(word)) return m;
  return null;
}

const MONTH_WORD = '([а-я]+)';

/** A piece of a deadline, before the pieces are combined. */
type Piece =
  | { t: 'annual'; span?: MonthSpan; due?: { month: number; day: number }; scheduleNote?: string }
  | { t: 'wholeYear' }
  | { t: 'academic' }
  | { t: 'quarterly' }
  | { t: 'semiannual' }
  | { t: 'termly' }
  | { t: 'monthly' }
  | { t: 'continuous' }
  | { t: 'schedule'; note?: string }
  | { t: 'fixed'; start: Ymd | null; due: Ymd; span?: MonthSpan; point: boolean }
  | { t: 'months'; span: MonthSpan }
  | { t: 'ambiguous'; why: string }
  | { t: 'unknown' };

/** Lower case, «ё» → «е», one kind of dash and spaces, no «г.», «года», «гг.» after years. */
export function normalizeDeadline(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/(\d{4})\s*(гг|г|годов|годы|года|год)\.?(?=$|[\s,;.-])/g, '$1')
    .replace(/[.;,\s]+$/, '')
    .trim();
}

function monthsPiece(clause: string): Piece | null {
  // «сентябрь», «июль месяц», «август 2019», «февраль-март 2018», «январь-март 2021», «сентябрь-октябрь 2019»
  const re = new RegExp(`^${MONTH_WORD}(?: месяц)?(?: (\\d{4}))?(?:-${MONTH_WORD}(?: месяц)?(?: (\\d{4}))?)?$`);
  const m = re.exec(clause);
  if (!m) return null;
  const from = monthOf(m[1]);
  const to = m[3] ? monthOf(m[3]) : from;
  if (from === null || to === null) return null;
  const y1 = m[2] ? Number(m[2]) : null;
  const y2 = m[4] ? Number(m[4]) : null;
  if (y1 === null && y2 === null) {
    if (to < from) return { t: 'ambiguous', why: RM.deadlineWrapsYear };
    return { t: 'months', span: { from, to } };
  }
  const startYear = y1 ?? y2!;
  const endYear = y2 ?? y1!;
  const start = monthStart(startYear, from);
  const due = monthEnd(endYear, to);
  if (due < start) return { t: 'unknown' };
  return { t: 'fixed', start, due, span: startYear === endYear ? { from, to } : undefined, point: false };
}

function datePiece(clause: string): Piece | null {
  let m = /^(?:(?:в срок |не позднее |до )+)?(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(clause);
  if (m) {
    const d = ymd(Number(m[3]), Number(m[2]), Number(m[1]));
    return isYmd(d) ? { t: 'fixed', start: null, due: d, point: true } : { t: 'unknown' };
  }
  m = new RegExp(`^(?:(?:в срок |не позднее |до )+)?(\\d{1,2}) ${MONTH_WORD} (\\d{4})$`).exec(clause);
  if (m) {
    const month = monthOf(m[2]);
    if (month === null) return { t: 'unknown' };
    const day = Number(m[1]);
    const year = Number(m[3]);
    if (day < 1 || day > daysInMonth(year, month)) return { t: 'unknown' };
    return { t: 'fixed', start: null, due: ymd(year, month, day), point: true };
  }
  return null;
}

function yearsPiece(clause: string): Piece | null {
  const m = /^(?:в течение |на )?(\d{4})(?:-(\d{4}))?$/.exec(clause);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a) return { t: 'unknown' };
  return { t: 'fixed', start: ymd(a, 1, 1), due: ymd(b, 12, 31), point: false };
}

function piece(clause: string): Piece {
  if (clause === 'ежегодно') return { t: 'annual' };
  if (/^(ежеквартально|(1|один) раз в квартал)$/.test(clause)) return { t: 'quarterly' };
  if (/^(ежеполугодно|(1|один) раз в полугодие|(1|один) раз в полгода)$/.test(clause)) return { t: 'semiannual' };
  if (/^(1|один) раз в (учебную )?четверть$/.test(clause)) return { t: 'termly' };
  if (/^(ежемесячно|(1|один) раз в месяц)$/.test(clause)) return { t: 'monthly' };
  if (/^(постоянно|весь период|в течение (всего )?(периода|срока)( реализации)?( программы| проекта)?)$/.test(clause)) return { t: 'continuous' };
  if (clause === 'в течение года' || clause === 'в течение календарного года') return { t: 'wholeYear' };
  if (clause === 'в течение учебного года') return { t: 'academic' };
  if (/^(ежегодно )?к началу учебного года$/.test(clause)) return { t: 'annual', due: { month: 9, day: 1 } };
  let m = /^(ежегодно )?(согласно|по) (графику|плану)(.*)$/.exec(clause);
  if (m) {
    const note = m[4] ? 'external' : undefined;
    return m[1] ? { t: 'annual', scheduleNote: note ?? 'plan' } : { t: 'schedule', note };
  }
  m = new RegExp(`^ежегодно в ${MONTH_WORD}$`).exec(clause) ?? new RegExp(`^${MONTH_WORD}(?: месяц)? ежегодно$`).exec(clause);
  if (m) {
    const month = monthOf(m[1]);
    return month === null ? { t: 'unknown' } : { t: 'annual', span: { from: month, to: month } };
  }
  m = /^до (\d{4})$/.exec(clause);
  if (m) return { t: 'ambiguous', why: RM.deadlineBeforeYear(Number(m[1])) };
  m = new RegExp(`^${MONTH_WORD} (\\d{4}) до (\\d{4})$`).exec(clause);
  if (m && monthOf(m[1]) !== null) return { t: 'ambiguous', why: RM.deadlineBeforeYear(Number(m[3])) };
  return monthsPiece(clause) ?? datePiece(clause) ?? yearsPiece(clause) ?? { t: 'unknown' };
}

/** «согласно плану работы РУМО» as written, from the raw text. */
function scheduleWords(raw: string): string {
  const i = raw.toLowerCase().search(/(согласно|по) (графику|плану)/);
  return i < 0 ? raw : raw.slice(i);
}

function spanText(span: MonthSpan, genitive = false): string {
  const names = genitive ? MONTH_GENITIVE : MONTH_NAMES;
  return span.from === span.to ? names[span.from - 1] : `${MONTH_NAMES[span.from - 1]}–${names[span.to - 1]}`;
}

function windowText(w: { start: Ymd | null; due: Ymd }): string {
  return w.start ? `${fmtDate(w.start)}–${fmtDate(w.due)}` : `до ${fmtDate(w.due)}`;
}

function yearlyReading(rule: Extract<Rule, { type: 'yearly' }>): string {
  if (rule.due) return `ежегодно к ${rule.due.day} ${MONTH_GENITIVE[rule.due.month - 1]}`;
  if (rule.academic) return 'ежегодно в течение учебного года (до 31 августа)';
  if (!rule.span) return 'ежегодно (до 31 декабря)';
  if (rule.span.from === rule.span.to) {
    const m = rule.span.to;
    return `ежегодно в ${MONTH_PREPOSITIONAL[m - 1]} (до ${daysInMonth(2001, m)} ${MONTH_GENITIVE[m - 1]})`;
  }
  const m = rule.span.to;
  return `ежегодно ${spanText(rule.span)} (до ${daysInMonth(2001, m)} ${MONTH_GENITIVE[m - 1]})`;
}

function unread(text: string, kind: 'empty' | 'unknown', problem: string): Deadline {
  return { text, kind, rules: [], reading: kind === 'empty' ? RM.deadlineEmptyReading : RM.deadlineUnknownReading, problem, note: null };
}

/**
 * Reads a deadline as written in a roadmap.
 * @example parseDeadline('Январь 2021 года, далее ежегодно в октябре').kind // 'annual'
 * @example parseDeadline('до 2021 года').problem // «… может означать …»: flagged, not guessed
 */
export function parseDeadline(text: string | null | undefined): Deadline {
  const raw = (text ?? '').replace(/<[^>]+>/g, ' ').replace(/[\u00a0\s]+/g, ' ').trim();
  const s = normalizeDeadline(raw);
  if (!s) return unread(raw, 'empty', RM.deadlineEmpty);

  // The reporting rule of the Amur order: «ежеквартально в срок до 5 числа месяца, следующего за отчетным периодом».
  const report = /^(ежеквартально|(1|один) раз в квартал),? (в срок )?(до|не позднее) (\d{1,2})(-го)? числа месяца,? следующего за отчетным (периодом|кварталом)$/.exec(s);
  if (report) {
    const day = Number(report[5]);
    if (day < 1 || day > 28) return unread(raw, 'unknown', RM.deadlineUnknown);
    return { text: raw, kind: 'quarterly', rules: [{ type: 'quarterly', dayOfNextMonth: day }], reading: RM.readingQuarterlyReport(day), problem: null, note: null };
  }

  const [head, tail, ...more] = s.split(/,? далее /);
  if (more.length) return unread(raw, 'unknown', RM.deadlineUnknown);
  const headPieces = head.split(/\s*[,;]\s*/).filter(Boolean).map(piece);
  const ambiguous = headPieces.find((p) => p.t === 'ambiguous') as Extract<Piece, { t: 'ambiguous' }> | undefined;
  if (ambiguous) return unread(raw, 'unknown', ambiguous.why);
  if (headPieces.some((p) => p.t === 'unknown')) return unread(raw, 'unknown', RM.deadlineUnknown);

  if (tail !== undefined) {
    // «Декабрь 2020 года, далее ежегодно», «Январь 2021 года, далее ежегодно в октябре».
    const first = headPieces.length === 1 ? headPieces[0] : null;
    const then = piece(tail);
    if (!first || first.t !== 'fixed' || then.t !== 'annual' || then.due || then.scheduleNote) return unread(raw, 'unknown', RM.deadlineUnknown);
    const span = then.span ?? first.span;
    if (!span) return unread(raw, 'unknown', RM.deadlineUnknown);
    const yearly: Rule = { type: 'yearly', span, after: first.due };
    return {
      text: raw, kind: 'annual',
      rules: [{ type: 'fixed', start: first.start, due: first.due }, yearly],
      reading: `${windowText(first)}, далее ${yearlyReading(yearly as Extract<Rule, { type: 'yearly' }>)}`,
      problem: null, note: null,
    };
  }

  const kinds = new Set(headPieces.map((p) => p.t));
  const only = (...allowed: Piece['t'][]) => [...kinds].every((k) => allowed.includes(k));
  const one = (t: Piece['t']) => headPieces.filter((p) => p.t === t).length === 1;

  // Recurrences that «ежегодно» only repeats: «1 раз в квартал, ежегодно».
  for (const [t, kind, reading] of [
    ['quarterly', 'quarterly', RM.readingQuarterly],
    ['semiannual', 'semiannual', RM.readingSemiannual],
    ['termly', 'termly', RM.readingTermly],
    ['monthly', 'monthly', RM.readingMonthly],
  ] as const) {
    if (kinds.has(t) && one(t) && only(t, 'annual') && headPieces.every((p) => p.t !== 'annual' || (!p.span && !p.due && !p.scheduleNote))) {
      return { text: raw, kind, rules: [{ type: t } as Rule], reading, problem: null, note: null };
    }
  }
  if (kinds.has('continuous') && only('continuous')) {
    return { text: raw, kind: 'continuous', rules: [{ type: 'continuous' }], reading: RM.readingContinuous, problem: null, note: null };
  }
  if (kinds.has('schedule') && only('schedule') && one('schedule')) {
    const p = headPieces[0] as Extract<Piece, { t: 'schedule' }>;
    return { text: raw, kind: 'schedule', rules: [{ type: 'schedule' }], reading: RM.readingSchedule, problem: null, note: p.note ? RM.noteExactDate(scheduleWords(raw)) : null };
  }
  if (kinds.has('annual') && one('annual') && only('annual', 'wholeYear', 'academic', 'months')) {
    const a = headPieces.find((p) => p.t === 'annual') as Extract<Piece, { t: 'annual' }>;
    const months = headPieces.filter((p) => p.t === 'months') as Extract<Piece, { t: 'months' }>[];
    const extras = [a.span, a.due, kinds.has('academic') || undefined, kinds.has('wholeYear') || undefined, months.length ? true : undefined].filter(Boolean).length;
    if (months.length > 1 || extras > 1) return unread(raw, 'unknown', RM.deadlineUnknown);
    const rule: Extract<Rule, { type: 'yearly' }> = { type: 'yearly' };
    if (a.span) rule.span = a.span;
    if (months.length) rule.span = months[0].span;
    if (a.due) rule.due = a.due;
    if (kinds.has('academic')) rule.academic = true;
    return { text: raw, kind: 'annual', rules: [rule], reading: yearlyReading(rule), problem: null, note: a.scheduleNote ? RM.noteExactDate(scheduleWords(raw)) : null };
  }
  if (headPieces.length === 1) {
    const p = headPieces[0];
    if (p.t === 'months') {
      return { text: raw, kind: 'month', rules: [{ type: 'planYear', span: p.span }], reading: RM.readingPlanYear(spanText(p.span)), problem: null, note: null };
    }
    if (p.t === 'fixed') {
      return { text: raw, kind: p.point ? 'date' : 'period', rules: [{ type: 'fixed', start: p.start, due: p.due }], reading: windowText(p), problem: null, note: null };
    }
  }
  return unread(raw, 'unknown', RM.deadlineUnknown);
}

/** What the windows of a deadline depend on besides the deadline itself. */
export interface DeadlineContext {
  /** The roadmap's year: months written without a year fall in it. */
  planYear: number | null;
}

function clampSpan(year: number, span: MonthSpan): DueWindow {
  return { start: monthStart(year, span.from), due: monthEnd(year, span.to) };
}

/** Windows of one rule for one calendar year (those that end in that year or belong to it). */
function ruleWindows(rule: Rule, year: number, ctx: DeadlineContext): DueWindow[] {
  switch (rule.type) {
    case 'fixed': return [{ start: rule.start, due: rule.due }];
    case 'planYear': return ctx.planYear === null ? [] : [clampSpan(ctx.planYear, rule.span)];
    case 'yearly': {
      let w: DueWindow;
      if (rule.due) {
        const due = ymd(year, rule.due.month, rule.due.day);
        w = { start: addDays(ymd(year - 1, rule.due.month, rule.due.day), 1), due };
      } else if (rule.academic) {
        w = { start: ymd(year - 1, 9, 1), due: ymd(year, 8, 31) };
      } else {
        w = clampSpan(year, rule.span ?? { from: 1, to: 12 });
      }
      return rule.after && !(w.start! > rule.after) ? [] : [w];
    }
    case 'quarterly': return [1, 2, 3, 4].map((q) => {
      const from = q * 3 - 2;
      const to = q * 3;
      if (!rule.dayOfNextMonth) return clampSpan(year, { from, to });
      const [ny, nm] = to === 12 ? [year + 1, 1] : [year, to + 1];
      return { start: monthStart(year, from), due: ymd(ny, nm, rule.dayOfNextMonth) };
    });
    case 'semiannual': return [clampSpan(year, { from: 1, to: 6 }), clampSpan(year, { from: 7, to: 12 })];
    case 'termly': return SCHOOL_TERMS.map((t) => clampSpan(year, t.span));
    case 'monthly': return Array.from({ length: 12 }, (_, i) => clampSpan(year, { from: i + 1, to: i + 1 }));
    default: return [];
  }
}

const RECURRING: DeadlineKind[] = ['annual', 'quarterly', 'semiannual', 'termly', 'monthly'];

export function isRecurring(d: Deadline): boolean {
  return RECURRING.includes(d.kind);
}

/**
 * The windows of a deadline whose due date falls between `from` and `to` (inclusive), in order.
 * Open deadlines (continuous, by schedule, unread) have none.
 * @example dueWindows(parseDeadline('1 раз в полугодие'), '2025-01-01', '2025-12-31', { planYear: 2025 })
 *   // [{ start: '2025-01-01', due: '2025-06-30' }, { start: '2025-07-01', due: '2025-12-31' }]
 */
export function dueWindows(d: Deadline, from: Ymd, to: Ymd, ctx: DeadlineContext): DueWindow[] {
  const seen = new Set<string>();
  const out: DueWindow[] = [];
  const [y0] = ymdParts(from);
  const [y1] = ymdParts(to);
  for (const rule of d.rules) {
    const years = rule.type === 'fixed' || rule.type === 'planYear' ? [y0] : range(y0 - 1, y1 + 1);
    for (const year of years) {
      for (const w of ruleWindows(rule, year, ctx)) {
        if (w.due < from || w.due > to) continue;
        const key = `${w.start}|${w.due}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(w);
      }
    }
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** The whole span of a deadline read as a period («2019-2021 годы»): its first and last day. */
export function deadlineSpan(d: Deadline): { start: Ymd; end: Ymd } | null {
  if (d.rules.length !== 1 || d.rules[0].type !== 'fixed' || !d.rules[0].start) return null;
  return { start: d.rules[0].start, end: d.rules[0].due };
}

export { windowText as describeWindow };

/** «Как прочитан срок»: what the reader made of the deadline, or why it could not. */
export function readingText(d: Deadline): string {
  if (d.problem) return `⚠ ${d.problem}`;
  return d.note ? `${d.reading}; ${d.note}` : d.reading;
}
