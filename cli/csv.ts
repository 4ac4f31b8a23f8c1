/**
 * CSV files on disk for the command line. Decoding and parsing are host-neutral and live in
 * formats/csv.ts (shared with the offline page); this module reads the files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type CsvEncoding, csvFromBytes, decodeCsv } from '../formats/csv';
import type { Grid, Problem } from '../shared/types';

export {
  type CsvEncoding, type ParsedCsv, csvFromBytes, csvProblems, csvReadFailure, decodeCsv, parseCsv, parseCsvText, scanCsvRows, sniffSeparator,
} from '../formats/csv';

/** A CSV file's text (see decodeCsv). */
export function readCsvText(file: string): string {
  return decodeCsv(fs.readFileSync(file)).text;
}

/** A CSV file read as a grid, with what went wrong reading it. */
export function readCsv(file: string): { grid: Grid; problems: Problem[]; encoding: CsvEncoding } {
  return csvFromBytes(path.basename(file), fs.readFileSync(file));
}
