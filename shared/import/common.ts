/**
 * What every importer shares: the school directory built from «Школы», matching a row to a school
 * (by code first, then by normalised name within its municipality), and the shape of an import.
 * Every row that cannot be matched, or matches several schools, is listed — never dropped silently.
 */
import { canonicalSubject as canonicalSubjectKey, fixLookalikes } from '../method/indicators';
import { SHEETS, NOUN, counted as countOf } from '../messages';
import { cellText } from '../input/numbers';
import { readRegion } from '../input/read-region';
import { columnLetter, normalizeHeader } from '../input/table';
import type { Cell, Grid, Problem, Severity } from '../types';

/** One sheet of a source file (a CSV file is one sheet named after the file). */
export interface SourceSheet {
  name: string;
  grid: Grid;
}

export interface DirectorySchool {
  code: string;
  name: string;
  municipality: string;
}

/** A row of the source that was not imported because its school is unknown or ambiguous. */
export interface UnmatchedRow {
  sheet: string;
  /** 1-based row of the source sheet. */
  row: number;
  code: string;
  name: string;
  municipality: string;
  reason: 'not-found' | 'ambiguous';
  /** For an ambiguous row: the schools it could be. */
  candidates: DirectorySchool[];
  message: string;
}

/** A row of the source that is not a school (a total, the region, a municipality heading). */
export interface SkippedRow {
  sheet: string;
  row: number;
  label: string;
  reason: string;
}

export interface ImportResult {
  /** The sheet the rows go to: «Результаты» or «Социальные показатели». */
  target: string;
  /** Header of `rows`, in the workbook's vocabulary. */
  header: string[];
  rows: Cell[][];
  /** Where each output row came from («Лист1», строка 12). */
  origins: { sheet: string; row: number }[];
  matchedByCode: number;
  matchedByName: number;
  unmatched: UnmatchedRow[];
  skipped: SkippedRow[];
  /** Errors (nothing should be written) and warnings, each with sheet, row and column. */
  problems: Problem[];
  /** Russian lines describing what was recognised (year, procedure, subject, columns). */
  notes: string[];
  /**
   * A row the sheet already has for the same key is filled, not reported as a duplicate: blank cells
   * get the import's values, equal ones stay, different ones are a warning (replace mode overwrites).
   * Set by the per-pupil and journal imports, which complete the rows of the marks statistics.
   */
  fillExisting?: boolean;
  /** With fillExisting: columns written only into rows the import appends (the journal report's «Участников»). */
  newRowsOnly?: string[];
}

/** Legal-form abbreviations dropped as whole words («МБОУ», «ГБОУ», …). */
const LEGAL_FORMS = new Set([
  'мбоу', 'маоу', 'мкоу', 'мобу', 'моау', 'мкобу', 'мку', 'мбу', 'мау', 'моу', 'гбоу', 'гаоу', 'гкоу', 'гоу', 'кгбоу', 'кгоу',
  'огбоу', 'огаоу', 'окоу', 'гбпоу', 'боу', 'коу', 'аоу', 'чоу', 'ноу', 'ано', 'оу', 'мбнои', 'мбои', 'маои',
]);

/** Phrases shortened after spaces are removed, in this order. */
const NAME_REPLACEMENTS: [RegExp, string][] = [
  [/(муниципальное|государственное|частное|областное|краевое|республиканское)?(общеобразовательное)?(автономное|бюджетное|казенное)?(общеобразовательное)?учреждение/g, ''],
  [/средняяобщеобразовательнаяшкола/g, 'сош'],
  [/основнаяобщеобразовательнаяшкола/g, 'оош'],
  [/начальнаяобщеобразовательнаяшкола/g, 'нош'],
  [/общеобразовательнаяшкола/g, 'ош'],
  [/средняяшкола/g, 'сш'],
  [/основнаяшкола/g, 'ош'],
  [/начальнаяшкола/g, 'нш'],
  [/имени/g, 'им'],
  [/поселка|поселке|поселок/g, 'п'],
  [/города|городе|город/g, 'г'],
  [/села|селе|село/g, 'с'],
  [/№|n°/g, ''],
];

/**
 * A school name for comparison: lower case, «ё» as «е», no quotes, punctuation or spaces, the legal
 * form dropped and school types shortened (СОШ, ООШ, НОШ).
 * @example normalizeSchoolName('МБОУ «Средняя общеобразовательная школа № 5 г. Зеи»') === normalizeSchoolName('СОШ №5 г.Зеи') // true
 */
