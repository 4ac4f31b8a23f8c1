/// <reference types="google-apps-script" />
/**
 * Recording fakes of the Apps Script services the project uses (SpreadsheetApp, HtmlService,
 * PropertiesService, Utilities), and a loader that runs the built dist/gas/Code.js in a Node vm
 * context the way Apps Script does: one global scope, no require, the services as globals.
 *
 * Each fake names the methods it implements with `Fake<T, K>`: K must be members of the real
 * interface in @types/google-apps-script, so a misspelt or invented method fails to compile. Every
 * call the bundle makes goes through a Proxy that records it (`Recorder`), and touching a member a
 * fake does not have throws, naming it, instead of failing somewhere later.
 *
 * The spreadsheet keeps values, number formats and formulas per cell and behaves as Sheets does
 * where it matters to the project: ranges outside the sheet throw, setValues checks dimensions,
 * a numeric-looking string written to a cell not formatted as plain text («@») becomes a number
 * («001» → 1), and a string starting with «=» written by setValues or setValue to a cell not
 * formatted as plain text becomes a live formula: it is kept in `formulas` (getFormulas gives it)
 * and getValues gives what it computes (tests/fakes/formula-eval.ts), as Sheets does — see
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues and
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setformulaformula.
 * In a cell formatted «@» the same string stays the text typed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { ScriptRun } from '../../gas/sidebar/gas-bridge';
import { evaluateFormula } from './formula-eval';

type SS = typeof GoogleAppsScript.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The members a fake implements: names checked against the real interface. */
type Fake<T, K extends keyof T> = { [P in K]: unknown };

export const GAS_DIST = path.join(__dirname, '..', '..', 'dist', 'gas');

// ------------------------------------------------------------------ recording

export interface Call {
  /** Service or class: «Spreadsheet», «Sheet», «Range», «SpreadsheetApp», … */
  kind: string;
  method: string;
  /** The sheet a Sheet/Range/RangeList call was made on. */
  sheet?: string;
}

export class Recorder {
  calls: Call[] = [];

  add(kind: string, method: string, sheet?: string): void {
    this.calls.push({ kind, method, sheet });
  }

  reset(): void {
    this.calls = [];
  }

  count(filter: (c: Call) => boolean = () => true): number {
    return this.calls.filter(filter).length;
  }

  /** «Kind.method» → number of calls. */
  histogram(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) out[`${c.kind}.${c.method}`] = (out[`${c.kind}.${c.method}`] ?? 0) + 1;
    return out;
  }
}

const RAW = new WeakMap<object, object>();

/** The fake behind a proxy the bundle handed back (setRanges, insertChart, …). */
export function unwrap<T>(x: T): T {
  if (x && typeof x === 'object') {
    const raw = RAW.get(x as object);
    if (raw) return raw as T;
    if (Array.isArray(x)) return x.map(unwrap) as T;
  }
  return x;
}

/** Members the runtime itself may probe on any object. */
const PROBES = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'inspect']);

function recorded<T extends object>(target: T, kind: string, rec: Recorder, sheet?: () => string): T {
  const proxy = new Proxy(target, {
    get(t, prop) {
      const v = Reflect.get(t, prop, t);
      if (typeof prop !== 'string' || prop.startsWith('_')) return v;
      if (typeof v === 'function') {
        return (...args: unknown[]) => {
          rec.add(kind, prop, sheet?.());
          return v.apply(t, args.map(unwrap));
        };
      }
      if (v === undefined && !(prop in t) && !PROBES.has(prop)) throw new Error(`The fake ${kind} has no member «${prop}»`);
      return v;
    },
  });
  RAW.set(proxy, target);
  return proxy;
}

// ------------------------------------------------------------------ A1 notation

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** «B3», «B3:D7», «A2:A» (to the last row), «17:17» (whole rows) → 1-based rectangle. */
export function parseA1(a1: string, maxRows: number, maxCols: number): { row: number; col: number; rows: number; cols: number } {
  const m = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(a1.replace(/\$/g, ''));
  if (!m || (!m[1] && !m[2])) throw new Error(`Range not found: ${a1}`);
  const [, c1, r1, c2, r2] = m;
  const colon = m[3] !== undefined;
  const row = r1 ? Number(r1) : 1;
  const col = c1 ? columnNumber(c1) : 1;
  const lastRow = !colon ? row : r2 ? Number(r2) : maxRows;
  const lastCol = !colon ? col : c2 ? columnNumber(c2) : maxCols;
  return { row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 };
}

