/**
 * The ВПР statistics export («Статистика по отметкам» of the federal assessment system): one file per
 * grade and subject, titles above a one- or two-row header, then rows that go region → municipality →
 * school. A school row carries the school's login and name, the number of participants and the
 * percentage of marks 2, 3, 4, 5. The rows become «Результаты» rows.
 *
 * Two layouts are read. Until 2021: merged titles, a two-row header («Распределение групп баллов в %»
 * over «2»…«5»), rows «sch123456 Наименование». Since 2022: six title rows («Предмет:» | «Русский язык»
 * in two cells), one header row with the marks as numbers and no «%», percentages stored as numbers,
 * municipalities «Зейский муниципальный район(reg28_m005)», schools «МБОУ «СОШ №1»(edu123456)».
 */
import { SHEETS } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter } from '../input/table';
import type { Cell, Grid } from '../types';
import {
  type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, firstText, headerKey, startImport,
  matchRow, checkMatchShare, stripAreaLogin, procedureOfSheet, FIS_LOGIN, nameWithoutLogin, tidySchoolName,
  type ProcedureOptions,
} from './common';

export type VprOptions = ProcedureOptions;

const MARKS = ['2', '3', '4', '5'];

interface VprHeader {
  /** Last header row (0-based); data start below it. */
  lastRow: number;
  firstRow: number;
  labelCol: number;
  loginCol: number | null;
  nCol: number;
  markCols: number[];
  /** Header text says the marks are percentages. */
  percent: boolean;
}

function isParticipants(key: string): boolean {
  return /участ/.test(key) && !/групп/.test(key) && /^(кол|числ|участник|всегоучаст|количество)/.test(key);
}

function markOf(key: string): string | null {
  const m = /^(?:отметка|оценка|кол-?во|%)?«?([2-5])»?(?:%|,%)?$/.exec(key);
  return m ? m[1] : null;
}

function findVprHeader(grid: Grid): VprHeader | null {
  const scan = Math.min(grid.length, 40);
  for (let r = 0; r < scan; r++) {
    const row = grid[r] ?? [];
    const nCol = row.findIndex((c) => isParticipants(headerKey(c)));
    if (nCol < 0) continue;
    let markCols: number[] | null = null;
    let lastRow = r;
    for (let rr = r; rr < Math.min(r + 3, grid.length) && !markCols; rr++) {
      const cols = MARKS.map((m) => (grid[rr] ?? []).findIndex((c, i) => i !== nCol && markOf(headerKey(c)) === m));
      if (cols.every((c) => c >= 0)) {
        markCols = cols;
        lastRow = rr;
      }
    }
    if (!markCols) continue;
    let labelCol = -1;
    let loginCol: number | null = null;
    let percent = false;
    for (let rr = r; rr <= lastRow; rr++) {
      (grid[rr] ?? []).forEach((c, i) => {
        const k = headerKey(c);
        if (/%|процент|доля/.test(cellText(c))) percent = true;
        if (labelCol < 0 && /(группыучастников|наименование|названиеоо|^оо$|образовательнаяорганизация|^школа$|^ате$)/.test(k)) labelCol = i;
        if (loginCol === null && /^(логин|логиноо|кодоо|код|кодшколы)$/.test(k)) loginCol = i;
      });
    }
    if (labelCol < 0) labelCol = loginCol === 0 ? 1 : 0;
    return { firstRow: r, lastRow, labelCol, loginCol, nCol, markCols, percent };
  }
  return null;
}

/** Other ФИС ОКО reports a user may take for the statistics, known by their titles or the sheet's name (cut to 31 characters). */
const OTHER_REPORTS: [RegExp, string][] = [
  [/сравнение\s+отметок/i, 'Сравнение отметок с отметками по журналу'],
  [/индивидуальн\S*\s+результат/i, 'Индивидуальные результаты'],
  [/выполнени\S*\s+заданий/i, 'Выполнение заданий'],
];

