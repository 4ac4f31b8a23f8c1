/**
 * A fake ONLYOFFICE / Р7-Офис spreadsheet editor for the plugin's tests (the real editor cannot run
 * here). It behaves as the documentation and the sdkjs source describe, and no kinder:
 *
 * - `Asc.plugin.callCommand(func, isClose, isCalc, callback)`: the editor receives `func.toString()`
 *   and `Asc.scope` as JSON and evaluates the text in its own frame
 *   (https://api.onlyoffice.com/docs/plugin-and-macros/interacting-with-editors/overview/how-to-call-commands/).
 *   Here every command runs from its text in a FRESH vm context holding only `Api` and `Asc.scope`
 *   (a command leaning on a closure, an import or a bundler helper throws), and its result comes
 *   back through JSON.
 * - `ApiRange.GetValue2()` (sdkjs cell/apiBuilder.js): one cell → a scalar, else rows of cells; the
 *   values are the cells' text without format (getValueWithoutFormat), so numbers come back as text.
 * - `ApiRange.SetValue(data)` (sdkjs cell/apiBuilder.js): a 2D array fills the range; `null` or
 *   `undefined` becomes #N/A (AscCommon.cErrorLocal["na"]); every value goes through
 *   `value.toString()` and the editor's input parsing: a leading apostrophe makes the rest text
 *   (quote prefix), a string starting with «=» becomes a formula — and so, conservatively, does any
 *   text starting (after blanks) with «+», «-» or «@» that is not a number — unless the cell is
 *   text-formatted (SetNumberFormat("@")); number-like text becomes a number.
 * - Api.GetSheets / GetSheet (null when missing) / AddSheet (throws when the name exists) /
 *   CreateColorFromRGB; ApiWorksheet GetName, GetUsedRange (the bounding box of non-empty cells, A1
 *   when empty), GetRange(A1), Delete, SetActive, GetFreezePanes().FreezeRows;
 *   ApiRange.GetAddress(rowAbs, colAbs, 'xlA1'), SetNumberFormat, SetColumnWidth, SetBold, SetItalic,
 *   SetFontSize, SetFontColor, SetFillColor, SetWrap, SetAlignVertical, SetRowHeight, Merge,
 *   SetAutoFilter, Select; ApiWorksheet.AddChart(range with the sheet name, inRows, type, …) and
 *   ApiChart.SetTitle / SetHorAxisTitle / SetVerAxisTitle / SetLegendPos
 *   (https://api.onlyoffice.com/docs/office-api/usage-api/spreadsheet-api/ApiRange/, …/ApiWorksheet/).
 * - executeMethod: GetVersion (a version string), GetCustomFunctions / SetCustomFunctions (the
 *   editor's library list as JSON text; a saved library is evaluated with Api.AddCustomFunction,
 *   which takes the JSDoc blocks of the library text in order, as sdkjs `parsedJSDoc.shift()` does,
 *   and refuses a function without @customfunction, with an unsupported type or without @returns:
 *   https://api.onlyoffice.com/docs/plugin-and-macros/macros/adding-custom-functions/).
 */
import * as vm from 'vm';
import type { EditorPort } from '../../onlyoffice/onlyoffice-bridge';

export interface FakeCell {
  /** The value as the editor keeps it: text, a number, a boolean, an error («#N/A»). */
  value: string | number | boolean;
  formula?: string;
  quotePrefix?: boolean;
  error?: boolean;
  format?: string;
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  font?: string;
  size?: number;
  wrap?: boolean;
  valign?: string;
}

export class FakeSheet {
  rows: (FakeCell | undefined)[][] = [];
  widths = new Map<number, number>();
  heights = new Map<number, number>();
  merged: string[] = [];
  frozenRows = 0;
  filter: string | null = null;
  selected: string | null = null;
  charts: { range: string; inRows: boolean; type: string; col: number; row: number; title?: string; xTitle?: string; yTitle?: string }[] = [];
  constructor(public name: string) {}