export function a1Of(row: number, col: number, rows: number, cols: number): string {
  const start = `${columnLetters(col)}${row}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnLetters(col + cols - 1)}${row + rows - 1}`;
}

// ------------------------------------------------------------------ builders

export interface FakeRule {
  condition: { type: 'numberEqualTo' | 'textEqualTo'; value: number | string } | null;
  background: string | null;
  fontColor: string | null;
  ranges: string[];
}

class ConditionalFormatRuleBuilder implements Fake<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
  'whenNumberEqualTo' | 'whenTextEqualTo' | 'setBackground' | 'setFontColor' | 'setRanges' | 'build'> {
  readonly p: this;
  private rule: FakeRule = { condition: null, background: null, fontColor: null, ranges: [] };
  constructor(rec: Recorder) {
    this.p = recorded(this, 'ConditionalFormatRuleBuilder', rec);
  }
  whenNumberEqualTo(n: number) { this.rule.condition = { type: 'numberEqualTo', value: n }; return this.p; }
  whenTextEqualTo(t: string) { this.rule.condition = { type: 'textEqualTo', value: t }; return this.p; }
  setBackground(c: string) { this.rule.background = c; return this.p; }
  setFontColor(c: string) { this.rule.fontColor = c; return this.p; }
  setRanges(ranges: Range[]) { this.rule.ranges = (ranges as unknown as FakeRange[]).map((r) => `${r.sheet.name}!${r.getA1Notation()}`); return this.p; }
  build() { return { ...this.rule }; }
}

export interface FakeValidation {
  type: 'list' | 'between' | 'atLeast';
  values?: string[];
  min?: number;
  max?: number;
  allowInvalid: boolean;
  helpText: string | null;
}

class DataValidationBuilder implements Fake<GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  'requireValueInList' | 'requireNumberBetween' | 'requireNumberGreaterThanOrEqualTo' | 'setAllowInvalid' | 'setHelpText' | 'build'> {
  readonly p: this;
  private v: FakeValidation = { type: 'list', allowInvalid: true, helpText: null };
  constructor(rec: Recorder) {
    this.p = recorded(this, 'DataValidationBuilder', rec);
  }
  requireValueInList(values: string[], _showDropdown?: boolean) { this.v = { ...this.v, type: 'list', values: [...values] }; return this.p; }
  requireNumberBetween(min: number, max: number) { this.v = { ...this.v, type: 'between', min, max }; return this.p; }
  requireNumberGreaterThanOrEqualTo(min: number) { this.v = { ...this.v, type: 'atLeast', min }; return this.p; }
  setAllowInvalid(allow: boolean) { this.v.allowInvalid = allow; return this.p; }
  setHelpText(text: string) { this.v.helpText = text; return this.p; }
  build() { return { ...this.v }; }
}

export interface FakeChart {
  type: string | null;
  ranges: string[];
  numHeaders: number | null;
  position: [number, number, number, number] | null;
  options: Record<string, unknown>;
}

class ChartBuilder implements Fake<GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder,
  'asScatterChart' | 'addRange' | 'setNumHeaders' | 'setPosition' | 'setOption' | 'build'> {
  readonly p: this;
  private chart: FakeChart = { type: null, ranges: [], numHeaders: null, position: null, options: {} };
  constructor(rec: Recorder, private readonly sheet: FakeSheet) {
    this.p = recorded(this, 'EmbeddedChartBuilder', rec, () => sheet.name);
  }
  asScatterChart() { this.chart.type = 'scatter'; return this.p; }
  addRange(range: Range) {
    const r = range as unknown as FakeRange;
    if (r.sheet !== this.sheet) throw new Error('A chart range must be on the chart\'s sheet in these tests');
    this.chart.ranges.push(r.getA1Notation());
    return this.p;
  }
  setNumHeaders(n: number) { this.chart.numHeaders = n; return this.p; }
  setPosition(row: number, col: number, x: number, y: number) { this.chart.position = [row, col, x, y]; return this.p; }
  setOption(key: string, value: unknown) { this.chart.options[key] = JSON.parse(JSON.stringify(value)); return this.p; }
  build() { return JSON.parse(JSON.stringify(this.chart)) as FakeChart; }
}

