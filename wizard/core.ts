/**
 * Host-neutral work behind the wizard's bridge: everything a bridge needs besides reading grids
 * and writing sheets. No DOM here, so the Apps Script server code can bundle it too.
 */
import { rememberSheetNames } from '../shared/input/sheet-names';
import { type Identification, identify } from '../shared/method/identify';
import { SHEETS, NOUN, counted } from '../shared/messages';
import { cellText, isBlank } from '../shared/input/numbers';
import { type OutputSheet, outputSheets } from '../shared/report-tables';
import { objectivitySheetName } from '../shared/objectivity/sheet';
import { DEFAULT_SETTINGS, STANDARD_FACTORS, type Settings } from '../shared/method/settings';
import { findHeader, normalizeHeader } from '../shared/input/table';
import type { Cell, Grid, RegionTables } from '../shared/types';
import { type RunSummary, summarizeRun } from '../shared/wizard-protocol';
import { type AppendPlan, type UpdateBlock, planWrites, updateBlock } from '../shared/import/append';
import { importDirectory, importPreviewLines, planImport, runImporter } from '../shared/import/run';
import { recommend } from '../shared/recommendations/recommend';
import { analyticalNote } from '../shared/report/note';
import { todayText } from '../shared/roadmap/dates';
import { type SheetLayout as TemplateLayout, layoutTemplate, placedCell } from '../shared/roadmap/template-sheet';
import { TEMPLATE_KINDS, buildTemplate } from '../shared/roadmap/templates';
import {
  type ExportImportReport, type ExportImportRequest, type ExportKind, type FactorCandidate, type HtmlFile, IMPORT_TARGETS, type ImportReport, type ImportRequest,
  type ImportTarget, PROGRAMME_TEMPLATES, type ProgrammeTemplateKind, type SheetPreview,
} from './bridge';

export type { TemplateLayout };

/** The input sheets in the order they are read. */
export const INPUT_SHEETS = [SHEETS.schools, SHEETS.results, SHEETS.social, SHEETS.settings] as const;

/**
 * A workbook's input sheets by name → the engine's tables (missing sheets stay undefined).
 * `sheetNames`, every sheet of the workbook, lets a missing sheet be reported with the closest one.
 */
export function tablesFrom(grids: Record<string, Grid | undefined>, sheetNames?: string[]): RegionTables {
  const tables: RegionTables = {
    schools: grids[SHEETS.schools] ?? [],
    results: grids[SHEETS.results] ?? [],
    social: grids[SHEETS.social],
    settings: grids[SHEETS.settings],
  };
  if (sheetNames) rememberSheetNames(tables, sheetNames);
  return tables;
}

/** Names of the sheets a run for `year` writes (and replaces). */
export function outputSheetNames(year: number): string[] {
  return [SHEETS.identification(year), SHEETS.model(year), SHEETS.summary(year), SHEETS.lists(year), objectivitySheetName(year)];
}

// ---------------------------------------------------------------- templates

/** Data validation a template column carries (each host maps it to its own API). */
export type TemplateValidation =
  | { type: 'list'; values: string[] }
  | { type: 'whole'; min: number; max: number }
  | { type: 'decimal'; min: number; max: number };

export interface TemplateColumn {
  title: string;
  width: number;
  validation?: TemplateValidation;
  /** Keep as text (codes with leading zeros). */
  text?: boolean;
}

/** An input sheet as the «Создать шаблоны» button creates it: instructions above the header. */
export interface TemplateSheet {
  name: string;
  /** Lines above the header (the reader skips them). */
  notes: string[];
  columns: TemplateColumn[];
  /** Rows under the header (only «Настройки» comes pre-filled). */
  rows: (string | number)[][];
}

const PERCENT: TemplateValidation = { type: 'decimal', min: 0, max: 100 };
const COUNT: TemplateValidation = { type: 'whole', min: 0, max: 100000 };
const YEAR: TemplateValidation = { type: 'whole', min: 2000, max: 2100 };

