/**
 * The ФИС ОКО report «Индивидуальные результаты» of a ВПР (one file per grade and subject): title rows
 * («Индивидуальные результаты», «ВПР 2025 Математика 4 класс», «Предмет:» | subject, «Максимальный
 * первичный балл:» | 20, «Дата:»), a row «Уровень сложности задания» (Б/П per task), the header
 * `ОО | Муниципалитет | Название ОО | Код участника | Класс | Вариант | 1 (2б) … | Первичный балл |
 * Отметка | Отметка по журналу`, and above each school's pupils a line `МБОУ «СОШ №1»(edu203389) |
 * Кол-во участников: 89`.
 *
 * The pupils are reduced to one «Результаты» row per school: participants, mean mark, marks 2–5, and
 * the per-pupil statistics the objectivity markers need (PUPIL_COLUMNS). No pupil row enters the
 * workbook. The reader takes rows one at a time (`VprPupilReader`), so the command line streams a
 * file of a million pupils without holding its grid; `importVprPupils` feeds it grids (the wizards).
 */
import { SHEETS, NOUN, plural } from '../messages';
import { cellText, isBlank, parseNumber } from '../input/numbers';
import { columnLetter } from '../input/table';
import type { Cell, Grid } from '../types';
import {
  type ImportResult, SchoolDirectory, type SourceSheet, TOTAL_LABEL, checkMatchShare, headerKey, matchRow,
  startImport, stripAreaLogin, type ImportProblems, procedureOfSheet, FIS_LOGIN, nameWithoutLogin,
  type ProcedureOptions,
} from './common';

/** The columns of «Результаты» this import writes besides the key, «Участников», «Средний балл» and «2»–«5». */
export const PUPIL_COLUMNS = {
  meanPrimary: 'Средний первичный балл',
  maxPrimary: 'Максимальный первичный балл',
  sdPrimary: 'Стандартное отклонение первичного балла',
  meanPercent: 'Средний процент выполнения',
  journalR: 'Корреляция с журналом',
  journalN: 'Участников с отметкой по журналу',
} as const;

export const PUPIL_HEADER = [
  'Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', '2', '3', '4', '5',
  PUPIL_COLUMNS.meanPrimary, PUPIL_COLUMNS.maxPrimary, PUPIL_COLUMNS.sdPrimary, PUPIL_COLUMNS.meanPercent,
  PUPIL_COLUMNS.journalR, PUPIL_COLUMNS.journalN,
];

export type VprPupilOptions = ProcedureOptions;

const SCHOOL_LINE = /кол-?\s*во\s+участник|количество\s+участник/i;
/** Errors listed one by one; the rest are counted (a file of a million bad rows is not a million messages). */
const PROBLEM_LIMIT = 500;
const TITLE_SCAN = 40;

interface PupilHeader {
  row: number;
  login: number;
  municipality: number;
  name: number;
  pupil: number;
  primary: number;
  mark: number;
  journal: number;
  /** Sum of the task maxima «1 (2б)», «2 (1б)» … (0 when the header does not give them). */
  taskMax: number;
  titles: string[];
}

/** One school's pupils while a sheet is read. */
class Pupils {
  n = 0;
  primary = new Float64Array(64);
  mark = new Int8Array(64);
  journal = new Int8Array(64);
  declared: number | null = null;
  /** Pupil rows met, with or without a score. */
  rows = 0;
  constructor(readonly login: string, readonly name: string, readonly municipality: string, readonly row: number) {}
  add(primary: number, mark: number, journal: number): void {
    if (this.n === this.primary.length) {
      const p = new Float64Array(this.n * 2); p.set(this.primary); this.primary = p;
      const m = new Int8Array(this.n * 2); m.set(this.mark); this.mark = m;
      const j = new Int8Array(this.n * 2); j.set(this.journal); this.journal = j;
    }
    this.primary[this.n] = primary;
    this.mark[this.n] = mark;
    this.journal[this.n] = journal;
    this.n++;
  }
}

/** Ranks 1…n with ties given their average rank (as scipy.stats.rankdata). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  // Scores and marks are small whole numbers: ranks by counting, no sort.
  let small = true;
  for (let i = 0; i < n && small; i++) { const v = values[i]; small = v >= 0 && v <= 1000 && v % 1 === 0; }
  if (small) {
    let top = 0;
    for (let i = 0; i < n; i++) if (values[i] > top) top = values[i];
    const count = new Int32Array(top + 1);
    for (let i = 0; i < n; i++) count[values[i]]++;
    const rankOf = new Float64Array(top + 1);
    let below = 0;
    for (let v = 0; v <= top; v++) {
      if (count[v]) rankOf[v] = below + (count[v] + 1) / 2;
      below += count[v];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = rankOf[values[i]];
    return out;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Pearson's r of two equal-length series; null when fewer than 2 values or one series is constant. */