// ------------------------------------------------------------------ spreadsheet

export type CellValue = string | number | boolean | Date;

/** A style applied by a formatting call, for assertions. */
export interface StyleOp {
  a1: string;
  what: string;
  value: unknown;
}

export class FakeRange implements Fake<Range,
  'getValues' | 'setValues' | 'setNumberFormats' | 'setNumberFormat' | 'getNumberFormats' | 'setFontWeight' | 'setFontSize' | 'setFontStyle' |
  'setFontColor' | 'setBackground' | 'setWrap' | 'setVerticalAlignment' | 'breakApart' | 'createFilter' | 'setDataValidation' | 'setNotes' |
  'activate' | 'getA1Notation' | 'getRow' | 'getColumn' | 'getNumRows' | 'getNumColumns' | 'getSheet' | 'getFormulas' |
  'setValue' | 'setFormula' | 'getValue'> {
  readonly p: this;
  constructor(readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number) {
    if (rows < 1 || cols < 1) throw new Error(`The number of ${rows < 1 ? 'rows' : 'columns'} in the range must be at least 1.`);
    if (row < 1 || col < 1 || row + rows - 1 > sheet.maxRows || col + cols - 1 > sheet.maxCols) {
      throw new Error(`Range ${a1Of(row, col, rows, cols)} is out of bounds of sheet «${sheet.name}» (${sheet.maxRows} × ${sheet.maxCols})`);
    }
    this.p = recorded(this, 'Range', sheet.rec, () => sheet.name);
  }

  getA1Notation() { return a1Of(this.row, this.col, this.rows, this.cols); }
  getRow() { return this.row; }
  getColumn() { return this.col; }
  getNumRows() { return this.rows; }
  getNumColumns() { return this.cols; }
  getSheet() { return this.sheet.p; }

  private each<T>(data: T[][] | null, fn: (r: number, c: number, v: T) => void): void {
    if (data) {
      if (data.length !== this.rows) throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rows}.`);
      data.forEach((row, i) => {
        if (row.length !== this.cols) throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.cols}.`);
        row.forEach((v, j) => fn(this.row + i, this.col + j, v));
      });
    } else {
      for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) fn(this.row + i, this.col + j, undefined as T);
    }
  }

  getValues(): CellValue[][] {
    const out: CellValue[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const src = this.sheet.values[this.row + i - 1];
      const row: CellValue[] = new Array(this.cols);
      for (let j = 0; j < this.cols; j++) {
        const formula = this.sheet.formulas.get(`${this.row + i}:${this.col + j}`);
        const v = formula !== undefined ? evaluateFormula(formula) : src ? src[this.col + j - 1] : undefined;
        row[j] = v === undefined || v === null ? '' : v;
      }
      out.push(row);
    }
    return out;
  }

  getFormulas(): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: string[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.sheet.formulas.get(`${this.row + i}:${this.col + j}`) ?? '');
      out.push(row);
    }
    return out;
  }

  setValues(values: unknown[][]) {
    this.sheet.assertWritable('setValues');
    this.each(values as CellValue[][], (r, c, v) => this.sheet.write(r, c, v));
    return this.p;
  }

  /** As setValues, every cell of the range getting `value`. */
  setValue(value: unknown) {
    this.sheet.assertWritable('setValue');
    this.each(null, (r, c) => this.sheet.write(r, c, value as CellValue));
    return this.p;
  }

  setFormula(formula: string) {
    this.sheet.assertWritable('setFormula');
    this.each(null, (r, c) => {
      this.sheet.write(r, c, '');
      this.sheet.formulas.set(`${r}:${c}`, formula.startsWith('=') ? formula : `=${formula}`);
    });
    return this.p;
  }

  getValue() { return this.getValues()[0][0]; }

  setNumberFormats(formats: string[][]) {
    this.each(formats, (r, c, f) => this.sheet.setFormat(r, c, f));
    return this.p;
  }

  setNumberFormat(format: string) {
    // A whole-column format is stored as a rule, not per cell (templates format 1000 rows).
    this.sheet.columnFormats.push({ row: this.row, col: this.col, rows: this.rows, cols: this.cols, format });
    return this.p;
  }

  getNumberFormats(): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: string[] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.sheet.formatAt(this.row + i, this.col + j));
      out.push(row);
    }
    return out;
  }

  private style(what: string, value: unknown) {
    this.sheet.styles.push({ a1: this.getA1Notation(), what, value });
    return this.p;
  }

  setFontWeight(v: string) { return this.style('fontWeight', v); }
  setFontSize(v: number) { return this.style('fontSize', v); }
  setFontStyle(v: string) { return this.style('fontStyle', v); }
  setFontColor(v: string) { return this.style('fontColor', v); }
  setBackground(v: string) { return this.style('background', v); }
  setWrap(v: boolean) { return this.style('wrap', v); }
  setVerticalAlignment(v: string) { return this.style('verticalAlignment', v); }
  breakApart() { return this.style('breakApart', true); }
  setNotes(notes: string[][]) {
    this.each(notes, (r, c, n) => this.sheet.notes.set(a1Of(r, c, 1, 1), n));
    return this.p;
  }

  setDataValidation(rule: unknown) {
    this.sheet.validations.push({ a1: this.getA1Notation(), rule: rule as FakeValidation });
    return this.p;
  }

  createFilter() {
    if (this.sheet.filter) throw new Error('You can\'t create a filter in a sheet that already has a filter.');
    this.sheet.filter = new FakeFilter(this.sheet, this.getA1Notation());
    return this.sheet.filter.p;
  }

  activate() {
    this.sheet.spreadsheet.active = { sheet: this.sheet.name, a1: this.getA1Notation() };
    return this.p;
  }
}