/** The four input sheets of DATA.md. */
export const TEMPLATE_SHEETS: TemplateSheet[] = [
  {
    name: SHEETS.schools,
    notes: ['Перечень общеобразовательных организаций: одна строка на школу. Код ОО — как в ФИС ОКО (ведущие нули сохраняются).'],
    columns: [
      { title: 'Код ОО', width: 14, text: true }, { title: 'Наименование ОО', width: 44 }, { title: 'Муниципалитет', width: 26 },
      { title: 'Местность', width: 12, validation: { type: 'list', values: ['город', 'село'] } },
      { title: 'Малокомплектная', width: 16, validation: { type: 'list', values: ['да', 'нет'] } },
      { title: 'Обучающихся', width: 13, validation: COUNT },
    ],
    rows: [],
  },
  {
    name: SHEETS.results,
    notes: ['Результаты оценочных процедур: одна строка на школу × год × показатель. Средний балл или распределение отметок «2»–«5»; «Не справились» — получили «2» или ниже минимального балла.'],
    columns: [
      { title: 'Год', width: 7, validation: YEAR }, { title: 'Код ОО', width: 14, text: true },
      { title: 'Процедура', width: 11, validation: { type: 'list', values: ['ВПР', 'ОГЭ', 'ЕГЭ'] } },
      { title: 'Класс', width: 7, validation: { type: 'whole', min: 1, max: 11 } }, { title: 'Предмет', width: 22 },
      { title: 'Участников', width: 11, validation: COUNT }, { title: 'Средний балл', width: 12, validation: { type: 'decimal', min: 0, max: 100 } },
      { title: 'Стандартное отклонение', width: 14, validation: { type: 'decimal', min: 0, max: 100 } },
      { title: 'Не справились', width: 12, validation: COUNT },
      { title: '2', width: 6, validation: COUNT }, { title: '3', width: 6, validation: COUNT },
      { title: '4', width: 6, validation: COUNT }, { title: '5', width: 6, validation: COUNT },
    ],
    rows: [],
  },
  {
    name: SHEETS.social,
    notes: ['Социальные показатели школ: одна строка на школу × год, доли обучающихся в процентах (0–100). Дополнительные столбцы можно добавить справа — мастер предложит их как кандидаты в факторы ИСБШ.'],
    columns: [
      { title: 'Год', width: 7, validation: YEAR }, { title: 'Код ОО', width: 14, text: true },
      ...STANDARD_FACTORS.map((f) => ({ title: f, width: 18, validation: PERCENT })),
    ],
    rows: [],
  },
  {
    name: SHEETS.settings,
    notes: ['Настройки идентификации. Пустое значение — значение по умолчанию. Мастер может переопределить их, не меняя этот лист.'],
    columns: [{ title: 'Параметр', width: 34 }, { title: 'Значение', width: 40 }],
    rows: [
      ['Год', ''],
      ['Метод', 'региональный'],
      ['Критическое значение z', DEFAULT_SETTINGS.zCritical],
      ['Ширина группы, σ', DEFAULT_SETTINGS.bandWidth],
      ['Минимум участников', DEFAULT_SETTINGS.minParticipants],
      ['Порог неуспешности, %', DEFAULT_SETTINGS.failShare * 100],
      ['Минимум участников в показателе', DEFAULT_SETTINGS.minIndicatorParticipants],
      ['Индикаторы', 'стандартные'],
      ...STANDARD_FACTORS.map((f) => ['Фактор ИСБШ', f]),
      ['Лет для устойчивости', DEFAULT_SETTINGS.stabilityYears],
    ],
  },
];

/** A template as a grid: notes, a blank row, the header, the pre-filled rows. */
export function templateGrid(t: TemplateSheet): (string | number)[][] {
  const width = t.columns.length;
  const pad = (row: (string | number)[]) => [...row, ...Array(Math.max(0, width - row.length)).fill('')];
  return [...t.notes.map((n) => pad([n])), pad([]), t.columns.map((c) => c.title), ...t.rows.map(pad)];
}

/** 0-based row of the header in templateGrid(t). */
export function templateHeaderRow(t: TemplateSheet): number {
  return t.notes.length + 1;
}

// ---------------------------------------------------------------- import

function nonBlankRows(grid: Grid): number {
  let n = 0;
  for (const row of grid) if (row && row.some((c) => !isBlank(c))) n++;
  return n;
}

/**
 * A sheet as the import dialog shows it: the likely header row (the first with ≥ 3 text cells
 * among the first 30 rows) and three rows of sample.
 * @example previewSheet('Выгрузка', [['Код', 'Балл', 'Участники'], ['001', 4.1, 20]]).headers // ['Код', 'Балл', 'Участники']
 */
