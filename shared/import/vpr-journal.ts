/**
 * The ФИС ОКО report «Сравнение отметок с отметками по журналу» of a ВПР (one file per grade and
 * subject): titles («Сравнение отметок с отметками по журналу», «ВПР 2025 Математика 4 класс»,
 * «Предмет:» | subject, «Дата:»), a header with the three groups «Понизили (Отметка < Отметка по
 * журналу)», «Подтвердили (Отметка = Отметке по журналу)», «Повысили (Отметка > Отметка по журналу)»,
 * each with «Кол-во участников» and «%» (over two header rows, or in one title «Понизили (Отметка <
 * Отметка по журналу) %»), then rows region → municipality → school («МБОУ «СОШ №1»(edu203389)»).
 * A school row fills the four comparison columns of its «Результаты» row (JOURNAL_COLUMNS).
 */
import { SHEETS } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter } from '../input/table';
import type { Grid } from '../types';
import {
  type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, checkMatchShare, firstText, headerKey,
  matchRow, startImport, stripAreaLogin, procedureOfSheet, FIS_LOGIN, nameWithoutLogin, type ProcedureOptions,
} from './common';

export const JOURNAL_COLUMNS = {
  lowered: 'Понизили, %',
  confirmed: 'Подтвердили, %',
  raised: 'Повысили, %',
  n: 'Участников сравнения с журналом',
} as const;

export const JOURNAL_HEADER = [
  'Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников',
  JOURNAL_COLUMNS.lowered, JOURNAL_COLUMNS.confirmed, JOURNAL_COLUMNS.raised, JOURNAL_COLUMNS.n,
];

export type VprJournalOptions = ProcedureOptions;

const GROUPS = [
  { key: 'lowered', re: /^понизил/i, title: 'Понизили' },
  { key: 'confirmed', re: /^подтвердил/i, title: 'Подтвердили' },
  { key: 'raised', re: /^повысил/i, title: 'Повысили' },
] as const;

interface JournalHeader {
  firstRow: number;
  lastRow: number;
  label: number;
  /** Per group: the count column and the percent column (-1 when absent). */
  count: number[];
  percent: number[];
  titles: string[];
}

function findJournalHeader(grid: Grid): JournalHeader | null {
  const scan = Math.min(grid.length, 40);
  for (let r = 0; r < scan; r++) {
    const row = grid[r] ?? [];
    const groupCols = GROUPS.map((g) => row.findIndex((c) => g.re.test(cellText(c))));
    if (groupCols.some((c) => c < 0)) continue;
    const next = grid[r + 1] ?? [];
    const count = [-1, -1, -1];
    const percent = [-1, -1, -1];
    const titles: string[] = [];
    const width = Math.max(row.length, next.length);
    // Group of each column: the group whose title stands at or left of it (merged over its sub-columns).
    let group = -1;
    let twoRows = false;
    for (let c = 0; c < width; c++) {
      const top = cellText(row[c]);
      const g = GROUPS.findIndex((x) => x.re.test(top));
      if (g >= 0) group = g;
      else if (top) group = -1;
      const sub = cellText(next[c]);
      const own = g >= 0 ? top : '';
      titles[c] = [top || (group >= 0 ? GROUPS[group].title : ''), sub].filter(Boolean).join(' ');
      if (group < 0) continue;
      const subKey = headerKey(sub);
      const text = `${own} ${sub}`;
      if (/кол-?во|количество|числ/i.test(sub) || (/кол-?во|количество/i.test(own) && !sub)) {
        if (count[group] < 0) count[group] = c;
        if (sub) twoRows = true;
      } else if (subKey === '%' || /%$/.test(text.trim()) || /процент|доля/i.test(sub)) {
        if (percent[group] < 0) percent[group] = c;
        if (sub) twoRows = true;
      }
    }
    if (count.every((c) => c < 0) && percent.every((c) => c < 0)) continue;
    const label = row.findIndex((c) => /(группыучастников|наименование|названиеоо|^оо$|образовательнаяорганизация|^школа$)/.test(headerKey(c)));
    return { firstRow: r, lastRow: twoRows ? r + 1 : r, label: label >= 0 ? label : 0, count, percent, titles };
  }
  return null;
}

/** The report as ФИС ОКО gives it: «Группы участников» | «Кол-во участников» | «%» and, under each group's line, one row per comparison group. */
interface LongHeader {
  row: number;
  count: number;
  percent: number;
}

function findLongHeader(grid: Grid): LongHeader | null {
  const scan = Math.min(grid.length, 40);
  for (let r = 0; r < scan; r++) {
    const keys = (grid[r] ?? []).map((c) => headerKey(c));
    const count = keys.findIndex((k) => /^(кол-?воучастников|количествоучастников|числоучастников)$/.test(k));
    const percent = keys.findIndex((k) => k === '%' || k === 'процент' || k === 'доля%');
    if (count < 0 && percent < 0) continue;
    const below = grid.slice(r + 1, r + 60).some((row) => (row ?? []).some((c) => GROUPS[0].re.test(cellText(c)) || GROUPS[1].re.test(cellText(c))));
    if (below) return { row: r, count, percent };
  }
  return null;
}