class FakeRangeList implements Fake<GoogleAppsScript.Spreadsheet.RangeList,
  'setFontWeight' | 'setFontStyle' | 'setBackground' | 'setWrap' | 'setVerticalAlignment' | 'setNumberFormat' | 'getRanges'> {
  readonly p: this;
  constructor(readonly sheet: FakeSheet, readonly a1s: string[]) {
    for (const a1 of a1s) sheet.rangeA1(a1);
    this.p = recorded(this, 'RangeList', sheet.rec, () => sheet.name);
  }
  private style(what: string, value: unknown) {
    for (const a1 of this.a1s) this.sheet.styles.push({ a1, what, value });
    return this.p;
  }
  setFontWeight(v: string) { return this.style('fontWeight', v); }
  setFontStyle(v: string) { return this.style('fontStyle', v); }
  setBackground(v: string) { return this.style('background', v); }
  setWrap(v: boolean) { return this.style('wrap', v); }
  setVerticalAlignment(v: string) { return this.style('verticalAlignment', v); }
  setNumberFormat(format: string) {
    for (const a1 of this.a1s) this.sheet.rangeA1(a1).setNumberFormat(format);
    return this.p;
  }
  getRanges() { return this.a1s.map((a1) => this.sheet.rangeA1(a1).p); }
}

class FakeFilter implements Fake<GoogleAppsScript.Spreadsheet.Filter, 'remove' | 'getRange'> {
  readonly p: this;
  constructor(readonly sheet: FakeSheet, readonly a1: string) {
    this.p = recorded(this, 'Filter', sheet.rec, () => sheet.name);
  }
  remove() { this.sheet.filter = null; }
  getRange() { return this.sheet.rangeA1(this.a1).p; }
}

let nextSheetId = 1000;

