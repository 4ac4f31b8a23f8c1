/**
 * The browser demo's host: an in-memory workbook (sheet name → grid) and the engine running in
 * the page. Same bridge contract as Excel and Sheets, so the demo walks the real wizard.
 */
import { SHEETS } from '../shared/messages';
import { fmtDate } from '../shared/roadmap/dates';
import { newTemplateSheets } from '../shared/roadmap/template-sheet';
import type { OutColumn } from '../shared/report-tables';
import type { Settings } from '../shared/method/settings';
import type { Cell, Grid } from '../shared/types';
import { checkData } from '../shared/wizard-protocol';
import type {
  DataCheck, ExportImportReport, ExportImportRequest, FactorCandidate, HtmlFile, ImportReport, ImportRequest, ProgrammeTemplateKind, RunProgress,
  SheetPreview, TemplateReport, WizardBridge,
} from './bridge';
import {
  INPUT_SHEETS, TEMPLATE_SHEETS, type WizardRunSummary, appendPlan, applyPlanToGrid, candidatesJson, cleanSettings, exportImportPlan, exportTarget,
  mapImport, noteFile, outputSheetNames, previewSheet, programmeTemplate, runEngine, tablesFrom, templateGrid, templateLayoutGrid,
} from './core';
import { type SheetLayout, layoutSheet } from './layout';

/** A workbook held in memory: ordered sheets of cells. */
export class MemoryWorkbook {
  readonly sheets = new Map<string, Cell[][]>();
  /** How output sheets are formatted (layout and column formats), for a view that draws them. */
  readonly formats = new Map<string, { layout: SheetLayout; columns: OutColumn[] }>();
  active: { sheet: string; cell: string } | null = null;
  private listeners: (() => void)[] = [];

  constructor(sheets: Record<string, Grid | undefined> = {}) {
    for (const [name, grid] of Object.entries(sheets)) if (grid) this.sheets.set(name, grid.map((r) => [...r]));
  }

  names(): string[] {
    return [...this.sheets.keys()];
  }

  /** Replaces or adds a sheet (added at the end). */
  put(name: string, grid: Cell[][]): void {
    this.sheets.set(name, grid);
    this.changed();
  }

  remove(name: string): void {
    this.sheets.delete(name);
    this.formats.delete(name);
    this.changed();
  }

  select(sheet: string, cell: string): void {
    this.active = { sheet, cell };
    this.changed();
  }

  /** Called after every change (the demo page redraws its sheet view). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The in-memory bridge. `delayMs` spaces the progress steps so the bar is visible. */
export class DemoBridge implements WizardBridge {
  readonly host = 'demo' as const;
  private saved: Partial<Settings> = {};

  constructor(readonly workbook: MemoryWorkbook, private readonly options: { delayMs?: number } = {}) {}

  private grids(): Record<string, Grid | undefined> {
    return Object.fromEntries(INPUT_SHEETS.map((n) => [n, this.workbook.sheets.get(n)]));
  }

  async checkData(): Promise<DataCheck> {
    return checkData(tablesFrom(this.grids(), [...this.workbook.sheets.keys()]));
  }

  async createTemplates(): Promise<TemplateReport> {
    const created: string[] = [];
    const existing: string[] = [];
    for (const t of TEMPLATE_SHEETS) {
      if (this.workbook.sheets.has(t.name)) existing.push(t.name);
      else { this.workbook.put(t.name, templateGrid(t)); created.push(t.name); }
    }
    return { created, existing };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (this.workbook.sheets.has(sheet)) this.workbook.select(sheet, cell);
  }

  async listSheets(): Promise<SheetPreview[]> {
    return this.workbook.names().map((n) => previewSheet(n, this.workbook.sheets.get(n)!));
  }

  async importResults(request: ImportRequest): Promise<ImportReport> {
    const source = this.workbook.sheets.get(request.sourceSheet);
    if (!source) throw new Error(`Нет листа «${request.sourceSheet}»`);
    const { rows, report } = mapImport(source, request);
    if (!rows.length) return report;
    const existing = this.workbook.sheets.get(SHEETS.results) ?? null;
    const plan = appendPlan(existing, rows);
    report.messages.push(...plan.messages);
    const grid = (existing ?? templateGrid(TEMPLATE_SHEETS.find((t) => t.name === SHEETS.results)!)).slice(0, plan.startRow);
    this.workbook.put(SHEETS.results, [...grid, ...plan.rows]);
    return report;
  }

  async loadSettings(): Promise<Partial<Settings>> {
    return { ...this.saved };
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    this.saved = cleanSettings(settings);
  }

  async candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]> {
    return candidatesJson(runEngine(tablesFrom(this.grids()), settings).result);
  }

  async run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<WizardRunSummary> {
    const delay = this.options.delayMs ?? 0;
    const step = async (fraction: number, message: string) => { onProgress?.({ fraction, message }); await tick(delay); };
    await step(0.1, 'Чтение листов…');
    const tables = tablesFrom(this.grids());
    await step(0.3, 'Расчёт индекса качества, ИСБШ и категорий…');
    const { summary, sheets } = runEngine(tables, settings);
    if (summary.ok && summary.year !== null) {
      await step(0.8, 'Запись листов результатов…');
      for (const name of outputSheetNames(summary.year)) { this.workbook.sheets.delete(name); this.workbook.formats.delete(name); }
      for (const sheet of sheets) {
        const layout = layoutSheet(sheet);
        this.workbook.sheets.set(sheet.name, layout.grid);
        this.workbook.formats.set(sheet.name, { layout, columns: sheet.columns });
      }
      this.workbook.select(sheets[0].name, 'A1');
    }
    await step(1, 'Готово');
    return summary;
  }

  // ------------------------------------------------------------ after the identification

  async analyticalNote(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile> {
    return noteFile(tablesFrom(this.grids()), settings, { cards: !!options?.cards });
  }

  /** Template sheets go in as grids: formulas as «=…» text, dates as ДД.ММ.ГГГГ. */
  async insertProgrammeTemplate(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): Promise<TemplateReport> {
    const grids = this.grids();
    const template = programmeTemplate(kind, grids[SHEETS.schools] ? tablesFrom(grids) : null, settings, { start: options?.start });
    const { add, existing } = newTemplateSheets(template.sheets, this.workbook.names());
    for (const layout of add) this.workbook.sheets.set(layout.name, templateLayoutGrid(layout, fmtDate));
    const created = add.map((layout) => layout.name);
    if (created.length) this.workbook.select(created[0], 'A1');
    return { created, existing };
  }

  async importExport(request: ExportImportRequest): Promise<ExportImportReport> {
    const source = this.workbook.sheets.get(request.sourceSheet);
    if (!source) throw new Error(`Нет листа «${request.sourceSheet}»`);
    const targetName = exportTarget(request.kind);
    const { report, plan } = exportImportPlan(request, {
      source, schools: this.workbook.sheets.get(SHEETS.schools), target: this.workbook.sheets.get(targetName),
    });
    if (plan) this.workbook.put(plan.sheet, applyPlanToGrid(this.workbook.sheets.get(plan.sheet), plan));
    return report;
  }
}
