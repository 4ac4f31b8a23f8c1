/**
 * Import of an official export (ВПР statistics, ОГЭ/ЕГЭ results, a social passport) that the user
 * opened as a sheet of this spreadsheet, into «Результаты» or «Социальные показатели»: the same
 * importers and append plan as `shnor import` (shared/import). Reads the source sheet, «Школы» and
 * the target sheet with one getValues each and appends the rows with one setValues (the header cells
 * it adds with another), whatever the number of rows; with `preview` nothing is written. The source
 * sheet is never changed.
 */
import { planCodeColumn, shareColumns, shareFormat } from '../../shared/import/append';
import { SHEETS } from '../../shared/messages';
import type { Grid } from '../../shared/types';
import type { ExportImportReport, ExportImportRequest, ExportKind } from '../../wizard/bridge';
import { exportImportPlan, exportTarget } from '../../wizard/core';
import { activeSpreadsheet, appendRows, findSheet, guardText } from '../workbook';

const KINDS: ExportKind[] = ['vpr', 'vpr-pupils', 'vpr-journal', 'oge', 'ege', 'passport'];

export function importExport(request: ExportImportRequest): ExportImportReport {
  if (!request || !KINDS.includes(request.kind)) throw new Error(`Неизвестный вид выгрузки «${request && request.kind}»: ожидались ВПР (статистика, индивидуальные результаты, сравнение с журналом), ОГЭ, ЕГЭ или социальный паспорт`);
  const ss = activeSpreadsheet();
  const source = findSheet(ss, request.sourceSheet);
  if (!source) throw new Error(`Нет листа «${request.sourceSheet}»`);
  const schools = findSheet(ss, SHEETS.schools);
  if (!schools) throw new Error(`Нет листа «${SHEETS.schools}»: импорт сопоставляет строки выгрузки со школами этого листа`);
  const target = findSheet(ss, exportTarget(request.kind));
  const { report, plan, block } = exportImportPlan({ ...request, sourceSheet: source.getName() }, {
    source: source.getDataRange().getValues() as Grid,
    schools: schools.getDataRange().getValues() as Grid,
    target: target ? (target.getDataRange().getValues() as Grid) : undefined,
  });
  if (request.preview) report.messages.push('Предварительный просмотр: таблица не изменена.');
  else if (report.failed) report.messages.push('Таблица не изменена: исправьте лист выгрузки (или сопоставление столбцов) и повторите.');
  if (!plan) return report;

  const sheet = target ?? ss.insertSheet(plan.sheet);
  const width = plan.header.length;
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Header cells, as queueAppendPlan writes them: a new sheet's whole header (with the rows, in one
  // write), else the columns the import adds at the right.
  const head = plan.create ? plan.header : plan.added.map((a) => a.title);
  if (head.length) {
    const range = sheet.getRange(plan.headerRow + 1, width - head.length + 1, 1, head.length);
    if (!plan.create) {
      guardText(sheet, plan.headerRow + 1, width - head.length + 1, [head]);
      range.setValues([head]);
    }
    range.setFontWeight('bold');
  }
  // Cells filled in rows the sheet has (the per-pupil and journal ВПР imports): one setValues over their rectangle.
  if (block) {
    guardText(sheet, block.row + 1, block.col + 1, block.values);
    sheet.getRange(block.row + 1, block.col + 1, block.values.length, block.values[0].length)
      .setValues(block.values.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))));
  }
  const rows = plan.create ? [plan.header, ...plan.append] : plan.append;
  if (rows.length) appendRows(sheet, plan.create ? plan.headerRow + 1 : plan.firstAppendRow + 1, rows, width, planCodeColumn(plan));
  else sheet.activate();
  if (plan.append.length) {
    // Shares in percent: «0.0##» where fractional, as the add-in and the command line write them.
    const shares = shareColumns(plan);
    for (const c of shares) sheet.getRange(plan.firstAppendRow + 1, c + 1, plan.append.length, 1).setNumberFormats(plan.append.map((r) => [shareFormat(shares, c, r[c]) ?? 'General']));
  }
  report.messages.push(`Добавлено строк на лист «${plan.sheet}»: ${plan.append.length}${plan.updates.length ? `, дополнено: ${plan.updates.length}` : ''}. Лист «${source.getName()}» не изменён.`);
  return report;
}