export function normalizeSchoolName(name: string): string {
  const tokens = name.toLowerCase().replace(/ё/g, 'е').replace(/[«»"'“”„`.,;:()\-–—]+/g, ' ').split(/[\s\u00a0]+/);
  let s = tokens.filter((t) => t && !LEGAL_FORMS.has(t)).join('');
  for (const [re, to] of NAME_REPLACEMENTS) s = s.replace(re, to);
  return s;
}

const MUNICIPALITY_WORDS = new Set(['г', 'город', 'мо', 'р-н', 'рн', 'го', 'мр', 'мун']);
const MUNICIPALITY_STEMS = /^(муниципальн|городск|округ|район|образовани)/;

/**
 * A municipality for comparison: without «муниципальный район», «городской округ», «г.» and the like.
 * @example normalizeMunicipality('Архаринский муниципальный район') === normalizeMunicipality('Архаринский район') // true
 */
export function normalizeMunicipality(name: string): string {
  return stripAreaLogin(name).toLowerCase().replace(/ё/g, 'е').replace(/[«»"'.,()–—]+/g, ' ').split(/[\s\u00a0]+/)
    .filter((t) => t && !MUNICIPALITY_WORDS.has(t) && !MUNICIPALITY_STEMS.test(t)).join('');
}

/**
 * The login ФИС ОКО gives a region or a municipality, written after its name since 2022:
 * «Урус-Мартановский муниципальный район(reg20_m012)», «Чеченская Республика(reg20)».
 */
const AREA_LOGIN = /\s*\(?\s*\breg\d+(?:_m\d+)?\b\s*\)?\s*$/i;

/** A region's or municipality's name without the ФИС ОКО login after it: «Зейский район(reg28_m005)» → «Зейский район». */
export function stripAreaLogin(name: string): string {
  return name.replace(AREA_LOGIN, '').trim();
}

/**
 * Codes compared without a login prefix and leading zeros: the ФИС ОКО login «sch010014» (until 2021)
 * or «edu010014» (since 2022) is the school «010014» ~ «10014».
 */
export function normalizeCode(code: string): string {
  return code.trim().toLowerCase().replace(/^(sch|edu)/, '').replace(/^0+(?=\d)/, '');
}

export type Match =
  | { kind: 'code' | 'name'; school: DirectorySchool; index: number }
  | { kind: 'ambiguous'; candidates: DirectorySchool[] }
  | { kind: 'none' };

/** The schools of «Школы» with indexes for matching. */
export class SchoolDirectory {
  readonly schools: DirectorySchool[];
  readonly problems: Problem[];
  private readonly byCode = new Map<string, number>();
  private readonly byLooseCode = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly municipalities = new Set<string>();

  constructor(schools: DirectorySchool[], problems: Problem[] = []) {
    this.schools = schools;
    this.problems = problems;
    schools.forEach((s, i) => {
      this.byCode.set(s.code, i);
      push(this.byLooseCode, normalizeCode(s.code), i);
      push(this.byName, normalizeSchoolName(s.name), i);
      this.municipalities.add(normalizeMunicipality(s.municipality));
    });
  }

  /** Reads «Школы» with the engine's own reader (title rows, synonyms, duplicate codes). */
  static fromGrid(schools: Grid): SchoolDirectory {
    const { data, problems } = readRegion({ schools, results: [] });
    const own = problems.filter((p) => p.sheet === SHEETS.schools);
    if (!schools.length) own.push({ sheet: SHEETS.schools, row: null, column: null, severity: 'error', message: `В книге нет листа «${SHEETS.schools}»: не с чем сопоставлять школы` });
    return new SchoolDirectory(data.schools.map((s) => ({ code: s.code, name: s.name, municipality: s.municipality })), own);
  }

  knowsMunicipality(name: string): boolean {
    return this.municipalities.has(normalizeMunicipality(name));
  }

  /**
   * Code first (exactly, then without «sch» and leading zeros), then the normalised name within
   * the municipality (or across the region when the municipality is unknown or not given).
   */
  match(code: string, name: string, municipality: string): Match {
    if (code) {
      const exact = this.byCode.get(code);
      if (exact !== undefined) return { kind: 'code', school: this.schools[exact], index: exact };
      const loose = this.byLooseCode.get(normalizeCode(code)) ?? [];
      if (loose.length === 1) return { kind: 'code', school: this.schools[loose[0]], index: loose[0] };
      if (loose.length > 1) return { kind: 'ambiguous', candidates: loose.map((i) => this.schools[i]) };
    }
    if (!name) return { kind: 'none' };
    let hits = this.byName.get(normalizeSchoolName(name)) ?? [];
    if (municipality && this.knowsMunicipality(municipality)) {
      const m = normalizeMunicipality(municipality);
      hits = hits.filter((i) => normalizeMunicipality(this.schools[i].municipality) === m);
    }
    if (hits.length === 1) return { kind: 'name', school: this.schools[hits[0]], index: hits[0] };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((i) => this.schools[i]) };
    return { kind: 'none' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Collects an import's problems with «Лист «…», строка N, столбец «…» (B)» prefixes. */
export class ImportProblems {
  readonly list: Problem[] = [];
  add(severity: Severity, sheet: string | null, row: number | null, column: { title: string; index: number } | null, message: string): void {
    const parts: string[] = [];
    if (sheet) parts.push(`Лист «${sheet}»`);
    if (row !== null) parts.push(`строка ${row}`);
    if (column) parts.push(`столбец «${column.title}» (${columnLetter(column.index)})`);
    const p: Problem = { sheet, row, column: column ? column.title : null, severity, message: parts.length ? `${parts.join(', ')}: ${message}` : message };
    if (row !== null && column) p.cell = `${columnLetter(column.index)}${row}`;
    this.list.push(p);
  }
  get errors(): number {
    return this.list.filter((p) => p.severity === 'error').length;
  }
}

/** Records a row whose school is unknown or ambiguous, with a Russian message that names it. */
export function unmatchedRow(sheet: string, row: number, code: string, name: string, municipality: string, match: Match): UnmatchedRow {
  const who = [code && `код «${code}»`, name && `«${name}»`, municipality && `(${municipality})`].filter(Boolean).join(' ');
  if (match.kind === 'ambiguous') {
    return {
      sheet, row, code, name, municipality, reason: 'ambiguous', candidates: match.candidates,
      message: `Лист «${sheet}», строка ${row}: ${who} подходит к нескольким школам: ${match.candidates.map((c) => `${c.code} «${c.name}» (${c.municipality})`).join('; ')} — укажите код ОО`,
    };
  }
  return {
    sheet, row, code, name, municipality, reason: 'not-found', candidates: [],
    message: `Лист «${sheet}», строка ${row}: ${who || 'строка без кода и наименования'} — школа не найдена на листе «${SHEETS.schools}»`,
  };
}

/** Text of the first non-empty cell of a row (a heading or a total's label). */
export function firstText(row: Cell[] | undefined): string {
  if (!row) return '';
  for (const c of row) {
    const t = cellText(c);
    if (t) return t;
  }
  return '';
}

/** A school's ФИС ОКО login: «sch123456» until 2021, «edu123456» since 2022 (the same digits, the same school). */
export const FIS_LOGIN = /\b(?:sch|edu)\d{3,}\b/i;
/** The login with its brackets, wherever it stands in the name: «(sch280101) МБОУ СОШ № 1», «МБОУ «СОШ №1»(edu203389)». */
export const FIS_LOGIN_IN_NAME = /[([]\s*(?:sch|edu)\d{3,}\s*[)\]]|\b(?:sch|edu)\d{3,}\b/i;

/** A school's name as a ФИС ОКО label gives it, without the brackets and punctuation left at its ends. */
export function tidySchoolName(label: string): string {
  return label.replace(/^[\s()[\]:;,.–—-]+/, '').replace(/[\s(]+$/, '').trim();
}

/** The name in a label that carries the login («МБОУ «СОШ №1»(edu203389)» → «МБОУ «СОШ №1»»). */
export function nameWithoutLogin(label: string): string {
  return tidySchoolName(label.replace(FIS_LOGIN_IN_NAME, ' '));
}

/** What the user may set for a ФИС ОКО import whose titles or file name do not say it. */
export interface ProcedureOptions {
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

/**
 * The year, grade and subject of a sheet from its title rows, its name and the file's name (the
 * options override them), or the Russian message naming what could not be found and how to give it.
 */
export function procedureOfSheet(titleRows: (Cell[] | undefined)[], sheet: string, options: ProcedureOptions):
  { year: number; grade: string; subject: string; error?: undefined } | { error: string } {
  const titles = titleRows.map((r) => (r ?? []).map((c) => cellText(c)).filter(Boolean).join(' ')).filter(Boolean);
  const context = [...titles, sheet, options.fileName ?? ''];
  const year = options.year ?? yearFromText(context);
  const grade = options.grade ?? gradeFromText(context);
  const subject = options.subject ? canonicalSubject(options.subject) : subjectFromText(context);
  const missing: [string, Hint][] = [];
  if (year === null) missing.push(['год', { field: 'year' }]);
  if (grade === null) missing.push(['класс', { field: 'grade', example: '4' }]);
  if (subject === null) missing.push(['предмет', { field: 'subject', example: 'Математика' }]);
  if (missing.length) {
    return { error: `не удалось определить ${andList(missing.map((m) => m[0]))} по заголовку листа и имени файла: ${advice(missing.map((m) => m[1]), options.commandLine)}` };
  }
  return { year: year!, grade: grade!, subject: subject! };
}

/** «Итого», «Всего», «Вся выборка», «По региону»: rows that summarise others. */
export const TOTAL_LABEL = /^(итого|всего|вся\s*выборка|в\s*целом|по\s*(региону|области|краю|республике|муниципалитету|району)|среднее|в\s*среднем|российская\s*федерация|рф(\s|$))/i;

/** Years written in titles: the later one of «2024/2025», else the only one. */
export function yearFromText(texts: string[]): number | null {
  for (const t of texts) {
    const pair = /(20\d\d)\s*[/\-–]\s*(20\d\d)/.exec(t);
    if (pair) return Number(pair[2]);
  }
  for (const t of texts) {
    const m = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Subjects as titles, sheet and file names name them; the name found goes through the one spelling table. */
const SUBJECTS: [RegExp, string][] = [
  [/математ\S*\s*\(?\s*баз/i, 'Математика (базовая)'],
  [/баз\S*\s*математ/i, 'Математика (базовая)'],
  [/математ/i, 'Математика'],
  [/русск/i, 'Русский язык'],
  [/окружающ/i, 'Окружающий мир'],
  [/литературн\S*\s+чтени/i, 'Литературное чтение'],
  [/литератур/i, 'Литература'],
  [/обществозн/i, 'Обществознание'],
  [/истори/i, 'История'],
  [/географ/i, 'География'],
  [/биолог/i, 'Биология'],
  [/физик/i, 'Физика'],
  [/хими/i, 'Химия'],
  [/информатик/i, 'Информатика'],
  [/английск/i, 'Английский язык'],
  [/немецк/i, 'Немецкий язык'],
  [/французск/i, 'Французский язык'],
  [/испанск/i, 'Испанский язык'],
  [/китайск/i, 'Китайский язык'],
  [/иностранн/i, 'Иностранный язык'],
];

/** A foreign language's written or oral part, when the text names it: they stay distinct indicators. */
function languagePart(subject: string, text: string): string {
  if (!/ язык$/.test(subject)) return subject;
  if (/письм/i.test(text)) return `${subject} (письменная часть)`;
  if (/устн/i.test(text)) return `${subject} (устная часть)`;
  return subject;
}

function findSubject(text: string): string | null {
  const t = fixLookalikes(text);
  const hit = SUBJECTS.find(([re]) => re.test(t));
  return hit ? canonicalSubjectKey(languagePart(hit[1], t)) : null;
}

/**
 * The subject named in a title, a sheet name or a file name («по математике» → «Математика»).
 * Profile mathematics is «Математика» (the standard indicator «ЕГЭ-11 Математика»), basic
 * mathematics «Математика (базовая)»; names come out as the shared spelling table writes them.
 */
export function subjectFromText(texts: string[]): string | null {
  for (const t of texts) {
    const labelled = /предмет\s*:?\s*(.+)$/i.exec(t);
    if (labelled) {
      const hit = findSubject(labelled[1]);
      if (hit) return hit;
    }
  }
  for (const t of texts) {
    const hit = findSubject(t);
    if (hit) return hit;
  }
  for (const t of texts) {
    const fis = fisSheetName(t);
    if (fis) return fis.subject;
  }
  return null;
}

/** ФИС ОКО's subject codes in its sheet names («МА 4 Сравнение отметок с отметк», cut to 31 characters). */
const FIS_SUBJECTS: Record<string, string> = {
  'МА': 'Математика', 'РУ': 'Русский язык', 'ОМ': 'Окружающий мир', 'ИС': 'История', 'ОБ': 'Обществознание',
  'БИ': 'Биология', 'ФИ': 'Физика', 'ХИ': 'Химия', 'ГЕ': 'География', 'ИН': 'Информатика',
};

/** The subject and grade of a ФИС ОКО sheet name «МА 4 …», or null. */
function fisSheetName(text: string): { subject: string; grade: string } | null {
  const m = /^([А-ЯЁ]{2})\s+(\d{1,2})(?:\s|$)/.exec(text.trim());
  return m && FIS_SUBJECTS[m[1]] ? { subject: FIS_SUBJECTS[m[1]], grade: m[2] } : null;
}

/** Canonical subject for a name the user typed (`--subject «русский»` → «Русский язык»), by the shared spelling table. */
export function canonicalSubject(text: string): string {
  return canonicalSubjectKey(text);
}

/** A grade from «4 класс», «(5 кл.)», «класс: 4». */
export function gradeFromText(texts: string[]): string | null {
  for (const t of texts) {
    const m = /(\d{1,2})\s*-?\s*(?:й\s*)?(класс|кл(?![а-яё]))/i.exec(t) ?? /класс\S*\s*:?\s*(\d{1,2})/i.exec(t);
    if (m) return m[1];
  }
  for (const t of texts) {
    const fis = fisSheetName(t);
    if (fis) return fis.grade;
  }
  return null;
}

/** Reads a spreadsheet column reference: «B» → 1, «AA» → 26; null when it is not one. */
export function columnIndex(ref: string): number | null {
  const t = ref.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(t)) return null;
  let n = 0;
  for (const ch of t) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A value an importer could not find, for the advice of its error: the year, the procedure, the grade
 * (example «4»), the subject (example «Математика»; `orColumn`: a «Предмет» column also gives it) or a
 * column mapping (example «Средний балл=E»).
 */
export type Hint =
  | { field: 'year' }
  | { field: 'procedure' }
  | { field: 'grade'; example: string }
  | { field: 'subject'; example: string; orColumn?: boolean }
  | { field: 'map'; example: string };

/** Where the user gives each value: the command line's parameters, or what a spreadsheet host has (the wizard's fields, the sheet's name). */
const HINTS: Record<'commandLine' | 'neutral', { [F in Hint['field']]: (h: Extract<Hint, { field: F }>) => string }> = {
  commandLine: {
    year: () => '--year 2025',
    procedure: () => '--procedure ОГЭ или ЕГЭ',
    grade: (h) => `--grade ${h.example}`,
    subject: (h) => `--subject «${h.example}»${h.orColumn ? ' или столбец «Предмет»' : ''}`,
    map: (h) => `--map «${h.example}»`,
  },
  neutral: {
    year: () => 'год в поле «Год результатов»',
    procedure: () => 'ОГЭ или ЕГЭ в имени листа или файла',
    grade: (h) => `класс в имени листа или файла, например «${h.example} класс»`,
    subject: (h) => `предмет в имени листа или файла, например «${h.example}»${h.orColumn ? ', или в столбце «Предмет»' : ''}`,
    map: (h) => `сопоставление столбцов «${h.example}»`,
  },
};

/**
 * The advice of an error that the user fixes by giving values: with `commandLine`, the command line's
 * parameters («укажите --year 2025, --grade 4»); otherwise a spreadsheet host's words («укажите год в
 * поле «Год результатов»; класс в имени листа или файла, например «4 класс»»).
 */
export function advice(hints: Hint[], commandLine = false): string {
  const forms = HINTS[commandLine ? 'commandLine' : 'neutral'] as Record<Hint['field'], (h: Hint) => string>;
  return `укажите ${hints.map((h) => forms[h.field](h)).join(commandLine ? ', ' : '; ')}`;
}

/** «год», «год и класс», «год, класс и предмет». */
export function andList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}

/** Normalised header text for keyword matching. */
export function headerKey(cell: Cell): string {
  return normalizeHeader(cellText(cell)).replace(/[«»"'.,:;()]/g, '');
}

/**
 * The start every importer shares: the school directory (built from «Школы» when a grid is given),
 * a problem list that begins with the directory's own problems, and an empty result for `target`.
 */
export function startImport(schools: SchoolDirectory | Grid, target: string): { dir: SchoolDirectory; problems: ImportProblems; result: ImportResult } {
  const dir = schools instanceof SchoolDirectory ? schools : SchoolDirectory.fromGrid(schools);
  const problems = new ImportProblems();
  problems.list.push(...dir.problems);
  const result: ImportResult = {
    target, header: [], rows: [], origins: [], matchedByCode: 0, matchedByName: 0,
    unmatched: [], skipped: [], problems: problems.list, notes: [],
  };
  return { dir, problems, result };
}

/**
 * Matches one source row to a school and keeps the result's counts: by code or by name, or the
 * row goes to `result.unmatched` (not found / ambiguous) and null comes back.
 */
export function matchRow(
  dir: SchoolDirectory, result: ImportResult, sheet: string, row: number, code: string, name: string, municipality: string,
): string | null {
  const match = dir.match(code, name, municipality);
  if (match.kind === 'none' || match.kind === 'ambiguous') {
    result.unmatched.push(unmatchedRow(sheet, row, code, name, municipality, match));
    return null;
  }
  if (match.kind === 'code') result.matchedByCode++;
  else result.matchedByName++;
  return match.school.code;
}

/** At most `limit` items joined with «, », then «…» when there are more. */
export function examples(items: string[], limit = 5): string {
  const distinct = [...new Set(items.filter(Boolean))];
  return `${distinct.slice(0, limit).join(', ')}${distinct.length > limit ? ', …' : ''}`;
}

/**
 * An import whose rows match no school of «Школы», or fewer than half of them, is an error: the
 * export is for another region or year, or «Школы» hold codes of another system. The message says
 * which codes (logins) the export has and which «Школы» hold, so the user sees the mismatch. An
 * import without a single school row (and no other error) is an error too. Called by every importer
 * after its rows are matched; rows with errors of their own are not counted.
 * `logins`: the export names schools by their ФИС ОКО logins (ВПР), and the advice says so.
 */
export function checkMatchShare(dir: SchoolDirectory, problems: ImportProblems, result: ImportResult, logins = false): void {
  const matched = result.matchedByCode + result.matchedByName;
  const total = matched + result.unmatched.length;
  if (!total) {
    if (problems.errors) return;
    const labels = examples(result.skipped.map((s) => `«${s.label}»`), 3);
    problems.add('error', null, null, null, `в выгрузке не найдено ни одной строки школы${labels ? ` (прочитаны только итоги и заголовки групп: ${labels})` : ''}${logins
      ? ': школы узнаются по логину ОО из ФИС ОКО (edu… или sch…) — в скобках после наименования, перед ним или в отдельном столбце «Логин»' : ''}`);
    return;
  }
  // A municipality's «Школы» and the region's export: rows of municipalities «Школы» do not have at all
  // are other authorities' schools — listed as unmatched, not counted against the half.
  const foreign = matched ? result.unmatched.filter((u) => u.municipality && !dir.knowsMunicipality(u.municipality)) : [];
  const counted = result.unmatched.filter((u) => !foreign.includes(u));
  if (foreign.length) {
    const n = foreign.length;
    result.notes.push(`${countOf(n, NOUN.row)} школ — из муниципалитетов, которых нет на листе «${SHEETS.schools}» (${examples(foreign.map((u) => u.municipality), 3)}): ${n === 1 ? 'она не импортирована' : 'они не импортированы'} и не считаются ошибкой сопоставления`);
  }
  if (matched * 2 >= matched + counted.length) return;
  const seen = examples(result.unmatched.map((u) => u.code || `«${u.name}»`));
  const held = examples(dir.schools.map((s) => s.code));
  const what = logins ? 'логины' : 'школы';
  const where = `на листе «${SHEETS.schools}» ${held ? `коды ${held}` : 'нет ни одной школы'}`;
  const codesHint = logins ? ` и что на листе «${SHEETS.schools}» коды ОО — логины ФИС ОКО (edu… или sch…) или их цифры` : '';
  if (!matched) {
    problems.add('error', null, null, null, `ни одна из ${countOf(total, NOUN.row, 'gen')} школ не сопоставлена со «Школами» — проверьте, что выгрузка относится к этому региону${codesHint}. В выгрузке ${what} ${seen}; ${where}`);
    return;
  }
  const sheets = new Set(counted.map((u) => u.sheet)).size > 1;
  const list = counted.slice(0, 10).map((u) => `${sheets ? `лист «${u.sheet}» ` : ''}строка ${u.row} ${[u.code && `«${u.code}»`, u.name && `«${u.name}»`].filter(Boolean).join(' ')}`);
  const more = counted.length > 10 ? `, … и ещё ${counted.length - 10}` : '';
  problems.add('error', null, null, null, `сопоставлено со «Школами» только ${matched} из ${countOf(matched + counted.length, NOUN.row, 'gen')} школ (меньше половины) — проверьте, что выгрузка относится к этому региону${codesHint}, или дополните лист «${SHEETS.schools}». Не сопоставлены: ${list.join(', ')}${more}; ${where}`);
}
