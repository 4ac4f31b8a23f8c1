/**
 * Problems on the terminal: all of them when there are few, else the first ones per sheet and
 * column with how many more; the full list goes to a file with `--problems ФАЙЛ`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NOUN, plural } from '../shared/messages';
import type { Problem } from '../shared/types';

/** Up to this many problems are listed in full, in their order. */
export const LIST_ALL = 200;
/** Past that, at most this many per sheet and column… */
export const PER_GROUP = 10;
/** …and at most this many lines in all. */
export const MAX_LINES = 200;

/** 199700 → «199 700». */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function noun(severity: Problem['severity'], n: number): string {
  return plural(n, severity === 'error' ? NOUN.error : NOUN.warning);
}

function line(p: Problem): string {
  // A line break inside a value must not start a line that looks like another problem.
  return `  ${p.severity === 'error' ? 'Ошибка' : 'Предупреждение'}: ${p.message.replace(/\r\n?|\n/g, '\n      ')}`;
}

function where(sheet: string | null, column: string | null): string {
  if (sheet === null) return column === null ? '' : ` в столбце «${column}»`;
  return ` на листе «${sheet}»${column === null ? '' : ` в столбце «${column}»`}`;
}

/**
 * Problems of one severity as indented lines. More than LIST_ALL: the first PER_GROUP of each sheet
 * and column, then «… и ещё N ошибок на листе «…» в столбце «…»»; past MAX_LINES the rest by sheet.
 */
export function problemLines(problems: Problem[]): string {
  if (problems.length <= LIST_ALL) return problems.map(line).join('\n');
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = JSON.stringify([p.severity, p.sheet, p.column]);
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: string[] = [];
  const left = new Map<string, { severity: Problem['severity']; sheet: string | null; n: number }>();
  for (const g of groups.values()) {
    const { severity, sheet, column } = g[0];
    const room = Math.max(0, Math.min(PER_GROUP, MAX_LINES - out.length - 1));
    if (room === 0) {
      const key = JSON.stringify([severity, sheet]);
      const l = left.get(key) ?? { severity, sheet, n: 0 };
      l.n += g.length;
      left.set(key, l);
      continue;
    }
    out.push(...g.slice(0, room).map(line));
    const more = g.length - room;
    if (more > 0) out.push(`  … и ещё ${count(more)} ${noun(severity, more)}${where(sheet, column)}`);
  }
  for (const l of left.values()) out.push(`  … и ещё ${count(l.n)} ${noun(l.severity, l.n)}${l.sheet === null ? ' в других местах' : ` на листе «${l.sheet}» в других столбцах`}`);
  return out.join('\n');
}

/** Whether problemLines leaves some out. */
export function truncated(problems: Problem[]): boolean {
  return problems.length > LIST_ALL;
}

/** A cell of the problems file: quoted when needed, a leading = + − @ made text (Excel would run it as a formula). */
function cell(value: string, sep: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Writes every problem to `file`: .tsv or .txt — tab-separated, otherwise CSV with «;»; UTF-8 with
 * BOM, so that Russian Excel opens it as it is. Columns: Вид, Лист, Строка, Столбец, Ячейка, Сообщение.
 */
export function writeProblemsFile(file: string, problems: Problem[]): void {
  const sep = /\.(tsv|txt)$/i.test(file) ? '\t' : ';';
  const rows = [['Вид', 'Лист', 'Строка', 'Столбец', 'Ячейка', 'Сообщение']];
  for (const p of problems) {
    rows.push([p.severity === 'error' ? 'ошибка' : 'предупреждение', p.sheet ?? '', p.row === null ? '' : String(p.row), p.column ?? '', p.cell ?? '', p.message]);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `\uFEFF${rows.map((r) => r.map((c) => cell(c, sep)).join(sep)).join('\r\n')}\r\n`);
}

/** The line after a shortened list: where the full list is, or how to get it. */
export function fullListHint(all: Problem[], file: string | undefined): string {
  if (file && !all.length) return `Ошибок и предупреждений нет: в «${file}» — только строка заголовков.\n`;
  if (file) return `Все проблемы (${count(all.length)}) записаны в «${file}».\n`;
  return truncated(all.filter((p) => p.severity === 'error')) || truncated(all.filter((p) => p.severity === 'warning'))
    ? `Показаны не все: полный список (${count(all.length)}) — с параметром --problems проблемы.csv\n`
    : '';
}