function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < 2) return null;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Spearman's rₛ (ties by average ranks); null when undefined (fewer than 2 pairs, a constant series). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length < 2) return null;
  return pearson(averageRanks(x), averageRanks(y));
}

export interface SchoolPupilStats {
  n: number;
  meanMark: number;
  marks: [number, number, number, number];
  meanPrimary: number;
  sdPrimary: number | null;
  meanPercent: number | null;
  journalR: number | null;
  journalN: number;
}

/** The per-school values of PUPIL_HEADER from the pupils' primary scores, marks and journal marks (0: none). */
export function pupilStats(primary: ArrayLike<number>, mark: ArrayLike<number>, journal: ArrayLike<number>, max: number | null, count = primary.length): SchoolPupilStats {
  const n = count;
  let sumP = 0, sumM = 0;
  const marks: [number, number, number, number] = [0, 0, 0, 0];
  let jn = 0;
  for (let i = 0; i < n; i++) {
    sumP += primary[i];
    sumM += mark[i];
    marks[mark[i] - 2]++;
    if (journal[i]) jn++;
  }
  const meanPrimary = sumP / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (primary[i] - meanPrimary) ** 2;
  const jx = new Float64Array(jn), jy = new Float64Array(jn);
  for (let i = 0, k = 0; i < n; i++) if (journal[i]) { jx[k] = journal[i]; jy[k] = primary[i]; k++; }
  return {
    n, meanMark: sumM / n, marks, meanPrimary,
    sdPrimary: n >= 2 ? Math.sqrt(ss / (n - 1)) : null,
    meanPercent: max ? (meanPrimary / max) * 100 : null,
    journalR: spearman(jx, jy),
    journalN: jn,
  };
}

function findHeader(row: Cell[]): Omit<PupilHeader, 'row' | 'titles'> | null {
  const keys = row.map((c) => headerKey(c));
  const at = (test: (k: string) => boolean) => keys.findIndex(test);
  const pupil = at((k) => /^кодучастника$|^кодученика$|^участник$/.test(k));
  const mark = at((k) => k === 'отметка' || k === 'отметказаработу');
  const primary = at((k) => /^первичныйбалл$|^суммабаллов$|^баллзаработу$/.test(k));
  if (pupil < 0 && !(mark >= 0 && primary >= 0)) return null;
  let taskMax = 0;
  row.forEach((c) => {
    const m = /^\s*\d+(?:\.\d+)?\s*\(\s*(\d+)\s*б\.?\s*\)\s*$/i.exec(cellText(c));
    if (m) taskMax += Number(m[1]);
  });
  return {
    login: at((k) => k === 'оо' || k === 'логиноо' || k === 'логин' || k === 'кодоо'),
    municipality: at((k) => /^муниципалитет|^муниципальноеобразование|^ате$|^район$/.test(k)),
    name: at((k) => k === 'названиеоо' || k === 'наименованиеоо' || k === 'школа'),
    pupil, primary, mark, journal: at((k) => /^отметкапожурналу$|^отметкавжурнале$|^журнал/.test(k)), taskMax,
  };
}

/** «Максимальный первичный балл:» | 20 (or «… балл: 20» in one cell) in a title row. */
function maxFromTitle(row: Cell[]): number | null {
  for (let i = 0; i < row.length; i++) {
    const t = cellText(row[i]);
    if (!/максимальн\S*\s+(первичн\S*\s+)?балл/i.test(t)) continue;
    const inText = /:\s*(\d+(?:[.,]\d+)?)\s*$/.exec(t);
    if (inText) return Number(inText[1].replace(',', '.'));
    for (let j = i + 1; j < row.length; j++) {
      const v = parseNumber(row[j]);
      if (v.kind === 'number') return v.value;
      if (v.kind === 'bad') break;
    }
  }
  return null;
}

const fmt = (x: number) => String(x).replace('.', ',');

/**
 * Reads «Индивидуальные результаты» row by row: `sheet(name)` before a sheet's rows, `row(cells, n)`
 * for each row (n 1-based), `finish()` for the result. Rows need not be kept by the caller.
 */
