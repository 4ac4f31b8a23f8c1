/**
 * Runs the importer of one kind of official export over the sheets of a source file, with the options
 * a host collected (the command line's flags, the Sheets sidebar's request). Host-neutral: the hosts
 * only read the source into grids and write the resulting AppendPlan.
 */
import { SHEETS } from '../messages';
import type { Cell, Grid, Problem } from '../types';
import { type AppendOptions, type AppendPlan, planAppend } from './append';
import { type ImportResult, SchoolDirectory, type SourceSheet } from './common';
import { type ExamOptions, importExam, previewExam } from './exam';
import { importPassport } from './passport';
import { importSummary } from './summary';
import { importVpr } from './vpr';
import { importVprJournal } from './vpr-journal';
import { importVprPupils } from './vpr-pupils';

export type ImportKind = 'vpr' | 'vpr-pupils' | 'vpr-journal' | 'oge' | 'ege' | 'exam' | 'passport';

export interface RunImportOptions {
  year?: number;
  grade?: string;
  subject?: string;
  /** For `exam`: «ОГЭ» or «ЕГЭ» when the header does not say. */
  procedure?: string;
  /** Corrected column mapping: «Участников=D; Средний балл=Результат; Код ОО=-». */
  map?: string;
  /** The messages name the command line's parameters («--year 2025», «--map …»), not a spreadsheet host's fields. */
  commandLine?: boolean;
  /** Name of the source file (or sheet): year, grade and subject are also read from it. */
  fileName?: string;
}

function examOptions(kind: ImportKind, o: RunImportOptions): ExamOptions {
  const procedure = kind === 'oge' ? 'ОГЭ' : kind === 'ege' ? 'ЕГЭ' : o.procedure;
  return { year: o.year, grade: o.grade, subject: o.subject, procedure, map: o.map, fileName: o.fileName, commandLine: o.commandLine };
}

/** The rows of `sheets` for «Результаты» or «Социальные показатели», matched to the schools of `dir`. */
export function runImporter(kind: ImportKind, sheets: SourceSheet[], dir: SchoolDirectory, o: RunImportOptions = {}): ImportResult {
  if (kind === 'vpr') return importVpr(sheets, dir, { year: o.year, grade: o.grade, subject: o.subject, fileName: o.fileName, commandLine: o.commandLine });
  if (kind === 'vpr-pupils') return importVprPupils(sheets, dir, { year: o.year, grade: o.grade, subject: o.subject, fileName: o.fileName, commandLine: o.commandLine });
  if (kind === 'vpr-journal') return importVprJournal(sheets, dir, { year: o.year, grade: o.grade, subject: o.subject, fileName: o.fileName, commandLine: o.commandLine });
  if (kind === 'passport') return importPassport(sheets, dir, { year: o.year, map: o.map, fileName: o.fileName, commandLine: o.commandLine });
  return importExam(sheets, dir, examOptions(kind, o));
}

/**
 * For ОГЭ/ЕГЭ: which column each field is read from, with sample values, as Russian lines (empty for
 * the other kinds, whose layout is fixed).
 */
export function importPreviewLines(kind: ImportKind, sheets: SourceSheet[], o: RunImportOptions = {}): string[] {
  if (kind !== 'oge' && kind !== 'ege' && kind !== 'exam') return [];
  const out: string[] = [];
  for (const p of previewExam(sheets, examOptions(kind, o))) {
    out.push(`Лист «${p.sheet}»: ${p.headerRow ? `заголовок в строке ${p.headerRow}` : 'строка заголовков не найдена'}; ` +
      `год ${p.meta.year ?? '?'}, процедура ${p.meta.procedure ?? '?'}, класс ${p.meta.grade ?? '?'}, предмет ${p.meta.subject ?? '(из столбца «Предмет»)'}`);
    const w = Math.max(...p.fields.map((f) => f.title.length));
    for (const f of p.fields) {
      out.push(`  ${f.title.padEnd(w)}  ${f.column ? `${f.column.padEnd(3)} «${f.header}»${f.samples.length ? `  например: ${f.samples.map((s) => s || '—').join(' | ')}` : ''}` : '—'}`);
    }
    if (p.unused.length) out.push(`  Не использованы: ${p.unused.map((u) => `${u.column} «${u.header}»`).join(', ')}`);
    for (const e of p.errors) out.push(`  Ошибка сопоставления: ${e}`);
  }
  return out;
}

/** Problems as indented report lines, at most `limit` of them (then how many more). */
function problemItems(problems: Problem[], limit = Infinity): string[] {
  const out = problems.slice(0, limit).map((p) => `  ${p.message}`);
  if (problems.length > limit) out.push(`  … и ещё ${problems.length - limit}`);
  return out;
}

/**
 * «Школы» read for matching the export's rows; `failure` holds the report when the sheet has errors
 * (then nothing can be matched, nothing is imported). `book` names the workbook in that report.
 */
export function importDirectory(schools: Grid | undefined, book?: string): { dir: SchoolDirectory; failure: string[] | null } {
  const dir = SchoolDirectory.fromGrid(schools ?? []);
  const errors = dir.problems.filter((p) => p.severity === 'error');
  if (!errors.length) return { dir, failure: null };
  return { dir, failure: [`Лист «${SHEETS.schools}»${book ? ` книги «${book}»` : ''} не прочитан — не с чем сопоставлять школы:`, ...problemItems(errors)] };
}

export interface PlanImportOptions extends AppendOptions {
  /** Also list the first rows the import gives. */
  preview?: boolean;
  /** At most this many errors and as many warnings are listed (default: all). */
  limit?: number;
}

export interface PlannedImport {
  /** How the rows join the target sheet; null when the importer found errors. */
  plan: AppendPlan | null;
  /** Errors of the import and of the plan: with any of them nothing is written. */
  errors: Problem[];
  /** The report in Russian: the summary (importSummary), «Ошибки (n)», «Предупреждения (n)». */
  lines: string[];
  /** With `preview`: the first five rows for the target sheet under their header; else empty. */
  preview: string[];
}

const previewCell = (c: Cell) => (c === null || c === undefined ? '' : typeof c === 'number' ? String(+c.toFixed(4)).replace('.', ',') : String(c));

/**
 * Plans an importer's rows into the workbook's target sheet (its grid, undefined when the workbook
 * has none) and reports it, the same way on every host.
 * @example planImport(runImporter('vpr', sheets, dir), grids['Результаты'], { preview: true }).lines
 */
export function planImport(result: ImportResult, target: Grid | undefined, options: PlanImportOptions = {}): PlannedImport {
  const plan = result.problems.some((p) => p.severity === 'error') ? null : planAppend(target, result, { replace: options.replace });
  const lines = importSummary(result, plan);
  const problems = [...result.problems, ...(plan ? plan.problems : [])];
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length) lines.push(`Ошибки (${errors.length}): ничего не записано.`, ...problemItems(errors, options.limit));
  if (warnings.length) lines.push(`Предупреждения (${warnings.length}):`, ...problemItems(warnings, options.limit));
  const preview = options.preview && result.rows.length
    ? [`Первые строки для листа «${result.target}»:`, `  ${result.header.join(' | ')}`, ...result.rows.slice(0, 5).map((r) => `  ${r.map(previewCell).join(' | ')}`)]
    : [];
  return { plan, errors, lines, preview };
}
