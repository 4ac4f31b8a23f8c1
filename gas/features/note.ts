/**
 * The analytical note for the wizard's «Аналитическая справка» button: the input sheets read once
 * each, then wizard/core.ts noteFile (the same as the other hosts: identification with the wizard's
 * settings, recommendations, one HTML file). Reads, never writes.
 */
import type { Settings } from '../../shared/method/settings';
import type { HtmlFile } from '../../wizard/bridge';
import { noteFile } from '../../wizard/core';
import { activeSpreadsheet, readInput } from '../workbook';

/** `global.shnorWizardAnalyticalNote` (via the bundle's `analyticalNote`); the one place `options` from google.script.run is checked. */
export function analyticalNoteFile(settings: Partial<Settings>, options: { cards: boolean }): HtmlFile {
  const ss = activeSpreadsheet();
  const { tables } = readInput(ss);
  const preparedOn = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'dd.MM.yyyy');
  return noteFile(tables, settings ?? {}, { cards: !!(options && options.cards), preparedOn });
}
