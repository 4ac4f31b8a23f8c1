/**
 * The browser demo (`npm run serve` → https://localhost:3000/demo.html): the same wizard as the
 * Excel task pane over an in-memory workbook holding the demo region, with a simple sheet view
 * on the left standing in for Excel. Query: ?schools=N (region size), ?empty=1 (empty workbook),
 * ?sample=import (add an export sheet to try the import by column mapping),
 * ?sample=export (add a ВПР export sheet for «Импорт выгрузок»), ?delay=ms (spacing of the progress steps).
 */
import { generateRegion } from '../../examples/demo-region';
import { SHEETS } from '../../shared/messages';
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutColumn, blockFormat } from '../../shared/report-tables';
import { columnLetter } from '../../shared/input/table';
import type { Cell } from '../../shared/types';
import { DemoBridge, MemoryWorkbook } from '../../wizard/demo-bridge';
import { h } from '../../wizard/dom';
import type { SheetLayout } from '../../wizard/layout';
import { mountWizard } from '../../wizard/wizard';
import { SAMPLE_EXPORT_SHEET, sampleVprExport } from './sample-export';
import { SAMPLE_PUPILS_SHEET, samplePupilReport } from './sample-pupils';

/** Rows of a sheet the view draws around the selection. */
const VIEW_ROWS = 200;

const CSS = `
html, body { margin: 0; height: 100%; }
body { font-family: "Segoe UI", -apple-system, Roboto, "DejaVu Sans", sans-serif; font-size: 13px; color: #242424; background: #F3F3F3; }
.demo { display: grid; grid-template-columns: 1fr 380px; grid-template-rows: auto 1fr; height: 100vh; }
.demo-top { grid-column: 1 / 3; background: #107C41; color: #fff; padding: 8px 16px; display: flex; gap: 12px; align-items: baseline; }
.demo-top b { font-size: 15px; }
.demo-top span { opacity: .9; }
.demo-book { display: flex; flex-direction: column; min-width: 0; min-height: 0; background: #fff; border-right: 1px solid #D1D1D1; }
.demo-grid { flex: 1; overflow: auto; }
.demo-grid table { border-collapse: collapse; font-size: 12px; }
.demo-grid th { background: #F5F5F5; color: #616161; font-weight: 400; border: 1px solid #E0E0E0; padding: 1px 6px; position: sticky; top: 0; z-index: 1; }
.demo-grid th.rh { position: sticky; left: 0; z-index: 2; text-align: right; }
.demo-grid td { border: 1px solid #EBEBEB; padding: 1px 6px; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
.demo-grid td.n { text-align: right; }
.demo-grid td.hd { font-weight: 600; }
.demo-grid td.title { font-weight: 600; color: #0F6CBD; max-width: none; }
.demo-grid td.sel, .demo-grid tr.sel td { outline: 2px solid #107C41; outline-offset: -2px; background: #E9F5EE; }
.demo-note { color: #616161; padding: 4px 8px; }
.demo-tabs { display: flex; gap: 2px; border-top: 1px solid #D1D1D1; background: #F5F5F5; padding: 0 8px; overflow-x: auto; }
.demo-tabs button { font: inherit; border: none; background: none; padding: 6px 10px; cursor: pointer; white-space: nowrap; color: #424242; }
.demo-tabs button.active { background: #fff; color: #107C41; font-weight: 600; border-bottom: 2px solid #107C41; }
.demo-pane { background: #fff; overflow: auto; min-height: 0; }
`;

function parseCell(cell: string): { row: number; col: number | null } {
  const whole = /^(\d+):\d+$/.exec(cell);
  if (whole) return { row: Number(whole[1]) - 1, col: null };
  const m = /^([A-Z]+)(\d+)$/i.exec(cell);
  if (!m) return { row: 0, col: 0 };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function show(c: Cell, format?: string): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') {
    const digits = format && /^0(\.0+)?$/.test(format) ? (format.split('.')[1] ?? '').length : Number.isInteger(c) ? 0 : 3;
    return c.toFixed(digits).replace('.', ',').replace('-', '−');
  }
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

/** How a cell of an output sheet looks: what Excel's formats and conditional formatting give. */
function cellLook(fmt: { layout: SheetLayout; columns: OutColumn[] } | undefined, row: number, col: number, value: Cell):
  { style?: Record<string, string>; format?: string; header?: boolean; title?: boolean } {
  if (!fmt) return {};
  if (fmt.layout.titleRows.includes(row)) return { title: true };
  const block = fmt.layout.blocks.find((b) => row === b.captionRow || row === b.headerRow || (row >= b.firstRow && row < b.firstRow + b.rowCount));
  if (!block) return {};
  if (row === block.captionRow) return { header: true };
  if (row === block.headerRow) return { header: true, style: { background: '#DCE9F8', whiteSpace: 'normal' } };
  const c = fmt.columns[col];
  if (c?.groupColors && typeof value === 'number' && value >= 1 && value <= 11) return { style: { background: GROUP_COLORS[value - 1], color: GROUP_TEXT_COLORS[value - 1] } };
  if (c?.categoryColors && typeof value === 'string' && CATEGORY_COLORS[value]) return { style: { background: CATEGORY_COLORS[value] } };
  // The block's own format first: the «Качество модели» table shows n whole under a 0.00000 column.
  return { format: blockFormat(fmt.columns, block.block, col) };
}