export function previewSheet(name: string, grid: Grid): SheetPreview {
  let headerRow = 0;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const texts = (grid[r] ?? []).filter((c) => typeof c === 'string' && c.trim() !== '').length;
    if (texts >= 3) { headerRow = r; break; }
  }
  const width = grid.reduce((w, row) => Math.max(w, row ? row.length : 0), 0);
  const text = (row: Cell[] | undefined) => Array.from({ length: width }, (_, c) => cellText(row?.[c]));
  return {
    name,
    rows: nonBlankRows(grid),
    headerRow: headerRow + 1,
    headers: text(grid[headerRow]),
    sample: grid.slice(headerRow + 1, headerRow + 4).map(text),
  };
}

const TARGET_SYNONYMS: Record<ImportTarget, string[]> = {
  'Год': ['Год', 'Учебный год'],
  'Код ОО': ['Код ОО', 'Код', 'Логин ОО', 'Логин', 'ИНН', 'Код школы'],
  'Процедура': ['Процедура', 'Оценочная процедура', 'Вид', 'Экзамен'],
  'Класс': ['Класс', 'Параллель'],
  'Предмет': ['Предмет', 'Учебный предмет'],
  'Участников': ['Участников', 'Число участников', 'Количество участников', 'Участники', 'Писали'],
  'Средний балл': ['Средний балл', 'Средняя отметка', 'Среднее', 'Балл'],
  'Стандартное отклонение': ['Стандартное отклонение', 'СКО', 'Ст. отклонение'],
  'Не справились': ['Не справились', 'Не справились с работой', 'Ниже минимума', 'Не преодолели минимальный порог'],
  '2': ['2', '«2»', 'Отметка 2'], '3': ['3', '«3»', 'Отметка 3'], '4': ['4', '«4»', 'Отметка 4'], '5': ['5', '«5»', 'Отметка 5'],
};

/**
 * The mapping the import dialog proposes: each «Результаты» column matched to a source header
 * by title or synonym.
 * @example guessMapping(['Логин', 'Балл']) // { 'Код ОО': 0, 'Средний балл': 1 }
 */
export function guessMapping(headers: string[]): Partial<Record<ImportTarget, number>> {
  const out: Partial<Record<ImportTarget, number>> = {};
  const used = new Set<number>();
  for (const target of IMPORT_TARGETS) {
    const names = new Set(TARGET_SYNONYMS[target].map(normalizeHeader));
    const i = headers.findIndex((h, k) => !used.has(k) && h !== '' && names.has(normalizeHeader(h)));
    if (i >= 0) { out[target] = i; used.add(i); }
  }
  return out;
}

/** Columns an imported row cannot do without. */
const IMPORT_REQUIRED: ImportTarget[] = ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников'];

/**
 * Turns the rows of a source sheet into rows of «Результаты» (in IMPORT_TARGETS order) by the
 * mapping. Rows with a required value missing are skipped with a message; values are copied as
 * they are (the reader validates them on the next check).
 */
export function mapImport(source: Grid, request: ImportRequest): { rows: Cell[][]; report: ImportReport } {
  const missing = IMPORT_REQUIRED.filter((t) => request.columns[t] === undefined && (request.constants[t] ?? '') === '');
  if (missing.length) {
    return { rows: [], report: { appended: 0, skipped: 0, messages: [`Не указано, откуда взять: ${missing.map((m) => `«${m}»`).join(', ')}`] } };
  }
  if (!(request.columns['Средний балл'] !== undefined || ['2', '3', '4', '5'].every((m) => request.columns[m as ImportTarget] !== undefined))) {
    return { rows: [], report: { appended: 0, skipped: 0, messages: ['Укажите столбец «Средний балл» или все четыре столбца отметок «2»–«5»'] } };
  }
  const rows: Cell[][] = [];
  const messages: string[] = [];
  let skipped = 0;
  for (let r = Math.max(0, request.headerRow); r < source.length; r++) {
    const src = source[r] ?? [];
    if (!src.some((c) => !isBlank(c))) continue;
    const out = IMPORT_TARGETS.map((t) => {
      const c = request.columns[t];
      if (c !== undefined) return src[c] ?? null;
      const k = request.constants[t];
      return k === undefined || k === '' ? null : k;
    });
    const absent = IMPORT_REQUIRED.filter((t) => isBlank(out[IMPORT_TARGETS.indexOf(t)]));
    if (absent.length) {
      skipped++;
      if (messages.length < 50) messages.push(`Лист «${request.sourceSheet}», строка ${r + 1}: пусто в ${absent.map((a) => `«${a}»`).join(', ')} — строка пропущена`);
      continue;
    }
    rows.push(out);
  }
  return { rows, report: { appended: rows.length, skipped, messages } };
}

