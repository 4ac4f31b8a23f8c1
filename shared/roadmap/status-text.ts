/**
 * What is overdue, due and coming up per responsible body, as Russian text (the command line
 * prints it; a spreadsheet host can show it in a dialog).
 */
import { NOUN, counted } from '../messages';
import { type Ymd, fmtDate } from './dates';
import { describeWindow } from './deadline';
import { RM } from './messages';
import { type BodyStatus, type DueOptions, type DueState, type ItemDue, type Roadmap, roadmapDue, statusByBody } from './roadmap';

export interface StatusReport {
  date: Ymd;
  horizonDays: number;
  items: ItemDue[];
  bodies: BodyStatus[];
  text: string;
}

const days = (n: number) => counted(n, NOUN.day);

const SECTIONS: [DueState, string][] = [
  ['overdue', 'Просрочено'],
  ['dueSoon', 'Срок истекает в ближайшие %d'],
  ['upcoming', 'Начинается в ближайшие %d'],
  ['inProgress', 'Идёт срок исполнения'],
  ['noDate', 'По графику — даты в дорожной карте не указаны'],
  ['unreadable', 'Срок не указан или не распознан'],
];

function short(text: string, n = 100): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function line(d: ItemDue): string {
  const it = d.item;
  const head = `${it.number ? `${it.number} ` : ''}${short(it.activity)}`;
  const where = `[лист «${it.sheet}», строка ${it.row}]`;
  const dl = it.deadlineText ? `«${it.deadlineText}»` : 'срок не указан';
  switch (d.state) {
    case 'overdue':
      return d.window ? `${head} — ${dl}, срок ${fmtDate(d.window.due)}, просрочено на ${days(-d.days!)} ${where}`
        : `${head} — ${dl}, отмечено как просроченное ${where}`;
    case 'dueSoon':
    case 'inProgress':
      return `${head} — ${dl}: до ${fmtDate(d.window!.due)} (осталось ${days(d.days!)}) ${where}`;
    case 'upcoming':
      return `${head} — ${dl}: ${describeWindow(d.window!)} ${where}`;
    case 'unreadable':
      return `${head} — ${dl}: ${it.deadline.problem} ${where}`;
    default:
      return `${head} — ${dl} ${where}`;
  }
}

/**
 * Checks every roadmap against a date and writes the report by responsible body.
 * @example roadmapStatus(readRoadmaps(grid, 'Дорожная карта'), { date: '2020-06-15' }).text
 */
export function roadmapStatus(roadmaps: Roadmap[], options: DueOptions & { source?: string }): StatusReport {
  const horizon = options.horizonDays ?? 30;
  const items = roadmaps.flatMap((r) => roadmapDue(r, { ...options, horizonDays: horizon }));
  const bodies = statusByBody(items);
  const count = (s: DueState) => items.filter((i) => i.state === s).length;
  const out: string[] = [];
  const n = items.length;
  out.push(`Дорожные карты на ${fmtDate(options.date)}${options.source ? ` (${options.source})` : ''}: ${counted(n, NOUN.event)}; `
    + `просрочено ${count('overdue')}, срок истекает в ближайшие ${days(horizon)} — ${count('dueSoon')}, начинается — ${count('upcoming')}, `
    + `идёт срок — ${count('inProgress')}, выполнено ${count('done')}, постоянных ${count('ongoing')}, без даты ${count('noDate')}, срок не распознан ${count('unreadable')}.`);
  const monthItems = items.some((i) => i.item.deadline.kind === 'month');
  if (monthItems) {
    for (const r of roadmaps) {
      if (!r.items.some((i) => i.deadline.kind === 'month')) continue;
      const year = options.planYear ?? r.planYear ?? Number(options.date.slice(0, 4));
      out.push(`Лист «${r.sheet}»: ${RM.monthsInYear(year, options.planYear === undefined && r.planYear === null)}`);
    }
  }
  for (const b of bodies) {
    const c = b.counts;
    out.push('');
    out.push(`${b.body} (${b.items.length}) — просрочено ${c.overdue}, срок истекает ${c.dueSoon}, начинается ${c.upcoming}, идёт ${c.inProgress}, позже ${c.later}, выполнено ${c.done}, постоянно ${c.ongoing}`);
    for (const [state, title] of SECTIONS) {
      const list = b.items.filter((i) => i.state === state);
      if (!list.length) continue;
      out.push(`  ${title.replace('%d', days(horizon))}:`);
      for (const i of list) out.push(`    ${line(i)}`);
    }
  }
  return { date: options.date, horizonDays: horizon, items, bodies, text: `${out.join('\n')}\n` };
}
