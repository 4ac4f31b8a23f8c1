/**
 * The «ШНОР» menu and the way menu commands talk to the user. The menu itself (captions and the
 * global functions they call) is declared in main.ts, next to the globals.
 */

export interface MenuItem {
  caption: string;
  /** Name of a global function exposed in main.ts. */
  functionName: string;
}

export const MENU_TITLE = 'ШНОР';

/** Builds the menu: groups of items with a separator between groups. */
export function buildMenu(ui: GoogleAppsScript.Base.Ui, groups: MenuItem[][]): void {
  const menu = ui.createMenu(MENU_TITLE);
  groups.forEach((items, i) => {
    if (i > 0) menu.addSeparator();
    for (const item of items) menu.addItem(item.caption, item.functionName);
  });
  menu.addToUi();
}

/** Shows a message box. */
export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** Runs a menu command; an unexpected failure is shown in Russian rather than as a bare stack trace. */
export function command(title: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    console.error(e);
    alert(title, `Не удалось выполнить команду: ${(e as Error).message ?? String(e)}`);
  }
}
