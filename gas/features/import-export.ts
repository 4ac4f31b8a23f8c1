/**
 * Import of an official export (ВПР statistics, ОГЭ/ЕГЭ results, a social passport) that the user
 * opened as a sheet of this spreadsheet, into «Результаты» or «Социальные показатели»: the same
 * importers and append plan as `shnor import` (shared/import). Reads the source sheet, «Школы» and
 * the target sheet with one getValues each and appends with one setValues, whatever the number of
 * rows; with `preview` nothing is written. The source sheet is never changed.
 */
import { SHEETS } from '../../shared/messages';
import type { Cell, Grid } from '../../shared/types';
import type { ExportImportReport, ExportImportRequest, ExportKind } from '../../wizard/bridge';
import { exportImportPlan, exportTarget, planCodeColumn } from '../../wizard/core';
import { activeSpreadsheet, findSheet } from '../workbook';

const KINDS: ExportKind[] = ['vpr', 'oge', 'ege', 'passport'];

const sheetCell = (c: Cell): unknown => (c === null || c === undefined ? '' : c);

export function importExport(request: ExportImportRequest): ExportImportReport {
  if (!request || !KINDS.includes(request.kind)) throw new Error(`Неизвестный вид выгрузки «${request && request.kind}»: ожидались ВПР, ОГЭ, ЕГЭ или социальный паспорт`);
  const ss = activeSpreadsheet();
  const source = findSheet(ss, request.sourceSheet);
  if (!source) throw new Error(`Нет листа «${request.sourceSheet}»`);
  const schools = findSheet(ss, SHEETS.schools);
  if (!schools) throw new Error(`Нет листа «${SHEETS.schools}»: импорт сопоставляет строки выгрузки со школами этого листа`);
  const target = findSheet(ss, exportTarget(request.kind));
  const { report, plan } = exportImportPlan({ ...request, sourceSheet: source.getName() }, {
    source: source.getDataRange().getValues() as Grid,
    schools: schools.getDataRange().getValues() as Grid,
    target: target ? (target.getDataRange().getValues() as Grid) : undefined,
  });
  if (request.preview) {
    report.messages.push('Предварительный просмотр: таблица не изменена.');
    return report;
  }
  if (report.failed || !plan) {
    report.messages.push('Таблица не изменена: исправьте лист выгрузки (или сопоставление столбцов) и повторите.');
    return report;
  }
  if (!plan.append.length) return report;

  const width = plan.header.length;
  const sheet = target && !plan.create ? target : (target ?? ss.insertSheet(plan.sheet));
  // Header cells to write: all of them on a new sheet, else only the columns the import adds (to the right).
  const headerFrom = !target || plan.create ? 0 : plan.added.length ? Math.min(...plan.added.map((a) => a.index)) : width;
  const first = plan.firstAppendRow + 1;
  const need = first + plan.append.length - 1;
  if (sheet.getMaxRows() < need) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const code = planCodeColumn(plan);
  if (code !== null) sheet.getRange(first, code + 1, plan.append.length, 1).setNumberFormat('@');
  const values = plan.append.map((r) => plan.header.map((_, i) => sheetCell(r[i])));
  if (headerFrom === 0 && plan.headerRow + 2 === first) {
    // A new sheet: the header and the rows in one write.
    sheet.getRange(first - 1, 1, values.length + 1, width).setValues([plan.header, ...values]);
    sheet.getRange(first - 1, 1, 1, width).setFontWeight('bold');
  } else {
    if (headerFrom < width) {
      const head = sheet.getRange(plan.headerRow + 1, headerFrom + 1, 1, width - headerFrom);
      head.setValues([plan.header.slice(headerFrom)]);
      head.setFontWeight('bold');
    }
    sheet.getRange(first, 1, values.length, width).setValues(values);
  }
  report.messages.push(`Добавлено строк на лист «${plan.sheet}»: ${plan.append.length}. Лист «${source.getName()}» не изменён.`);
  sheet.activate();
  return report;
}
