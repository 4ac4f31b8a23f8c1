/**
 * The feature bundle (webpack entry `Features` → dist/gas/Features.html): the input sheet
 * templates, municipal reporting, programme templates, the analytical note with recommendations and the importers of official
 * exports. It is too big for Code.js, which Apps Script loads on every custom function call, so it
 * is kept in an HTML file of the project (Apps Script never loads those by itself) and evaluated by
 * gas/features-loader.ts the first time a menu command or a sidebar call needs it. The build assigns
 * this module's exports to one global, `ShnorFeatures`; nothing here is an Apps Script function.
 */
import type { Settings } from '../../shared/method/settings';
import type { ProgrammeTemplateKind, TemplateReport } from '../../wizard/bridge';
import { appsScriptEnv } from '../reporting/env';
import { menuTemplate } from '../reporting/menu-templates';
import { insertTemplate } from '../reporting/templates';
import { FEATURES_VERSION } from './version';

/** Checked by the loader against its own copy (a stale Features.html). */
export const version = FEATURES_VERSION;

// ------------------------------------------------------------------ menu commands

export { menuCreateReports as reportsCreate, menuSubmitReport as reportsSubmit, menuCollectReports as reportsCollect } from '../reporting/menu-reports';
export function template(kind: ProgrammeTemplateKind): void {
  menuTemplate(kind);
}
/** «Создать листы-шаблоны»: the empty input sheets with their headers and checks (createTemplates: the same for the sidebar). */
export { createTemplates, menuCreateTemplates } from '../templates';

// ------------------------------------------------------------------ the sidebar's optional bridge methods

/** The server's one check of the options (`cards`) is in ./note.ts. */
export { analyticalNoteFile as analyticalNote } from './note';

export function insertProgrammeTemplate(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): TemplateReport {
  const r = insertTemplate(appsScriptEnv(), kind, { settings: settings ?? {}, start: options && options.start });
  if (!r.ok) throw new Error(r.message);
  return { created: r.created, existing: r.existing };
}

export { importExport } from './import-export';

// ------------------------------------------------------------------ the identification and the data check
// The engine's run (reading, the method, the output sheets) is in the bundle too: Code.js keeps only
// what custom functions, the menu and the sidebar's light calls need.

export { menuCheckData } from '../data-check';
export { menuRunIdentification } from '../identification';
export { wizardCandidateFactors, wizardCheckData, wizardImportResults, wizardListSheets, wizardRunWithProgress } from '../wizard-server';