export class FakeSheet implements Fake<Sheet,
  'getName' | 'getSheetId' | 'getRange' | 'getRangeList' | 'getDataRange' | 'getMaxRows' | 'getMaxColumns' | 'getLastRow' | 'getLastColumn' |
  'insertRowsAfter' | 'insertColumnsAfter' | 'deleteRows' | 'deleteColumns' | 'clear' | 'showColumns' | 'hideColumns' | 'setFrozenRows' | 'setFrozenColumns' | 'getFrozenRows' |
  'setColumnWidth' | 'getFilter' | 'getCharts' | 'removeChart' | 'insertChart' | 'newChart' | 'setConditionalFormatRules' | 'activate'> {
  readonly p: this;
  readonly id = nextSheetId++;
  values: (CellValue | undefined)[][] = [];
  formats: (string | undefined)[][] = [];
  /** Formats set on whole ranges (setNumberFormat), applied to cells without their own. */
  columnFormats: { row: number; col: number; rows: number; cols: number; format: string }[] = [];
  formulas = new Map<string, string>();
  notes = new Map<string, string>();
  styles: StyleOp[] = [];
  validations: { a1: string; rule: FakeValidation }[] = [];
  rules: FakeRule[] = [];
  charts: FakeChart[] = [];
  filter: FakeFilter | null = null;
  frozenRows = 0;
  frozenColumns = 0;
  hiddenColumns = new Set<number>();
  columnWidths = new Map<number, number>();
  maxRows = 1000;
  maxCols = 26;
  /** Set for sheets the test treats as input: any write to them throws. */
  readOnly = false;

  constructor(readonly spreadsheet: FakeSpreadsheet, public name: string) {
    this.p = recorded(this, 'Sheet', spreadsheet.rec, () => this.name);
  }

  get rec(): Recorder {
    return this.spreadsheet.rec;
  }

  assertWritable(what: string): void {
    if (this.readOnly) throw new Error(`${what} on the input sheet «${this.name}»: input sheets must never be changed`);
  }

  /** Puts a grid at A1 (test setup; not recorded). */
  load(grid: unknown[][]): this {
    this.maxRows = Math.max(this.maxRows, grid.length);
    this.maxCols = Math.max(this.maxCols, ...grid.map((r) => r.length));
    grid.forEach((row, i) => row.forEach((v, j) => {
      if (v === null || v === undefined || v === '') return;
      (this.values[i] ??= [])[j] = v as CellValue;
    }));
    return this;
  }

  write(r: number, c: number, v: CellValue): void {
    const key = `${r}:${c}`;
    this.formulas.delete(key);
    let value: CellValue | undefined = v;
    const format = this.formatAt(r, c);
    if (typeof v === 'string' && format !== '@') {
      if (v.startsWith('=')) {
        this.formulas.set(key, v);
        value = undefined;
      } else if (/^[+-]?\d+(\.\d+)?$/.test(v.trim())) value = Number(v);
    }
    if (value === '' || value === null) value = undefined;
    (this.values[r - 1] ??= [])[c - 1] = value;
  }

  setFormat(r: number, c: number, f: string): void {
    (this.formats[r - 1] ??= [])[c - 1] = f;
  }

  formatAt(r: number, c: number): string {
    const own = this.formats[r - 1]?.[c - 1];
    if (own !== undefined) return own;
    for (let k = this.columnFormats.length - 1; k >= 0; k--) {
      const f = this.columnFormats[k];
      if (r >= f.row && r < f.row + f.rows && c >= f.col && c < f.col + f.cols) return f.format;
    }
    return 'General';
  }

  rangeA1(a1: string): FakeRange {
    const { row, col, rows, cols } = parseA1(a1, this.maxRows, this.maxCols);
    return new FakeRange(this, row, col, rows, cols);
  }

  getName() { return this.name; }
  getSheetId() { return this.id; }

  getRange(a: number | string, col?: number, rows = 1, cols = 1) {
    if (typeof a === 'string') return this.rangeA1(a).p;
    return new FakeRange(this, a, col!, rows, cols).p;
  }

  getRangeList(a1s: string[]) { return new FakeRangeList(this, a1s).p; }

  getLastRow() {
    for (let r = Math.max(this.values.length, 0); r >= 1; r--) {
      const row = this.values[r - 1];
      if (row && row.some((v) => v !== undefined)) return r;
    }
    let last = 0;
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.split(':')[0]));
    return last;
  }

  getLastColumn() {
    let last = 0;
    for (const row of this.values) if (row) for (let c = row.length; c > last; c--) if (row[c - 1] !== undefined) { last = c; break; }
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.split(':')[1]));
    return last;
  }

  getDataRange() {
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())).p;
  }

  getMaxRows() { return this.maxRows; }
  getMaxColumns() { return this.maxCols; }
  insertRowsAfter(_after: number, n: number) { this.assertWritable('insertRowsAfter'); this.maxRows += n; return this.p; }
  insertColumnsAfter(_after: number, n: number) { this.assertWritable('insertColumnsAfter'); this.maxCols += n; return this.p; }

  deleteRows(first: number, n: number) {
    this.assertWritable('deleteRows');
    if (first < 1 || first + n - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (n >= this.maxRows) throw new Error('You can\'t delete all the rows on the sheet.');
    this.values.splice(first - 1, n);
    this.formats.splice(first - 1, n);
    this.maxRows -= n;
  }

  deleteColumns(first: number, n: number) {
    this.assertWritable('deleteColumns');
    if (first < 1 || first + n - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    if (n >= this.maxCols) throw new Error('You can\'t delete all the columns on the sheet.');
    for (const row of this.values) row?.splice(first - 1, n);
    for (const row of this.formats) row?.splice(first - 1, n);
    this.maxCols -= n;
  }

  clear() {
    this.assertWritable('clear');
    this.values = [];
    this.formats = [];
    this.columnFormats = [];
    this.formulas.clear();
    this.styles = [];
    return this.p;
  }

  showColumns(first: number, n = 1) { for (let c = first; c < first + n; c++) this.hiddenColumns.delete(c); }
  hideColumns(first: number, n = 1) { for (let c = first; c < first + n; c++) this.hiddenColumns.add(c); }
  setFrozenRows(n: number) { this.frozenRows = n; }
  setFrozenColumns(n: number) { this.frozenColumns = n; }
  getFrozenRows() { return this.frozenRows; }
  setColumnWidth(col: number, width: number) { this.columnWidths.set(col, width); return this.p; }
  getFilter() { return this.filter ? this.filter.p : null; }
  getCharts() { return this.charts.map((c) => c); }
  removeChart(chart: unknown) { this.charts = this.charts.filter((c) => c !== chart); }
  insertChart(chart: unknown) { this.assertWritable('insertChart'); this.charts.push(chart as FakeChart); }
  newChart() { return new ChartBuilder(this.rec, this).p; }
  setConditionalFormatRules(rules: unknown[]) { this.assertWritable('setConditionalFormatRules'); this.rules = rules as FakeRule[]; }
  activate() { this.spreadsheet.active = { sheet: this.name, a1: 'A1' }; return this.p; }

  /** The values as a grid of exactly the used size, formulas as what they compute, as getValues gives them (test helper). */
  grid(): CellValue[][] {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
      const formula = this.formulas.get(`${r + 1}:${c + 1}`);
      const v = formula !== undefined ? evaluateFormula(formula) : this.values[r]?.[c];
      return v === undefined ? '' : v;
    }));
  }
}

