/**
 * The school social passport: one row per school with counts (pupils; pupils whose parents have
 * higher education; registered with the КДН/ПДН; from single-parent families; …). Counts become
 * shares of pupils, in percent, on «Социальные показатели» under the headers of DATA.md.
 */
import { SHEETS } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter } from '../input/table';
import type { Cell, Grid } from '../types';
import {
  type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, columnIndex, firstText, headerKey,
  advice, yearFromText, startImport, matchRow, checkMatchShare } from './common';

export type PassportKind =
  | 'higherEducation' | 'kdn' | 'singleParent' | 'largeFamily' | 'unemployed' | 'guardianship' | 'foster' | 'disability' | 'language';

/** Each passport factor: how its header is recognised and the column it becomes (DATA.md). */
export const PASSPORT_FACTORS: { kind: PassportKind; header: string; pattern: RegExp }[] = [
  { kind: 'higherEducation', header: 'Родители с высшим образованием, %', pattern: /высш/ },
  { kind: 'kdn', header: 'На учёте в КДН и ПДН, %', pattern: /(кдн|пдн|научете|профилактическ)/ },
  { kind: 'singleParent', header: 'Неполные семьи, %', pattern: /неполн/ },
  { kind: 'largeFamily', header: 'Многодетные семьи, %', pattern: /многодет/ },
  { kind: 'unemployed', header: 'Безработные родители, %', pattern: /безработ/ },
  { kind: 'guardianship', header: 'Под опекой, %', pattern: /опек/ },
  { kind: 'foster', header: 'Приёмные семьи, %', pattern: /приемн/ },
  { kind: 'disability', header: 'ОВЗ, %', pattern: /(овз|инвалид|ограниченн)/ },
  { kind: 'language', header: 'Не владеют русским языком, %', pattern: /(невладе|слабовладе|неродн|мигрант|русскимязык|русскогоязык)/ },
];

const PUPILS = /(обучающ|учащих|контингент|детей|учеников|численност)/;

/** What a passport header counts: a factor, the pupils, or nothing known. */
export function passportKindOf(header: string): PassportKind | 'pupils' | null {
  const k = headerKey(header);
  if (!k) return null;
  const f = PASSPORT_FACTORS.find((x) => x.pattern.test(k));
  if (f) return f.kind;
  return PUPILS.test(k) ? 'pupils' : null;
}

type IdField = 'code' | 'name' | 'municipality';

function idField(k: string): IdField | null {
  if (/^(код|логин)/.test(k) && !/(мо|ате|муницип|район)$/.test(k)) return 'code';
  if (!/^код/.test(k) && /(муницип|^моуо$|район|территор|городскойокруг|(^|наименование)(мо|ате)$)/.test(k)) return 'municipality';
  if (/(наименован|название|^оо$|^оу$|^школа$|образовательн|организац|учреждени)/.test(k)) return 'name';
  return null;
}

export interface PassportMapping {
  headerRow: number;
  ids: Partial<Record<IdField, number>>;
  pupils: number | null;
  factors: { kind: PassportKind; col: number; percent: boolean }[];
}

