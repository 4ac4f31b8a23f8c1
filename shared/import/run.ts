/**
 * Runs the importer of one kind of official export over the sheets of a source file, with the options
 * a host collected (the command line's flags, the Sheets sidebar's request). Host-neutral: the hosts
 * only read the source into grids and write the resulting AppendPlan.
 */
import type { ImportResult, SchoolDirectory, SourceSheet } from './common';
import { type ExamOptions, importExam, previewExam } from './exam';
import { importPassport } from './passport';
import { importVpr } from './vpr';

export type ImportKind = 'vpr' | 'oge' | 'ege' | 'exam' | 'passport';

export interface RunImportOptions {
  year?: number;
  grade?: string;
  subject?: string;
  /** For `exam`: «ОГЭ» or «ЕГЭ» when the header does not say. */
  procedure?: string;
  /** Corrected column mapping: «Участников=D; Средний балл=Результат; Код ОО=-». */
  map?: string;
  /** Name of the source file (or sheet): year, grade and subject are also read from it. */
  fileName?: string;
}

function examOptions(kind: ImportKind, o: RunImportOptions): ExamOptions {
  const procedure = kind === 'oge' ? 'ОГЭ' : kind === 'ege' ? 'ЕГЭ' : o.procedure;
  return { year: o.year, grade: o.grade, subject: o.subject, procedure, map: o.map, fileName: o.fileName };
}

/** The rows of `sheets` for «Результаты» or «Социальные показатели», matched to the schools of `dir`. */
export function runImporter(kind: ImportKind, sheets: SourceSheet[], dir: SchoolDirectory, o: RunImportOptions = {}): ImportResult {
  if (kind === 'vpr') return importVpr(sheets, dir, { year: o.year, grade: o.grade, subject: o.subject, fileName: o.fileName });
  if (kind === 'passport') return importPassport(sheets, dir, { year: o.year, map: o.map, fileName: o.fileName });
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
