/**
 * Calendar dates as 'YYYY-MM-DD' strings: they compare as text, carry no time zone, and read the
 * same in Excel, Sheets and Node. Arithmetic goes through Date.UTC, so no host clock is involved.
 */
import type { Cell } from '../types';

/** A calendar date, 'YYYY-MM-DD'. */
export type Ymd = string;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** @example ymd(2025, 4, 5) // '2025-04-05' */
export function ymd(year: number, month: number, day: number): Ymd {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function ymdParts(d: Ymd): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthStart(year: number, month: number): Ymd {
  return ymd(year, month, 1);
}

export function monthEnd(year: number, month: number): Ymd {
  return ymd(year, month, daysInMonth(year, month));
}

function toUtc(d: Ymd): number {
  const [y, m, day] = ymdParts(d);
  return Date.UTC(y, m - 1, day);
}

function fromUtc(t: number): Ymd {
  const x = new Date(t);
  return ymd(x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate());
}

/** @example addDays('2025-03-31', 5) // '2025-04-05' */
export function addDays(d: Ymd, n: number): Ymd {
  return fromUtc(toUtc(d) + n * 86400000);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86400000);
}

/** True for a real calendar date in 'YYYY-MM-DD'. */
export function isYmd(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Russian short form: '2025-04-05' → «05.04.2025». */
export function fmtDate(d: Ymd): string {
  const [y, m, day] = ymdParts(d);
  return `${pad(day)}.${pad(m)}.${y}`;
}

/** «22.11.2026»: today by the caller's clock (the engine itself never reads it), as notes date themselves. */
export function todayText(d: Date = new Date()): string {
  return fmtDate(ymd(d.getFullYear(), d.getMonth() + 1, d.getDate()));
}

/** Excel's serial day number of '2025-04-05' (days since 1899-12-30): the inverse of cellToYmd's serial branch. */
export function excelSerial(d: Ymd): number {
  return Math.round((toUtc(d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * A date cell as the hosts hand it over: a Date (exceljs gives UTC midnight, Apps Script gives local
 * midnight), text «05.04.2025» or «2025-04-05», or an Excel serial number. Null when it is no date.
 */
export function cellToYmd(cell: Cell): Ymd | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    const utcMidnight = cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0 && cell.getUTCSeconds() === 0;
    return utcMidnight
      ? ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate())
      : ymd(cell.getFullYear(), cell.getMonth() + 1, cell.getDate());
  }
  if (typeof cell === 'number') {
    // Excel serial: day 25569 is 1970-01-01; dates of this century only, so a year is not taken for a date.
    if (!Number.isInteger(cell) || cell < 36526 || cell > 73051) return null;
    return fromUtc((cell - 25569) * 86400000);
  }
  if (typeof cell !== 'string') return null;
  const t = cell.trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(\s*г\.?)?$/.exec(t);
  if (m) {
    const d = ymd(Number(m[3]), Number(m[2]), Number(m[1]));
    return isYmd(d) ? d : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) {
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return isYmd(d) ? d : null;
  }
  return null;
}
