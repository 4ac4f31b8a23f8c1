/**
 * The wizard's bridge to the ONLYOFFICE / Р7-Офис spreadsheet editor. Like the Excel task pane it
 * only reads grids and writes sheets; everything else is wizard/core.ts and shared/. The editor is
 * reached through one port (`EditorPort`): `command` sends a self-contained function of
 * onlyoffice/commands.ts with its Asc.scope (Asc.plugin.callCommand), `method` calls
 * Asc.plugin.executeMethod. The panel (onlyoffice/panel.ts) gives the real port; the tests give a
 * fake editor that runs every command from its text.
 *
 * Commands per call, whatever the size of the region: reading = 1 (sheet names) + 1 per input
 * sheet present; a run = that + 1 per output sheet written (RUN_COMMANDS = 10).
 */
import { SHEETS } from '../shared/messages';
import { newTemplateSheets } from '../shared/roadmap/template-sheet';
import { TEMPLATE_KINDS } from '../shared/roadmap/templates';
import type { Settings } from '../shared/method/settings';
import type { Cell, Grid } from '../shared/types';
import { checkData } from '../shared/wizard-protocol';
import type {
  DataCheck, ExportImportReport, ExportImportRequest, FactorCandidate, HtmlFile, ImportReport, ImportRequest, ProgrammeTemplateKind, RunProgress,
  SheetPreview, TemplateReport, WizardBridge,
} from '../wizard/bridge';
import {
  INPUT_SHEETS, TEMPLATE_SHEETS, type WizardRunSummary, appendPlan, candidatesJson, cleanSettings, exportImportPlan, exportTarget, mapImport, noteFile,
  previewSheet, programmeTemplate, runEngine, tablesFrom, templateGrid, trimGrid,
} from '../wizard/core';
import { readSheetCommand, previewSheetsCommand, selectCommand, sheetNamesCommand, writeSheetCommand } from './commands';
import { type WritePlan, a1, appendWritePlan, editorValues, outputSheetPlan, programmeTemplatePlan, templatePlan } from './plan';

/** Commands of a run on a workbook with the four input sheets (the tests hold the bridge to it). */
export const RUN_COMMANDS = 10;

/** How the bridge reaches the editor. */
export interface EditorPort {
  /** Asc.scope = scope; Asc.plugin.callCommand(fn, false, true, resolve). */
  command<T>(fn: () => T, scope: Record<string, unknown>): Promise<T>;
  /** Asc.plugin.executeMethod(name, args, resolve). */
  method<T>(name: string, args: unknown[]): Promise<T>;
}

/** Where the wizard keeps its settings (the plugin API has no per-document store: the browser's localStorage). */
export interface SettingsStore {
  get(): Partial<Settings>;
  set(value: Partial<Settings>): Promise<void>;
}

const SETTINGS_KEY = 'shnorWizardSettings';

/** The part of the browser's localStorage the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function localSettingsStore(storage: KeyValueStorage | null): SettingsStore {
  let memory: Partial<Settings> = {};
  return {
    get() {
      try {
        const v = storage ? JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}') : memory;
        return v && typeof v === 'object' ? v : {};
      } catch { return {}; }
    },
    async set(value) {
      memory = value;
      try { storage?.setItem(SETTINGS_KEY, JSON.stringify(value)); } catch { /* private mode: keep in memory */ }
    },
  };
}

/** A number as the editor hands it back (GetValue2 gives text): canonical decimals become numbers, «001234» stays text. */
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** What GetValue2 returned (a scalar for one cell, else rows) as a grid of cells. */
export function gridFromEditor(values: unknown): Grid {
  const rows = Array.isArray(values) ? values : [[values]];
  const grid = rows.map((row) => (Array.isArray(row) ? row : [row]).map((v): Cell => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' || typeof v === 'boolean') return v as Cell;
    const s = String(v);
    return NUMBER_TEXT.test(s) ? Number(s) : s;
  }));
  // One empty cell (an empty sheet's used range is A1).
  return grid.length === 1 && grid[0].length === 1 && grid[0][0] === '' ? [] : grid;
}

const NOT_DONE = 'Редактор не выполнил команду. Закройте и снова откройте панель «ШНОР Монитор»; если не поможет — перезапустите редактор.';

export class OnlyofficeBridge implements WizardBridge {
  readonly host = 'onlyoffice' as const;
  /** Commands sent so far (tests read it). */
  commands = 0;

  constructor(private readonly editor: EditorPort, private readonly store: SettingsStore = localSettingsStore(null)) {}

  private async send<T>(fn: () => T, scope: Record<string, unknown> = {}): Promise<T> {
    this.commands++;
    const result = await this.editor.command(fn, scope);
    if (result === undefined) throw new Error(NOT_DONE);
    return result;
  }

  private names(): Promise<string[]> {
    return this.send(sheetNamesCommand);
  }

  /** One command per sheet of `names` that exists. */
  private async grids(names: readonly string[], existing: string[]): Promise<Record<string, Grid>> {
    const out: Record<string, Grid> = {};
    for (const name of names) {
      if (!existing.includes(name)) continue;
      const r = await this.send(readSheetCommand, { name });
      out[name] = r ? gridFromEditor(r.values) : [];
    }
    return out;
  }

  private async inputs(): Promise<{ names: string[]; grids: Record<string, Grid> }> {
    const names = await this.names();
    return { names, grids: await this.grids(INPUT_SHEETS, names) };
  }

  private async write(plan: WritePlan): Promise<void> {
    const r = await this.send(writeSheetCommand, { plan });
    if (!r.ok) throw new Error(`Не удалось записать лист «${plan.name}»`);
  }

  async checkData(): Promise<DataCheck> {
    const { names, grids } = await this.inputs();
    return checkData(tablesFrom(grids, names));
  }

