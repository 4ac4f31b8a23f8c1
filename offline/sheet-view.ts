/**
 * A read-only look at the opened workbook's sheets (and, after a run, the output sheets as they
 * will be in the result workbook), so that «перейти к ячейке» of a problem shows the cell.
 */
import type { Cell } from '../shared/types';
import { h } from '../wizard/dom';

/** Rows drawn around the selection. */
const VIEW_ROWS = 60;
const VIEW_COLUMNS = 26;

interface ViewSheet {
  name: string;
  grid: readonly (readonly Cell[])[];
}

function letter(i: number): string {
  let out = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function parseCell(cell: string): { row: number; col: number | null } {
  const whole = /^(\d+)(:\d+)?$/.exec(cell);
  if (whole) return { row: Number(whole[1]) - 1, col: null };
  const m = /^([A-Z]+)(\d+)$/i.exec(cell);
  if (!m) return { row: 0, col: null };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function show(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return (Number.isInteger(c) ? String(c) : String(+c.toFixed(4))).replace('.', ',').replace('-', '−');
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

export class SheetView {
  readonly element = h('details', { class: 'off-view', 'data-testid': 'sheet-view', hidden: true }, h('summary', null, 'Просмотр листов'));
  private input: ViewSheet[] = [];
  private output: ViewSheet[] = [];
  private current: string | null = null;
  private selection: { row: number; col: number | null } | null = null;

  setInput(sheets: ViewSheet[]): void {
    this.input = sheets;
    this.output = [];
    this.current = sheets[0]?.name ?? null;
    this.selection = null;
    this.draw();
  }

  setOutput(sheets: ViewSheet[]): void {
    this.output = sheets;
    this.draw();
  }

  select(sheet: string, cell: string): void {
    if (!this.sheets().some((s) => s.name === sheet)) return;
    this.current = sheet;
    this.selection = parseCell(cell);
    this.element.open = true;
    this.draw();
    this.element.querySelector('.sel')?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  private sheets(): ViewSheet[] {
    return [...this.input, ...this.output];
  }

  private draw(): void {
    const sheets = this.sheets();
    const sheet = sheets.find((s) => s.name === this.current) ?? sheets[0];
    const open = this.element.open;
    this.element.replaceChildren(h('summary', null, 'Просмотр листов'));
    this.element.open = open;
    // Nothing opened yet: no empty box.
    this.element.hidden = !sheet;
    if (!sheet) return;
    const sel = this.selection;
    const first = sel ? Math.max(0, sel.row - 10) : 0;
    const rows = sheet.grid.slice(first, first + VIEW_ROWS);
    const width = Math.min(VIEW_COLUMNS, rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0));
    this.element.append(
      h('div', { class: 'off-tabs', role: 'tablist' }, sheets.map((s) => h('button', {
        class: s.name === sheet.name ? 'active' : '', 'data-sheet': s.name,
        onclick: () => { this.current = s.name; this.selection = null; this.draw(); },
      }, s.name))),
      h('div', { class: 'off-grid' }, h('table', null,
        h('thead', null, h('tr', null, h('th', null, ''), Array.from({ length: width }, (_, c) => h('th', null, letter(c))))),
        h('tbody', null, rows.map((r, i) => {
          const rowIndex = first + i;
          const rowSel = !!sel && sel.row === rowIndex;
          return h('tr', { class: rowSel && sel!.col === null ? 'sel' : '' }, h('th', null, rowIndex + 1),
            Array.from({ length: width }, (_, c) => {
              const v = r?.[c] ?? null;
              return h('td', { class: `${typeof v === 'number' ? 'n' : ''}${rowSel && sel!.col === c ? ' sel' : ''}`, title: show(v) }, show(v));
            }));
        })))),
      sheet.grid.length > first + VIEW_ROWS ? h('p', { class: 'muted' }, `Строки ${first + 1}–${first + VIEW_ROWS} из ${sheet.grid.length}.`) : '',
    );
  }
}
