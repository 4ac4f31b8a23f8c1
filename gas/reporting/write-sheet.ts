/// <reference types="google-apps-script" />
/**
 * Puts a template sheet of shared/roadmap/template-sheet.ts into Google Sheets: one setNumberFormats
 * and one setValues for the whole grid (formulas are written as «=…» strings), then merges, bold
 * headers, widths, data validation and frozen rows.
 */
import { ymdParts } from '../../shared/roadmap/dates';
import { isFormulaLike } from '../../shared/text-guard';
import { type SheetLayout, type Validation, layoutTemplate, placedCell, validationMessage } from '../../shared/roadmap/template-sheet';
import type { TemplateSheet } from '../../shared/roadmap/template-sheet';
import type { ReportingEnv } from './env';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GENERAL = 'General';
const TEXT = '@';
/** Pixels per character of column width. */
const PX = 7;

/** A date as Apps Script writes one: local midnight in the script's time zone. */
function localDate(d: string): Date {
  const [y, m, day] = ymdParts(d);
  return new Date(y, m - 1, day);
}

function rule(env: ReportingEnv, v: Validation): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = env.newDataValidation().setHelpText(validationMessage(v));
  switch (v.type) {
    case 'list': return b.requireValueInList(v.values, true).setAllowInvalid(!v.strict).build();
    case 'date': return b.requireDate().setAllowInvalid(false).build();
    default:
      if (v.min !== undefined && v.max !== undefined) return b.requireNumberBetween(v.min, v.max).setAllowInvalid(false).build();
      if (v.min !== undefined) return b.requireNumberGreaterThanOrEqualTo(v.min).setAllowInvalid(false).build();
      return b.requireNumberLessThanOrEqualTo(v.max ?? 0).setAllowInvalid(false).build();
  }
}

/** The grid of values and number formats of a layout, `width` columns wide. */
export function layoutGrid(layout: SheetLayout): { values: unknown[][]; formats: string[][] } {
  const height = layout.rows.length ? layout.rows[layout.rows.length - 1].row : 1;
  const values: unknown[][] = Array.from({ length: height }, () => new Array(layout.width).fill(''));
  const formats: string[][] = Array.from({ length: height }, () => new Array(layout.width).fill(GENERAL));
  for (const r of layout.rows) {
    r.values.forEach((v, c) => {
      values[r.row - 1][c] = placedCell(v, localDate) ?? '';
      const f = r.formats[c];
      // Plain text stays text («050008» keeps its zeros); a formula keeps its column's format. Text
      // from the data that looks like a formula is text whatever its column's format (Sheets makes
      // «=…» written by setValues a formula unless the cell is formatted as text).
      formats[r.row - 1][c] = typeof v === 'string' && isFormulaLike(v) ? TEXT : f ?? (typeof v === 'string' ? TEXT : GENERAL);
    });
  }
  return { values, formats };
}

/**
 * Writes a laid-out sheet: a new sheet, or an existing one cleared first.
 */
export function writeLayout(env: ReportingEnv, layout: SheetLayout): Sheet {
  const ss = env.ss;
  let sheet = ss.getSheetByName(layout.name);
  if (sheet) {
    sheet.clear();
    sheet.getDataRange().clearDataValidations();
  } else sheet = ss.insertSheet(layout.name);
  const { values, formats } = layoutGrid(layout);
  const range = sheet.getRange(1, 1, values.length, layout.width);
  range.setNumberFormats(formats);
  range.setValues(values);
  const bold: string[] = [];
  for (const r of layout.rows) {
    if (r.style === 'header' || r.style === 'title' || r.style === 'caption' || r.style === 'heading' || r.style === 'info') {
      const cols = r.style === 'header' ? r.values.length : 1;
      bold.push(sheet.getRange(r.row, 1, 1, cols).getA1Notation());
    }
  }
  if (bold.length) sheet.getRangeList(bold).setFontWeight('bold');
  for (const row of layout.merged) sheet.getRange(row, 1, 1, layout.width).merge().setWrap(true);
  layout.widths.forEach((w, i) => sheet!.setColumnWidth(i + 1, Math.round(w * PX)));
  for (const v of layout.validations) {
    sheet.getRange(v.row1, v.col1, v.row2 - v.row1 + 1, v.col2 - v.col1 + 1).setDataValidation(rule(env, v.validation));
  }
  if (layout.freezeRow) sheet.setFrozenRows(layout.freezeRow);
  return sheet;
}

export function writeTemplate(env: ReportingEnv, sheet: TemplateSheet): { sheet: Sheet; layout: SheetLayout } {
  const layout = layoutTemplate(sheet);
  return { sheet: writeLayout(env, layout), layout };
}