export class VprPupilReader {
  private readonly dir: SchoolDirectory;
  private readonly problems: ImportProblems;
  readonly result: ImportResult;
  private errorsShown = 0;
  private errorsHidden = 0;
  pupilsRead = 0;
  pupilsSkipped = new Map<string, number>();
  private sheetName = '';
  private header: PupilHeader | null = null;
  private titles: Cell[][] = [];
  private maxTitle: number | null = null;
  private context: { year: number; grade: string; subject: string; max: number | null } | null = null;
  private sheetFailed = false;
  private schools = new Map<string, Pupils>();
  private current: Pupils | null = null;
  private group = '';
  private pending: { cells: Cell[]; origin: { sheet: string; row: number } }[] = [];
  private sheetsWithHeader = 0;

  constructor(schools: SchoolDirectory | Grid, private readonly options: VprPupilOptions = {}) {
    const s = startImport(schools, SHEETS.results);
    this.dir = s.dir;
    this.problems = s.problems;
    this.result = s.result;
    this.result.fillExisting = true;
  }

  private error(row: number | null, column: { title: string; index: number } | null, message: string): void {
    if (this.errorsShown >= PROBLEM_LIMIT) { this.errorsHidden++; return; }
    this.errorsShown++;
    this.problems.add('error', this.sheetName, row, column, message);
  }

  private skip(reason: string): void {
    this.pupilsSkipped.set(reason, (this.pupilsSkipped.get(reason) ?? 0) + 1);
  }

  sheet(name: string): void {
    this.endSheet();
    this.sheetName = name;
    this.header = null;
    this.titles = [];
    this.maxTitle = null;
    this.context = null;
    this.sheetFailed = false;
    this.schools = new Map();
    this.current = null;
    this.group = '';
  }

  private column(index: number): { title: string; index: number } {
    return { title: this.header?.titles[index] || columnLetter(index), index };
  }