/** Finds the header row: the one with a code or a name and at least one recognised factor. */
export function guessPassportMapping(grid: Grid): PassportMapping | null {
  let best: PassportMapping | null = null;
  let bestScore = 0;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const m: PassportMapping = { headerRow: r, ids: {}, pupils: null, factors: [] };
    (grid[r] ?? []).forEach((c, i) => {
      const k = headerKey(c);
      if (!k) return;
      const kind = passportKindOf(cellText(c));
      if (kind && kind !== 'pupils') {
        if (!m.factors.some((f) => f.kind === kind)) m.factors.push({ kind, col: i, percent: /(%|доля|процент)/i.test(cellText(c)) });
        return;
      }
      const id = idField(k);
      if (id && m.ids[id] === undefined) {
        m.ids[id] = i;
        return;
      }
      if (kind === 'pupils' && m.pupils === null) m.pupils = i;
    });
    if (!m.factors.length || (m.ids.code === undefined && m.ids.name === undefined)) continue;
    const score = m.factors.length * 10 + Object.keys(m.ids).length + (m.pupils !== null ? 1 : 0);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

export interface PassportOptions {
  year?: number;
  /** Corrections: «Обучающихся=C; На учёте в КДН и ПДН, %=H; Код ОО=A», a column letter or «-». */
  map?: string;
  /** The messages name the command line's parameters («--year 2025», «--map …»), not a spreadsheet host's fields. */
  commandLine?: boolean;
  fileName?: string;
}

const ID_TITLES: Record<IdField, string> = { code: 'Код ОО', name: 'Наименование ОО', municipality: 'Муниципалитет' };

function applySpec(m: PassportMapping, spec: string, grid: Grid): string[] {
  const errors: string[] = [];
  for (const part of spec.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    if (eq < 0) {
      errors.push(`«${part}»: ожидалось «Поле=Столбец», например «Обучающихся=C»`);
      continue;
    }
    const field = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const col = value === '-' ? -1 : columnIndex(value);
    if (col === null) {
      errors.push(`«${part}»: столбец указывается буквой (C) или «-»`);
      continue;
    }
    const fk = headerKey(field);
    const id = (Object.keys(ID_TITLES) as IdField[]).find((k) => headerKey(ID_TITLES[k]) === fk) ?? idField(fk);
    const kind = passportKindOf(field);
    if (kind && kind !== 'pupils') {
      m.factors = m.factors.filter((f) => f.kind !== kind);
      if (col >= 0) m.factors.push({ kind, col, percent: /(%|доля|процент)/i.test(field) || /(%|доля|процент)/i.test(cellText(grid[m.headerRow]?.[col])) });
    } else if (kind === 'pupils' || /^обучающихся$/.test(fk)) m.pupils = col >= 0 ? col : null;
    else if (id) {
      if (col >= 0) m.ids[id] = col;
      else delete m.ids[id];
    } else errors.push(`неизвестное поле «${field}»; поля: «Код ОО», «Наименование ОО», «Муниципалитет», «Обучающихся», ${PASSPORT_FACTORS.map((f) => `«${f.header}»`).join(', ')}`);
  }
  return errors;
}

/** The mapping in words, for the notes and the preview. */
export function describePassportMapping(grid: Grid, m: PassportMapping): string {
  const t = (c: number) => `${columnLetter(c)} «${cellText(grid[m.headerRow]?.[c])}»`;
  const parts = (Object.keys(m.ids) as IdField[]).map((k) => `${ID_TITLES[k]} — ${t(m.ids[k]!)}`);
  if (m.pupils !== null) parts.push(`Обучающихся — ${t(m.pupils)}`);
  for (const f of m.factors) {
    parts.push(`${PASSPORT_FACTORS.find((x) => x.kind === f.kind)!.header} — ${t(f.col)}${f.percent ? ' (уже в процентах)' : ' (число → доля)'}`);
  }
  return parts.join('; ');
}

/**
 * Imports social passports into «Социальные показатели» rows (shares of pupils, in percent).
 * @example importPassport([{ name: 'Паспорт', grid }], schoolsGrid, { year: 2025 }).header
 *   // ['Год', 'Код ОО', 'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %', 'Неполные семьи, %']
 */
export function importPassport(sheets: SourceSheet[], schools: SchoolDirectory | Grid, options: PassportOptions = {}): ImportResult {
  const { dir, problems, result } = startImport(schools, SHEETS.social);
  const kindsUsed: PassportKind[] = [];
  const pending: { year: number; code: string; values: Map<PassportKind, number>; origin: { sheet: string; row: number } }[] = [];
  let found = false;
  for (const { name: sheet, grid } of sheets) {
    const m = guessPassportMapping(grid);
    if (!m) {
      result.notes.push(`Лист «${sheet}» пропущен: на нём нет таблицы социального паспорта`);
      continue;
    }
    found = true;
    if (options.map) for (const e of applySpec(m, options.map, grid)) problems.add('error', sheet, null, null, `сопоставление столбцов: ${e}`);
    const titles = grid.slice(0, m.headerRow).map((r) => (r ?? []).map((c) => cellText(c)).filter(Boolean).join(' ')).filter(Boolean);
    const year = options.year ?? yearFromText([...titles, sheet, options.fileName ?? '']);
    if (year === null) {
      problems.add('error', sheet, null, null, `не удалось определить год по заголовку и имени файла: ${advice([{ field: 'year' }], options.commandLine)}`);
      continue;
    }
    const counts = m.factors.filter((f) => !f.percent);
    if (counts.length && m.pupils === null) {
      problems.add('error', sheet, m.headerRow + 1, null, `нет столбца с численностью обучающихся: без неё числа (${counts.map((f) => `«${cellText(grid[m.headerRow][f.col])}»`).join(', ')}) не перевести в доли; ${advice([{ field: 'map', example: 'Обучающихся=C' }], options.commandLine)}`);
      continue;
    }
    for (const f of m.factors) if (!kindsUsed.includes(f.kind)) kindsUsed.push(f.kind);
    result.notes.push(`Лист «${sheet}»: социальный паспорт за ${year} год; заголовок — строка ${m.headerRow + 1}; столбцы: ${describePassportMapping(grid, m)}`);
    const colRef = (c: number) => ({ title: cellText(grid[m.headerRow]?.[c]) || columnLetter(c), index: c });
    // A percent column written as fractions (every value ≤ 1): read as shares and multiply by 100.
    const fractions = new Set<number>();
    for (const f of m.factors.filter((x) => x.percent)) {
      let anyAbove = false;
      let anyPositive = false;
      for (let r = m.headerRow + 1; r < grid.length; r++) {
        const v = parseNumber(grid[r]?.[f.col]);
        if (v.kind !== 'number' || v.percent) continue;
        if (v.value > 1) anyAbove = true;
        if (v.value > 0) anyPositive = true;
      }
      if (!anyAbove && anyPositive) {
        fractions.add(f.col);
        problems.add('warning', sheet, null, colRef(f.col), 'все значения от 0 до 1: прочитаны как доли и умножены на 100');
      }
    }
    let group = '';
    for (let r = m.headerRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const code = m.ids.code !== undefined ? cellText(row[m.ids.code]) : '';
      const name = m.ids.name !== undefined ? cellText(row[m.ids.name]) : '';
      const municipality = m.ids.municipality !== undefined ? cellText(row[m.ids.municipality]) : group;
      const label = [code, name, firstText(row)].find((t) => t) ?? '';
      if ([code, name, firstText(row)].some((t) => t && TOTAL_LABEL.test(t))) {
        result.skipped.push({ sheet, row: line, label, reason: 'итоговая строка' });
        continue;
      }
      const numbersEmpty = [m.pupils, ...m.factors.map((f) => f.col)].every((c) => c === null || parseNumber(row[c]).kind === 'missing');
      if (numbersEmpty) {
        if (!code && label) {
          group = label;
          result.skipped.push({ sheet, row: line, label, reason: 'заголовок группы (муниципалитет)' });
        } else result.skipped.push({ sheet, row: line, label, reason: 'нет данных' });
        continue;
      }
      let bad = false;
      let pupils: number | null = null;
      if (m.pupils !== null) {
        const v = parseNumber(row[m.pupils]);
        if (v.kind === 'number' && Number.isInteger(v.value) && v.value > 0) pupils = v.value;
        else if (counts.length) {
          problems.add('error', sheet, line, colRef(m.pupils), v.kind === 'missing' ? 'не указана численность обучающихся: доли не рассчитать'
            : `ожидалось целое положительное число обучающихся, найдено «${cellText(row[m.pupils])}»`);
          bad = true;
        }
      }
      const values = new Map<PassportKind, number>();
      for (const f of m.factors) {
        const v = parseNumber(row[f.col]);
        if (v.kind === 'missing') continue;
        if (v.kind === 'bad' || v.value < 0) {
          problems.add('error', sheet, line, colRef(f.col), `ожидалось неотрицательное число, найдено «${cellText(row[f.col])}»`);
          bad = true;
          continue;
        }
        if (f.percent) {
          const p = fractions.has(f.col) && !v.percent ? v.value * 100 : v.value;
          if (p > 100) {
            problems.add('error', sheet, line, colRef(f.col), `доля не может быть больше 100%, найдено «${cellText(row[f.col])}»`);
            bad = true;
          } else values.set(f.kind, p);
          continue;
        }
        if (!Number.isInteger(v.value)) {
          problems.add('error', sheet, line, colRef(f.col), `ожидалось целое число обучающихся, найдено «${cellText(row[f.col])}»`);
          bad = true;
          continue;
        }
        if (pupils !== null && v.value > pupils) {
          problems.add('error', sheet, line, colRef(f.col), `${v.value} больше численности обучающихся (${pupils})`);
          bad = true;
          continue;
        }
        if (pupils !== null) values.set(f.kind, (v.value / pupils) * 100);
      }
      if (bad) continue;
      const schoolCode = matchRow(dir, result, sheet, line, code, name, municipality);
      if (schoolCode === null) continue;
      pending.push({ year, code: schoolCode, values, origin: { sheet, row: line } });
    }
  }
  if (!found) {
    problems.add('error', sheets.length === 1 ? sheets[0].name : null, null, null,
      `не найдена таблица социального паспорта: нужен столбец с кодом или наименованием ОО и хотя бы один показатель (${PASSPORT_FACTORS.map((f) => `«${f.header.replace(/, %$/, '')}»`).join(', ')})`);
    return result;
  }
  checkMatchShare(dir, problems, result);
  const order = PASSPORT_FACTORS.map((f) => f.kind).filter((k) => kindsUsed.includes(k));
  result.header = ['Год', 'Код ОО', ...order.map((k) => PASSPORT_FACTORS.find((f) => f.kind === k)!.header)];
  for (const p of pending) {
    result.rows.push([p.year, p.code, ...order.map((k): Cell => (p.values.has(k) ? p.values.get(k)! : null))]);
    result.origins.push(p.origin);
  }
  return result;
}
