/**
 * ОГЭ / ЕГЭ school results from the regional processing centre: a table per subject (a sheet, a file,
 * or a «Предмет» column) with the school's code or name, participants, the mean score and the number
 * below the minimum. Columns are mapped by their headers; the guess can be previewed and corrected
 * («Участников=Кол-во сдававших; Код ОО=B»).
 */
import { NOUN, SHEETS, counted } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter, normalizeHeader } from '../input/table';
import type { Cell, Grid } from '../types';
import {
  type Hint, type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, canonicalSubject, columnIndex, firstText,
  gradeFromText, headerKey, advice, andList, subjectFromText, yearFromText, startImport, matchRow, checkMatchShare } from './common';

export type ExamField = 'code' | 'name' | 'municipality' | 'subject' | 'n' | 'mean' | 'sd' | 'fails' | 'failsPercent' | 'm2' | 'm3' | 'm4' | 'm5';

interface FieldSpec {
  field: ExamField;
  /** The field's name in a mapping and in the preview. */
  title: string;
  /** Other names the user may type in a column mapping (`map`). */
  aliases: string[];
  test(key: string): boolean;
}

/**
 * Headers of the number (or share) below the minimum, as the processing centres write them: «Не преодолели
 * минимальный порог», «Не набрали минимального количества баллов», «Доля участников ниже порога, %»,
 * «Получили «2»», «Не справились»…
 */
const FAIL_WORDS = /(непреодол|ненабра|недостиг|нижемин|нижепорог|нижеустановл|неспра|получил\S*2|неудовл|двоек|двойк|колво2$|количество2$)/;
/** Headers that look like failures but that FAIL_WORDS may not know: named in a warning when no field takes them. */
const LOOKS_LIKE_FAILS = /(^не(?!яв|обход|полн)|ниже|неудовл|двоек|двойк|неуспе|несдал|порог)/;
const PERCENT_WORDS = /(%|доля|процент)/;

/** In the order headers are tried: the first field that accepts a header takes its column. */
export const EXAM_FIELDS: FieldSpec[] = [
  { field: 'failsPercent', title: 'Не справились, %', aliases: ['доля не справившихся', 'ниже минимума, %'], test: (k) => FAIL_WORDS.test(k) && PERCENT_WORDS.test(k) },
  { field: 'fails', title: 'Не справились', aliases: ['ниже минимума', 'двоек', 'не преодолели'], test: (k) => FAIL_WORDS.test(k) },
  { field: 'm2', title: '2', aliases: ['«2»', 'отметка 2'], test: (k) => markOf(k) === '2' },
  { field: 'm3', title: '3', aliases: ['«3»', 'отметка 3'], test: (k) => markOf(k) === '3' },
  { field: 'm4', title: '4', aliases: ['«4»', 'отметка 4'], test: (k) => markOf(k) === '4' },
  { field: 'm5', title: '5', aliases: ['«5»', 'отметка 5'], test: (k) => markOf(k) === '5' },
  { field: 'sd', title: 'Стандартное отклонение', aliases: ['ско', 'отклонение'], test: (k) => /(стандартн|^ско|отклонен)/.test(k) },
  { field: 'mean', title: 'Средний балл', aliases: ['среднее', 'средняя отметка', 'средний'], test: (k) => /средн/.test(k) && !PERCENT_WORDS.test(k) },
  { field: 'n', title: 'Участников', aliases: ['участники', 'число участников', 'количество участников'], test: (k) => /(участ|сдавал|писал|выполнял|явил)/.test(k) && !PERCENT_WORDS.test(k) },
  { field: 'subject', title: 'Предмет', aliases: [], test: (k) => /^(предмет|учебныйпредмет|наименованиепредмета)/.test(k) },
  { field: 'municipality', title: 'Муниципалитет', aliases: ['мо', 'район', 'ате'], test: (k) => !/^код/.test(k) && /(муницип|^моуо$|район|территор|городскойокруг|(^|наименование)(мо|ате)$)/.test(k) },
  { field: 'code', title: 'Код ОО', aliases: ['код', 'логин'], test: (k) => /^(код|логин|идентификатор)/.test(k) && !/(мо|ате|моуо|муницип|район|предмет)$/.test(k) },
  { field: 'name', title: 'Наименование ОО', aliases: ['наименование', 'оо', 'школа'], test: (k) => /(наименован|название|^оо$|^оу$|^школа$|образовательн|организац|учреждени)/.test(k) },
];

