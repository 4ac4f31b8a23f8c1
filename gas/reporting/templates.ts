/// <reference types="google-apps-script" />
/**
 * The roadmap and indicator templates in Google Sheets: the same host-neutral sheets the command
 * line writes to .xlsx (shared/roadmap/templates.ts), written with data validation and formulas.
 * A sheet that already exists is left as it is (it may hold a filled roadmap), except «Инструкция».
 */
import { identify } from '../../shared/identify';
import { SHEETS } from '../../shared/messages';
import { TEMPLATE_SHEETS } from '../../shared/roadmap/messages';
import { TEMPLATE_KINDS, type TemplateKind, buildTemplate } from '../../shared/roadmap/templates';
import type { Settings } from '../../shared/settings';
import type { Grid, RegionTables } from '../../shared/types';
import { cleanSettings } from '../../wizard/core';
import type { ReportingEnv } from './env';
import type { CommandResult } from './reports';
import { writeTemplate } from './write-sheet';

function inputTables(env: ReportingEnv): RegionTables | null {
  const read = (name: string): Grid | undefined => {
    const sheet = env.ss.getSheetByName(name);
    return sheet ? (sheet.getDataRange().getValues() as Grid) : undefined;
  };
  const schools = read(SHEETS.schools);
  const results = read(SHEETS.results);
  if (!schools || !results) return null;
  return { schools, results, social: read(SHEETS.social), settings: read(SHEETS.settings) };
}

/**
 * Inserts a template. Kinds that use the identification (school roadmaps, facts of the indicators)
 * run it on the input sheets first.
 */
export function insertTemplate(
  env: ReportingEnv, kind: TemplateKind, options: { settings?: Partial<Settings>; start?: number } = {},
): CommandResult & { created: string[]; existing: string[] } {
  const spec = TEMPLATE_KINDS.find((k) => k.kind === kind);
  if (!spec) return { ok: false, message: `Неизвестный шаблон «${kind}»`, created: [], existing: [] };
  const year = Number(env.today.slice(0, 4));
  let identification;
  if (kind === 'school-roadmaps' || kind === 'target-indicators') {
    const tables = inputTables(env);
    if (tables) identification = identify(tables, options.settings ? { settings: cleanSettings(options.settings) } : {});
    if (spec.needsInput && (!identification || !identification.ok)) {
      return { ok: false, message: `Для шаблона нужны листы «${SHEETS.schools}» и «${SHEETS.results}» без ошибок: выполните «Проверить данные».`, created: [], existing: [] };
    }
  }
  const book = buildTemplate(kind, { year, identification, ...(options.start ? { start: options.start } : {}) });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const sheet of book.sheets) {
    if (sheet.name !== TEMPLATE_SHEETS.instructions && env.ss.getSheetByName(sheet.name)) {
      skipped.push(sheet.name);
      continue;
    }
    writeTemplate(env, sheet);
    written.push(sheet.name);
  }
  const lines = [`Шаблон «${spec.title}»: добавлено листов ${written.length}.`];
  if (skipped.length) lines.push(`Уже есть и не изменены: ${skipped.map((s) => `«${s}»`).join(', ')} — переименуйте их, чтобы получить новый шаблон.`);
  lines.push(...book.notes);
  return { ok: true, message: lines.join('\n'), created: written, existing: skipped };
}
