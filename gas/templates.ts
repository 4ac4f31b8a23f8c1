/**
 * «Создать листы-шаблоны»: the input sheets of DATA.md as wizard/core.ts describes them for every
 * host (instructions above the header, the header, data validation, «Настройки» filled with the
 * defaults). A sheet that already exists is never touched.
 */
import { TEMPLATE_SHEETS, type TemplateSheet, type TemplateValidation, templateGrid, templateHeaderRow } from '../wizard/core';
import type { TemplateReport } from '../wizard/bridge';
import { columnPixels } from './layout';
import { alert, command } from './menu';
import { activeSpreadsheet, findSheet, guardText } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A template column's validation in Sheets. Invalid values are flagged, not rejected: «н/д» or a
 * regional procedure's name are legitimate, and «Проверить данные» says what is really wrong.
 */
export function sheetsValidation(v: TemplateValidation): GoogleAppsScript.Spreadsheet.DataValidation {
  const rule = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  switch (v.type) {
    case 'list':
      return rule.requireValueInList(v.values, true).setHelpText(`Одно из значений: ${v.values.join(', ')}`).build();
    case 'whole':
      return rule.requireNumberBetween(v.min, v.max).setHelpText(`Целое число от ${v.min} до ${v.max}`).build();
    case 'decimal':
      return rule.requireNumberBetween(v.min, v.max).setHelpText(`Число от ${v.min} до ${v.max}`).build();
  }
}

function createTemplate(ss: Spreadsheet, t: TemplateSheet): Sheet {
  const sheet = ss.insertSheet(t.name, ss.getNumSheets());
  const grid = templateGrid(t);
  const width = t.columns.length;
  const header = templateHeaderRow(t) + 1;
  const below = sheet.getMaxRows() - header;
  const text = t.columns.map((c, i) => (c.text ? i : -1)).filter((i) => i >= 0);
  for (const i of text) sheet.getRange(header + 1, i + 1, below, 1).setNumberFormat('@');
  // Instructions and headers as text: Sheets would turn the header «2» into the number 2.
  sheet.getRange(1, 1, header, width).setNumberFormat('@');
  guardText(sheet, 1, 1, grid);
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  if (header > 1) sheet.getRange(1, 1, header - 1, 1).setFontStyle('italic').setFontColor('#616161');
  sheet.getRange(header, 1, 1, width).setFontWeight('bold').setBackground('#ECEFF1').setWrap(true).setVerticalAlignment('middle');
  sheet.setFrozenRows(header);
  t.columns.forEach((c, i) => {
    sheet.setColumnWidth(i + 1, columnPixels(c.width));
    if (c.validation) sheet.getRange(header + 1, i + 1, below, 1).setDataValidation(sheetsValidation(c.validation));
  });
  return sheet;
}

/** Adds every missing input sheet; existing ones are left exactly as they are. */
export function createTemplates(): TemplateReport {
  const ss = activeSpreadsheet();
  const report: TemplateReport = { created: [], existing: [] };
  for (const t of TEMPLATE_SHEETS) {
    if (findSheet(ss, t.name)) report.existing.push(t.name);
    else {
      createTemplate(ss, t);
      report.created.push(t.name);
    }
  }
  if (report.created.length) ss.getSheetByName(report.created[0])!.activate();
  return report;
}

export function templatesMessage(r: TemplateReport): string {
  const list = (names: string[]) => names.map((n) => `«${n}»`).join(', ');
  const lines: string[] = [];
  if (r.created.length) lines.push(`Добавлены листы ${list(r.created)}: над заголовком каждого — что в него вписывать.`);
  if (r.existing.length) lines.push(`Уже были и не изменялись: ${list(r.existing)}.`);
  if (r.created.length) lines.push('Заполните данные (или вставьте из выгрузки), затем «ШНОР» → «Проверить данные».');
  return lines.join('\n');
}

/** Menu «Создать листы-шаблоны». */
export function menuCreateTemplates(): void {
  command('Шаблоны листов', () => alert('Шаблоны листов', templatesMessage(createTemplates())));
}
