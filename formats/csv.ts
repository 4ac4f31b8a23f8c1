/**
 * CSV as Russian Excel saves it: «CSV UTF-8», «CSV (разделители — точка с запятой)» (Windows-1251)
 * and «Текст Юникод» (UTF-16 LE with BOM, tab-separated); «;», «,» or tab separated, quoted fields.
 * Host-neutral (bytes and text in, grids and problems out; no Node or DOM API but TextDecoder):
 * the command line (cli/csv.ts reads the files) and the offline page (offline/) decode the same way.
 */
import { NOUN, counted } from '../shared/messages';
import type { Grid, Problem } from '../shared/types';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/** Where NUL bytes sit in the first bytes: UTF-16 without a BOM (text files never hold NUL otherwise). */
function utf16WithoutBom(buf: Uint8Array): CsvEncoding | null {
  const n = Math.min(buf.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 ? odd++ : even++);
  if (even + odd < n / 8) return null;
  return odd > even * 4 ? 'utf-16le' : even > odd * 4 ? 'utf-16be' : null;
}

/**
 * A CSV file's bytes as text: a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE); else UTF-16 by its NUL
 * bytes; else UTF-8 when the bytes are valid UTF-8; else Windows-1251.
 * @example decodeCsv(Buffer.from([0xFF, 0xFE, 0x1A, 0x04])).text // 'К'
 */
export function decodeCsv(buf: Uint8Array): { text: string; encoding: CsvEncoding; invalidUtf8?: { count: number; line: number } } {
  const decode = (encoding: CsvEncoding, from: number, fatal = false) => ({ text: new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(buf.subarray(from)), encoding });
  if (buf[0] === 0xEF && buf[1] === 0xBB && buf[2] === 0xBF) {
    const utf8 = decode('utf-8', 3);
    const at = utf8.text.indexOf('\uFFFD');
    if (at < 0) return utf8;
    try {
      decode('utf-8', 3, true);
      return utf8; // a real U+FFFD in the text
    } catch {
      return { ...utf8, invalidUtf8: { count: [...utf8.text].filter((ch) => ch === '\uFFFD').length, line: lineCount(utf8.text.slice(0, at + 1)) } };
    }
  }
  if (buf[0] === 0xFF && buf[1] === 0xFE) return decode('utf-16le', 2);
  if (buf[0] === 0xFE && buf[1] === 0xFF) return decode('utf-16be', 2);
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return decode(utf16, 0);
  try {
    return decode('utf-8', 0, true);
  } catch {
    // Mostly UTF-8 with a few stray bytes (a «№» pasted from a Windows-1251 file, a cut last
    // character): UTF-8, the stray bytes as «\uFFFD», and a warning — not the whole file garbled.
    const utf8 = decode('utf-8', 0);
    let bad = 0;
    let good = 0;
    for (const ch of utf8.text) {
      if (ch === '\uFFFD') bad++;
      else if (ch > '\u007f') good++;
    }
    if (good >= 10 * bad) {
      const at = utf8.text.indexOf('\uFFFD');
      return { ...utf8, invalidUtf8: { count: bad, line: lineCount(utf8.text.slice(0, at + 1)) } };
    }
    return decode('windows-1251', 0);
  }
}

/**
 * Picks the separator from the first line that has one (a title line above the header has none):
 * the one of «;», «,», tab that occurs most in it outside quotes; tab first on a tie (Excel's
 * «Текст Юникод»), then «;».
 */
export function sniffSeparator(text: string): string {
  let counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let atFieldStart = true;
  const pick = () => ['\t', ';', ','].reduce((a, b) => (counts[b] > counts[a] ? b : a));
  for (let i = 0, lines = 0; i < text.length && lines < 20; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"' && atFieldStart) quoted = true;
    else if (ch in counts) counts[ch]++;
    else if (ch === '\n') {
      const best = pick();
      if (counts[best] > 0) return best;
      counts = { ';': 0, ',': 0, '\t': 0 };
      lines++;
    }
    atFieldStart = ch in counts || ch === '\n' || ch === '\r';
  }
  const best = pick();
  return counts[best] > 0 ? best : ';';
}

export interface ParsedCsv {
  grid: Grid;
  separator: string;
  /** A quote opened at the start of a field and never closed: the file's line and the grid row it began. */
  unclosedQuote: { line: number; row: number } | null;
  /** Quoted values that run over several lines and hold a separator: a quote probably closed too late. */
  longQuoted: { line: number; endLine: number }[];
}

/**
 * Parses CSV text (RFC 4180 quoting, CRLF or LF). A quote is special only at the start of a field,
 * as in Excel (`Школа "Луч"` unquoted stays as it is). An unclosed quote ends the grid at its row.
 */
