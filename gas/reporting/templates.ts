/// <reference types="google-apps-script" />
/**
 * The roadmap and indicator templates in Google Sheets: the wizard's programmeTemplate (the same
 * function the Excel add-in and the demo call), written with data validation and formulas. A sheet
 * the spreadsheet already has (names compared ignoring case) is never changed: it may hold a filled
 * roadmap, or the «Инструкция» of another template.
 */
import { newTemplateSheets } from '../../shared/roadmap/template-sheet';
import { TEMPLATE_KINDS, type TemplateKind } from '../../shared/roadmap/templates';
import type { Settings } from '../../shared/method/settings';
import type { RegionTables } from '../../shared/types';
import { type ProgrammeTemplate, programmeTemplate } from '../../wizard/core';
import { readInput } from '../workbook';
import type { ReportingEnv } from './env';
import type { CommandResult } from './reports';
import { writeLayout } from './write-sheet';

/**
 * Inserts a template. Kinds filled from the identification (TEMPLATE_KINDS usesIdentification)
 * read the input sheets first, one getValues each; `settings` are the wizard's.
 */
export function insertTemplate(
  env: ReportingEnv, kind: TemplateKind, options: { settings?: Partial<Settings>; start?: number } = {},
): CommandResult & { created: string[]; existing: string[] } {
  let tables: RegionTables | null = null;
  if (TEMPLATE_KINDS.find((k) => k.kind === kind)?.usesIdentification) {
    const input = readInput(env.ss);
    if (input.sheets.schools) tables = input.tables;
  }
  let template: ProgrammeTemplate;
  try {
    template = programmeTemplate(kind, tables, options.settings ?? {}, { start: options.start, year: Number(env.today.slice(0, 4)) });
  } catch (e) {
    return { ok: false, message: (e as Error).message, created: [], existing: [] };
  }
  const { add, existing } = newTemplateSheets(template.sheets, env.ss.getSheets().map((s) => s.getName()));
  for (const layout of add) writeLayout(env, layout);
  const created = add.map((layout) => layout.name);
  const lines = [`Шаблон «${template.title}»: добавлено листов ${created.length}.`];
  if (existing.length) lines.push(`Уже есть и не изменены: ${existing.map((s) => `«${s}»`).join(', ')} — переименуйте их, чтобы получить новый шаблон.`);
  lines.push(...template.notes);
  return { ok: true, message: lines.join('\n'), created, existing };
}
