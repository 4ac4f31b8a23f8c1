/**
 * The server half of the wizard's Sheets bridge: the functions the sidebar calls through
 * google.script.run (gas/sidebar/gas-bridge.ts is the client half). Each takes and returns plain
 * JSON, as the bridge contract (wizard/bridge.ts) requires.
 */
import { SHEETS } from '../shared/messages';
import type { Settings } from '../shared/method/settings';
import type { Cell, Grid } from '../shared/types';
import type { DataCheck } from '../shared/wizard-protocol';
import { checkData } from '../shared/wizard-protocol';
import type { FactorCandidate, ImportReport, ImportRequest, SheetPreview, TemplateReport } from '../wizard/bridge';
import {
  type WizardRunSummary, appendPlan, candidatesJson, cleanSettings, mapImport, previewSheet, runEngine, trimGrid,
} from '../wizard/core';
import { goToCell } from './data-check';
import { runIdentification } from './identification';
import { command } from './menu';
import { type Progress, readProgress, reportProgress, startProgress } from './progress';
import { features } from './features-loader';
import { activeSpreadsheet, appendRows, findSheet, readInput } from './workbook';

/** The sidebar's HTML file in the project (dist/gas/Sidebar.html). */
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'ШНОР: идентификация';

const SETTINGS_KEY = 'shnorWizardSettings';

/** Opens the wizard in the sidebar. */
export function showWizard(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function wizardCheckData(): DataCheck {
  return checkData(readInput(activeSpreadsheet()).tables);
}

/** Rows and columns of each sheet read for the import preview (the header is looked for in them). */
const PREVIEW_ROWS = 35;
const PREVIEW_COLUMNS = 52;


/** Every sheet with its likely header and a sample, from the top of the sheet only. */
export function wizardListSheets(): SheetPreview[] {
  return activeSpreadsheet().getSheets().map((sheet) => {
    const head = sheet.getRange(1, 1, Math.min(PREVIEW_ROWS, sheet.getMaxRows()), Math.min(PREVIEW_COLUMNS, sheet.getMaxColumns()));
    const preview = previewSheet(sheet.getName(), trimGrid(head.getValues() as Cell[][]));
    const last = sheet.getLastRow();
    if (last > PREVIEW_ROWS) preview.rows += last - PREVIEW_ROWS;
    return preview;
  });
}

/**
 * Appends the mapped rows of the source sheet to «Результаты» with one setValues (creating the
 * sheet from its template when missing). The only write to an input sheet, on the user's request.
 */
export function wizardImportResults(request: ImportRequest): ImportReport {
  const ss = activeSpreadsheet();
  const source = findSheet(ss, request.sourceSheet);
  if (!source) throw new Error(`Нет листа «${request.sourceSheet}»`);
  const { rows, report } = mapImport(source.getDataRange().getValues() as Grid, request);
  if (!rows.length) return report;
  let target = findSheet(ss, SHEETS.results);
  if (!target) {
    features().createTemplates();
    target = findSheet(ss, SHEETS.results)!;
  }
  const plan = appendPlan(target.getDataRange().getValues() as Grid, rows);
  report.messages.push(...plan.messages);
  appendRows(target, plan.startRow + 1, plan.rows, plan.width, plan.codeColumn);
  return report;
}

export function wizardLoadSettings(): Partial<Settings> {
  const text = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  if (!text) return {};
  try {
    return cleanSettings(JSON.parse(text) as Partial<Settings>);
  } catch {
    return {};
  }
}

export function wizardSaveSettings(settings: Partial<Settings>): void {
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, JSON.stringify(cleanSettings(settings)));
}

export function wizardCandidateFactors(settings: Partial<Settings>): FactorCandidate[] {
  return candidatesJson(runEngine(readInput(activeSpreadsheet()).tables, settings).result);
}

export function wizardRun(settings: Partial<Settings>): WizardRunSummary {
  return runIdentification(cleanSettings(settings)).summary;
}

/** Menu «Мастер идентификации…». */
export function menuOpenWizard(): void {
  command('Мастер идентификации', showWizard);
}

/** The wizard's run: progress reports carry the sidebar's token. */
export function wizardRunWithProgress(settings: Partial<Settings>, token?: string): WizardRunSummary {
  startProgress(token ?? '');
  reportProgress('Запуск…', 0.02);
  return wizardRun(settings);
}

export function wizardProgress(): Progress | null {
  return readProgress();
}