  async createTemplates(): Promise<TemplateReport> {
    const names = await this.names();
    const created: string[] = [];
    const existing: string[] = [];
    for (const t of TEMPLATE_SHEETS) {
      if (names.includes(t.name)) { existing.push(t.name); continue; }
      const plan = templatePlan(t);
      plan.activate = created.length === 0;
      await this.write(plan);
      created.push(t.name);
    }
    return { created, existing };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.send(selectCommand, { name: sheet, cell });
  }

  async listSheets(): Promise<SheetPreview[]> {
    const parts = await this.send(previewSheetsCommand, { range: 'A1:AZ35' });
    return parts.map((p) => {
      const preview = previewSheet(p.name, trimGrid(gridFromEditor(p.values)));
      if (p.lastRow > 35) preview.rows += p.lastRow - 35;
      return preview;
    });
  }

  async importResults(request: ImportRequest): Promise<ImportReport> {
    const names = await this.names();
    if (!names.includes(request.sourceSheet)) throw new Error(`Нет листа «${request.sourceSheet}»`);
    const hasResults = names.includes(SHEETS.results);
    const grids = await this.grids(hasResults ? [request.sourceSheet, SHEETS.results] : [request.sourceSheet], names);
    const { rows, report } = mapImport(grids[request.sourceSheet], request);
    if (!rows.length) return report;
    const plan = appendPlan(hasResults ? grids[SHEETS.results] : null, rows);
    report.messages.push(...plan.messages);
    const write: WritePlan = hasResults
      ? { name: SHEETS.results, mode: 'update', blocks: [], ops: [], freezeRows: 0, filter: null, activate: true }
      : { ...templatePlan(TEMPLATE_SHEETS.find((t) => t.name === SHEETS.results)!), activate: true };
    if (!hasResults) write.blocks = [{ row: 0, col: 0, values: editorValues(templateGrid(TEMPLATE_SHEETS.find((t) => t.name === SHEETS.results)!)) }];
    write.blocks.push({ row: plan.startRow, col: 0, values: editorValues(plan.rows) });
    if (plan.codeColumn !== null) write.ops.push({ t: 'format', r: a1(plan.startRow, plan.codeColumn, plan.startRow + plan.rows.length - 1, plan.codeColumn), v: '@' });
    await this.write(write);
    return report;
  }

  async loadSettings(): Promise<Partial<Settings>> {
    return cleanSettings(this.store.get());
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    await this.store.set(cleanSettings(settings));
  }

  async candidateFactors(settings: Partial<Settings>): Promise<FactorCandidate[]> {
    const { grids } = await this.inputs();
    return candidatesJson(runEngine(tablesFrom(grids), settings).result);
  }

  async run(settings: Partial<Settings>, onProgress?: (p: RunProgress) => void): Promise<WizardRunSummary> {
    const progress = (fraction: number, message: string) => onProgress?.({ fraction, message });
    progress(0.05, 'Чтение листов…');
    const { grids } = await this.inputs();
    progress(0.2, 'Расчёт индекса качества, ИСБШ и категорий…');
    await idle();
    const { result, summary, sheets } = runEngine(tablesFrom(grids), settings);
    if (!summary.ok || result.year === null) { progress(1, 'Расчёт не выполнен'); return summary; }
    for (let i = 0; i < sheets.length; i++) {
      progress(0.4 + (0.55 * i) / sheets.length, `Запись листа «${sheets[i].name}»…`);
      const plan = outputSheetPlan(sheets[i], sheets[i].name === SHEETS.model(result.year) ? { year: result.year, points: summary.points } : undefined);
      // The first output sheet is shown when the run is done (its plan is the last to activate).
      plan.activate = i === sheets.length - 1;
      await this.write(plan);
    }
    progress(1, 'Готово');
    return summary;
  }

  // ---------------------------------------------------------------- after the identification

  async analyticalNote(settings: Partial<Settings>, options: { cards: boolean }): Promise<HtmlFile> {
    const { grids } = await this.inputs();
    await idle();
    return noteFile(tablesFrom(grids), settings, { cards: !!options?.cards });
  }

  async insertProgrammeTemplate(kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number }): Promise<TemplateReport> {
    let names: string[];
    let grids: Record<string, Grid> = {};
    if (TEMPLATE_KINDS.find((k) => k.kind === kind)?.usesIdentification) ({ names, grids } = await this.inputs());
    else names = await this.names();
    const template = programmeTemplate(kind, grids[SHEETS.schools] ? tablesFrom(grids) : null, settings, { start: options?.start });
    const { add, existing } = newTemplateSheets(template.sheets, names);
    for (let i = 0; i < add.length; i++) {
      const plan = programmeTemplatePlan(add[i]);
      plan.activate = i === 0;
      await this.write(plan);
    }
    return { created: add.map((l) => l.name), existing };
  }

  async importExport(request: ExportImportRequest): Promise<ExportImportReport> {
    const names = await this.names();
    if (!names.includes(request.sourceSheet)) throw new Error(`Нет листа «${request.sourceSheet}»`);
    const target = exportTarget(request.kind);
    const wanted = [request.sourceSheet, SHEETS.schools, target].filter((n, i, all) => all.indexOf(n) === i);
    const grids = await this.grids(wanted, names);
    const { report, plan } = exportImportPlan(request, {
      source: grids[request.sourceSheet], schools: grids[SHEETS.schools], target: names.includes(target) ? grids[target] : undefined,
    });
    if (!plan) return report;
    await this.write(appendWritePlan(plan, names.includes(plan.sheet)));
    return report;
  }
}

/** Lets the panel repaint (progress bar) before the engine's synchronous work. */
function idle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