export class FakeSpreadsheet implements Fake<Spreadsheet,
  'getSheetByName' | 'getSheets' | 'insertSheet' | 'getNumSheets' | 'getSpreadsheetTimeZone' | 'toast' | 'getId'> {
  readonly p: this;
  sheets: FakeSheet[] = [];
  active: { sheet: string; a1: string } | null = null;
  toasts: { message: string; title?: string }[] = [];

  constructor(readonly rec: Recorder, readonly timeZone = 'Europe/Moscow') {
    this.p = recorded(this, 'Spreadsheet', rec);
  }

  /** Adds a sheet holding a grid (test setup). */
  add(name: string, grid: unknown[][] = []): FakeSheet {
    const sheet = new FakeSheet(this, name).load(grid);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  getId() { return 'fake-spreadsheet'; }
  getSheetByName(name: string) { return this.sheet(name)?.p ?? null; }
  getSheets() { return this.sheets.map((s) => s.p); }
  getNumSheets() { return this.sheets.length; }
  getSpreadsheetTimeZone() { return this.timeZone; }

  insertSheet(name: string, index?: number) {
    if (this.sheet(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(this, name);
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    this.active = { sheet: name, a1: 'A1' };
    return sheet.p;
  }

  toast(message: string, title?: string) { this.toasts.push({ message, title }); }
}

// ------------------------------------------------------------------ UI and the other services

export class FakeUi implements Fake<GoogleAppsScript.Base.Ui, 'createMenu' | 'alert' | 'showSidebar' | 'showModalDialog' | 'ButtonSet'> {
  readonly p: this;
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  menus: { title: string; items: ({ caption: string; functionName: string } | 'separator')[] }[] = [];
  alerts: { title: string; message: string }[] = [];
  sidebars: FakeHtmlOutput[] = [];
  dialogs: { html: FakeHtmlOutput; title: string }[] = [];

  constructor(readonly rec: Recorder) {
    this.p = recorded(this, 'Ui', rec);
  }

  createMenu(title: string) {
    const menu = { title, items: [] as FakeUi['menus'][number]['items'] };
    const ui = this;
    const builder = {
      addItem(caption: string, functionName: string) { menu.items.push({ caption, functionName }); return proxy; },
      addSeparator() { menu.items.push('separator'); return proxy; },
      addToUi() { ui.menus.push(menu); },
    } satisfies Fake<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addToUi'>;
    const proxy = recorded(builder, 'Menu', this.rec);
    return proxy;
  }

  alert(title: string, message?: string, _buttons?: unknown) {
    this.alerts.push({ title, message: message ?? '' });
    return 'OK';
  }

  showSidebar(html: unknown) { this.sidebars.push(html as FakeHtmlOutput); }
  showModalDialog(html: unknown, title: string) { this.dialogs.push({ html: html as FakeHtmlOutput, title }); }
}

export class FakeHtmlOutput implements Fake<GoogleAppsScript.HTML.HtmlOutput, 'setTitle' | 'setWidth' | 'setHeight' | 'getContent' | 'getTitle'> {
  readonly p: this;
  title = '';
  width: number | null = null;
  height: number | null = null;
  constructor(rec: Recorder, readonly file: string, readonly content: string) {
    this.p = recorded(this, 'HtmlOutput', rec);
  }
  setTitle(t: string) { this.title = t; return this.p; }
  setWidth(w: number) { this.width = w; return this.p; }
  setHeight(h: number) { this.height = h; return this.p; }
  getContent() { return this.content; }
  getTitle() { return this.title; }
}

class FakeProperties implements Fake<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty' | 'deleteProperty' | 'getProperties'> {
  readonly p: this;
  readonly store = new Map<string, string>();
  constructor(rec: Recorder, kind: string) {
    this.p = recorded(this, kind, rec);
  }
  getProperty(key: string) { return this.store.get(key) ?? null; }
  setProperty(key: string, value: string) { this.store.set(key, String(value)); return this.p; }
  deleteProperty(key: string) { this.store.delete(key); return this.p; }
  getProperties() { return Object.fromEntries(this.store); }
}

export interface GasWorld {
  rec: Recorder;
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  userProperties: FakeProperties;
  documentProperties: FakeProperties;
  /** The globals handed to the bundle (SpreadsheetApp, HtmlService, PropertiesService, Utilities, console). */
  globals: Record<string, unknown>;
}

/** Fresh fakes around an empty spreadsheet. */
export function gasWorld(): GasWorld {
  const rec = new Recorder();
  const spreadsheet = new FakeSpreadsheet(rec);
  const ui = new FakeUi(rec);
  const userProperties = new FakeProperties(rec, 'UserProperties');
  const documentProperties = new FakeProperties(rec, 'DocumentProperties');

  const spreadsheetApp = {
    getActiveSpreadsheet: () => spreadsheet.p,
    getUi: () => ui.p,
    newConditionalFormatRule: () => new ConditionalFormatRuleBuilder(rec).p,
    newDataValidation: () => new DataValidationBuilder(rec).p,
    ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
  } satisfies Fake<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getActiveSpreadsheet' | 'getUi' | 'newConditionalFormatRule' | 'newDataValidation' | 'ProtectionType'>;

  const htmlService = {
    createHtmlOutputFromFile: (name: string) => {
      const file = path.join(GAS_DIST, `${name}.html`);
      if (!fs.existsSync(file)) throw new Error(`No HTML file named ${name} was found (dist/gas/${name}.html)`);
      return new FakeHtmlOutput(rec, name, fs.readFileSync(file, 'utf8')).p;
    },
  } satisfies Fake<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile'>;

  const propertiesService = {
    getUserProperties: () => userProperties.p,
    getDocumentProperties: () => documentProperties.p,
  } satisfies Fake<GoogleAppsScript.Properties.PropertiesService, 'getUserProperties' | 'getDocumentProperties'>;

  const utilities = {
    formatDate: (date: Date, _tz: string, pattern: string) => {
      const pad = (n: number) => String(n).padStart(2, '0');
      return pattern.replace('dd', pad(date.getDate())).replace('MM', pad(date.getMonth() + 1)).replace('yyyy', String(date.getFullYear()))
        .replace('HH', pad(date.getHours())).replace('mm', pad(date.getMinutes()));
    },
  } satisfies Fake<GoogleAppsScript.Utilities.Utilities, 'formatDate'>;

  const quietConsole = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return {
    rec, spreadsheet, ui, userProperties, documentProperties,
    globals: {
      SpreadsheetApp: recorded(spreadsheetApp, 'SpreadsheetApp', rec),
      HtmlService: recorded(htmlService, 'HtmlService', rec),
      PropertiesService: recorded(propertiesService, 'PropertiesService', rec),
      Utilities: recorded(utilities, 'Utilities', rec),
      console: quietConsole,
    },
  };
}

// ------------------------------------------------------------------ the bundle

export function bundlePath(): string {
  const file = path.join(GAS_DIST, 'Code.js');
  if (!fs.existsSync(file)) throw new Error('dist/gas/Code.js is missing: run `npm run build` (or `npm run build:gas`) first');
  return file;
}

let compiled: vm.Script | null = null;

/**
 * Runs Code.js in a fresh context holding `globals`, as Apps Script runs a project: one global
 * scope, no require or module. Returns the context: its properties are the project's globals.
 */
export function loadBundle(globals: Record<string, unknown> = {}): Record<string, (...args: unknown[]) => unknown> {
  compiled ??= new vm.Script(fs.readFileSync(bundlePath(), 'utf8'), { filename: 'Code.js' });
  const context = vm.createContext({ ...globals });
  compiled.runInContext(context);
  return context as Record<string, (...args: unknown[]) => unknown>;
}

/** What Apps Script does to values crossing google.script.run: JSON only. */
export function overTheWire<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/**
 * google.script.run over a loaded bundle (`loadBundle`): every top-level function, arguments and
 * results crossing as JSON, answers on a later tick; `calls` logs the functions called, in order.
 * A server error reaches the failure handler as Apps Script hands it over: «Error: …».
 */
export function scriptRun(ctx: ReturnType<typeof loadBundle>, calls: string[], answerDelayMs: Record<string, number> = {}): () => ScriptRun {
  return () => {
    let onSuccess: (v: unknown) => void = () => undefined;
    let onFailure: (e: Error) => void = () => undefined;
    const runner: ScriptRun = {
      withSuccessHandler(f) { onSuccess = f; return runner; },
      withFailureHandler(f) { onFailure = f; return runner; },
    };
    for (const name of Object.keys(ctx)) {
      if (typeof ctx[name] !== 'function') continue;
      runner[name] = (...args: unknown[]) => {
        calls.push(name);
        const wire = overTheWire(args);
        setTimeout(() => {
          let result: unknown;
          try {
            result = overTheWire(ctx[name](...wire));
          } catch (e) {
            const err = new Error(`Error: ${(e as Error).message}`);
            setTimeout(() => onFailure(err), 0);
            return;
          }
          setTimeout(() => onSuccess(result), answerDelayMs[name] ?? 0);
        }, 0);
      };
    }
    return runner;
  };
}

/** The SpreadsheetApp namespace type, for tests that need it. */
export type SpreadsheetNamespace = SS;