// ---------------------------------------------------------------- run

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The candidate-factor table of a run as JSON (NaN → null). */
export function candidatesJson(result: Identification): FactorCandidate[] {
  return result.candidates.map((c) => ({
    name: c.name, inModel: c.inModel, b: finite(c.b), se: finite(c.se), t: finite(c.t), p: finite(c.p), beta: finite(c.beta),
    n: c.n, adjR2: finite(c.adjR2), adjR2Gain: finite(c.adjR2Gain), message: c.message,
  }));
}

/**
 * Where the scatter chart's quadrant lines go (METHODOLOGY § 3): ИСБШ groups 1–4 lie left of
 * 1 − 1,5·w·σ(ИСБШ); quality groups 1–5 lie below 1 − 0,5·w·σ(КИ) and 7–11 above 1 + 0,5·w·σ(КИ)
 * (the significance gate moves single schools across these lines).
 */
export interface QuadrantGuides {
  isbshLow: number;
  qualityLow: number;
  qualityHigh: number;
}

export function quadrantGuides(result: Identification): QuadrantGuides | null {
  const w = result.settings.bandWidth;
  if (result.isbshSigma === null || result.qualitySigma === null) return null;
  return {
    isbshLow: 1 - 1.5 * w * result.isbshSigma,
    qualityLow: 1 - 0.5 * w * result.qualitySigma,
    qualityHigh: 1 + 0.5 * w * result.qualitySigma,
  };
}

/** What run() resolves with: the shared summary plus the chart guides (optional for old bridges). */
export interface WizardRunSummary extends RunSummary {
  guides?: QuadrantGuides | null;
}

export interface EngineRun {
  result: Identification;
  summary: WizardRunSummary;
  /** The sheets to write (empty when the data has errors). */
  sheets: OutputSheet[];
}

/** Runs the engine on the grids with the wizard's settings: one call for every host. */
export function runEngine(tables: RegionTables, settings: Partial<Settings>): EngineRun {
  const result = identify(tables, { settings: cleanSettings(settings) });
  const summary: WizardRunSummary = { ...summarizeRun(result), guides: result.ok ? quadrantGuides(result) : null };
  return { result, summary, sheets: result.ok ? outputSheets(result) : [] };
}

/** The settings a bridge received over JSON, keeping only known keys with values. */
export function cleanSettings(settings: Partial<Settings> | null | undefined): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (!settings) return out;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const v = settings[key];
    if (v !== undefined && !(typeof v === 'number' && !Number.isFinite(v))) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/**
 * Where imported rows go on «Результаты» (`existing`: its grid, or null when the sheet does not
 * exist and will be created from the template): below the last row, each value under the column
 * with the same title in the sheet's own order. Targets the sheet has no column for are reported.
 */
export function appendPlan(existing: Grid | null, rows: Cell[][]): { startRow: number; width: number; rows: Cell[][]; codeColumn: number | null; messages: string[] } {
  const template = TEMPLATE_SHEETS.find((t) => t.name === SHEETS.results)!;
  const grid: Grid = existing ?? templateGrid(template);
  const header = findHeader(grid, IMPORT_TARGETS.map((t) => ({ key: t, title: t, required: t === 'Код ОО' || t === 'Год' })));
  const headerRow = header ? header.headerRow : 0;
  const titles = (grid[headerRow] ?? []).map((c) => normalizeHeader(cellText(c)));
  const width = Math.max(titles.length, 1);
  const messages: string[] = [];
  const index = IMPORT_TARGETS.map((t) => titles.indexOf(normalizeHeader(t)));
  const dropped = IMPORT_TARGETS.filter((t, k) => index[k] < 0 && rows.some((r) => !isBlank(r[k])));
  if (dropped.length) messages.push(`На листе «${SHEETS.results}» нет столбцов ${dropped.map((d) => `«${d}»`).join(', ')}: эти значения не перенесены`);
  const out = rows.map((r) => {
    const line: Cell[] = Array.from({ length: width }, () => null);
    IMPORT_TARGETS.forEach((_, k) => { if (index[k] >= 0) line[index[k]] = r[k]; });
    return line;
  });
  let last = grid.length;
  while (last > headerRow + 1 && !(grid[last - 1] ?? []).some((c) => !isBlank(c))) last--;
  const code = index[IMPORT_TARGETS.indexOf('Код ОО')];
  return { startRow: Math.max(last, headerRow + 1), width, rows: out, codeColumn: code >= 0 ? code : null, messages };
}