  cell(r: number, c: number, create = false): FakeCell | undefined {
    if (!create) return this.rows[r]?.[c];
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { value: '' });
  }

  /** The cells' values as a grid from A1 ('' for empty), as a test reads them. */
  values(): (string | number | boolean)[][] {
    const width = this.rows.reduce((w, r) => Math.max(w, r ? r.length : 0), 0);
    return Array.from({ length: this.rows.length }, (_, r) => Array.from({ length: width }, (_, c) => this.rows[r]?.[c]?.value ?? ''));
  }

  /** Every formula on the sheet with its cell. */
  formulas(): { cell: string; formula: string }[] {
    const out: { cell: string; formula: string }[] = [];
    this.rows.forEach((row, r) => row?.forEach((c, k) => { if (c?.formula) out.push({ cell: `${col(k)}${r + 1}`, formula: c.formula }); }));
    return out;
  }
}

function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** «B3:D7», «A1», «A:A» is not used by the plugin. */
function parseA1(address: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a, b] = address.replace(/\$/g, '').split(':');
  const one = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s);
    if (!m) throw new Error(`fake editor: bad address «${address}»`);
    return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  };
  const p = one(a);
  const q = b ? one(b) : p;
  return { r1: Math.min(p.r, q.r), c1: Math.min(p.c, q.c), r2: Math.max(p.r, q.r), c2: Math.max(p.c, q.c) };
}

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The editor's reading of a typed value (checkFormat + Range.setValue), conservative about formulas. */
function enter(cell: FakeCell, raw: unknown): void {
  delete cell.formula; delete cell.quotePrefix; delete cell.error;
  if (raw === null || raw === undefined) { cell.value = '#N/A'; cell.error = true; return; }
  const text = String(raw);
  if (cell.format === '@') { cell.value = text; return; }
  if (text.startsWith("'")) { cell.value = text.slice(1); cell.quotePrefix = true; return; }
  if (NUMBER.test(text)) { cell.value = Number(text); return; }
  if (/^(true|false)$/i.test(text)) { cell.value = text.toLowerCase() === 'true'; return; }
  if (/^\s*[=+\-@]/.test(text)) { cell.formula = text.trim().startsWith('=') ? text.trim() : `=${text.trim()}`; cell.value = '#FORMULA'; return; }
  cell.value = text;
}

export class FakeEditor {
  sheets: FakeSheet[] = [];
  active = 0;
  /** Every command run, with the name the plugin gave it (minified names in a bundle). */
  log: { name: string; text: string }[] = [];
  methods: { name: string; args: unknown[] }[] = [];
  version: string | undefined = '8.2.0';
  customFunctionsJson = '';
  /** What the saved libraries registered: name → { fn, jsdoc }. */
  customFunctions = new Map<string, { fn: (...a: unknown[]) => unknown; jsdoc: ParsedJsDoc }>();