/** A row under a merged title that holds «2», «3», «4», «5» and otherwise only text (not a data row). */
function isMarksSubheader(row: Cell[]): boolean {
  const cells = row.filter((c) => !isBlank(c));
  const marks = new Set(cells.map((c) => markOf(headerKey(c))).filter((m) => m !== null));
  return marks.size === 4 && cells.every((c) => markOf(headerKey(c)) !== null || parseNumber(c).kind === 'bad');
}

/** The order a preview lists the fields in. */
const PREVIEW_ORDER: ExamField[] = ['code', 'name', 'municipality', 'subject', 'n', 'mean', 'sd', 'fails', 'failsPercent', 'm2', 'm3', 'm4', 'm5'];

function markOf(key: string): string | null {
  const m = /^(?:отметка|оценка|колво|количество|получили)?«?([2-5])»?$/.exec(key);
  return m ? m[1] : null;
}

export interface ExamMapping {
  /** First and last header rows (0-based): a title merged above subheaders makes two. */
  headerRow: number;
  lastHeaderRow: number;
  columns: Partial<Record<ExamField, number>>;
}

/** The mean a header names, best first: a mark or test score before a primary score. */
function meanRank(key: string): number {
  if (/первичн/.test(key)) return 3;
  if (/(тестов|отметк|оценк)/.test(key)) return 0;
  return 1;
}

function assign(row: Cell[], columns: Partial<Record<ExamField, number>>): void {
  const meanCandidates: { col: number; rank: number }[] = [];
  row.forEach((c, i) => {
    const k = headerKey(c);
    if (!k || Object.values(columns).includes(i)) return;
    const spec = EXAM_FIELDS.find((f) => f.test(k));
    if (!spec) return;
    if (spec.field === 'mean') {
      meanCandidates.push({ col: i, rank: meanRank(k) });
      return;
    }
    if (columns[spec.field] === undefined) columns[spec.field] = i;
  });
  if (columns.mean === undefined && meanCandidates.length) {
    columns.mean = [...meanCandidates].sort((a, b) => a.rank - b.rank || a.col - b.col)[0].col;
  }
}

/**
 * Guesses which column holds what: the header row is the one (among the first 30) with participants
 * and a code or a name; marks under a merged title may sit one row lower.
 */
export function guessExamMapping(grid: Grid): ExamMapping | null {
  let best: ExamMapping | null = null;
  let bestScore = 0;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const columns: Partial<Record<ExamField, number>> = {};
    assign(grid[r] ?? [], columns);
    let last = r;
    const below = grid[r + 1] ?? [];
    if (Object.keys(columns).length > 0 && columns.m2 === undefined && isMarksSubheader(below)) {
      assign(below, columns);
      last = r + 1;
    }
    if (columns.n === undefined || (columns.code === undefined && columns.name === undefined)) continue;
    const score = Object.keys(columns).length;
    if (score > bestScore) {
      best = { headerRow: r, lastHeaderRow: last, columns };
      bestScore = score;
    }
  }
  if (best) {
    const c = best.columns;
    // Marks count only as a set of four; a lone «2» column is the number who failed.
    const marks = [c.m2, c.m3, c.m4, c.m5];
    if (marks.some((x) => x === undefined)) {
      if (c.m2 !== undefined && c.fails === undefined) c.fails = c.m2;
      delete c.m2; delete c.m3; delete c.m4; delete c.m5;
    }
  }
  return best;
}

/** The header text of a column (the lowest non-empty header cell). */
function headerText(grid: Grid, m: ExamMapping, col: number): string {
  for (let r = m.lastHeaderRow; r >= m.headerRow; r--) {
    const t = cellText(grid[r]?.[col]);
    if (t) return t;
  }
  return '';
}

