/**
 * The offline page's host (dist/shnor.html): the region the user opened (a workbook or a folder's
 * CSV files, formats/region-files.ts), read-only, and the engine running in the page. The same
 * bridge contract as Excel and Sheets, so the page walks the same wizard; what the other hosts
 * write into the workbook is offered here as files to download (the result workbook, built by the
 * command line's writer formats/xlsx-book.ts, the analytical note and the recommendations).
 * Nothing here touches the network.
 */
import type { LoadedRegion } from '../formats/region-files';
import { writeOutputSheets } from '../formats/xlsx-book';
import type { Identification } from '../shared/method/identify';
import type { Settings } from '../shared/method/settings';
import { recommend } from '../shared/recommendations/recommend';
import { recommendationSheets } from '../shared/recommendations/sheet';
import type { OutputSheet } from '../shared/report-tables';
import { analyticalNote, recommendationsDocument } from '../shared/report/note';
import { todayText } from '../shared/roadmap/dates';
import { checkData } from '../shared/wizard-protocol';
import type { DataCheck, FactorCandidate, HtmlFile, ImportReport, RunProgress, SheetPreview, TemplateReport, WizardBridge } from '../wizard/bridge';
import { type WizardRunSummary, candidatesJson, cleanSettings, noteFile, previewSheet, runEngine } from '../wizard/core';

/** A file the page offers for download. */
export interface DownloadFile {
  fileName: string;
  mime: string;
  data: Uint8Array | string;
}

/** The last successful run: what the downloads are made from. */
export interface OfflineRun {
  year: number;
  result: Identification;
  sheets: OutputSheet[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const READ_ONLY = 'На этой странице книга не изменяется: добавьте листы или строки в Excel, Р7-Офис или LibreOffice, сохраните книгу и откройте её здесь снова.';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class OfflineBridge implements WizardBridge {
  readonly host = 'offline' as const;
  readonly readOnly = true;
  private saved: Partial<Settings> = {};
  private last: OfflineRun | null = null;

  /**
   * `onRun`: called after every run (null when it failed), so the page shows or hides its downloads;
   * `onSelect`: the page shows the sheet and cell (a problem's place, an output sheet).
   */
  constructor(readonly region: LoadedRegion, private readonly hooks: {
    onRun?: (run: OfflineRun | null) => void;
    onSelect?: (sheet: string, cell: string) => void;
    /** The output sheets of a run, for the page's sheet view. */
    onSheets?: (sheets: OutputSheet[]) => void;
  } = {}) {}

  /** The run the downloads are made from, or null before a successful run. */
  get lastRun(): OfflineRun | null {
    return this.last;
  }

  async checkData(): Promise<DataCheck> {
    const check = checkData(this.region.tables);
    // What reading the files found (CSV quotes, stray bytes) first, as the command line lists it.
    if (!this.region.problems.length) return check;
    const problems = [...this.region.problems, ...check.problems];
    return {
      ...check, problems,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    };
  }

  async createTemplates(): Promise<TemplateReport> {
    throw new Error(READ_ONLY);
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.hooks.onSelect?.(sheet, cell);
  }

  async listSheets(): Promise<SheetPreview[]> {
    return this.region.sheets.map((s) => previewSheet(s.name, s.grid));
  }

  async importResults(): Promise<ImportReport> {
    throw new Error(READ_ONLY);
  }

  async loadSettings(): Promise<Partial<Settings>> {
    return { ...this.saved };
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    this.saved = cleanSettings(settings);
  }

  async candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]> {
    return candidatesJson(runEngine(this.region.tables, settings).result);
  }

  async run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<WizardRunSummary> {
    onProgress?.({ fraction: 0.2, message: 'Расчёт индекса качества, ИСБШ и категорий…' });
    await tick();
    const { result, summary, sheets } = runEngine(this.region.tables, settings);
    this.last = summary.ok && result.year !== null ? { year: result.year, result, sheets } : null;
    if (this.last) this.hooks.onSheets?.(sheets);
    onProgress?.({ fraction: 1, message: 'Готово' });
    this.hooks.onRun?.(this.last);
    return summary;
  }

  async analyticalNote(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile> {
    return noteFile(this.region.tables, settings, { cards: !!options?.cards });
  }

  // ------------------------------------------------------------ downloads of the last run

  private run0(): OfflineRun {
    if (!this.last) throw new Error('Сначала выполните расчёт: файлы для скачивания готовятся по его результатам.');
    return this.last;
  }

  /**
   * The result workbook: the input as it was opened (sheets unchanged) plus the four output sheets,
   * written by the command line's writer — the same book as `shnor identify --format xlsx`.
   */
  async resultWorkbook(): Promise<DownloadFile> {
    const run = this.run0();
    const wb = await this.region.workbook();
    writeOutputSheets(wb, run.sheets);
    return { fileName: `ШНОР ${run.year} — результаты идентификации.xlsx`, mime: XLSX_MIME, data: new Uint8Array(await wb.xlsx.writeBuffer()) };
  }

  /** The analytical note with the school cards as annexes (`shnor report --out`). */
  async note(): Promise<DownloadFile> {
    const run = this.run0();
    const rec = recommend(run.result, { tables: this.region.tables });
    return { fileName: `Аналитическая справка ${run.year}.html`, mime: 'text/html;charset=utf-8', data: analyticalNote(run.result, { recommendations: rec, preparedOn: todayText() }) };
  }

  /** The addressed recommendations: one card per ШНОР and ШФНСУ with its measures (`shnor report --cards`). */
  async recommendationCards(): Promise<DownloadFile> {
    const run = this.run0();
    const rec = recommend(run.result, { tables: this.region.tables });
    return { fileName: `Рекомендации ${run.year} — карточки школ.html`, mime: 'text/html;charset=utf-8', data: recommendationsDocument(run.result, rec, { preparedOn: todayText() }) };
  }

  /** The recommendation sheets with the output sheets (`shnor report --recommendations`). */
  async recommendationWorkbook(): Promise<DownloadFile> {
    const run = this.run0();
    const rec = recommend(run.result, { tables: this.region.tables });
    const wb = await this.region.workbook();
    writeOutputSheets(wb, [...run.sheets, ...recommendationSheets(rec)]);
    return { fileName: `Рекомендации ${run.year}.xlsx`, mime: XLSX_MIME, data: new Uint8Array(await wb.xlsx.writeBuffer()) };
  }
}