  constructor(workbook: Record<string, unknown[][]> = {}) {
    for (const [name, grid] of Object.entries(workbook)) {
      const sheet = new FakeSheet(name);
      grid.forEach((row, r) => row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const cell = sheet.cell(r, c, true)!;
        // Input sheets as the official typed them: text stays text (codes «001234»), numbers numbers.
        cell.value = v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | number | boolean);
      }));
      this.sheets.push(sheet);
    }
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  get commands(): number {
    return this.log.length;
  }

  /** The Office JavaScript API over this workbook (what a command sees as `Api`). */
  api(): Record<string, unknown> {
    const editor = this;
    const color = (r: number, g: number, b: number) => ({ hex: `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}` });
    const range = (sheet: FakeSheet, address: string) => {
      const box = parseA1(address);
      const each = (fn: (c: FakeCell, r: number, k: number) => void) => {
        for (let r = box.r1; r <= box.r2; r++) for (let k = box.c1; k <= box.c2; k++) fn(sheet.cell(r, k, true)!, r, k);
      };
      const cellText = (c: FakeCell | undefined) => (c === undefined ? '' : c.formula ? String(c.value) : String(c.value));
      return {
        GetAddress(rowAbs: boolean, colAbs: boolean) {
          const fmt = (r: number, k: number) => `${colAbs ? '$' : ''}${col(k)}${rowAbs ? '$' : ''}${r + 1}`;
          return box.r1 === box.r2 && box.c1 === box.c2 ? fmt(box.r1, box.c1) : `${fmt(box.r1, box.c1)}:${fmt(box.r2, box.c2)}`;
        },
        GetValue2() {
          if (box.r1 === box.r2 && box.c1 === box.c2) return cellText(sheet.cell(box.r1, box.c1));
          const out: string[][] = [];
          for (let r = box.r1; r <= box.r2; r++) {
            const row: string[] = [];
            for (let k = box.c1; k <= box.c2; k++) row.push(cellText(sheet.cell(r, k)));
            out.push(row);
          }
          return out;
        },
        SetValue(data: unknown) {
          if (Array.isArray(data)) {
            const depth = (x: unknown): number => (Array.isArray(x) ? 1 + Math.max(0, ...x.map(depth)) : 0);
            const d = depth(data);
            each((c, r, k) => {
              const v = d === 1 ? (data as unknown[])[k - box.c1] : ((data as unknown[][])[r - box.r1] ?? [])[k - box.c1];
              enter(c, v);
            });
          } else each((c) => enter(c, data));
          return true;
        },
        SetNumberFormat(f: string) { each((c) => { c.format = f; }); },
        SetColumnWidth(w: number) { for (let k = box.c1; k <= box.c2; k++) sheet.widths.set(k, w); },
        SetRowHeight(h: number) { for (let r = box.r1; r <= box.r2; r++) sheet.heights.set(r, h); },
        SetBold(b: boolean) { each((c) => { c.bold = !!b; }); },
        SetItalic(b: boolean) { each((c) => { c.italic = !!b; }); },
        SetFontSize(n: number) { each((c) => { c.size = n; }); },
        SetFontColor(x: { hex: string }) { each((c) => { c.font = x.hex; }); },
        SetFillColor(x: { hex: string }) { each((c) => { c.fill = x.hex; }); },
        SetWrap(b: boolean) { each((c) => { c.wrap = !!b; }); },
        SetAlignVertical(v: string) { each((c) => { c.valign = v; }); },
        Merge() { sheet.merged.push(address); },
        SetAutoFilter() { sheet.filter = address; },
        Select() { sheet.selected = address; editor.active = editor.sheets.indexOf(sheet); },
      };
    };
    const worksheet = (sheet: FakeSheet) => ({
      GetName: () => sheet.name,
      GetUsedRange() {
        let r1 = Infinity; let c1 = Infinity; let r2 = -1; let c2 = -1;
        sheet.rows.forEach((row, r) => row?.forEach((c, k) => {
          if (!c || (c.value === '' && !c.formula)) return;
          r1 = Math.min(r1, r); r2 = Math.max(r2, r); c1 = Math.min(c1, k); c2 = Math.max(c2, k);
        }));
        return r2 < 0 ? range(sheet, 'A1') : range(sheet, `${col(c1)}${r1 + 1}:${col(c2)}${r2 + 1}`);
      },
      GetRange: (a: string) => range(sheet, a),
      Delete() {
        if (editor.sheets.length === 1) throw new Error('fake editor: cannot delete the last sheet');
        editor.sheets.splice(editor.sheets.indexOf(sheet), 1);
      },
      SetActive() { editor.active = editor.sheets.indexOf(sheet); },
      GetFreezePanes: () => ({ FreezeRows(n: number) { sheet.frozenRows = n; } }),
      AddChart(range: string, inRows: boolean, type: string, _style: number, _w: number, _h: number, col: number, _co: number, row: number) {
        const m = /^'((?:[^']|'')+)'!(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)$/.exec(range);
        if (!m || m[1].replace(/''/g, "'") !== sheet.name) throw new Error(`fake editor: AddChart needs the sheet name in the range, got «${range}»`);
        parseA1(m[2]);
        const chart = { range: m[2].replace(/\$/g, ''), inRows, type, col, row } as FakeSheet['charts'][number];
        sheet.charts.push(chart);
        return {
          SetTitle(t: string) { chart.title = t; },
          SetHorAxisTitle(t: string) { chart.xTitle = t; },
          SetVerAxisTitle(t: string) { chart.yTitle = t; },
          SetLegendPos() { /* shown at the bottom */ },
        };
      },
    });
    return {
      GetSheets: () => editor.sheets.map(worksheet),
      GetSheet: (name: string) => { const s = editor.sheet(name); return s ? worksheet(s) : null; },
      AddSheet(name: string) {
        if (editor.sheet(name)) throw new Error('Worksheet with such a name already exists.');
        editor.sheets.push(new FakeSheet(name));
        editor.active = editor.sheets.length - 1;
      },
      CreateColorFromRGB: color,
    };
  }

  /** Runs a command as the editor does: its text, in a fresh context with Api and Asc.scope only; JSON back. */
  runCommandText(text: string, scopeJson: string, name = 'command'): unknown {
    this.log.push({ name, text });
    const context = vm.createContext({ Api: this.api(), Asc: { scope: JSON.parse(scopeJson) } });
    const result = vm.runInContext(`(${text})()`, context, { timeout: 60_000 });
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  }

  executeMethod(name: string, args: unknown[]): unknown {
    this.methods.push({ name, args });
    switch (name) {
      case 'GetVersion': return this.version;
      case 'GetCustomFunctions': return this.version && parseVersion(this.version) >= 801 ? this.customFunctionsJson : undefined;
      case 'SetCustomFunctions': {
        if (!this.version || parseVersion(this.version) < 801) return undefined;
        this.customFunctionsJson = String(args[0]);
        this.loadLibraries();
        return undefined;
      }
      default: throw new Error(`fake editor: no method ${name}`);
    }
  }

  /** Evaluates every saved library with Api.AddCustomFunction (as the editor does when a book opens). */
  loadLibraries(): void {
    this.customFunctions.clear();
    const store = JSON.parse(this.customFunctionsJson || '{"macrosArray":[]}') as { macrosArray: { value: string }[] };
    for (const lib of store.macrosArray) {
      const docs = parseJsDocs(lib.value);
      const registered = this.customFunctions;
      const Api = {
        AddCustomFunction(fn: (...a: unknown[]) => unknown) {
          const doc = docs.shift();
          if (!doc) throw new Error('Invalid parameters type in JSDOC or options.');
          validate(doc, fn);
          registered.set(fn.name.toUpperCase(), { fn, jsdoc: doc });
        },
      };
      vm.runInContext(lib.value, vm.createContext({ Api }), { timeout: 60_000 });
    }
  }

  /** The bridge's port: commands through their text, methods through executeMethod. */
  port(): EditorPort {
    return {
      command: async <T>(fn: () => T, scope: Record<string, unknown>) => this.runCommandText(fn.toString(), JSON.stringify(scope), fn.name) as T,
      method: async <T>(name: string, args: unknown[]) => this.executeMethod(name, args) as T,
    };
  }
}

