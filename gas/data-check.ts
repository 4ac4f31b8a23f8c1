/**
 * «Проверить данные»: every problem of the input sheets on a «Проверка данных» sheet, each with a
 * link to its cell, or as data for the wizard's list. The input sheets are only read.
 */
import type { OutputSheet } from '../shared/report-tables';
import type { Problem } from '../shared/types';
import { type DataCheck, checkData } from '../shared/wizard-protocol';
import { GENERAL_FORMAT, planSheet } from './layout';
import { command } from './menu';
import { type InputRead, INPUT_SHEETS, activeSpreadsheet, findSheet, readInput, writePlan } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CHECK_SHEET = 'Проверка данных';
export const SEVERITY_TEXT = { error: 'ошибка', warning: 'предупреждение' } as const;

/** gid of each input sheet found, by its canonical name, for links. */
function sheetIds(input: InputRead): Map<string, number> {
  const ids = new Map<string, number>();
  for (const { key, name } of INPUT_SHEETS) {
    const sheet = input.sheets[key];
    if (sheet) ids.set(name, sheet.getSheetId());
  }
  return ids;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** =HYPERLINK("#gid=…&range=F17"; …) to the problem's cell, or to its sheet; '' when there is no sheet. */
export function problemLink(p: Problem, ids: Map<string, number>): string {
  const gid = p.sheet ? ids.get(p.sheet) : undefined;
  if (gid === undefined) return '';
  const where = p.cell ?? (p.row !== null ? `A${p.row}` : null);
  const url = where ? `#gid=${gid}&range=${where}` : `#gid=${gid}`;
  const label = where ? `${p.sheet}!${where}` : p.sheet!;
  return `=HYPERLINK(${quote(url)},${quote(label)})`;
}

function heading(check: DataCheck): string {
  if (check.errors === 0 && check.warnings === 0) return 'Проверка данных: ошибок нет, данные готовы к идентификации';
  const verdict = check.errors > 0 ? 'идентификация не выполнится, пока их не исправить' : 'идентификацию можно выполнять';
  return `Проверка данных: ошибок — ${check.errors}, предупреждений — ${check.warnings}; ${verdict}`;
}

/** The «Проверка данных» sheet as a host-neutral table (the link column holds formulas). */
export function checkSheet(check: DataCheck, ids: Map<string, number>, when: string): OutputSheet {
  const ordered = [...check.problems.filter((p) => p.severity === 'error'), ...check.problems.filter((p) => p.severity === 'warning')];
  const years = check.years.length ? check.years.join(', ') : 'нет';
  return {
    name: CHECK_SHEET,
    title: [heading(check), `Проверено ${when}. Школ: ${check.schools}; годы: ${years}; показателей: ${check.indicators.length}. Листы с данными не изменялись.`],
    columns: [{ width: 5 }, { width: 15 }, { width: 22 }, { width: 8 }, { width: 22 }, { width: 90, wrap: true }, { width: 24 }],
    blocks: [
      {
        caption: 'Листы',
        header: ['№', 'Лист', 'Найден', 'Строк', 'Обязательный'],
        rows: check.sheets.map((s, i) => [i + 1, s.name, s.found ? 'да' : 'нет', s.rows, s.required ? 'да' : 'нет']),
      },
      {
        caption: ordered.length ? 'Что исправить (ссылка ведёт к ячейке)' : 'Замечаний нет',
        header: ['№', 'Важность', 'Лист', 'Строка', 'Столбец', 'Сообщение', 'Перейти'],
        rows: ordered.map((p, i) => [i + 1, SEVERITY_TEXT[p.severity], p.sheet ?? '', p.row, p.column ?? '', p.message, problemLink(p, ids)]),
      },
    ],
    filter: false,
  };
}

/** Writes «Проверка данных» (replacing the previous one) and returns the sheet. */
export function writeCheckSheet(ss: Spreadsheet, input: InputRead, check: DataCheck): Sheet {
  const tz = ss.getSpreadsheetTimeZone();
  const when = Utilities.formatDate(new Date(), tz, 'dd.MM.yyyy HH:mm');
  const out = checkSheet(check, sheetIds(input), when);
  const plan = planSheet(out);
  // Links are formulas: they must not be formatted as plain text.
  const problems = plan.blocks[1];
  plan.formulaCells = new Set();
  for (let r = problems.firstRow; r <= problems.lastRow; r++) {
    plan.formats[r - 1][6] = GENERAL_FORMAT;
    if (plan.values[r - 1][6] !== '') plan.formulaCells.add(`${r}:7`);
  }
  return writePlan(ss, plan, out, {
    extraRules: (sheet, p) => {
      const b = p.blocks[1];
      if (b.lastRow < b.firstRow) return [];
      const range = sheet.getRange(b.firstRow, 2, b.lastRow - b.firstRow + 1, 1);
      return [
        SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(SEVERITY_TEXT.error).setBackground('#FFCDD2').setRanges([range]).build(),
        SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(SEVERITY_TEXT.warning).setBackground('#FFF9C4').setRanges([range]).build(),
      ];
    },
  });
}

/** Reads the input and checks it; writes the sheet when asked. */
export function runDataCheck(writeSheet: boolean): { check: DataCheck; input: InputRead } {
  const ss = activeSpreadsheet();
  const input = readInput(ss);
  const check = checkData(input.tables);
  if (writeSheet) writeCheckSheet(ss, input, check);
  return { check, input };
}

/** Selects a cell (or a whole sheet) named by a problem: the wizard's links. */
export function goToCell(sheetName: string, cell?: string | null): boolean {
  const ss = activeSpreadsheet();
  const sheet = findSheet(ss, sheetName);
  if (!sheet) return false;
  sheet.activate();
  if (cell) sheet.getRange(cell).activate();
  return true;
}


/** Menu «Проверить данные»: writes «Проверка данных» and says what it found. */
export function menuCheckData(): void {
  command('Проверка данных', () => {
    const { check } = runDataCheck(true);
    const ss = activeSpreadsheet();
    ss.getSheetByName(CHECK_SHEET)!.activate();
    ss.toast(check.errors ? `Ошибок: ${check.errors}, предупреждений: ${check.warnings}` : 'Ошибок нет', 'Проверка данных', 8);
  });
}
