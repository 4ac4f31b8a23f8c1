/**
 * The port between the identification wizard (wizard/wizard.ts) and its host. The wizard is one
 * piece of DOM code shown by the Excel task pane, the Google Sheets sidebar and the browser demo;
 * each host implements this interface once:
 *   - Excel:  addin/taskpane/excel-bridge.ts (Office.js, a few batched context.sync() calls)
 *   - Sheets: gas/ (google.script.run → server functions that read/write with SpreadsheetApp)
 *   - demo:   wizard/demo-bridge.ts (an in-memory workbook, the engine runs in the page)
 *   - offline: offline/offline-bridge.ts (dist/shnor.html: a workbook or CSV files the user opened,
 *             read-only; the results are downloaded)
 *
 * Rules that keep the Sheets bridge possible: every method is async and every argument and result
 * is plain JSON (no functions, Dates, NaN or class instances), except the `onProgress` callback of
 * `run`, which a host may call zero or more times. Errors are rejected promises whose `message` is
 * Russian and shown to the user as is. The interface is stable: new methods are added as optional.
 *
 * Host-neutral work (checking, running the engine, mapping imported columns, turning candidate
 * factors into JSON) lives in wizard/core.ts so bridges only read grids and write sheets.
 */
import type { DataCheck, RunSummary } from '../shared/wizard-protocol';
import type { Settings } from '../shared/method/settings';

export type { DataCheck, RunSummary, ListEntry } from '../shared/wizard-protocol';
export type { Settings } from '../shared/method/settings';
export type { Problem } from '../shared/types';

/** Which host the wizard runs in (changes a few hints, never the flow). */
export type HostKind = 'excel' | 'sheets' | 'demo' | 'onlyoffice' | 'offline';

/** Progress of a run: `fraction` 0…1 and a Russian line saying what is being done. */
export interface RunProgress {
  fraction: number;
  message: string;
}

/** What «Создать шаблоны» did. */
export interface TemplateReport {
  /** Sheets added (headers, hints, validation). */
  created: string[];
  /** Sheets that were already there and were left untouched. */
  existing: string[];
}

/** One sheet of the workbook offered as a source for importing results. */
export interface SheetPreview {
  name: string;
  /** Rows with any value. */
  rows: number;
  /** 1-based row that looks like the header (the first row with ≥ 3 text cells, else 1). */
  headerRow: number;
  /** Cell texts of that header row (column A first). */
  headers: string[];
  /** Up to 3 rows under the header, as text, for the mapping preview. */
  sample: string[][];
}

