/**
 * CSV as Russian Excel saves it: UTF-8 with or without BOM, «;» or «,» separated, quoted fields.
 */
import * as fs from 'fs';
import type { Grid } from '../shared/types';

/**
 * A CSV file's text: UTF-8 (with or without BOM), or Windows-1251 as Russian Excel saves
 * «CSV (разделители — точка с запятой)» — recognised by bytes that are not valid UTF-8.
 */
export function readCsvText(file: string): string {
  const buf = fs.readFileSync(file);
  const text = buf.toString('utf8');
  return text.includes('\uFFFD') ? new TextDecoder('windows-1251').decode(buf) : text;
}

/** Picks the separator from the first line: the one of «;», «,», tab that occurs most outside quotes. */
export function sniffSeparator(text: string): string {
  const end = text.indexOf('\n');
  const line = end >= 0 ? text.slice(0, end) : text;
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0
    ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0]
    : ';';
}

/**
 * Parses CSV text into a grid of strings (RFC 4180 quoting, CRLF or LF).
 * @example parseCsv('\uFEFFКод;Имя\r\n"001";"Школа ""Луч"""') // [['Код', 'Имя'], ['001', 'Школа "Луч"']]
 */
export function parseCsv(text: string, separator = sniffSeparator(text.replace(/^\uFEFF/, ''))): Grid {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