function groupOf(row: readonly unknown[]): number {
  for (const c of row) {
    const t = cellText(c as never);
    if (!t) continue;
    const g = GROUPS.findIndex((x) => x.re.test(t));
    if (g >= 0) return g;
  }
  return -1;
}

/**
 * Imports the journal comparison report into the comparison columns of «Результаты».
 * @example importVprJournal([{ name: 'Лист1', grid }], schoolsGrid).rows[0] // [2025, '010014', 'ВПР', '4', 'Математика', 57, 12.3, 80.7, 7, 57]
 */
export function importVprJournal(sheets: SourceSheet[], schools: SchoolDirectory | Grid, options: VprJournalOptions = {}): ImportResult {
  const { dir, problems, result } = startImport(schools, SHEETS.results);
  result.fillExisting = true;
  result.newRowsOnly = ['Участников'];
  const withHeader = sheets.filter((s) => findJournalHeader(s.grid) || findLongHeader(s.grid));
  if (!withHeader.length) {
    for (const s of sheets) {
      problems.add('error', s.name, null, null, 'не найдена строка заголовков отчёта «Сравнение отметок с отметками по журналу»: нужны столбцы «Понизили (Отметка < Отметка по журналу)», «Подтвердили (Отметка = Отметке по журналу)», «Повысили (Отметка > Отметка по журналу)» с «Кол-во участников» или «%»');
    }
    return result;
  }
  for (const s of sheets) if (!withHeader.includes(s)) result.notes.push(`Лист «${s.name}» пропущен: на нём нет таблицы сравнения с журналом`);
  for (const { name: sheet, grid } of withHeader) {
    const wide = findJournalHeader(grid);
    const long = wide ? null : findLongHeader(grid)!;
    const proc = procedureOfSheet(grid.slice(0, wide ? wide.firstRow : long!.row), sheet, options);
    if (proc.error !== undefined) {
      problems.add('error', sheet, null, null, proc.error);
      continue;
    }
    const { year, grade, subject } = proc;
    const key = { year: year!, grade: grade!, subject: subject! };
    if (long) {
      readLong(sheet, grid, long, key);
      continue;
    }
    const h = wide!;
    const col = (index: number) => ({ title: h.titles[index] || columnLetter(index), index });
    let group = '';
    let schoolsRead = 0;
    for (let r = h.lastRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const labelText = cellText(row[h.label]);
      const login = (FIS_LOGIN.exec(labelText) ?? FIS_LOGIN.exec(row.map((c) => cellText(c)).join(' ')))?.[0] ?? '';
      if (!login) {
        const label = labelText || firstText(row);
        if (TOTAL_LABEL.test(label)) result.skipped.push({ sheet, row: line, label, reason: 'итоговая строка' });
        else if (label) {
          group = stripAreaLogin(label);
          result.skipped.push({ sheet, row: line, label, reason: 'заголовок группы (регион или муниципалитет)' });
        }
        continue;
      }
      const name = nameWithoutLogin(labelText);
      let bad = false;
      const read = (c: number, what: string, max: number | null): number | null => {
        if (c < 0) return null;
        const v = parseNumber(row[c]);
        if (v.kind === 'missing') return null;
        if (v.kind === 'bad' || v.value < 0 || (max !== null && v.value > max) || (max === null && !Number.isInteger(v.value))) {
          problems.add('error', sheet, line, col(c), `ожидалось ${what}, найдено «${cellText(row[c])}»`);
          bad = true;
          return null;
        }
        // A percent-formatted cell reaches us as «12.5%» text (parsed above) or a fraction; the report stores numbers 0–100.
        return v.value;
      };
      const counts = h.count.map((c) => read(c, 'целое неотрицательное число участников', null));
      const percents = h.percent.map((c) => read(c, 'процент от 0 до 100', 100));
      if (bad) continue;
      if (addSchool(sheet, line, login, name, group, counts, percents, key, col(h.percent[0] >= 0 ? h.percent[0] : h.count[0]))) schoolsRead++;
    }
    const where = (cols: number[]) => cols.map((c) => (c >= 0 ? columnLetter(c) : '—')).join(', ');
    result.notes.push(`Лист «${sheet}»: сравнение отметок ВПР с отметками по журналу, ${grade} класс, ${subject}, ${year} год; «понизили», «подтвердили», «повысили» — число участников в столбцах ${where(h.count)}, проценты в столбцах ${where(h.percent)}; школ — ${schoolsRead}`);
  }
  checkMatchShare(dir, problems, result, true);
  result.header = [...JOURNAL_HEADER];
  return result;

  /** One school's three groups (counts and/or percents) as a row; false when skipped or unmatched. */
  function addSchool(sheet: string, line: number, login: string, name: string, group: string, counts: (number | null)[], percents: (number | null)[],
    key: { year: number; grade: string; subject: string }, column: { title: string; index: number }): boolean {
    // A group the report leaves out (no pupil raised their mark, say) is 0 when the others' shares make 100.
    const given = percents.filter((p) => p !== null) as number[];
    if (given.length && given.length < 3 && Math.abs(given.reduce((a, b) => a + b, 0) - 100) <= 1.5) {
      percents = percents.map((p) => p ?? 0);
      if (counts.some((c) => c !== null)) counts = counts.map((c) => c ?? 0);
    }
    const haveCounts = counts.every((c) => c !== null);
    const total = haveCounts ? counts.reduce((a, b) => a! + b!, 0)! : null;
    if (total === 0) {
      result.skipped.push({ sheet, row: line, label: `${login} ${name}`, reason: 'нет участников' });
      return false;
    }
    let shares: (number | null)[];
    if (percents.every((p) => p !== null)) shares = percents;
    else if (haveCounts) shares = counts.map((c) => (c! / total!) * 100);
    else {
      result.skipped.push({ sheet, row: line, label: `${login} ${name}`, reason: 'нет данных сравнения по всем трём группам' });
      return false;
    }
    const sum = shares.reduce((a, b) => a! + b!, 0)!;
    if (Math.abs(sum - 100) > 1.5) {
      problems.add('warning', sheet, line, column, `сумма процентов «понизили», «подтвердили» и «повысили» равна ${String(Math.round(sum * 100) / 100).replace('.', ',')}, а не 100`);
    }
    const code = matchRow(dir, result, sheet, line, login, name, group);
    if (code === null) return false;
    result.rows.push([key.year, code, 'ВПР', key.grade, key.subject, total, shares[0], shares[1], shares[2], total]);
    result.origins.push({ sheet, row: line });
    return true;
  }

  /** The long layout: a group's line (region, municipality, school with its login), then its comparison rows. */
  function readLong(sheet: string, grid: Grid, h: LongHeader, key: { year: number; grade: string; subject: string }): void {
    const head = grid[h.row] ?? [];
    const col = (index: number) => ({ title: cellText(head[index]) || columnLetter(index), index });
    let area = '';
    let current: { line: number; login: string; name: string; group: string; counts: (number | null)[]; percents: (number | null)[]; bad: boolean } | null = null;
    let schoolsRead = 0;
    const flush = () => {
      if (current && !current.bad) {
        if (current.counts.every((c) => c === null) && current.percents.every((p) => p === null)) {
          result.skipped.push({ sheet, row: current.line, label: `${current.login} ${current.name}`, reason: 'нет строк сравнения под строкой школы' });
        } else if (addSchool(sheet, current.line, current.login, current.name, current.group, current.counts, current.percents, key, col(h.percent >= 0 ? h.percent : h.count))) schoolsRead++;
      }
      current = null;
    };
    for (let r = h.row + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const g = groupOf(row);
      if (g >= 0) {
        if (!current) continue; // the region's or a municipality's figures
        const read = (c: number, what: string, max: number | null): number | null => {
          if (c < 0) return null;
          const v = parseNumber(row[c]);
          if (v.kind === 'missing') return null;
          if (v.kind === 'bad' || v.value < 0 || (max !== null && v.value > max) || (max === null && !Number.isInteger(v.value))) {
            problems.add('error', sheet, line, col(c), `ожидалось ${what}, найдено «${cellText(row[c])}»`);
            current!.bad = true;
            return null;
          }
          return v.value;
        };
        current.counts[g] = read(h.count, 'целое неотрицательное число участников', null);
        current.percents[g] = read(h.percent, 'процент от 0 до 100', 100);
        continue;
      }
      if (/^всего/i.test(firstText(row))) continue;
      flush();
      const label = firstText(row);
      const login = FIS_LOGIN.exec(row.map((c) => cellText(c)).join(' '))?.[0] ?? '';
      if (!login) {
        if (TOTAL_LABEL.test(label)) result.skipped.push({ sheet, row: line, label, reason: 'итоговая строка' });
        else {
          area = stripAreaLogin(label);
          result.skipped.push({ sheet, row: line, label, reason: 'заголовок группы (регион или муниципалитет)' });
        }
        continue;
      }
      const name = nameWithoutLogin(label);
      current = { line, login, name, group: area, counts: [null, null, null], percents: [null, null, null], bad: false };
    }
    flush();
    result.notes.push(`Лист «${sheet}»: сравнение отметок ВПР с отметками по журналу, ${key.grade} класс, ${key.subject}, ${key.year} год; группы «понизили», «подтвердили», «повысили» — строками под строкой школы, число участников — столбец ${h.count >= 0 ? columnLetter(h.count) : '—'}, проценты — столбец ${h.percent >= 0 ? columnLetter(h.percent) : '—'}; школ — ${schoolsRead}`);
  }
}
