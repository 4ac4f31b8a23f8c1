/**
 * «Справка»: what the menu does and the spreadsheet functions, in a dialog.
 */
import { command } from './menu';

export const HELP_TITLE = 'ШНОР Монитор — справка';
/** gas/help.html, pushed as Help.html (kept out of Code.js, which every custom function call loads). */
export const HELP_FILE = 'Help';

export function showHelp(): void {
  const html = HtmlService.createHtmlOutputFromFile(HELP_FILE).setWidth(680).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, HELP_TITLE);
}

/** Menu «Справка». */
export function menuShowHelp(): void {
  command('Справка', showHelp);
}