/** Columns of «Результаты» that an import can fill, in sheet order. */
export const IMPORT_TARGETS = [
  'Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл',
  'Стандартное отклонение', 'Не справились', '2', '3', '4', '5',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/**
 * Import of results kept on another sheet (an export from ФИС ОКО or a regional system) into
 * «Результаты»: each target column takes a source column (0-based index) or one constant for all
 * rows (e.g. Процедура = «ОГЭ» when the source sheet holds one procedure).
 */
export interface ImportRequest {
  sourceSheet: string;
  /** 1-based header row of the source sheet; data starts below it. */
  headerRow: number;
  columns: Partial<Record<ImportTarget, number>>;
  constants: Partial<Record<ImportTarget, string | number>>;
}

/** What an import did: rows appended to «Результаты» and rows skipped with the reason. */
export interface ImportReport {
  appended: number;
  skipped: number;
  /** Russian messages, one per skipped row or problem (at most 50). */
  messages: string[];
}

/** A social column tried as an ИСБШ factor (Identification.candidates as JSON: NaN → null). */
export interface FactorCandidate {
  name: string;
  inModel: boolean;
  b: number | null;
  se: number | null;
  t: number | null;
  p: number | null;
  beta: number | null;
  n: number;
  adjR2: number | null;
  adjR2Gain: number | null;
  /** Why it could not be estimated, in Russian, or null. */
  message: string | null;
}

export interface WizardBridge {
  /** Which host this is. */
  readonly host: HostKind;

  /**
   * The host never changes the workbook (the offline page reads a file and offers the results for
   * download): the wizard hides template creation and the imports, which write to input sheets.
   */
  readonly readOnly?: boolean;

  /**
   * Reads the input sheets («Школы», «Результаты», «Социальные показатели», «Настройки») once and
   * validates them without running the identification (shared checkData). Never writes.
   */
  checkData(): Promise<DataCheck>;

  /**
   * Adds the missing input sheets with headers, a hint row and data validation. Existing sheets
   * are never touched.
   */
  createTemplates(): Promise<TemplateReport>;

  /**
   * Activates `sheet` and selects `cell` (an A1 address such as «D17», or a row such as «17:17»)
   * so the user sees the problem. Resolves quietly when the sheet no longer exists.
   */
  selectCell(sheet: string, cell: string): Promise<void>;

  /** Every sheet of the workbook with its header row and a preview, for the import dialog. */
  listSheets(): Promise<SheetPreview[]>;

  /**
   * Appends the mapped rows of `request.sourceSheet` to «Результаты» (creating it from the
   * template when missing). The only method that writes to an input sheet, and only on the user's
   * explicit request; the source sheet is never changed.
   */
  importResults(request: ImportRequest): Promise<ImportReport>;

  /**
   * The settings the wizard saved in this workbook last time (Excel: document settings; Sheets:
   * document properties; demo: memory). Empty object when none. They override «Настройки».
   */
  loadSettings(): Promise<Partial<Settings>>;

  /** Saves the wizard's settings in this workbook (not in «Настройки», which stays the user's). */
  saveSettings(settings: Partial<Settings>): Promise<void>;

  /**
   * The candidate-factor table for these settings: every social column tried with the chosen
   * factors of the year (wizard/core.ts candidateFactors). Reads, never writes.
   */
  candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]>;

  /**
   * Runs the identification with `settings` over the «Настройки» sheet and, when it succeeds,
   * writes that year's output sheets (replacing only those four sheets), the chart and formats.
   * Input sheets are never changed. Resolves with the summary also when the data has errors
   * (`ok: false`, the problems listed, nothing written).
   */
  run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<RunSummary>;

  // ---------------------------------------------------------------- after the identification
  // Optional: a host that lacks one of these hides the matching button.

  /**
   * The analytical note («Аналитическая справка о результатах идентификации») for a run with
   * `settings`: one self-contained HTML file (shared/report analyticalNote, with the
   * recommendations of shared/recommendations; with `cards` the one-page school cards are an
   * annex). Reads, never writes to the workbook; the wizard offers the file for download.
   */
  analyticalNote?(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile>;

  /**
   * Inserts a programme template (shared/roadmap templates: roadmaps, target indicators with the
   * facts of the identification, school roadmaps for each ШНОР) as new sheets. Existing sheets
   * with the same names are never overwritten (reported in `existing`).
   */
  insertProgrammeTemplate?(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): Promise<TemplateReport>;

  /**
   * Imports an official export that the user opened as a sheet of this workbook (ВПР statistics,
   * ОГЭ/ЕГЭ results, the school social passport; shared/import) into «Результаты» or «Социальные
   * показатели». With `preview` nothing is written: the report shows the column mapping and the
   * rows that would be added. The source sheet is never changed.
   */
  importExport?(request: ExportImportRequest): Promise<ExportImportReport>;
}

/** A generated file the wizard offers for download (and the Sheets sidebar may also show). */
export interface HtmlFile {
  /** Suggested file name, e.g. «Аналитическая справка 2025.html». */
  fileName: string;
  html: string;
}

/** The programme templates of shared/roadmap that a wizard can insert. */
export type ProgrammeTemplateKind = 'regional-roadmap' | 'programme-roadmap' | 'municipal-programme' | 'school-roadmaps' | 'target-indicators';

export const PROGRAMME_TEMPLATES: { kind: ProgrammeTemplateKind; title: string }[] = [
  { kind: 'regional-roadmap', title: 'Региональная дорожная карта' },
  { kind: 'programme-roadmap', title: 'Дорожная карта региональной программы' },
  { kind: 'municipal-programme', title: 'Муниципальная программа' },
  { kind: 'school-roadmaps', title: 'Дорожные карты ШНОР (по листу на школу)' },
  { kind: 'target-indicators', title: 'Целевые показатели программы' },
];

/** Kinds of official exports (shared/import). */
export type ExportKind = 'vpr' | 'vpr-pupils' | 'vpr-journal' | 'oge' | 'ege' | 'passport';

export interface ExportImportRequest {
  kind: ExportKind;
  /** The sheet holding the export as the official received it. */
  sourceSheet: string;
  /** Year of the results (default: the year in the file, else the current one). */
  year?: number;
  /** Corrected column mapping (as `shnor import --map`: «Средний балл=D; Код ОО=-»), optional. */
  mapping?: string;
  /** Only show what would happen. */
  preview: boolean;
}

export interface ExportImportReport {
  /** Rows added (or that would be added, with preview). */
  added: number;
  /** Rows matched to a school that already had that row (not duplicated). */
  alreadyThere: number;
  /** Rows of the sheet whose blank cells the import fills (the per-pupil and journal ВПР imports complete the marks statistics' rows). */
  filled?: number;
  /** Russian lines: the mapping used, unmatched and ambiguous rows with their row numbers, problems. */
  messages: string[];
  /** True when there were errors: then nothing was written. */
  failed: boolean;
}
