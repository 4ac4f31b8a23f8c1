/**
 * A fake Excel workbook for the adapter tests, built on office-addin-mock: ranges are
 * OfficeMockObjects, so reading `values` (or `rowIndex` …) without load() + context.sync() gives
 * the mock's error string instead of data, and the engine would fail on it. Collections enforce
 * the same rule for `items`. Writes queued on ranges are applied to the sheets at context.sync(),
 * as Excel applies a batch; the fake counts syncs and checks nothing is left unsynced at the end.
 *
 * A string written through `values` (or `formulas`) becomes a live formula as in Excel: «If the
 * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this
 * value as a formula» (Range.values,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * The fake is stricter than the documentation, so a writer cannot lean on what Excel may forgive:
 * «@» (Lotus-style entry) and blanks or tabs before any of these count too, whatever the cell's
 * number format; a plain number («-5») stays a value, and a leading apostrophe marks text (Excel
 * drops it). Such a formula goes to `formulas` and the cell holds what it computes
 * (tests/fakes/formula-eval.ts).
 */
/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';
import type { Cell } from '../shared/types';
import { evaluateFormula } from './fakes/formula-eval';

/** What Excel (or the stricter fake) takes for a formula when written as a value. */
export function excelTakesAsFormula(v: unknown): boolean {
  return typeof v === 'string' && /^\s*[=+\-@]/.test(v) && !/^\s*[+-]?\d+([.,]\d+)?\s*$/.test(v);
}

export interface FakeSheet {
  name: string;
  cells: Cell[][];
  numberFormats: Map<string, string>;
  columnWidths: Map<number, number>;
  merges: string[];
  tables: { name: string; row: number; col: number; rows: number; cols: number; style?: string; showFilterButton?: boolean }[];
  conditionalFormats: { row: number; col: number; rows: number; cols: number; type: string; rule: { formula1: string; operator: string } | null; fill?: string }[];
  validations: { col: number; rule: unknown }[];
  /** Cells holding a formula (written through `range.formulas`, or formula-like text through `values`), by A1 address. */
  formulas: Map<string, string>;
  charts: FakeChart[];
  frozenRows: number;
}

export interface FakeChart {
  type: string;
  title: { text?: string };
  series: { name?: string; chartType?: string; x?: string; y?: string }[];
}

const ERRORS = ['Error, property was not loaded', 'Error, context.sync() was not called'];
const isMockError = (v: unknown) => typeof v === 'string' && ERRORS.includes(v);