/**
 * Applies a user's corrections to a mapping: «Поле=Столбец» pairs separated by «;», where the column is
 * a letter (B), a header text, or «-» to leave the field out.
 * @example applyMappingSpec(grid, mapping, 'Участников=Кол-во сдававших; Код ОО=B')
 */
export function applyMappingSpec(grid: Grid, mapping: ExamMapping, spec: string): { mapping: ExamMapping; errors: string[] } {
  const columns = { ...mapping.columns };
  const errors: string[] = [];
  for (const part of spec.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      errors.push(`«${part}»: ожидалось «Поле=Столбец», например «Участников=C»`);
      continue;
    }
    const fieldText = normalizeHeader(part.slice(0, eq));
    const value = part.slice(eq + 1).trim();
    const spec2 = EXAM_FIELDS.find((f) => normalizeHeader(f.title) === fieldText || f.field.toLowerCase() === fieldText || f.aliases.some((a) => normalizeHeader(a) === fieldText));
    if (!spec2) {
      errors.push(`неизвестное поле «${part.slice(0, eq).trim()}»; поля: ${EXAM_FIELDS.map((f) => `«${f.title}»`).join(', ')}`);
      continue;
    }
    if (value === '-' || /^нет$/i.test(value)) {
      delete columns[spec2.field];
      continue;
    }
    let col = columnIndex(value);
    if (col === null) {
      const want = normalizeHeader(value);
      for (let r = mapping.headerRow; r <= mapping.lastHeaderRow && col === null; r++) {
        const i = (grid[r] ?? []).findIndex((c) => normalizeHeader(cellText(c)) === want);
        if (i >= 0) col = i;
      }
      if (col === null) {
        const have = (grid[mapping.headerRow] ?? []).map((c, i) => `${columnLetter(i)} «${cellText(c)}»`).filter((t) => !t.endsWith('«»'));
        errors.push(`в заголовке нет столбца «${value}» для поля «${spec2.title}»; есть: ${have.join(', ')}`);
        continue;
      }
    }
    for (const k of Object.keys(columns) as ExamField[]) if (columns[k] === col && k !== spec2.field) delete columns[k];
    columns[spec2.field] = col;
  }
  return { mapping: { ...mapping, columns }, errors };
}

/** The mapping as a Russian line: «Код ОО — B «Код ОО»; Участников — D «Кол-во участников»; …». */
export function describeMapping(grid: Grid, m: ExamMapping): string {
  return PREVIEW_ORDER.map((field) => EXAM_FIELDS.find((f) => f.field === field)!).filter((f) => m.columns[f.field] !== undefined)
    .map((f) => `${f.title} — ${columnLetter(m.columns[f.field]!)} «${headerText(grid, m, m.columns[f.field]!)}»`).join('; ');
}

export interface ExamOptions {
  /** «ОГЭ» or «ЕГЭ»; otherwise found in titles, sheet or file names. */
  procedure?: string;
  grade?: string;
  subject?: string;
  year?: number;
  /** Corrections to the guessed mapping, applied to every sheet. */
  map?: string;
  /** The messages name the command line's parameters («--year 2025», «--map …»), not a spreadsheet host's fields. */
  commandLine?: boolean;
  fileName?: string;
}

export interface ExamPreview {
  sheet: string;
  headerRow: number | null;
  fields: { field: ExamField; title: string; column: string | null; header: string | null; samples: string[] }[];
  /** Header columns no field took. */
  unused: { column: string; header: string }[];
  /** Recognised year, procedure, grade, subject (null where not found). */
  meta: { year: number | null; procedure: string | null; grade: string | null; subject: string | null };
  errors: string[];
}

function procedureFromText(texts: string[]): string | null {
  for (const t of texts) {
    if (/огэ/i.test(t)) return 'ОГЭ';
    if (/егэ/i.test(t)) return 'ЕГЭ';
    if (/гвэ/i.test(t)) return 'ГВЭ';
  }
  return null;
}

