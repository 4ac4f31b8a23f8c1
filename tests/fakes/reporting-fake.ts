/// <reference types="google-apps-script" />
/**
 * A small in-memory Google spreadsheet that ENFORCES sharing and protections, for the municipal
 * reporting feature (gas/reporting/). Who is acting is `world.user`; every change of a cell (values,
 * formats, validation, merges, clearing) checks that this user may edit it:
 *   - the file's owner may edit everything;
 *   - anyone else must be an editor of the file (`share`), and an editor of EVERY protection that
 *     covers the cell (a sheet protection and a range protection inside it both apply), unless the
 *     protection still allows the whole domain.
 * A new protection starts as Sheets starts it: every editor of the file may edit it, the domain
 * too; the code under test must narrow it. Changing a protection needs the right to edit it.
 * Formulas are stored and not evaluated: getValues returns '' for them, getFormulas returns them —
 * so «values only» is checked with getFormulas. As in Sheets, setValues turns a string starting with
 * «=» into a formula unless the cell is formatted as plain text («@»); see asFormula.
 *
 * Method names are checked against @types/google-apps-script (`Has<T, K>`: K must be members of
 * the real interface), so a method the real service lacks fails to compile.
 */
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** The members a fake implements, named from the real interface. */
type Has<T, K extends keyof T> = { [P in K]: unknown };

/** Rows made rectangular for setValues: short rows filled with '', null as '' (as Sheets holds blanks). */
export function pad(rows: unknown[][]): unknown[][] {
  const w = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array(w - r.length).fill('')].map((c) => (c === null ? '' : c)));
}

export const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export const FakeProtectionType = { SHEET: 'SHEET', RANGE: 'RANGE' } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;

export class FakeUser implements Has<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}

export class World {
  user: string;
  readonly fileEditors = new Set<string>();
  readonly spreadsheet: FakeSpreadsheet;
  /** Every protection of the file, both kinds. */
  readonly protections: FakeProtection[] = [];
  /** Refused attempts, for assertions. */
  readonly refusals: { user: string; sheet: string; what: string }[] = [];

  constructor(readonly owner: string) {
    this.user = owner;
    this.spreadsheet = new FakeSpreadsheet(this);
  }

  /** Gives people edit access to the file (the owner's «Share» button). */
  share(...emails: string[]): void {
    for (const e of emails) this.fileEditors.add(e.toLowerCase());
  }

  /** Runs `fn` as another user (the script runs as the person who clicked). */
  as<T>(email: string, fn: () => T): T {
    const before = this.user;
    this.user = email;
    try {
      return fn();
    } finally {
      this.user = before;
    }
  }

  isOwner(): boolean {
    return this.user.toLowerCase() === this.owner.toLowerCase();
  }

  /** May the current user edit this cell? */
  canEditCell(sheet: FakeSheet, row: number, col: number): boolean {
    if (this.isOwner()) return true;
    const me = this.user.toLowerCase();
    if (!this.fileEditors.has(me)) return false;
    return this.protections.every((p) => !p.covers(sheet, row, col) || p.allows(me));
  }

  check(sheet: FakeSheet, row: number, col: number, rows: number, cols: number, what: string): void {
    for (let r = row; r < row + rows; r++) {
      for (let c = col; c < col + cols; c++) {
        if (!this.canEditCell(sheet, r, c)) {
          this.refusals.push({ user: this.user, sheet: sheet.getName(), what });
          throw new Error(PROTECTED_MESSAGE);
        }
      }
    }
  }
}

type Cell = string | number | boolean | Date;