// ---------------------------------------------------------------- after the identification
// The optional bridge methods (analyticalNote, insertProgrammeTemplate, importExport): everything
// but reading grids and writing sheets, so the Excel, Sheets and demo bridges stay thin.

function errorsWord(n: number): string {
  return counted(n, NOUN.error);
}

/**
 * The analytical note of a run with `settings` (shared/report analyticalNote with the
 * recommendations of shared/recommendations; `cards`: the school cards as annexes А and Б).
 * Throws a Russian error when the data has errors.
 * @example noteFile(tablesFrom(grids), {}, { cards: true }).fileName // 'Аналитическая справка 2025.html'
 */
export function noteFile(tables: RegionTables, settings: Partial<Settings>, options: { cards: boolean; preparedOn?: string }): HtmlFile {
  const result = identify(tables, { settings: cleanSettings(settings) });
  if (!result.ok || result.year === null) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    throw new Error(`Справка не сформирована: во входных данных ${errorsWord(errors.length)}${errors[0] ? ` (первая: ${errors[0].message})` : ''}. Исправьте их и нажмите «Проверить данные».`);
  }
  const recommendations = recommend(result, { tables });
  const html = analyticalNote(result, { recommendations, preparedOn: options.preparedOn ?? todayText(), cards: options.cards });
  return { fileName: `Аналитическая справка ${result.year}.html`, html };
}

/** A programme template laid out on rows (shared/roadmap layoutTemplate), ready for a host to write. */
export interface ProgrammeTemplate {
  title: string;
  sheets: TemplateLayout[];
  /** What was filled, in Russian (e.g. which facts came from the identification). */
  notes: string[];
}

/**
 * Builds a programme template (shared/roadmap buildTemplate) as the command line's `shnor template`
 * does: for the kinds that use it (TEMPLATE_KINDS usesIdentification), the identification of
 * `tables` (when it succeeds) fills the facts and the school roadmaps; `year` is the roadmap's year
 * (default: this calendar year), `start` the programme's first year. Throws a Russian error.
 * Every host (Excel, Sheets, the demo) calls this and then adds only the sheets the book lacks.
 */
export function programmeTemplate(kind: ProgrammeTemplateKind, tables: RegionTables | null, settings: Partial<Settings>, options: { start?: number; year?: number } = {}): ProgrammeTemplate {
  const spec = TEMPLATE_KINDS.find((k) => k.kind === kind);
  const title = PROGRAMME_TEMPLATES.find((k) => k.kind === kind)?.title ?? kind;
  if (!spec) throw new Error(`Неизвестный шаблон «${kind}»`);
  const start = options.start;
  if (start !== undefined && start !== null && !(Number.isInteger(start) && start >= 2000 && start <= 2100)) {
    throw new Error(`Первый год программы: ожидался год, например 2026, указано «${start}»`);
  }
  let identification: Identification | undefined;
  if (spec.usesIdentification && tables && tables.schools.length) {
    const result = identify(tables, { settings: cleanSettings(settings) });
    if (result.ok) identification = result;
    else if (spec.needsInput) {
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      throw new Error(`Шаблон «${title}» строится по идентификации, а во входных данных ${errorsWord(errors)}. Исправьте их и нажмите «Проверить данные».`);
    }
  }
  if (spec.needsInput && !identification) throw new Error(`Шаблон «${title}» строится по идентификации: для него нужны листы «${SHEETS.schools}» и «${SHEETS.results}». Заполните их и нажмите «Проверить данные».`);
  const book = buildTemplate(kind, { year: options.year ?? new Date().getFullYear(), start: start ?? undefined, identification });
  return { title, sheets: book.sheets.map(layoutTemplate), notes: book.notes };
}

/** The whole template sheet as a rectangular grid (`layout.width` columns). */
export function templateLayoutGrid(layout: TemplateLayout, date: (ymd: string) => Cell): Cell[][] {
  const last = layout.rows.reduce((m, r) => Math.max(m, r.row), 0);
  const grid: Cell[][] = Array.from({ length: last }, () => Array.from({ length: layout.width }, () => null as Cell));
  for (const r of layout.rows) r.values.forEach((v, c) => { if (c < layout.width) grid[r.row - 1][c] = placedCell(v, date); });
  return grid;
}

