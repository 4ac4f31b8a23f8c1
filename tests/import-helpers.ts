/** Shared by the import tests: the fixtures, the numbers they were written from, and grid helpers. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readSource } from '../cli/commands/import';
import { sheetToGrid } from '../cli/xlsx';
import type { SourceSheet } from '../shared/import/common';
import type { Grid } from '../shared/types';

export const FIXTURES = path.join(__dirname, 'fixtures', 'import');
export const fixture = (name: string) => path.join(FIXTURES, name);

export interface Truth {
  schools: { code: string; name: string; municipality: string; pupils: number; vprLogin: string; small: boolean }[];
  vpr: { grade: string; subject: string; rows: { login: string; code: string; n: number; percents: number[] }[] }[];
  exams: { procedure: string; subject: string; rows: { code: string; n: number; mean: number; fails: number }[] }[];
  passport: { year: number; rows: { code: string; pupils: number; counts: Record<string, number> }[] };
}

export const truth: Truth = JSON.parse(fs.readFileSync(fixture('truth.json'), 'utf8'));

export function source(name: string): Promise<SourceSheet[]> {
  return readSource(fixture(name));
}

/** «Школы» of the fixture region, as the command line reads it. */
export async function schoolsGrid(): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fixture('region.xlsx'));
  return sheetToGrid(wb.getWorksheet('Школы')!);
}

/** The numbers the 2026 ФИС ОКО fixtures (layout since 2022, a region of their own) were written from. */
export interface Truth2026 {
  schools: { digits: string; code: string; name: string; municipality: string; fisName: string }[];
  vpr: { file: string; sheet: string; year: number; grade: string; subject: string; rows: { login: string; code: string; n: number; counts: number[]; percents: number[] }[] }[];
  exams: { file: string; sheet: string; procedure: string; subject: string; failsHeader: string; rows: { code: string; n: number; mean: number; fails: number; failsPercent: number | null }[] }[];
}

export const truth2026: Truth2026 = JSON.parse(fs.readFileSync(fixture('truth-2026.json'), 'utf8'));

/** «Школы» of a fixture workbook (region.xlsx by default). */
export async function schoolsGridOf(file: string): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fixture(file));
  return sheetToGrid(wb.getWorksheet('Школы')!);
}