export class FakeProtection implements Has<GProtection,
  'addEditor' | 'addEditors' | 'canDomainEdit' | 'canEdit' | 'getDescription' | 'getEditors' | 'getProtectionType' | 'getRange'
  | 'remove' | 'removeEditor' | 'removeEditors' | 'setDescription' | 'setDomainEdit' | 'isWarningOnly'> {
  private readonly editors = new Set<string>();
  private domain = true;
  private description = '';

  constructor(
    private readonly world: World,
    readonly type: 'SHEET' | 'RANGE',
    readonly sheet: FakeSheet,
    readonly bounds: { row: number; col: number; rows: number; cols: number } | null,
  ) {
    // As in Sheets: a new protection starts with every editor of the file and the creator.
    for (const e of world.fileEditors) this.editors.add(e);
    this.editors.add(world.user.toLowerCase());
  }

  covers(sheet: FakeSheet, row: number, col: number): boolean {
    if (sheet !== this.sheet) return false;
    if (!this.bounds) return true;
    const b = this.bounds;
    return row >= b.row && row < b.row + b.rows && col >= b.col && col < b.col + b.cols;
  }

  allows(email: string): boolean {
    return this.domain || this.editors.has(email.toLowerCase());
  }

  private mustEdit(): void {
    if (!this.canEdit()) throw new Error(PROTECTED_MESSAGE);
  }

  canEdit(): boolean {
    return this.world.isOwner() || this.editors.has(this.world.user.toLowerCase());
  }

  editorEmails(): string[] {
    return [...this.editors].sort();
  }

  addEditor(user: string | GoogleAppsScript.Base.User): GProtection {
    return this.addEditors([typeof user === 'string' ? user : user.getEmail()]);
  }

  addEditors(emails: string[]): GProtection {
    this.mustEdit();
    for (const e of emails) this.editors.add(e.toLowerCase());
    return this as unknown as GProtection;
  }

  removeEditor(user: string | GoogleAppsScript.Base.User): GProtection {
    return this.removeEditors([typeof user === 'string' ? user : user.getEmail()]);
  }

  removeEditors(list: string[] | GoogleAppsScript.Base.User[]): GProtection {
    this.mustEdit();
    for (const u of list as (string | GoogleAppsScript.Base.User)[]) {
      const e = (typeof u === 'string' ? u : u.getEmail()).toLowerCase();
      // Sheets never removes the owner, nor the person making the change.
      if (e !== this.world.owner.toLowerCase() && e !== this.world.user.toLowerCase()) this.editors.delete(e);
    }
    return this as unknown as GProtection;
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return [this.world.owner.toLowerCase(), ...this.editors].filter((e, i, a) => a.indexOf(e) === i)
      .map((e) => new FakeUser(e) as unknown as GoogleAppsScript.Base.User);
  }

  canDomainEdit(): boolean {
    return this.domain;
  }

  setDomainEdit(editable: boolean): GProtection {
    this.mustEdit();
    this.domain = editable;
    return this as unknown as GProtection;
  }

  getDescription(): string {
    return this.description;
  }

  setDescription(d: string): GProtection {
    this.mustEdit();
    this.description = d;
    return this as unknown as GProtection;
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this.type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }

  getRange(): GRange {
    const b = this.bounds ?? { row: 1, col: 1, rows: this.sheet.getMaxRows(), cols: this.sheet.getMaxColumns() };
    return new FakeRange(this.world, this.sheet, b.row, b.col, b.rows, b.cols) as unknown as GRange;
  }

  isWarningOnly(): boolean {
    return false;
  }

  remove(): void {
    this.mustEdit();
    const i = this.world.protections.indexOf(this);
    if (i >= 0) this.world.protections.splice(i, 1);
  }
}

class FakeBuilder implements Has<GBuilder, 'requireValueInList' | 'requireDate' | 'requireNumberBetween' | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThanOrEqualTo' | 'setAllowInvalid' | 'setHelpText' | 'build'> {
  rule: { kind: string; args: unknown[]; allowInvalid: boolean; helpText: string } = { kind: '', args: [], allowInvalid: true, helpText: '' };
  private set(kind: string, args: unknown[]): GBuilder {
    this.rule.kind = kind;
    this.rule.args = args;
    return this as unknown as GBuilder;
  }
  requireValueInList(values: string[], showDropdown?: boolean): GBuilder { return this.set('list', [values, showDropdown]); }
  requireDate(): GBuilder { return this.set('date', []); }
  requireNumberBetween(a: number, b: number): GBuilder { return this.set('between', [a, b]); }
  requireNumberGreaterThanOrEqualTo(a: number): GBuilder { return this.set('>=', [a]); }
  requireNumberLessThanOrEqualTo(a: number): GBuilder { return this.set('<=', [a]); }
  setAllowInvalid(b: boolean): GBuilder { this.rule.allowInvalid = b; return this as unknown as GBuilder; }
  setHelpText(t: string): GBuilder { this.rule.helpText = t; return this as unknown as GBuilder; }
  build(): GoogleAppsScript.Spreadsheet.DataValidation { return { ...this.rule } as unknown as GoogleAppsScript.Spreadsheet.DataValidation; }
}

export function newDataValidation(): GBuilder {
  return new FakeBuilder() as unknown as GBuilder;
}

const key = (r: number, c: number) => `${r},${c}`;

/** The number format of plain text: a string written into such a cell stays text, whatever it starts with. */
export const TEXT_FORMAT = '@';