function a1(row: number, col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

function parseA1(ref: string): { row: number; col: number; rows: number; cols: number } {
  const cell = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x.toUpperCase());
    if (m) {
      let c = 0;
      for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
      return { row: Number(m[2]) - 1, col: c - 1 };
    }
    const r = /^(\d+)$/.exec(x);
    if (r) return { row: Number(r[1]) - 1, col: 0 };
    throw new Error(`fake Excel: bad address ${ref}`);
  };
  const [p, q] = ref.split(':');
  const s = cell(p);
  const e = q ? cell(q) : s;
  const wholeRows = /^\d+:\d+$/.test(ref);
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: wholeRows ? 16384 : e.col - s.col + 1 };
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  syncs = 0;
  active: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Range mocks created since the last sync, with the values they were created with. */
  private pendingRanges: { mock: OfficeMockObject & Record<string, unknown>; sheet: FakeSheet; row: number; col: number; rows: number; cols: number; original: unknown; originalFormat: unknown }[] = [];
  private pendingCollections: { loaded: boolean; synced: boolean }[] = [];
  private mocks: OfficeMockObject[] = [];
  /** Structural calls (add, delete, tables.add …) since the last sync. */
  private queued = 0;

  constructor(grids: Record<string, Cell[][]> = {}) {
    for (const [name, cells] of Object.entries(grids)) this.addSheet(name, cells.map((r) => [...r]));
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  names(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private addSheet(name: string, cells: Cell[][] = []): FakeSheet {
    if (this.sheet(name)) throw new Error(`fake Excel: sheet ${name} exists`);
    const s: FakeSheet = { name, cells, numberFormats: new Map(), columnWidths: new Map(), merges: [], tables: [], conditionalFormats: [], validations: [], formulas: new Map(), charts: [], frozenRows: 0 };
    this.sheets.push(s);
    return s;
  }

  /** Excel.run over this workbook: one fresh context per batch, like Excel. */
  runner = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const out = await batch(this.context());
    if (this.queued > 0 || this.pendingRanges.some((p) => this.written(p))) throw new Error('fake Excel: commands queued after the last context.sync()');
    return out;
  };

  private written(p: FakeExcel['pendingRanges'][number]): boolean {
    const v = p.mock.values;
    const f = p.mock.numberFormat;
    return (v !== p.original && !isMockError(v)) || (f !== p.originalFormat && !isMockError(f)) || p.mock.formulas !== undefined;
  }

  private context(): Excel.RequestContext {
    const fake = this;
    const ctx = new OfficeMockObject({ workbook: {} }) as OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    ctx.workbook.worksheets = this.worksheets();
    ctx.sync = async () => {
      fake.syncs++;
      fake.applyWrites();
      for (const m of fake.mocks) await m.sync();
      fake.mocks = [];
      for (const c of fake.pendingCollections) if (c.loaded) c.synced = true;
      fake.queued = 0;
    };
    return ctx as unknown as Excel.RequestContext;
  }

  private collectionItems<T>(items: () => T[]): { load: (arg?: unknown) => void; readonly items: T[] } {
    const state = { loaded: false, synced: false };
    this.pendingCollections.push(state);
    return {
      load: () => { state.loaded = true; },
      get items(): T[] {
        if (!state.synced) throw new Error('fake Excel: collection items read without load() and sync()');
        return items();
      },
    };
  }

  private worksheets(): unknown {
    const fake = this;
    const col = this.collectionItems(() => this.sheets.map((s) => ({ name: s.name })));
    return {
      load: col.load,
      get items() { return col.items; },
      getItem: (name: string) => {
        const s = fake.sheet(name);
        if (!s) throw new Error(`fake Excel: ItemNotFound ${name}`);
        return fake.worksheet(s);
      },
      getItemOrNullObject: (name: string) => {
        const s = fake.sheet(name);
        const ws = s ? fake.worksheet(s) : ({ isNullObject: true } as Record<string, unknown>);
        (ws as Record<string, unknown>).isNullObject = !s;
        return ws;
      },
      add: (name: string) => {
        fake.queued++;
        return fake.worksheet(fake.addSheet(name));
      },
    };
  }

  private worksheet(s: FakeSheet): Record<string, unknown> {
    const fake = this;
    return {
      isNullObject: false,
      delete: () => { fake.queued++; this.sheets.splice(this.sheets.indexOf(s), 1); },
      activate: () => { fake.queued++; fake.active = s.name; },
      getRange: (address: string) => {
        const r = parseA1(address);
        return fake.range(s, r.row, r.col, r.rows, Math.min(r.cols, 64), address);
      },
      getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => fake.range(s, row, col, rows, cols),
      getUsedRangeOrNullObject: () => {
        let rows = 0, cols = 0, r0 = Infinity, c0 = Infinity;
        s.cells.forEach((row, r) => row.forEach((v, c) => {
          if (v === null || v === undefined || v === '') return;
          rows = Math.max(rows, r + 1); cols = Math.max(cols, c + 1); r0 = Math.min(r0, r); c0 = Math.min(c0, c);
        }));
        if (!rows) return Object.assign(new OfficeMockObject({}), { isNullObject: true });
        return fake.range(s, r0, c0, rows - r0, cols - c0);
      },
      tables: {
        add: (range: { __where: { row: number; col: number; rows: number; cols: number } }) => {
          fake.queued++;
          const t = { name: '', ...range.__where } as FakeSheet['tables'][number];
          s.tables.push(t);
          return t;
        },
      },
      freezePanes: { freezeRows: (n: number) => { fake.queued++; s.frozenRows = n; } },
      charts: {
        add: (type: string, source: { __address: string }) => {
          fake.queued++;
          const first = { x: undefined as string | undefined, y: source.__address, name: undefined as string | undefined, chartType: undefined as string | undefined };
          const chart: FakeChart = { type, title: {}, series: [first] };
          s.charts.push(chart);
          const seriesApi = (rec: FakeChart['series'][number]) => {
            const api: Record<string, unknown> = {
              setXAxisValues: (r: { __address: string }) => { rec.x = r.__address; },
              setValues: (r: { __address: string }) => { rec.y = r.__address; },
              format: { line: {}, fill: {} },
            };
            Object.defineProperty(api, 'name', { set: (v: string) => { rec.name = v; }, get: () => rec.name });
            Object.defineProperty(api, 'chartType', { set: (v: string) => { rec.chartType = v; }, get: () => rec.chartType });
            return api;
          };
          return {
            title: chart.title,
            axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
            legend: {},
            setPosition: () => undefined,
            series: {
              getItemAt: (i: number) => seriesApi(chart.series[i]),
              add: (name: string) => {
                const rec = { name } as FakeChart['series'][number];
                chart.series.push(rec);
                return seriesApi(rec);
              },
            },
          };
        },
      },
    };
  }

  private range(s: FakeSheet, row: number, col: number, rows: number, cols: number, address = ''): Record<string, unknown> {
    const fake = this;
    // Excel rejects an empty or negative range («The argument is invalid or missing»).
    if (!(rows >= 1 && cols >= 1 && row >= 0 && col >= 0)) throw new Error(`fake Excel: invalid range ${row},${col} ${rows}×${cols}`);
    const values = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
      const v = s.cells[row + r]?.[col + c];
      return v === null || v === undefined ? '' : v;
    }));
    const numberFormat = values.map((r) => r.map((_, c) => s.numberFormats.get(a1(row, col + c)) ?? 'General'));
    const mock = new OfficeMockObject({
      values, numberFormat, rowIndex: row, columnIndex: col, rowCount: rows, columnCount: cols,
      format: { font: {}, fill: {}, columnWidth: 0, wrapText: false, rowHeight: 0, verticalAlignment: '' },
    }) as OfficeMockObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const where = { row, col, rows, cols };
    const ref = `'${s.name}'!${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
    Object.assign(mock, {
      isNullObject: false,
      __where: where,
      __address: ref,
      merge: () => { fake.queued++; s.merges.push(ref); },
      select: () => { fake.queued++; fake.selection = { sheet: s.name, address: address || ref }; },
      conditionalFormats: {
        add: (type: string) => {
          fake.queued++;
          const rec = { ...where, type, rule: null, fill: undefined } as FakeSheet['conditionalFormats'][number];
          s.conditionalFormats.push(rec);
          const fill: Record<string, unknown> = {};
          Object.defineProperty(fill, 'color', { set: (v: string) => { rec.fill = v; } });
          const cellValue: Record<string, unknown> = { format: { fill, font: {} } };
          Object.defineProperty(cellValue, 'rule', { set: (v: FakeSheet['conditionalFormats'][number]['rule']) => { rec.rule = v; }, get: () => rec.rule });
          return { cellValue };
        },
      },
      dataValidation: {},
    });
    Object.defineProperty(mock.dataValidation, 'rule', { set: (v: unknown) => { fake.queued++; s.validations.push({ col, rule: v }); } });
    // `formulas` is write-only here (the bridges never read it): set after creation, applied at sync.
    (mock as Record<string, unknown>).formulas = undefined;
    this.mocks.push(mock);
    this.pendingRanges.push({ mock, sheet: s, ...where, original: mock.values, originalFormat: mock.numberFormat });
    return mock;
  }

  /** Applies the writes queued on ranges, as Excel does at sync. */
  private applyWrites(): void {
    for (const p of this.pendingRanges) {
      if (!this.sheets.includes(p.sheet)) continue;
      const f = p.mock.numberFormat;
      if (f !== p.originalFormat && !isMockError(f)) {
        const grid = f as string[][];
        if (grid.length !== p.rows || grid.some((r) => r.length !== p.cols)) throw new Error(`fake Excel: numberFormat of ${p.rows}×${p.cols} set with a ${grid.length}-row array`);
        grid.forEach((r, i) => r.forEach((v, j) => p.sheet.numberFormats.set(a1(p.row + i, p.col + j), v)));
      }
      const v = p.mock.values;
      if (v !== p.original && !isMockError(v)) {
        const grid = v as Cell[][];
        if (grid.length !== p.rows || grid.some((r) => r.length !== p.cols)) throw new Error(`fake Excel: values of ${p.rows}×${p.cols} set with a ${grid.length}×${grid[0]?.length} array`);
        grid.forEach((r, i) => {
          const target = (p.sheet.cells[p.row + i] ??= []);
          r.forEach((c, j) => {
            const at = a1(p.row + i, p.col + j);
            p.sheet.formulas.delete(at);
            if (excelTakesAsFormula(c)) {
              p.sheet.formulas.set(at, c as string);
              target[p.col + j] = evaluateFormula(c as string);
              return;
            }
            // Excel drops the apostrophe that marks text.
            target[p.col + j] = typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c;
          });
        });
      }
      const fm = p.mock.formulas as (string | number | boolean)[][] | undefined;
      if (fm !== undefined) {
        if (fm.length !== p.rows || fm.some((r) => r.length !== p.cols)) throw new Error(`fake Excel: formulas of ${p.rows}×${p.cols} set with a ${fm.length}-row array`);
        fm.forEach((r, i) => {
          const target = (p.sheet.cells[p.row + i] ??= []);
          r.forEach((c, j) => {
            if (excelTakesAsFormula(c)) p.sheet.formulas.set(a1(p.row + i, p.col + j), c as string);
            target[p.col + j] = typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c;
          });
        });
      }
      const w = p.mock.format?.columnWidth;
      if (typeof w === 'number' && w > 0) p.sheet.columnWidths.set(p.col, w);
    }
    for (const s of this.sheets) for (let r = 0; r < s.cells.length; r++) s.cells[r] ??= [];
    this.pendingRanges = [];
  }
}

/** The values of a sheet as the reader sees them (rectangular, '' for empty). */
export function sheetValues(s: FakeSheet): Cell[][] {
  const width = s.cells.reduce((w, r) => Math.max(w, r ? r.length : 0), 0);
  return s.cells.map((r) => Array.from({ length: width }, (_, c) => (r?.[c] === undefined || r?.[c] === null ? '' : r[c])));
}