export function parseCsvText(text: string, separator?: string): ParsedCsv {
  const rows: string[][] = [];
  const scan = scanCsvRows(text, (row) => { rows.push(row); }, separator);
  return { grid: rows, ...scan };
}

/**
 * parseCsvText row by row: each row goes to `onRow` (0-based row index) and is not kept, so a file of
 * a million rows is never a grid in memory (the per-pupil ВПР import). Same quoting, same problems.
 */
export function scanCsvRows(text: string, onRow: (row: string[], index: number) => void, separator?: string): Omit<ParsedCsv, 'grid'> {
  const src = text.replace(/^\uFEFF/, '');
  const sep = separator ?? sniffSeparator(src);
  let count = 0;
  const rows = { push: (r: string[]) => { onRow(r, count++); }, get length() { return count; } };
  const longQuoted: ParsedCsv['longQuoted'] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let inField = false;
  let line = 1;
  let quoteLine = 0;
  let quoteHasSeparator = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          if (line > quoteLine && quoteHasSeparator) longQuoted.push({ line: quoteLine, endLine: line });
        }
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        else if (ch === sep) quoteHasSeparator = true;
        field += ch;
      }
    } else if (ch === '"' && !inField) {
      quoted = true;
      inField = true;
      quoteLine = line;
      quoteHasSeparator = false;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      inField = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      line++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      inField = false;
    } else {
      field += ch;
      inField = true;
    }
  }
  if (quoted) return { separator: sep, unclosedQuote: { line: quoteLine, row: rows.length }, longQuoted };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { separator: sep, unclosedQuote: null, longQuoted };
}

/**
 * Parses CSV text into a grid of strings.
 * @example parseCsv('\uFEFFКод;Имя\r\n"001";"Школа ""Луч"""') // [['Код', 'Имя'], ['001', 'Школа "Луч"']]
 */
export function parseCsv(text: string, separator?: string): Grid {
  return parseCsvText(text, separator).grid;
}

/** Line count of a text (a last line without a line break counts). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) n++;
  return text.endsWith('\n') || text.endsWith('\r') ? n - 1 : n;
}

/** What reading a CSV file found wrong with its quotes, in Russian, file and line first. */
export function csvProblems(name: string, text: string, parsed: ParsedCsv): Problem[] {
  const problems: Problem[] = [];
  const q = parsed.unclosedQuote;
  if (q) {
    const last = lineCount(text.replace(/^\uFEFF/, ''));
    const rest = last - q.line + 1;
    problems.push({
      sheet: name, row: q.line, column: null, severity: 'error',
      message: `Файл «${name}», строка ${q.line}: кавычка «"», открытая в этой строке, не закрыта — `
        + `${rest > 1 ? `${counted(rest, NOUN.row)} до конца файла (${q.line}–${last}) прочитались бы как одно значение` : 'значение не закончено'}. `
        + `Строки файла с ${q.line}-й не прочитаны. Закройте кавычку или удалите её (кавычка внутри значения пишется двумя: «""») и сохраните файл снова.`,
    });
  }
  for (const l of parsed.longQuoted) {
    problems.push({
      sheet: name, row: l.line, column: null, severity: 'warning',
      message: `Файл «${name}», строки ${l.line}–${l.endLine}: значение в кавычках занимает ${counted(l.endLine - l.line + 1, NOUN.row, 'acc')} и содержит разделитель «${parsed.separator === '\t' ? 'табуляция' : parsed.separator}» — `
        + `похоже, кавычка, открытая в строке ${l.line}, не закрыта там, где нужно; эти строки прочитаны как одна ячейка.`,
    });
  }
  return problems;
}

/**
 * A CSV file's bytes read as a grid, with what went wrong reading it (`name`: the file's name, for
 * the messages): the decoding of decodeCsv, the parsing of parseCsvText, the quote problems of
 * csvProblems and a warning for stray non-UTF-8 bytes.
 */
export function csvFromBytes(name: string, bytes: Uint8Array): { grid: Grid; problems: Problem[]; encoding: CsvEncoding } {
  const { text, encoding, invalidUtf8 } = decodeCsv(bytes);
  const parsed = parseCsvText(text);
  const problems = csvProblems(name, text, parsed);
  if (invalidUtf8) {
    problems.unshift({
      sheet: name, row: invalidUtf8.line, column: null, severity: 'warning',
      message: `Файл «${name}», строка ${invalidUtf8.line}: файл в UTF-8, но в ${counted(invalidUtf8.count, NOUN.place, 'loc')} байты в нём не UTF-8 (первое — в этой строке); они показаны как «\uFFFD». Сохраните файл заново как «CSV UTF-8».`,
    });
  }
  return { grid: parsed.grid, problems, encoding };
}

/** The messages of the errors among `problems` (an unclosed quote), one a line; null when none. */
export function csvReadFailure(problems: Problem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  return errors.length ? errors.map((p) => p.message).join('\n') : null;
}
