/**
 * The annual identification run from the spreadsheet: read the input sheets, run the engine
 * (wizard/core.ts runEngine, the same call as the Excel task pane), write «Идентификация ГГГГ»,
 * «Модель ИСБШ ГГГГ», «Свод ГГГГ», «Перечни ГГГГ» and the scatter chart. The input sheets are only
 * read; a re-run replaces that year's four sheets and leaves other years alone.
 */
import type { Identification } from '../shared/method/identify';
import { CATEGORY_ORDER, NO_CATEGORY, SHEETS, categoryName, fmt, NOUN, counted } from '../shared/messages';
import type { Settings } from '../shared/method/settings';
import { lastRow, municipalitySummary } from '../shared/method/summary';
import { checkData } from '../shared/wizard-protocol';
import { objectivityIndexLine, objectivitySheetName } from '../shared/objectivity/sheet';
import { type WizardRunSummary, runEngine } from '../wizard/core';
import { CHECK_SHEET, writeCheckSheet } from './data-check';
import { insertScatterChart, scatterTable } from './chart';
import { GENERAL_FORMAT, addSideTable, planSheet } from './layout';
import { alert, command } from './menu';
import { reportProgress } from './progress';
import { activeSpreadsheet, readInput, writePlan } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface RunOutcome {
  result: Identification;
  summary: WizardRunSummary;
  /** Sheets written, in order; empty when the input has errors. */
  sheets: Sheet[];
}

/**
 * Runs the identification on the active spreadsheet with `settings` over «Настройки». With errors
 * in the input nothing is written but «Проверка данных», which lists them.
 */
export function runIdentification(settings: Partial<Settings> = {}): RunOutcome {
  const ss = activeSpreadsheet();
  reportProgress('Чтение листов…', 0.05);
  const input = readInput(ss);
  reportProgress('Расчёт индекса качества, ИСБШ и категорий…', 0.2);
  const { result, summary, sheets: outputs } = runEngine(input.tables, settings);
  if (!result.ok) {
    writeCheckSheet(ss, input, checkData(input.tables));
    reportProgress('Расчёт не выполнен: в данных есть ошибки', 1);
    return { result, summary, sheets: [] };
  }
  const year = result.year!;
  const written: Sheet[] = [];
  outputs.forEach((out, i) => {
    reportProgress(`Запись листа «${out.name}»…`, 0.4 + (0.55 * i) / outputs.length);
    const plan = planSheet(out);
    if (out.name !== SHEETS.model(year)) {
      written.push(writePlan(ss, plan, out));
      return;
    }
    // The chart's data rides in the model sheet's single setValues, right of the model tables.
    const table = scatterTable(summary.points, summary.guides ?? null);
    const top = plan.blocks[0]?.captionRow ?? plan.blocks[0]?.headerRow ?? 1;
    const below = (plan.blocks[plan.blocks.length - 1]?.lastRow ?? plan.values.length) + 2;
    const column = addSideTable(plan, top, table.rows, (r, _c, v) => (r >= 2 && typeof v === 'number' ? '0.000' : typeof v === 'number' ? GENERAL_FORMAT : '@'));
    const sheet = writePlan(ss, plan, out);
    sheet.getRange(top, column).setFontWeight('bold');
    if (table.pointSeries > 0) insertScatterChart(sheet, table, top, column, below, 1, year);
    written.push(sheet);
  });
  written[0].activate();
  reportProgress('Готово', 1);
  return { result, summary, sheets: written };
}

/** What the menu command says when the run is over (Russian, a few lines). */
export function outcomeMessage(result: Identification): string {
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    return `В данных ${counted(errors, NOUN.error)}: идентификация не выполнена. ` +
      `Список со ссылками на ячейки — на листе «${CHECK_SHEET}». Исправьте и запустите снова.`;
  }
  const year = result.year!;
  const total = lastRow(municipalitySummary(result));
  const lines = [
    `Школ: ${result.schools.length}.`,
    ...CATEGORY_ORDER.map((c) => `${categoryName(c)}: ${total.byCategory[c]}`),
    ...(total.noCategory ? [`${NO_CATEGORY.label}: ${total.noCategory} (${NO_CATEGORY.meaning})`] : []),
    result.model ? `Модель ИСБШ: R² = ${fmt(result.model.r2)}, n = ${result.model.n}.` : `Модель ИСБШ не рассчитана: ${result.modelMessage ?? 'нет данных'}.`,
    `Записаны листы «${SHEETS.identification(year)}», «${SHEETS.model(year)}», «${SHEETS.summary(year)}», «${SHEETS.lists(year)}», «${objectivitySheetName(year)}».`,
    ...(result.objectivity.index !== null ? [`${objectivityIndexLine(result.objectivity)}.`] : []),
  ];
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  if (warnings) lines.push(`Предупреждений: ${warnings} — «ШНОР» → «Проверить данные».`);
  return lines.join('\n');
}

/** Menu «Выполнить идентификацию»: with the settings of the «Настройки» sheet only. */
export function menuRunIdentification(): void {
  command('Идентификация', () => {
    const { result } = runIdentification();
    alert(result.ok ? `Идентификация ${result.year} года выполнена` : 'Идентификация не выполнена', outcomeMessage(result));
  });
}
