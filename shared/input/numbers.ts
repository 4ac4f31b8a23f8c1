/**
 * Reading numbers the way officials write them: «4,25», «1 234», «12,5%», «н/д», #N/A.
 */
import type { Cell } from '../types';

/** What a cell held, when a number was expected. */
export type ParsedNumber =
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'missing' }
  | { kind: 'bad'; text: string };

const MISSING = { kind: 'missing' } as const;

/** Words and Excel/Sheets error values that mean "no data" (compared lower-case, spaces removed). */
const MISSING_WORDS = new Set([
  '', '-', '—', '–', 'н/д', 'нд', 'нетданных', 'n/a', 'na', 'x', 'х',
  '#n/a', '#н/д', '#div/0!', '#дел/0!', '#value!', '#знач!', '#ref!', '#ссылка!', '#name?', '#имя?',
  '#num!', '#число!', '#null!', '#пусто!', '#error!', '#ошибка!',
]);

const SPACES = /[\s\u00a0\u2007\u202f']/g;

/**
 * Parses a cell as a number. Numbers pass through; text may use a decimal comma, spaces or
 * apostrophes between thousands, a trailing «%»; «н/д», «-», «нет данных» and spreadsheet
 * error values are missing.
 * @example parseNumber('1 234,5') // { kind: 'number', value: 1234.5, percent: false }
 */
export function parseNumber(cell: Cell): ParsedNumber {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { kind: 'number', value: cell, percent: false } : { kind: 'bad', text: String(cell) };
  }
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell !== 'string') return { kind: 'bad', text: cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell) };
  let text = cell.replace(SPACES, '').toLowerCase();
  if (MISSING_WORDS.has(text)) return MISSING;
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  }
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both separators: the later one is the decimal mark, the other groups thousands.
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    if (text.indexOf(',') !== lastComma) return { kind: 'bad', text: cell.trim() };
    text = text.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text)) return { kind: 'bad', text: cell.trim() };
  const value = Number(text);
  return Number.isFinite(value) ? { kind: 'number', value, percent } : { kind: 'bad', text: cell.trim() };
}

/** Leading/trailing or doubled spaces, or a space other than U+0020: the text needs normalising. */
const NEEDS_CLEANING = /^[\s\u00a0\u2007\u202f]|[\s\u00a0\u2007\u202f]$|[\s\u00a0\u2007\u202f]{2}|[\t\n\r\u00a0\u2007\u202f\v\f]/;

/** Text of a cell for keys and names: trimmed, inner runs of spaces collapsed; numbers without exponent. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return NEEDS_CLEANING.test(cell) ? cell.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim() : cell;
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

/** True for a cell that holds nothing (blank, empty or spaces). */
export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