/**
 * What Sheets makes of a string written by setValues / setValue into a cell NOT formatted as plain
 * text: it is parsed as if typed, so a string starting with «=» becomes a formula
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues —
 * "setValues(values) … treats strings starting with '=' as formulas"). Pessimistic on purpose:
 * blanks or tabs before «=», and «+» / «-» followed by something that is not a number («+A1»,
 * «-HYPERLINK(…)»), count as formulas too. Returns the formula, or null for plain text.
 */
export function asFormula(x: string): string | null {
  const t = x.replace(/^[ \t\u00a0]+/, '');
  if (t.startsWith('=') && t.length > 1) return t;
  if (/^[+-]/.test(t) && !/^[+-]\s*[\d.,]+(\s*%)?$/.test(t) && t.length > 1) return `=${t}`;
  return null;
}

function a1ToBounds(a1: string): { row: number; col: number; rows: number; cols: number } {
  const parse = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]), col };
  };
  const [a, b] = a1.replace(/^.*!/, '').split(':');
  const p = parse(a);
  const q = b ? parse(b) : p;
  return { row: p.row, col: p.col, rows: q.row - p.row + 1, cols: q.col - p.col + 1 };
}

function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export class FakeSheet implements Has<GSheet, 'getName' | 'getRange' | 'getDataRange' | 'getLastRow' | 'getLastColumn' | 'clear' | 'protect'
  | 'getProtections' | 'setColumnWidth' | 'setFrozenRows' | 'getRangeList' | 'getMaxRows' | 'getMaxColumns'> {
  readonly values = new Map<string, Cell>();
  readonly formulas = new Map<string, string>();
  readonly formats = new Map<string, string>();
  readonly validations = new Map<string, unknown>();
  readonly merges: string[] = [];
  frozenRows = 0;

  constructor(private readonly world: World, private name: string) {}

  getName(): string {
    return this.name;
  }

  getMaxRows(): number {
    return Math.max(1000, this.getLastRow());
  }

  getMaxColumns(): number {
    return Math.max(26, this.getLastColumn());
  }

  getRange(a: number | string, b?: number, c?: number, d?: number): GRange {
    if (typeof a === 'string') {
      const x = a1ToBounds(a);
      return new FakeRange(this.world, this, x.row, x.col, x.rows, x.cols) as unknown as GRange;
    }
    if (a < 1 || (b ?? 1) < 1 || (c ?? 1) < 1 || (d ?? 1) < 1) throw new Error(`Range out of bounds: ${a},${b},${c},${d}`);
    return new FakeRange(this.world, this, a, b!, c ?? 1, d ?? 1) as unknown as GRange;
  }

  getDataRange(): GRange {
    return new FakeRange(this.world, this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())) as unknown as GRange;
  }

  private extent(i: 0 | 1): number {
    let max = 0;
    for (const k of [...this.values.keys(), ...this.formulas.keys()]) max = Math.max(max, Number(k.split(',')[i]));
    return max;
  }

  getLastRow(): number {
    return this.extent(0);
  }

  getLastColumn(): number {
    return this.extent(1);
  }

  clear(): GSheet {
    this.world.check(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()), 'clear');
    this.values.clear();
    this.formulas.clear();
    this.formats.clear();
    this.merges.length = 0;
    return this as unknown as GSheet;
  }

  protect(): GProtection {
    this.world.check(this, 1, 1, 1, 1, 'protect');
    const p = new FakeProtection(this.world, 'SHEET', this, null);
    this.world.protections.push(p);
    return p as unknown as GProtection;
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GProtection[] {
    return this.world.protections.filter((p) => p.sheet === this && p.type === (type as unknown as string)) as unknown as GProtection[];
  }

  setColumnWidth(): GSheet {
    return this as unknown as GSheet;
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getRangeList(a1s: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    const ranges = a1s.map((a) => this.getRange(a));
    const list = {
      setFontWeight: (w: string) => {
        for (const r of ranges) r.setFontWeight(w as 'bold');
        return list;
      },
    };
    return list as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }

  /** The values of a rectangle as Sheets returns them (blank ''). */
  grid(): Cell[][] {
    return (this.getDataRange().getValues() as Cell[][]);
  }
}

export class FakeRange implements Has<GRange, 'getValues' | 'setValues' | 'getValue' | 'setValue' | 'getFormulas' | 'setNumberFormats'
  | 'setDataValidation' | 'clearDataValidations' | 'merge' | 'setWrap' | 'setFontWeight' | 'getA1Notation' | 'protect' | 'getRow'
  | 'getColumn' | 'getNumRows' | 'getNumColumns'> {
  constructor(
    private readonly world: World,
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly col: number,
    private readonly rows: number,
    private readonly cols: number,
  ) {}

  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) fn(this.row + i, this.col + j, i, j);
  }

  private self(): GRange {
    return this as unknown as GRange;
  }

  private guard(what: string): void {
    this.world.check(this.sheet, this.row, this.col, this.rows, this.cols, what);
  }

  getValues(): Cell[][] {
    const out: Cell[][] = Array.from({ length: this.rows }, () => new Array(this.cols).fill(''));
    this.each((r, c, i, j) => {
      if (!this.sheet.formulas.has(key(r, c))) out[i][j] = this.sheet.values.get(key(r, c)) ?? '';
    });
    return out;
  }

  getFormulas(): string[][] {
    const out: string[][] = Array.from({ length: this.rows }, () => new Array(this.cols).fill(''));
    this.each((r, c, i, j) => { out[i][j] = this.sheet.formulas.get(key(r, c)) ?? ''; });
    return out;
  }

  getValue(): Cell {
    return this.getValues()[0][0];
  }

  setValues(v: unknown[][]): GRange {
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) {
      throw new Error(`The number of rows or columns in the data does not match the range: data ${v.length}×${v[0]?.length}, range ${this.rows}×${this.cols}`);
    }
    this.guard('setValues');
    this.each((r, c, i, j) => {
      const x = v[i][j];
      const k = key(r, c);
      this.sheet.formulas.delete(k);
      this.sheet.values.delete(k);
      const formula = typeof x === 'string' && this.sheet.formats.get(k) !== TEXT_FORMAT ? asFormula(x) : null;
      if (formula) this.sheet.formulas.set(k, formula);
      else if (x !== '' && x !== null && x !== undefined) this.sheet.values.set(k, x as Cell);
    });
    return this.self();
  }

  setValue(x: unknown): GRange {
    return new FakeRange(this.world, this.sheet, this.row, this.col, 1, 1).setValues([[x]]);
  }

  setNumberFormats(f: string[][]): GRange {
    this.guard('setNumberFormats');
    this.each((r, c, i, j) => { this.sheet.formats.set(key(r, c), f[i][j]); });
    return this.self();
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GRange {
    this.guard('setDataValidation');
    this.each((r, c) => { this.sheet.validations.set(key(r, c), rule); });
    return this.self();
  }

  clearDataValidations(): GRange {
    this.guard('clearDataValidations');
    this.each((r, c) => { this.sheet.validations.delete(key(r, c)); });
    return this.self();
  }

  merge(): GRange {
    this.guard('merge');
    this.sheet.merges.push(this.getA1Notation());
    return this.self();
  }

  setWrap(): GRange {
    this.guard('setWrap');
    return this.self();
  }

  setFontWeight(): GRange {
    this.guard('setFontWeight');
    return this.self();
  }

  getA1Notation(): string {
    const a = `${colLetter(this.col)}${this.row}`;
    return this.rows === 1 && this.cols === 1 ? a : `${a}:${colLetter(this.col + this.cols - 1)}${this.row + this.rows - 1}`;
  }

  protect(): GProtection {
    this.guard('protect');
    const p = new FakeProtection(this.world, 'RANGE', this.sheet, { row: this.row, col: this.col, rows: this.rows, cols: this.cols });
    this.world.protections.push(p);
    return p as unknown as GProtection;
  }

  getRow(): number { return this.row; }
  getColumn(): number { return this.col; }
  getNumRows(): number { return this.rows; }
  getNumColumns(): number { return this.cols; }
}

export class FakeSpreadsheet implements Has<GSpreadsheet, 'getSheetByName' | 'getSheets' | 'insertSheet' | 'getOwner' | 'getActiveSheet' | 'getSpreadsheetTimeZone'> {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;

  constructor(private readonly world: World, readonly timeZone = 'Europe/Moscow') {}

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  getSheetByName(name: string): GSheet | null {
    return (this.sheets.find((s) => s.getName() === name) ?? null) as unknown as GSheet | null;
  }

  getSheets(): GSheet[] {
    return this.sheets as unknown as GSheet[];
  }

  insertSheet(name: string): GSheet {
    if (!this.world.isOwner() && !this.world.fileEditors.has(this.world.user.toLowerCase())) throw new Error('No access to the file');
    if (this.sheets.some((s) => s.getName() === name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(this.world, name);
    this.sheets.push(sheet);
    return sheet as unknown as GSheet;
  }

  getOwner(): GoogleAppsScript.Base.User {
    return new FakeUser(this.world.owner) as unknown as GoogleAppsScript.Base.User;
  }

  getActiveSheet(): GSheet {
    return (this.active ?? this.sheets[0]) as unknown as GSheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.getName() === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}
