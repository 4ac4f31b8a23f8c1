/// <reference types="google-apps-script" />
/**
 * What the reporting commands need from Apps Script, passed in rather than taken from globals, so
 * the commands run unchanged against tests/fakes/reporting-fake.ts.
 */
import type { Ymd } from '../../shared/roadmap/dates';

export interface ReportingEnv {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** E-mail of the person running the command; '' when Apps Script does not tell. */
  user: string;
  /** Today in the spreadsheet's time zone. */
  today: Ymd;
  newDataValidation: () => GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  ProtectionType: typeof GoogleAppsScript.Spreadsheet.ProtectionType;
}

/** The environment of a menu command in Apps Script. */
export function appsScriptEnv(): ReportingEnv {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let user = '';
  try {
    user = Session.getEffectiveUser().getEmail();
  } catch (e) {
    // Without the e-mail scope Apps Script withholds it; the owner list then comes from «Муниципалитеты».
  }
  return {
    ss,
    user,
    today: Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd'),
    newDataValidation: () => SpreadsheetApp.newDataValidation(),
    ProtectionType: SpreadsheetApp.ProtectionType,
  };
}