  row(cells: Cell[], line: number): void {
    if (this.sheetFailed) return;
    if (!this.header) {
      this.headerRow(cells, line);
      return;
    }
    if (!this.context) return;
    let blank = true;
    for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) { blank = false; break; }
    if (blank) return;
    const h = this.header;
    const primaryCell = cells[h.primary];
    const markCell = cells[h.mark];
    const pupilCell = h.pupil >= 0 ? cells[h.pupil] : null;
    // Without a score and a mark the row is an absent pupil (a code of digits and more cells, as the
    // class) or a line: a school's, a municipality's, a total (their text may stand in the code's column).
    if (isBlank(primaryCell) && isBlank(markCell)) {
      let filled = 0;
      for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) filled++;
      const absent = !isBlank(pupilCell) && /^[\d\s-]+$/.test(cellText(pupilCell)) && filled >= 2 && !SCHOOL_LINE.test(cells.map((c) => cellText(c)).join(' '));
      if (!absent) {
        this.lineRow(cells, line);
        return;
      }
    }
    this.pupilRow(cells, line, primaryCell, markCell);
  }

  private headerRow(cells: Cell[], line: number): void {
    const found = findHeader(cells);
    if (!found) {
      if (line > TITLE_SCAN) {
        this.sheetFailed = true;
        return;
      }
      this.titles.push(cells);
      this.maxTitle ??= maxFromTitle(cells);
      return;
    }
    const titles = cells.map((c) => cellText(c));
    this.header = { ...found, row: line, titles };
    this.sheetsWithHeader++;
    const missing: string[] = [];
    if (found.primary < 0) missing.push('«Первичный балл»');
    if (found.mark < 0) missing.push('«Отметка»');
    if (missing.length) {
      this.sheetFailed = true;
      this.error(line, null, `в строке заголовков отчёта «Индивидуальные результаты» нет ${missing.length > 1 ? 'столбцов' : 'столбца'} ${missing.join(' и ')}: без ${missing.length > 1 ? 'них' : 'него'} результаты учеников не свести по школам`);
      return;
    }
    const proc = procedureOfSheet(this.titles, this.sheetName, this.options);
    if (proc.error !== undefined) {
      this.sheetFailed = true;
      this.error(null, null, proc.error);
      return;
    }
    const { year, grade, subject } = proc;
    const max = this.maxTitle ?? (found.taskMax || null);
    if (max === null) {
      this.problems.add('warning', this.sheetName, null, null, `не найден максимальный первичный балл (строка «Максимальный первичный балл:» над таблицей или баллы заданий «1 (2б)» в заголовке): столбец «${PUPIL_COLUMNS.meanPercent}» не заполнен`);
    }
    if (found.journal < 0) {
      this.problems.add('warning', this.sheetName, line, null, `нет столбца «Отметка по журналу»: столбцы «${PUPIL_COLUMNS.journalR}» и «${PUPIL_COLUMNS.journalN}» не заполнены`);
    }
    this.context = { year: year!, grade: grade!, subject: subject!, max };
  }

  /** A line that is not a pupil: a school's line, a municipality's or the region's heading, a total. */
  private lineRow(cells: Cell[], line: number): void {
    const texts = cells.map((c) => cellText(c)).filter(Boolean);
    const all = texts.join(' ');
    const label = texts[0] ?? '';
    // A school's line: «Кол-во участников: 89» beside it, or its login in the name («МБОУ «СОШ №1»(edu203389)»).
    if (SCHOOL_LINE.test(all) || FIS_LOGIN.test(all)) {
      const login = FIS_LOGIN.exec(all)?.[0] ?? '';
      const nameCell = texts.find((t) => !SCHOOL_LINE.test(t)) ?? '';
      const name = nameWithoutLogin(nameCell);
      if (!login) {
        this.current = null;
        this.error(line, null, `строка школы «${all}» без логина ОО (edu… или sch…): не понять, какой школе она относится; логин стоит в скобках после наименования, например «МБОУ «СОШ №1»(edu203389)»`);
        return;
      }
      const declared = /участник\S*\s*:?\s*(\d+)/i.exec(all);
      this.current = this.school(login, name, this.group, line);
      if (declared) this.current.declared = (this.current.declared ?? 0) + Number(declared[1]);
      return;
    }
    if (TOTAL_LABEL.test(label)) this.result.skipped.push({ sheet: this.sheetName, row: line, label, reason: 'итоговая строка' });
    else if (label) {
      this.group = stripAreaLogin(label);
      this.current = null;
      this.result.skipped.push({ sheet: this.sheetName, row: line, label, reason: 'заголовок группы (регион или муниципалитет)' });
    }
  }

  private school(login: string, name: string, municipality: string, line: number): Pupils {
    const key = login.toLowerCase();
    let s = this.schools.get(key);
    if (!s) {
      s = new Pupils(login, name, municipality, line);
      this.schools.set(key, s);
    }
    return s;
  }

  private pupilRow(cells: Cell[], line: number, primaryCell: Cell, markCell: Cell): void {
    const h = this.header!;
    const ctx = this.context!;
    const loginText = h.login >= 0 ? cellText(cells[h.login]) : '';
    const login = FIS_LOGIN.exec(loginText)?.[0] ?? '';
    let school = this.current;
    if (login && (!school || school.login.toLowerCase() !== login.toLowerCase())) {
      const name = h.name >= 0 ? cellText(cells[h.name]) : '';
      const mun = h.municipality >= 0 ? cellText(cells[h.municipality]) : this.group;
      school = this.school(login, name, mun, line);
      this.current = school;
    }
    if (!school) {
      this.error(line, h.login >= 0 ? this.column(h.login) : null, 'строка ученика вне школы: нет логина ОО (edu… или sch…) ни в столбце «ОО», ни в строке школы над ней');
      return;
    }
    this.pupilsRead++;
    school.rows++;
    const p = parseNumber(primaryCell);
    const m = parseNumber(markCell);
    if (p.kind === 'missing' && m.kind === 'missing') { this.skip('нет первичного балла и отметки (не выполнял работу)'); return; }
    let bad = false;
    if (p.kind === 'missing') { this.skip('нет первичного балла'); return; }
    if (p.kind === 'bad' || p.value < 0 || (ctx.max !== null && p.value > ctx.max)) {
      this.error(line, this.column(h.primary), `ожидался первичный балл от 0 до ${ctx.max ?? '…'}, найдено «${cellText(primaryCell)}»`);
      bad = true;
    }
    if (m.kind === 'missing') { if (!bad) this.skip('нет отметки'); return; }
    if (m.kind === 'bad' || !Number.isInteger(m.value) || m.value < 2 || m.value > 5) {
      this.error(line, this.column(h.mark), `ожидалась отметка 2, 3, 4 или 5, найдено «${cellText(markCell)}»`);
      bad = true;
    }
    let journal = 0;
    if (h.journal >= 0) {
      const jc = cells[h.journal];
      const j = parseNumber(jc);
      if (j.kind === 'number' && Number.isInteger(j.value) && j.value >= 2 && j.value <= 5) journal = j.value;
      else if (j.kind !== 'missing') {
        this.error(line, this.column(h.journal), `ожидалась отметка по журналу 2, 3, 4 или 5 (или пусто), найдено «${cellText(jc)}»`);
        bad = true;
      }
    }
    if (bad) return;
    school.add((p as { value: number }).value, (m as { value: number }).value, journal);
  }

  private endSheet(): void {
    if (!this.sheetName) return;
    if (!this.header) {
      // A workbook may hold a sheet of notes beside the report; no report at all is an error in finish().
      this.result.notes.push(`Лист «${this.sheetName}» пропущен: на нём нет таблицы «Индивидуальные результаты»`);
    }
    const ctx = this.context;
    if (ctx && !this.sheetFailed) {
      let pupils = 0;
      for (const s of this.schools.values()) {
        if (s.declared !== null && s.declared !== s.rows) {
          this.problems.add('warning', this.sheetName, s.row, null, `у школы ${s.login} в строке школы указано участников: ${s.declared}, а строк учеников под ней — ${s.rows}`);
        }
        if (!s.n) {
          this.result.skipped.push({ sheet: this.sheetName, row: s.row, label: `${s.login} ${s.name}`, reason: 'нет учеников с баллом и отметкой' });
          continue;
        }
        const code = matchRow(this.dir, this.result, this.sheetName, s.row, s.login, s.name, s.municipality);
        if (code === null) continue;
        pupils += s.n;
        const st = pupilStats(s.primary, s.mark, s.journal, ctx.max, s.n);
        this.pending.push({
          cells: [ctx.year, code, 'ВПР', ctx.grade, ctx.subject, st.n, st.meanMark, ...st.marks, st.meanPrimary, ctx.max, st.sdPrimary, st.meanPercent, st.journalR, st.journalN],
          origin: { sheet: this.sheetName, row: s.row },
        });
      }
      this.result.notes.push(`Лист «${this.sheetName}»: ВПР, ${ctx.grade} класс, ${ctx.subject}, ${ctx.year} год; максимальный первичный балл ${ctx.max === null ? 'не найден' : fmt(ctx.max)}; строки учеников — с ${this.header!.row + 1}-й строки, школы — по логину ОО (edu…); учеников в сводке — ${pupils}, школ — ${this.schools.size}`);
    }
    this.schools = new Map();
    this.current = null;
  }

  finish(): ImportResult {
    this.endSheet();
    this.sheetName = '';
    if (!this.sheetsWithHeader && this.errorsShown === 0) {
      this.problems.add('error', null, null, null, 'не найдена строка заголовков отчёта «Индивидуальные результаты» ни на одном листе: нужны столбцы «Код участника», «Первичный балл» и «Отметка» (это отчёт ФИС ОКО по ученикам, а не «Статистика по отметкам»)');
    }
    if (this.errorsHidden) {
      this.problems.add('error', null, null, null, `и ещё ${this.errorsHidden} ${plural(this.errorsHidden, NOUN.error)} в строках учеников (показаны первые ${PROBLEM_LIMIT})`);
    }
    checkMatchShare(this.dir, this.problems, this.result, true);
    const skipped = [...this.pupilsSkipped].map(([r, n]) => `${r} — ${n}`).join('; ');
    const used = this.pending.reduce((a, p) => a + (p.cells[5] as number), 0);
    this.result.notes.push(`Прочитано учеников: ${this.pupilsRead}, школ: ${this.pending.length + this.result.unmatched.length}; в сводку вошли ${used} ${plural(used, NOUN.student)} из ${this.pending.length} ${plural(this.pending.length, NOUN.school, 'gen')}${skipped ? `; не учтены ученики: ${skipped}` : ''}. Строки учеников в книгу не записываются — только итоги по школам.`);
    this.result.header = [...PUPIL_HEADER];
    for (const p of this.pending) {
      this.result.rows.push(p.cells.map((c) => (typeof c === 'number' && !Number.isFinite(c) ? null : c)));
      this.result.origins.push(p.origin);
    }
    return this.result;
  }
}

/**
 * Reduces «Индивидуальные результаты» sheets (grids) to «Результаты» rows, one per school.
 * @example importVprPupils([{ name: 'Лист1', grid }], schoolsGrid).rows[0].slice(0, 6) // [2025, '010014', 'ВПР', '4', 'Математика', 89]
 */
export function importVprPupils(sheets: SourceSheet[], schools: SchoolDirectory | Grid, options: VprPupilOptions = {}): ImportResult {
  const reader = new VprPupilReader(schools, options);
  for (const s of sheets) {
    reader.sheet(s.name);
    for (let r = 0; r < s.grid.length; r++) reader.row(s.grid[r] ?? [], r + 1);
  }
  return reader.finish();
}