/** The imports of those reports: the command line's kind and the wizards' title. */
const OTHER_IMPORTS: Record<string, [string, string]> = {
  'Сравнение отметок с отметками по журналу': ['vpr-journal', 'ВПР — сравнение с отметками по журналу (ФИС ОКО)'],
  'Индивидуальные результаты': ['vpr-pupils', 'ВПР — индивидуальные результаты (ФИС ОКО)'],
};

function otherReport(sheet: SourceSheet): string | null {
  const texts = [sheet.name, ...sheet.grid.slice(0, 8).map((r) => (r ?? []).map((c) => cellText(c)).join(' '))];
  return OTHER_REPORTS.find(([re]) => texts.some((t) => re.test(t)))?.[1] ?? null;
}

/**
 * Imports the ВПР statistics export (one or more sheets) into «Результаты» rows.
 * @example importVpr([{ name: 'Лист1', grid }], schoolsGrid, { fileName: 'ВПР 2025 4 класс математика.xlsx' }).rows[0]
 *   // [2025, '010014', 'ВПР', '4', 'Математика', 57, 1.75, 8.77, 47.37, 42.11]
 */
export function importVpr(sheets: SourceSheet[], schools: SchoolDirectory | Grid, options: VprOptions = {}): ImportResult {
  const { dir, problems, result } = startImport(schools, SHEETS.results);
  let usesPercent = false;
  let usesCounts = false;
  const pending: { cells: Cell[]; marks: number[]; percent: boolean; origin: { sheet: string; row: number } }[] = [];
  const withHeader = sheets.filter((s) => findVprHeader(s.grid));
  if (!withHeader.length) {
    for (const s of sheets) {
      const other = otherReport(s);
      problems.add('error', s.name, null, null, other
        ? `это отчёт ФИС ОКО «${other}»: в нём нет распределения отметок «2»–«5» по школам; для импорта нужен отчёт «Статистика по отметкам» того же класса и предмета${OTHER_IMPORTS[other] ? `, а этот отчёт импортируется отдельно: ${options.commandLine ? `shnor import ${OTHER_IMPORTS[other][0]}` : `вид «${OTHER_IMPORTS[other][1]}»`}` : ''}`
        : 'не найдена строка заголовков выгрузки ВПР: нужны столбцы «Кол-во участников» и «2», «3», «4», «5» (проценты отметок)');
    }
    return result;
  }
  for (const s of sheets) if (!withHeader.includes(s)) result.notes.push(`Лист «${s.name}» пропущен: на нём нет таблицы выгрузки ВПР`);
  for (const { name: sheet, grid } of withHeader) {
    const h = findVprHeader(grid)!;
    const proc = procedureOfSheet(grid.slice(0, h.firstRow), sheet, options);
    if (proc.error !== undefined) {
      problems.add('error', sheet, null, null, proc.error);
      continue;
    }
    const { year, grade, subject } = proc;
    const title = (c: number) => {
      for (let r = h.lastRow; r >= h.firstRow; r--) {
        const t = cellText(grid[r]?.[c]);
        if (t) return t;
      }
      return columnLetter(c);
    };
    const nColumn = { title: title(h.nCol), index: h.nCol };
    const noteAt = result.notes.length;
    result.notes.push('');
    const prefixes = new Set<string>();
    let sheetPercent = h.percent;
    let group = '';
    for (let r = h.lastRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const labelText = cellText(row[h.labelCol]);
      const loginText = h.loginCol !== null ? cellText(row[h.loginCol]) : '';
      // A login column may also hold the bare digits («203389»).
      const inColumn = FIS_LOGIN.exec(loginText)?.[0] ?? (/^\d{3,}$/.test(loginText) ? loginText : '');
      const login = inColumn || ((FIS_LOGIN.exec(labelText) ?? FIS_LOGIN.exec(row.map((c) => cellText(c)).join(' ')))?.[0] ?? '');
      if (!login) {
        const label = labelText || firstText(row);
        if (TOTAL_LABEL.test(label)) result.skipped.push({ sheet, row: line, label, reason: 'итоговая строка' });
        else if (label) {
          group = stripAreaLogin(label);
          result.skipped.push({ sheet, row: line, label, reason: 'заголовок группы (регион или муниципалитет)' });
        }
        continue;
      }
      const name = inColumn ? tidySchoolName(labelText) : nameWithoutLogin(labelText);
      const nv = parseNumber(row[h.nCol]);
      if (nv.kind === 'missing') {
        result.skipped.push({ sheet, row: line, label: `${login} ${name}`, reason: 'не указано число участников' });
        continue;
      }
      if (nv.kind === 'bad' || !Number.isInteger(nv.value) || nv.value < 0) {
        problems.add('error', sheet, line, nColumn, `ожидалось целое неотрицательное число участников, найдено «${cellText(row[h.nCol])}»`);
        continue;
      }
      const n = nv.value;
      if (n === 0) {
        result.skipped.push({ sheet, row: line, label: `${login} ${name}`, reason: 'нет участников' });
        continue;
      }
      if (h.markCols.every((c) => parseNumber(row[c]).kind === 'missing')) {
        result.skipped.push({ sheet, row: line, label: `${login} ${name}`, reason: 'нет распределения отметок' });
        continue;
      }
      const marks: number[] = [];
      let bad = false;
      h.markCols.forEach((c, i) => {
        const v = parseNumber(row[c]);
        if (v.kind === 'missing') marks.push(0);
        else if (v.kind === 'bad' || v.value < 0) {
          problems.add('error', sheet, line, { title: MARKS[i], index: c }, `ожидалось неотрицательное число, найдено «${cellText(row[c])}»`);
          bad = true;
        } else marks.push(v.value);
      });
      if (bad) continue;
      const sum = marks.reduce((a, b) => a + b, 0);
      let percent: boolean;
      if (h.percent || Math.abs(sum - 100) <= 1.5) percent = true;
      else if (marks.every(Number.isInteger) && sum === n) percent = false;
      else {
        problems.add('error', sheet, line, { title: '2–5', index: h.markCols[0] },
          `отметки «2»–«5» в сумме дают ${String(sum).replace('.', ',')}: это не проценты (сумма 100) и не число участников (${n})`);
        continue;
      }
      if (percent && Math.abs(sum - 100) > 1) {
        problems.add('warning', sheet, line, { title: '2–5', index: h.markCols[0] }, `сумма процентов отметок «2»–«5» равна ${String(Math.round(sum * 100) / 100).replace('.', ',')}, а не 100`);
      }
      prefixes.add(/^\d/.test(login) ? 'код' : login.slice(0, 3).toLowerCase());
      if (percent) sheetPercent = true;
      const schoolCode = matchRow(dir, result, sheet, line, login, name, group);
      if (schoolCode === null) continue;
      if (percent) usesPercent = true;
      else usesCounts = true;
      pending.push({ cells: [year, schoolCode, 'ВПР', grade, subject, n], marks, percent, origin: { sheet, row: line } });
    }
    const byLogin = [...prefixes].filter((p) => p !== 'код').sort().map((p) => `${p}…`);
    const logins = [byLogin.length ? `логину ${byLogin.join(' и ')}` : '', prefixes.has('код') ? 'коду ОО' : ''].filter(Boolean).join(' и ') || 'логину edu… или sch…';
    result.notes[noteAt] = `Лист «${sheet}»: ВПР, ${grade} класс, ${subject}, ${year} год; участники — столбец ${columnLetter(h.nCol)} «${nColumn.title}», отметки «2»–«5» — столбцы ${h.markCols.map(columnLetter).join(', ')}${sheetPercent ? ' (проценты)' : ''}; строки школ — по ${logins}`;
  }
  checkMatchShare(dir, problems, result, true);
  const markHeaders = [...(usesCounts ? MARKS : []), ...(usesPercent ? MARKS.map((m) => `${m}, %`) : [])];
  result.header = ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', ...markHeaders];
  for (const p of pending) {
    const counts = usesCounts ? (p.percent ? [null, null, null, null] : p.marks) : [];
    const percents = usesPercent ? (p.percent ? p.marks : [null, null, null, null]) : [];
    result.rows.push([...p.cells, ...counts, ...percents]);
    result.origins.push(p.origin);
  }
  return result;
}