function parseVersion(v: string): number {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

export interface ParsedJsDoc {
  description: string;
  params: { type: string; name: string; optional: boolean; text: string }[];
  returns: { type: string; text: string } | null;
}

const TYPES = new Set(['number', 'string', 'boolean', 'bool', 'any', 'number[][]', 'string[][]', 'boolean[][]', 'bool[][]', 'any[][]']);

/** The /** … *\/ blocks carrying @customfunction, in the order they appear in the library text. */
export function parseJsDocs(code: string): ParsedJsDoc[] {
  const out: ParsedJsDoc[] = [];
  for (const m of code.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\//g)) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).filter(Boolean);
    if (!lines.some((l) => /^@customfunction\b/.test(l))) continue;
    const params = lines.filter((l) => l.startsWith('@param')).map((l) => {
      const p = /^@param\s+\{([^}]+)\}\s+(\[?)(\w+)\]?\s*(.*)$/.exec(l);
      if (!p) throw new Error(`fake editor: bad @param line «${l}»`);
      return { type: p[1], optional: p[2] === '[', name: p[3], text: p[4] };
    });
    const r = lines.find((l) => l.startsWith('@returns'));
    const rm = r ? /^@returns\s+\{([^}]+)\}\s*(.*)$/.exec(r) : null;
    out.push({ description: lines.filter((l) => !l.startsWith('@')).join(' '), params, returns: rm ? { type: rm[1], text: rm[2] } : null });
  }
  return out;
}

function validate(doc: ParsedJsDoc, fn: (...a: unknown[]) => unknown): void {
  for (const p of doc.params) if (!TYPES.has(p.type)) throw new Error(`Invalid parameters type in JSDOC: ${p.type}`);
  if (!doc.returns || !TYPES.has(doc.returns.type)) throw new Error(`fake editor: ${fn.name} has no valid @returns`);
  if (doc.params.length !== fn.length) throw new Error(`fake editor: ${fn.name} takes ${fn.length} arguments, its JSDoc lists ${doc.params.length}`);
}