interface SheetPlan {
  mapping: ExamMapping | null;
  errors: string[];
  meta: ExamPreview['meta'];
}

function planSheet(sheet: SourceSheet, options: ExamOptions): SheetPlan {
  const guessed = guessExamMapping(sheet.grid);
  let mapping = guessed;
  const errors: string[] = [];
  if (mapping && options.map) {
    const applied = applyMappingSpec(sheet.grid, mapping, options.map);
    mapping = applied.mapping;
    errors.push(...applied.errors);
  }
  const titles = sheet.grid.slice(0, mapping ? mapping.headerRow : 5)
    .map((r) => (r ?? []).map((c) => cellText(c)).filter(Boolean).join(' ')).filter(Boolean);
  const context = [...titles, sheet.name, options.fileName ?? ''];
  const procedure = options.procedure ? options.procedure.toUpperCase() : procedureFromText(context);
  const grade = options.grade ?? (procedure === 'ОГЭ' ? '9' : procedure === 'ЕГЭ' ? '11' : gradeFromText(context));
  const subject = options.subject ? canonicalSubject(options.subject) : subjectFromText([sheet.name, ...titles, options.fileName ?? '']);
  return { mapping, errors, meta: { year: options.year ?? yearFromText(context), procedure, grade, subject } };
}

/** What the importer would read from each sheet, for the user to check and correct. */
export function previewExam(sheets: SourceSheet[], options: ExamOptions = {}): ExamPreview[] {
  return sheets.map((sheet) => {
    const plan = planSheet(sheet, options);
    const m = plan.mapping;
    const taken = new Set(m ? Object.values(m.columns) : []);
    const dataRows = m ? sheet.grid.slice(m.lastHeaderRow + 1).filter((r) => r && !r.every(isBlank)).slice(0, 3) : [];
    return {
      sheet: sheet.name,
      headerRow: m ? m.headerRow + 1 : null,
      fields: PREVIEW_ORDER.map((field) => EXAM_FIELDS.find((f) => f.field === field)!).map((f) => {
        const col = m?.columns[f.field];
        return {
          field: f.field, title: f.title,
          column: col === undefined ? null : columnLetter(col),
          header: col === undefined ? null : headerText(sheet.grid, m!, col),
          samples: col === undefined ? [] : dataRows.map((r) => cellText(r[col])),
        };
      }),
      unused: m ? (sheet.grid[m.headerRow] ?? []).map((_, i) => ({ column: columnLetter(i), header: headerText(sheet.grid, m, i) }))
        .filter((u, i) => u.header && !taken.has(i)) : [],
      meta: plan.meta,
      errors: plan.errors,
    };
  });
}

/**
 * Imports ОГЭ / ЕГЭ results (every sheet with a recognisable table) into «Результаты» rows.
 * @example importExam([{ name: 'Математика', grid }], schoolsGrid, { procedure: 'ОГЭ', year: 2025 }).rows.length
 */