function start(): void {
  const params = new URLSearchParams(location.search);
  const schools = Number(params.get('schools')) || undefined;
  const region = params.get('empty') ? null : generateRegion(schools ? { schools } : {});
  const workbook = new MemoryWorkbook(region
    ? { [SHEETS.schools]: region.schools, [SHEETS.results]: region.results, [SHEETS.social]: region.social, [SHEETS.settings]: region.settings }
    : {});
  // An official ВПР export opened as a sheet, for «Импорт выгрузок».
  if (params.get('sample') === 'export' && region) workbook.put(SAMPLE_EXPORT_SHEET, sampleVprExport(region));
  // ФИС ОКО «Индивидуальные результаты» of the demo's own pupils (examples/vpr-pupils/), for the per-pupil import.
  if (params.get('sample') === 'pupils' && region) workbook.put(SAMPLE_PUPILS_SHEET, samplePupilReport());
  if (params.get('sample') === 'import') {
    workbook.put('Выгрузка ОГЭ', [
      ['Результаты ОГЭ по математике, 2026 (выгрузка)'],
      ['Логин ОО', 'Предмет', 'Участников', 'Средний балл', 'Не справились'],
      ['010014', 'Математика', 31, 3.94, 1],
      ['010016', 'Математика', 27, 3.71, 2],
      ['010019', 'Математика', 18, 3.22, 5],
    ]);
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.appendChild(style);

  const grid = h('div', { class: 'demo-grid', 'data-testid': 'sheet-view' });
  const tabs = h('div', { class: 'demo-tabs', role: 'tablist' });
  const pane = h('div', { class: 'demo-pane', 'data-testid': 'taskpane' });
  let current: string | null = workbook.names()[0] ?? null;

  function drawSheet(): void {
    const names = workbook.names();
    if (!current || !workbook.sheets.has(current)) current = names[0] ?? null;
    tabs.replaceChildren(...names.map((n) => h('button', { class: n === current ? 'active' : '', onclick: () => { current = n; workbook.active = null; drawSheet(); } }, n)));
    if (!current) { grid.replaceChildren(h('p', { class: 'demo-note' }, 'Книга пуста.')); return; }
    const data = workbook.sheets.get(current)!;
    const sel = workbook.active && workbook.active.sheet === current ? parseCell(workbook.active.cell) : null;
    const first = sel ? Math.max(0, sel.row - 10) : 0;
    const rows = data.slice(first, first + VIEW_ROWS);
    const width = Math.min(30, rows.reduce((w, r) => Math.max(w, r.length), 0));
    const fmt = workbook.formats.get(current);
    const colWidth = (c: number) => (fmt?.columns[c] ? `${Math.min(fmt.columns[c].width, 40) * 7}px` : '');
    const table = h('table', null,
      h('thead', null, h('tr', null, h('th', { class: 'rh' }, ''), Array.from({ length: width }, (_, c) => h('th', { style: { minWidth: colWidth(c), maxWidth: colWidth(c) } }, columnLetter(c))))),
      h('tbody', null, rows.map((r, i) => {
        const rowIndex = first + i;
        const rowSelected = sel !== null && sel.row === rowIndex;
        const titleRow = cellLook(fmt, rowIndex, 0, r[0]).title;
        const cells = titleRow
          ? [h('td', { colspan: width, class: 'title' }, show(r[0]))]
          : Array.from({ length: width }, (_, c) => {
            const look = cellLook(fmt, rowIndex, c, r[c]);
            return h('td', {
              class: `${typeof r[c] === 'number' ? 'n' : ''}${rowSelected && sel!.col === c ? ' sel' : ''}${look.header ? ' hd' : ''}`,
              title: show(r[c], look.format), style: look.style,
            }, show(r[c], look.format));
          });
        return h('tr', { class: rowSelected && sel!.col === null ? 'sel' : '' }, h('th', { class: 'rh' }, rowIndex + 1), cells);
      })));
    const note = data.length > first + VIEW_ROWS ? h('p', { class: 'demo-note' }, `Показаны строки ${first + 1}–${first + VIEW_ROWS} из ${data.length}.`) : null;
    grid.replaceChildren(table, note ?? '');
    const selected = grid.querySelector('.sel');
    if (selected) selected.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  workbook.onChange(() => {
    if (workbook.active) current = workbook.active.sheet;
    drawSheet();
  });

  document.getElementById('demo')!.replaceChildren(h('div', { class: 'demo' },
    h('div', { class: 'demo-top' }, h('b', null, 'ШНОР Монитор'),
      h('span', null, `Демонстрационный режим: книга «Демонстрационная область» в памяти браузера, Excel не нужен. Данные вымышлены.`)),
    h('div', { class: 'demo-book' }, grid, tabs),
    pane));
  drawSheet();
  mountWizard(pane, new DemoBridge(workbook, { delayMs: Number(params.get('delay') ?? 150) }));
}

start();
