/// <reference types="office-js" />
/**
 * The wizard's bridge to Excel. Reads each input sheet once (its used range), runs the engine in
 * the task pane, and writes each output sheet with queued commands. A whole run costs
 * RUN_SYNCS context.sync() calls whatever the number of schools: 2 to read, 1 per output sheet,
 * 1 for the chart and activation (a sheet above ~4 MB of values adds one per extra chunk).
 */
import { SHEETS } from '../../shared/messages';
import { newTemplateSheets } from '../../shared/roadmap/template-sheet';
import { TEMPLATE_KINDS } from '../../shared/roadmap/templates';
import type { Settings } from '../../shared/method/settings';
import type { Cell, Grid } from '../../shared/types';
import { checkData } from '../../shared/wizard-protocol';
import {
  type DataCheck, type ExportImportReport, type ExportImportRequest, type FactorCandidate, type HtmlFile, type ImportReport, type ImportRequest,
  type ProgrammeTemplateKind, type RunProgress, type SheetPreview, type TemplateReport, type WizardBridge,
} from '../../wizard/bridge';
import {
  INPUT_SHEETS, TEMPLATE_SHEETS, type WizardRunSummary, appendPlan, candidatesJson, cleanSettings, exportImportPlan, exportTarget, mapImport, noteFile,
  outputSheetNames, previewSheet, programmeTemplate, runEngine, tablesFrom, trimGrid,
} from '../../wizard/core';
import { layoutSheet } from '../../wizard/layout';
import { excelValues, queueAppendPlan, queueScatterChart, queueSheetFormat, queueTemplate, queueTemplateLayout, valueChunks } from './excel-writer';

/** context.sync() calls of a run for any realistic region (the adapter test holds it to this). */
export const RUN_SYNCS = 8;

/**
 * context.sync() calls of the optional methods, whatever the size of the region or of the template:
 * the note reads the input sheets (2); a template reads the sheet names (and, when it uses the
 * identification, the input sheets) and writes every new sheet in one batch; an export import reads
 * names, then the source, «Школы» and the target sheet, and writes once (preview: no write).
 */
export const NOTE_SYNCS = 2;
export const TEMPLATE_SYNCS = { withIdentification: 3, plain: 2 } as const;
export const EXPORT_IMPORT_SYNCS = { preview: 2, write: 3 } as const;

/** Above this many bytes of values a sheet is written in several batches (Excel's request limit is 5 MB). */
export const MAX_BATCH_BYTES = 4_000_000;

/** Excel.run or, in tests, a runner over office-addin-mock. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Where the wizard keeps its settings: the document's add-in settings. */
export interface SettingsStore {
  get(): Partial<Settings>;
  set(value: Partial<Settings>): Promise<void>;
}

const SETTINGS_KEY = 'shnorWizardSettings';

/** Office.context.document.settings (saved inside the workbook). */
export function officeSettingsStore(): SettingsStore {
  return {
    get() {
      const v = Office.context.document.settings.get(SETTINGS_KEY) as Partial<Settings> | null;
      return v && typeof v === 'object' ? v : {};
    },
    set(value) {
      Office.context.document.settings.set(SETTINGS_KEY, value);
      return new Promise((resolve, reject) => {
        Office.context.document.settings.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error('Не удалось сохранить настройки в книге'))));
      });
    },
  };
}

/** A used range as a grid from A1 (Excel's used range may start further right or down). */
export function gridFromUsedRange(values: Cell[][], rowIndex: number, columnIndex: number): Grid {
  if (!values.length) return [];
  const lead = Array.from({ length: columnIndex }, () => '' as Cell);
  const rows = values.map((r) => (columnIndex ? [...lead, ...r] : r));
  return rowIndex ? [...Array.from({ length: rowIndex }, () => [] as Cell[]), ...rows] : rows;
}

async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  return sheets.items.map((s) => s.name);
}

/** Reads the used ranges of `names` (existing sheets only) in one sync. */
async function readGrids(context: Excel.RequestContext, names: string[]): Promise<Record<string, Grid>> {
  const ranges = names.map((name) => {
    const r = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    r.load('values, rowIndex, columnIndex');
    return { name, r };
  });
  await context.sync();
  const out: Record<string, Grid> = {};
  for (const { name, r } of ranges) out[name] = r.isNullObject ? [] : gridFromUsedRange(r.values as Cell[][], r.rowIndex, r.columnIndex);
  return out;
}