/** The sheet an export of this kind goes to. */
export function exportTarget(kind: ExportKind): string {
  return kind === 'passport' ? SHEETS.social : SHEETS.results;
}

/**
 * Runs an export import (shared/import) over grids a bridge read: the source sheet, «Школы» and the
 * target sheet («Результаты» or «Социальные показатели», undefined when missing). Returns the
 * report and the plan for the bridge to write (shared/import planAppend): null when there is nothing
 * to write (a preview, errors, or no rows and no new columns), so a bridge only checks `if (plan)`.
 */
export function exportImportPlan(request: ExportImportRequest, grids: { source: Grid; schools: Grid | undefined; target: Grid | undefined }): { report: ExportImportReport; plan: AppendPlan | null; block: UpdateBlock | null } {
  const messages: string[] = [];
  const fail = (text: string[]) => ({ report: { added: 0, alreadyThere: 0, messages: text, failed: true }, plan: null, block: null });
  const year = request.year;
  if (year !== undefined && year !== null && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) return fail([`Год: ожидался год, например 2025, указано «${year}»`]);
  const { dir, failure } = importDirectory(grids.schools);
  if (failure) return fail(failure);
  const sheets = [{ name: request.sourceSheet, grid: grids.source }];
  const mapping = request.mapping?.trim() || undefined;
  const fixed = isFisOkoKind(request.kind);
  const options = { year: year ?? undefined, map: fixed ? undefined : mapping, fileName: request.sourceSheet };
  if (fixed && mapping) messages.push('Для ВПР сопоставление столбцов не нужно (таблица ФИС ОКО распознаётся сама): поле «Сопоставление столбцов» не использовано.');
  if (request.preview) messages.push(...importPreviewLines(request.kind, sheets, options));
  const { plan, errors, lines, preview } = planImport(runImporter(request.kind, sheets, dir, options), grids.target, { preview: request.preview, limit: 100 });
  messages.push(...lines, ...preview);
  const failed = errors.length > 0;
  const written = plan && !failed && !request.preview && planWrites(plan) ? plan : null;
  return {
    report: {
      added: plan && !failed ? plan.append.length : 0, alreadyThere: plan ? plan.duplicates.length : 0, messages, failed,
      ...(plan && plan.updates.length && !failed ? { filled: plan.updates.length } : {}),
    },
    plan: written,
    block: written ? updateBlock(grids.target, written) : null,
  };
}

/** The ФИС ОКО exports whose layout is fixed (no column mapping): the ВПР statistics, per-pupil results, the journal comparison. */
export function isFisOkoKind(kind: ExportKind): boolean {
  return kind === 'vpr' || kind === 'vpr-pupils' || kind === 'vpr-journal';
}

/**
 * A plan applied to a grid (the demo's in-memory sheet; the hosts' writers do the same with their
 * APIs): the header (created or extended) and the appended rows.
 */
export function applyPlanToGrid(grid: Grid | undefined, plan: AppendPlan): Cell[][] {
  const out: Cell[][] = plan.create ? [] : (grid ?? []).map((r) => [...(r ?? [])]);
  const head = (out[plan.headerRow] ??= []);
  plan.header.forEach((h, i) => { if (plan.create || plan.added.some((a) => a.index === i)) head[i] = h; });
  plan.append.forEach((cells, k) => { out[plan.firstAppendRow + k] = [...cells]; });
  for (const u of plan.updates) {
    const row = (out[u.row] ??= []);
    for (const c of u.cells) row[c.index] = c.value;
  }
  for (let r = 0; r < out.length; r++) out[r] ??= [];
  return out;
}

/** Drops trailing blank rows and columns of a fixed-size read (the top of a sheet, read as a fixed block for an import preview). */
export function trimGrid(values: Cell[][]): Grid {
  const blank = (c: Cell) => c === '' || c === null || c === undefined;
  let rows = values.length;
  while (rows > 0 && values[rows - 1].every(blank)) rows--;
  let cols = 0;
  for (let r = 0; r < rows; r++) for (let c = values[r].length - 1; c >= cols; c--) if (!blank(values[r][c])) { cols = c + 1; break; }
  return values.slice(0, rows).map((r) => r.slice(0, cols));
}