export function importExam(sheets: SourceSheet[], schools: SchoolDirectory | Grid, options: ExamOptions = {}): ImportResult {
  const { dir, problems, result } = startImport(schools, SHEETS.results);
  type Row = { base: Cell[]; mean: number | null; sd: number | null; fails: number | null; marks: number[] | null; origin: { sheet: string; row: number } };
  const pending: Row[] = [];
  const plans = sheets.map((s) => ({ sheet: s, plan: planSheet(s, options) }));
  const usable = plans.filter((p) => p.plan.mapping);
  if (!usable.length) {
    for (const { sheet } of plans) {
      problems.add('error', sheet.name, null, null, `не найдена строка заголовков таблицы результатов: нужны столбцы с числом участников и с кодом или наименованием ОО (${advice([{ field: 'map', example: 'Участников=D; Код ОО=B' }], options.commandLine)})`);
    }
    return result;
  }
  for (const { sheet, plan } of plans) if (!plan.mapping) result.notes.push(`Лист «${sheet.name}» пропущен: на нём нет таблицы результатов`);
  for (const { sheet, plan } of usable) {
    const m = plan.mapping!;
    const grid = sheet.grid;
    for (const e of plan.errors) problems.add('error', sheet.name, null, null, `сопоставление столбцов: ${e}`);
    const c = m.columns;
    const col = (f: ExamField) => (c[f] === undefined ? null : { title: headerText(grid, m, c[f]!) || columnLetter(c[f]!), index: c[f]! });
    const { year, procedure, grade } = plan.meta;
    const missing: [string, Hint][] = [];
    if (year === null) missing.push(['год', { field: 'year' }]);
    if (procedure === null) missing.push(['процедуру', { field: 'procedure' }]);
    if (grade === null) missing.push(['класс', { field: 'grade', example: '9' }]);
    if (plan.meta.subject === null && c.subject === undefined) missing.push(['предмет', { field: 'subject', example: 'Математика', orColumn: true }]);
    if (c.mean === undefined && c.m2 === undefined) missing.push(['столбец среднего балла или отметок «2»–«5»', { field: 'map', example: 'Средний балл=E' }]);
    if (missing.length) {
      problems.add('error', sheet.name, null, null, `не удалось определить ${andList(missing.map((m) => m[0]))}: ${advice(missing.map((m) => m[1]), options.commandLine)}`);
      continue;
    }
    const taken = new Set(Object.values(c));
    const failsFrom = c.fails ?? c.failsPercent;
    for (let i = 0; i < Math.max(...grid.slice(m.headerRow, m.lastHeaderRow + 1).map((r) => (r ?? []).length)); i++) {
      const header = headerText(grid, m, i);
      if (taken.has(i) || !header || !LOOKS_LIKE_FAILS.test(headerKey(header))) continue;
      const letter = columnLetter(i);
      problems.add('warning', sheet.name, null, { title: header, index: i }, failsFrom === undefined
        ? `похоже на число не справившихся (ниже минимального порога), но заголовок не распознан: не справившиеся не импортированы; если это они, ${advice([{ field: 'map', example: `Не справились=${letter}` }], options.commandLine)}`
        : `похоже на число не справившихся, но не использовано: не справившиеся взяты из столбца ${columnLetter(failsFrom)} «${headerText(grid, m, failsFrom)}»; если нужен этот столбец, ${advice([{ field: 'map', example: `Не справились=${letter}` }], options.commandLine)}`);
    }
    const subjectNote = c.subject !== undefined && !options.subject ? 'предмет — из столбца «Предмет»' : plan.meta.subject;
    result.notes.push(`Лист «${sheet.name}»: ${procedure}, ${grade} класс, ${subjectNote}, ${year} год; заголовок — строка ${m.headerRow + 1}; столбцы: ${describeMapping(grid, m)}`);
    let group = '';
    for (let r = m.lastHeaderRow + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      if (row.every(isBlank)) continue;
      const line = r + 1;
      const code = c.code !== undefined ? cellText(row[c.code]) : '';
      const name = c.name !== undefined ? cellText(row[c.name]) : '';
      const municipality = c.municipality !== undefined ? cellText(row[c.municipality]) : group;
      const label = [code, name, municipality, firstText(row)].find((t) => t) ?? '';
      if ([code, name, c.municipality !== undefined ? municipality : '', firstText(row)].some((t) => t && TOTAL_LABEL.test(t))) {
        result.skipped.push({ sheet: sheet.name, row: line, label, reason: 'итоговая строка' });
        continue;
      }
      const nv = parseNumber(row[c.n!]);
      if (nv.kind === 'missing') {
        if (!code && (name || firstText(row))) {
          group = name || firstText(row);
          result.skipped.push({ sheet: sheet.name, row: line, label: group, reason: 'заголовок группы (муниципалитет)' });
        } else result.skipped.push({ sheet: sheet.name, row: line, label, reason: 'не указано число участников' });
        continue;
      }
      if (nv.kind === 'bad' || !Number.isInteger(nv.value) || nv.value < 0) {
        problems.add('error', sheet.name, line, col('n'), `ожидалось целое неотрицательное число участников, найдено «${cellText(row[c.n!])}»`);
        continue;
      }
      const n = nv.value;
      if (n === 0) {
        result.skipped.push({ sheet: sheet.name, row: line, label, reason: 'нет участников' });
        continue;
      }
      let bad = false;
      const real = (f: ExamField, integer: boolean, max: number | null): number | null => {
        if (c[f] === undefined) return null;
        const v = parseNumber(row[c[f]!]);
        if (v.kind === 'missing') return null;
        if (v.kind === 'bad' || v.value < 0 || (integer && !Number.isInteger(v.value)) || (max !== null && v.value > max)) {
          const what = integer ? 'целое неотрицательное число' : 'неотрицательное число';
          problems.add('error', sheet.name, line, col(f), max !== null && v.kind === 'number' && v.value > max
            ? `значение ${cellText(row[c[f]!])} больше допустимого (${max})` : `ожидалось ${what}, найдено «${cellText(row[c[f]!])}»`);
          bad = true;
          return null;
        }
        return v.value;
      };
      const mean = real('mean', false, null);
      const sd = real('sd', false, null);
      let fails = real('fails', true, n);
      const failsPercent = real('failsPercent', false, 100);
      const marks = c.m2 !== undefined ? [real('m2', true, null), real('m3', true, null), real('m4', true, null), real('m5', true, null)] : null;
      if (bad) continue;
      const marksGiven = marks && marks.some((x) => x !== null) ? marks.map((x) => x ?? 0) : null;
      if (marksGiven && marksGiven.reduce((a, b) => a + b, 0) !== n) {
        problems.add('error', sheet.name, line, col('m2'), `сумма отметок «2»–«5» (${marksGiven.reduce((a, b) => a + b, 0)}) не равна числу участников (${n})`);
        continue;
      }
      if (fails === null && failsPercent !== null) {
        const exact = (failsPercent * n) / 100;
        fails = Math.round(exact);
        if (Math.abs(exact - fails) > 0.05) {
          problems.add('warning', sheet.name, line, col('failsPercent'), `${String(failsPercent).replace('.', ',')}% от ${counted(n, NOUN.participant, 'gen')} — не целое число; записано ${fails}`);
        }
      }
      if (mean === null && !marksGiven) {
        problems.add('error', sheet.name, line, col('mean'), 'нет ни среднего балла, ни распределения отметок');
        continue;
      }
      // A «Предмет» column names each row's subject, unless the user named one.
      const fromColumn = c.subject !== undefined && !options.subject ? cellText(row[c.subject]) : '';
      const subject = fromColumn ? canonicalSubject(fromColumn) : plan.meta.subject;
      if (!subject) {
        problems.add('error', sheet.name, line, col('subject'), 'не указан предмет');
        continue;
      }
      const schoolCode = matchRow(dir, result, sheet.name, line, code, name, municipality);
      if (schoolCode === null) continue;
      pending.push({ base: [year, schoolCode, procedure, grade, subject, n], mean, sd, fails, marks: marksGiven, origin: { sheet: sheet.name, row: line } });
    }
  }
  checkMatchShare(dir, problems, result);
  const has = { mean: pending.some((p) => p.mean !== null), sd: pending.some((p) => p.sd !== null), fails: pending.some((p) => p.fails !== null), marks: pending.some((p) => p.marks !== null) };
  result.header = ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников',
    ...(has.mean ? ['Средний балл'] : []), ...(has.sd ? ['Стандартное отклонение'] : []), ...(has.fails ? ['Не справились'] : []),
    ...(has.marks ? ['2', '3', '4', '5'] : [])];
  for (const p of pending) {
    result.rows.push([...p.base, ...(has.mean ? [p.mean] : []), ...(has.sd ? [p.sd] : []), ...(has.fails ? [p.fails] : []),
      ...(has.marks ? (p.marks ?? [null, null, null, null]) : [])]);
    result.origins.push(p.origin);
  }
  return result;
}