/** Reads the input sheets: 2 syncs. */
async function readInputs(context: Excel.RequestContext): Promise<{ names: string[]; grids: Record<string, Grid> }> {
  const names = await sheetNames(context);
  const grids = await readGrids(context, INPUT_SHEETS.filter((n) => names.includes(n)));
  return { names, grids };
}

export class ExcelBridge implements WizardBridge {
  readonly host = 'excel' as const;
  /** context.sync() calls made so far (tests and the bench read it). */
  syncs = 0;

  constructor(
    private readonly runner: ExcelRunner = (batch) => Excel.run(batch),
    private readonly store: SettingsStore = officeSettingsStore(),
    private readonly features: { charts: boolean } = { charts: true },
  ) {}

  /** Excel.run with a sync counter on the context (the real context object, so batching is untouched). */
  private batch<T>(work: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.runner(async (context) => {
      const sync = context.sync;
      context.sync = <V>(passThrough?: V): Promise<V> => {
        this.syncs++;
        return sync.call(context, passThrough) as Promise<V>;
      };
      return work(context);
    });
  }

  async checkData(): Promise<DataCheck> {
    return this.batch(async (context) => {
      const { names, grids } = await readInputs(context);
      return checkData(tablesFrom(grids, names));
    });
  }

  async createTemplates(): Promise<TemplateReport> {
    return this.batch(async (context) => {
      const names = await sheetNames(context);
      const created: string[] = [];
      const existing: string[] = [];
      for (const t of TEMPLATE_SHEETS) {
        if (names.includes(t.name)) { existing.push(t.name); continue; }
        queueTemplate(context.workbook.worksheets.add(t.name), t);
        created.push(t.name);
      }
      if (created.length) {
        context.workbook.worksheets.getItem(created[0]).activate();
        await context.sync();
      }
      return { created, existing };
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.batch(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) return;
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }

  async listSheets(): Promise<SheetPreview[]> {
    return this.batch(async (context) => {
      const names = await sheetNames(context);
      const parts = names.map((name) => {
        const ws = context.workbook.worksheets.getItem(name);
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowCount, rowIndex');
        const head = ws.getRange('A1:AZ35');
        head.load('values');
        return { name, used, head };
      });
      await context.sync();
      return parts.map(({ name, used, head }) => {
        const grid = trimGrid(head.values as Cell[][]);
        const preview = previewSheet(name, grid);
        // Rows beyond the 35 read: count them from the used range.
        if (!used.isNullObject && used.rowIndex + used.rowCount > 35) preview.rows += used.rowIndex + used.rowCount - 35;
        return preview;
      });
    });
  }

  async importResults(request: ImportRequest): Promise<ImportReport> {
    return this.batch(async (context) => {
      const names = await sheetNames(context);
      if (!names.includes(request.sourceSheet)) throw new Error(`Нет листа «${request.sourceSheet}»`);
      const hasResults = names.includes(SHEETS.results);
      const grids = await readGrids(context, hasResults ? [request.sourceSheet, SHEETS.results] : [request.sourceSheet]);
      const { rows, report } = mapImport(grids[request.sourceSheet], request);
      if (!rows.length) return report;
      const target = hasResults ? grids[SHEETS.results] : [];
      const plan = appendPlan(hasResults ? target : null, rows);
      report.messages.push(...plan.messages);
      let ws: Excel.Worksheet;
      if (hasResults) ws = context.workbook.worksheets.getItem(SHEETS.results);
      else {
        ws = context.workbook.worksheets.add(SHEETS.results);
        queueTemplate(ws, TEMPLATE_SHEETS.find((t) => t.name === SHEETS.results)!);
      }
      const start = plan.startRow;
      if (plan.codeColumn !== null) ws.getRangeByIndexes(start, plan.codeColumn, plan.rows.length, 1).numberFormat = plan.rows.map(() => ['@']);
      ws.getRangeByIndexes(start, 0, plan.rows.length, plan.width).values = excelValues(plan.rows);
      ws.activate();
      await context.sync();
      return report;
    });
  }

  async loadSettings(): Promise<Partial<Settings>> {
    return cleanSettings(this.store.get());
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    await this.store.set(cleanSettings(settings));
  }

  async candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]> {
    const grids = await this.batch(async (context) => (await readInputs(context)).grids);
    return candidatesJson(runEngine(tablesFrom(grids), settings).result);
  }

  async run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<WizardRunSummary> {
    const progress = (fraction: number, message: string) => onProgress?.({ fraction, message });
    return this.batch(async (context) => {
      progress(0.05, 'Чтение листов…');
      const { names, grids } = await readInputs(context);
      progress(0.2, 'Расчёт индекса качества, ИСБШ и категорий…');
      await idle();
      const { result, summary, sheets } = runEngine(tablesFrom(grids), settings);
      if (!summary.ok || result.year === null) { progress(1, 'Расчёт не выполнен'); return summary; }
      const year = result.year;
      const ws = context.workbook.worksheets;
      for (const name of outputSheetNames(year)) if (names.includes(name)) ws.getItem(name).delete();
      let modelWs: Excel.Worksheet | null = null;
      let modelWidth = 0;
      for (let i = 0; i < sheets.length; i++) {
        const sheet = sheets[i];
        progress(0.4 + (0.45 * i) / sheets.length, `Запись листа «${sheet.name}»…`);
        const layout = layoutSheet(sheet);
        const target = ws.add(sheet.name);
        const chunks = valueChunks(excelValues(layout.grid), MAX_BATCH_BYTES);
        for (let k = 0; k < chunks.length; k++) {
          const c = chunks[k];
          target.getRangeByIndexes(c.row, 0, c.values.length, layout.width).values = c.values;
          if (k < chunks.length - 1) await context.sync();
        }
        queueSheetFormat(target, sheet, layout);
        if (sheet.name === SHEETS.model(year)) { modelWs = target; modelWidth = layout.width; }
        await context.sync();
      }
      progress(0.9, 'Диаграмма…');
      if (modelWs && this.features.charts) {
        queueScatterChart(modelWs, year, modelWidth + 1, summary.points, summary.guides ?? null);
      }
      ws.getItem(sheets[0].name).activate();
      await context.sync();
      progress(1, 'Готово');
      return summary;
    });
  }

  // ---------------------------------------------------------------- after the identification

  async analyticalNote(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile> {
    const grids = await this.batch(async (context) => (await readInputs(context)).grids);
    await idle();
    return noteFile(tablesFrom(grids), settings, { cards: !!options?.cards });
  }

  async insertProgrammeTemplate(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): Promise<TemplateReport> {
    return this.batch(async (context) => {
      let names: string[];
      let grids: Record<string, Grid> = {};
      // Templates filled from the identification read the input sheets; the others only the sheet names.
      if (TEMPLATE_KINDS.find((k) => k.kind === kind)?.usesIdentification) ({ names, grids } = await readInputs(context));
      else names = await sheetNames(context);
      const template = programmeTemplate(kind, grids[SHEETS.schools] ? tablesFrom(grids) : null, settings, { start: options?.start });
      const { add, existing } = newTemplateSheets(template.sheets, names);
      for (const layout of add) queueTemplateLayout(context.workbook.worksheets.add(layout.name), layout);
      const created = add.map((layout) => layout.name);
      if (created.length) {
        context.workbook.worksheets.getItem(created[0]).activate();
        await context.sync();
      }
      return { created, existing };
    });
  }

  async importExport(request: ExportImportRequest): Promise<ExportImportReport> {
    return this.batch(async (context) => {
      const names = await sheetNames(context);
      if (!names.includes(request.sourceSheet)) throw new Error(`Нет листа «${request.sourceSheet}»`);
      const target = exportTarget(request.kind);
      const wanted = [request.sourceSheet, SHEETS.schools, target].filter((n, i, all) => names.includes(n) && all.indexOf(n) === i);
      const grids = await readGrids(context, wanted);
      const { report, plan, block } = exportImportPlan(request, {
        source: grids[request.sourceSheet], schools: grids[SHEETS.schools], target: names.includes(target) ? grids[target] : undefined,
      });
      if (!plan) return report;
      const ws = names.includes(plan.sheet) ? context.workbook.worksheets.getItem(plan.sheet) : context.workbook.worksheets.add(plan.sheet);
      queueAppendPlan(ws, plan, block);
      ws.activate();
      await context.sync();
      return report;
    });
  }
}

/** Lets the task pane repaint (progress bar) before the engine's synchronous work. */
function idle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

