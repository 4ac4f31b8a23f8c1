/**
 * The ВПР statistics export («Статистика по отметкам» of the federal assessment system): one file per
 * grade and subject, titles above a one- or two-row header, then rows that go region → municipality →
 * school. A school row carries the school's login (sch123456) and name, the number of participants
 * and the percentage of marks 2, 3, 4, 5. The rows become «Результаты» rows.
 */
import { SHEETS } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter } from '../input/table';
import type { Cell, Grid } from '../types';
import {
  type Hint, type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, advice, andList, canonicalSubject, firstText,
  gradeFromText, headerKey, subjectFromText, yearFromText, startImport, matchRow } from './common';

export interface VprOptions {
  /** Overrides the year found in the titles or the file name. */
  year?: number;
  /** Overrides the grade («4»). */
  grade?: string;
  /** Overrides the subject. */
  subject?: string;
  /** The file's name: titles often lack what the name says («ВПР_2025_4кл_математика.xlsx»). */
  fileName?: string;
  /** The messages name the command line's parameters («--year 2025», «--grade 4»), not a spreadsheet host's fields. */
  commandLine?: boolean;
}

const LOGIN = /\bsch\d{3,}\b/i;
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
      problems.add('error', s.name, null, null, 'не найдена строка заголовков выгрузки ВПР: нужны столбцы «Кол-во участников» и «2», «3», «4», «5» (проценты отметок)');
    }
    return result;
  }
  for (const s of sheets) if (!withHeader.includes(s)) result.notes.push(`Лист «${s.name}» пропущен: на нём нет таблицы выгрузки ВПР`);
  for (const { name: sheet, grid } of withHeader) {
    const h = findVprHeader(grid)!;
    const titles = grid.slice(0, h.firstRow).map((r) => (r ?? []).map((c) => cellText(c)).filter(Boolean).join(' ')).filter(Boolean);
    const context = [...titles, sheet, options.fileName ?? ''];
    const year = options.year ?? yearFromText(context);
    const grade = options.grade ?? gradeFromText(context);
    const subject = options.subject ? canonicalSubject(options.subject) : subjectFromText(context);
    const missing: [string, Hint][] = [];
    if (year === null) missing.push(['год', { field: 'year' }]);
    if (grade === null) missing.push(['класс', { field: 'grade', example: '4' }]);
    if (subject === null) missing.push(['предмет', { field: 'subject', example: 'Математика' }]);
    if (missing.length) {
      problems.add('error', sheet, null, null, `не удалось определить ${andList(missing.map((m) => m[0]))} по заголовку листа и имени файла: ${advice(missing.map((m) => m[1]), options.commandLine)}`);
      continue;
    }
    const title = (c: number) => {
      for (let r = h.lastRow; r >= h.firstRow; r--) {
        const t = cellText(grid[r]?.[c]);
        if (t) return t;
      }
      return columnLetter(c);
    };
    const nColumn = { title: title(h.nCol), index: h.nCol };
    result.notes.push(`Лист «${sheet}»: ВПР, ${grade} класс, ${subject}, ${year} год; участники — столбец ${columnLetter(h.nCol)} «${nColumn.title}», отметки «2»–«5» — столбцы ${h.markCols.map(columnLetter).join(', ')}${h.percent ? ' (проценты)' : ''}; строки школ — по логину sch…`);
    let group = '';
    for (let r = h.lastRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const labelText = cellText(row[h.labelCol]);
      const loginText = h.loginCol !== null ? cellText(row[h.loginCol]) : '';
      const login = (LOGIN.exec(loginText) ?? LOGIN.exec(labelText) ?? LOGIN.exec(row.map((c) => cellText(c)).join(' ')))?.[0] ?? '';
      if (!login) {
        const label = labelText || firstText(row);
        if (TOTAL_LABEL.test(label)) result.skipped.push({ sheet, row: line, label, reason: 'итоговая строка' });
        else if (label) {
          group = label;
          result.skipped.push({ sheet, row: line, label, reason: 'заголовок группы (регион или муниципалитет)' });
        }
        continue;
      }
      const name = (h.loginCol !== null && LOGIN.test(loginText) ? labelText : labelText.replace(LOGIN, ''))
        .replace(/^[\s()[\]:;,.–—-]+/, '').replace(/[\s(]+$/, '').trim();
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
      const schoolCode = matchRow(dir, result, sheet, line, login, name, group);
      if (schoolCode === null) continue;
      if (percent) usesPercent = true;
      else usesCounts = true;
      pending.push({ cells: [year, schoolCode, 'ВПР', grade, subject, n], marks, percent, origin: { sheet, row: line } });
    }
  }
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
