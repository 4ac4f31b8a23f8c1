/// <reference types="office-js" />
/**
 * Queues the Office.js commands that write one output sheet (values, number formats, tables,
 * conditional formatting, widths, frozen header) or one input template. Nothing here calls
 * context.sync(): the bridge decides where the few syncs of a run go.
 */
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutCell, type OutputSheet, blockFormat } from '../../shared/report-tables';
import { CATEGORY_ORDER } from '../../shared/messages';
import type { Cell } from '../../shared/types';
import { type AppendPlan, type UpdateBlock, importColumnWidth, planCodeColumn, shareColumns, shareFormat } from '../../shared/import/append';
import { excelSerial } from '../../shared/roadmap/dates';
import { isFormulaLike } from '../../shared/text-guard';
import {
  type SheetLayout as TemplateLayout, TEMPLATE_COLORS, type Validation, mergedHeight, placedCell, validationMessage,
} from '../../shared/roadmap/template-sheet';
import {
  type QuadrantGuides, type TemplateSheet, templateGrid, templateHeaderRow,
} from '../../wizard/core';
import { type SheetLayout, layoutSheet } from '../../wizard/layout';

/** Excel column width in points for a width given in characters (Calibri 11: ≈ 7 pt per character). */
export const POINTS_PER_CHAR = 7;

/** Brand colours of the header rows (Fluent blue on white). */
const HEADER_FILL = '#DCE9F8';
const TITLE_COLOR = '#0F6CBD';

/** Strings Excel would turn into numbers or dates (codes «001234», «1-2») get a leading apostrophe. */
const LOOKS_TYPED = /^[\s\d.,:/+\-=@]+$/;

/**
 * A layout grid as Excel values: '' for empty cells, a leading apostrophe (Excel's text marker,
 * not shown) for number-like text and for formula-like text (shared/text-guard.ts: «=», «+», «-»,
 * «@», also after blanks), so that text from the data never becomes a formula.
 */
export function excelValues(grid: readonly (readonly (OutCell | Cell)[])[]): (string | number | boolean)[][] {
  return grid.map((row) => row.map((c) => {
    if (c === null || c === undefined) return '';
    if (typeof c === 'number') return Number.isFinite(c) ? c : '';
    if (c instanceof Date) return c.toISOString().slice(0, 10);
    if (typeof c === 'string' && c !== '' && (LOOKS_TYPED.test(c) || isFormulaLike(c))) return `'${c}`;
    return c;
  }));
}

/** Rough size in bytes of what a values write sends (UTF-8 JSON), to keep a batch under Excel's 5 MB. */
export function payloadBytes(values: unknown[][]): number {
  let n = 0;
  for (const row of values) for (const v of row) n += typeof v === 'string' ? v.length * 2 + 3 : 8;
  return n;
}

/** Table names: ASCII, unique in the workbook, stable per sheet and block. */
export function tableName(sheetName: string, block: number): string {
  const kinds: [RegExp, string][] = [[/^Идентификация (\d+)/, 'Ident'], [/^Модель ИСБШ (\d+)/, 'Model'], [/^Свод (\d+)/, 'Summary'], [/^(?:Перечни|Списки) (\d+)/, 'Lists']];
  for (const [re, kind] of kinds) {
    const m = re.exec(sheetName);
    if (m) return `SHNOR_${kind}_${m[1]}_${block + 1}`;
  }
  return `SHNOR_${block + 1}_${Math.abs(hash(sheetName))}`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/** Writes whose payload may be split when a sheet is huge: one values call per chunk of rows. */
export interface ValueChunk {
  row: number;
  values: (string | number | boolean)[][];
}

/** Splits a sheet's values into chunks of at most `maxBytes` (one chunk for any realistic region). */
export function valueChunks(values: (string | number | boolean)[][], maxBytes: number): ValueChunk[] {
  const chunks: ValueChunk[] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < values.length; r++) {
    const b = payloadBytes([values[r]]);
    if (r > start && bytes + b > maxBytes) {
      chunks.push({ row: start, values: values.slice(start, r) });
      start = r;
      bytes = 0;
    }
    bytes += b;
  }
  chunks.push({ row: start, values: values.slice(start) });
  return chunks;
}

/**
 * Queues the formats of an output sheet already holding its values: titles, captions, number
 * formats, text columns, widths, tables, conditional formatting by group and category, frozen
 * header. Returns the layout (the chart needs it).
 */
export function queueSheetFormat(ws: Excel.Worksheet, sheet: OutputSheet, layout: SheetLayout = layoutSheet(sheet)): SheetLayout {
  const { width } = layout;
  for (const r of layout.titleRows) {
    const title = ws.getRangeByIndexes(r, 0, 1, width);
    title.merge(false);
    title.format.font.bold = r === 0;
    title.format.font.size = r === 0 ? 14 : 10;
    title.format.font.color = r === 0 ? TITLE_COLOR : '#616161';
  }
  sheet.columns.forEach((col, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = col.width * POINTS_PER_CHAR;
  });
  layout.blocks.forEach((b, i) => {
    if (b.captionRow !== null) {
      const cap = ws.getRangeByIndexes(b.captionRow, 0, 1, 1);
      cap.format.font.bold = true;
      cap.format.font.size = 12;
    }
    const header = ws.getRangeByIndexes(b.headerRow, 0, 1, b.width);
    header.format.wrapText = true;
    header.format.verticalAlignment = 'Center';
    if (b.rowCount === 0) {
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      return;
    }
    const table = ws.tables.add(ws.getRangeByIndexes(b.headerRow, 0, b.rowCount + 1, b.width), true);
    table.name = tableName(sheet.name, i);
    table.style = 'TableStyleLight9';
    if (!sheet.filter) table.showFilterButton = false;
    sheet.columns.slice(0, b.width).forEach((col, c) => {
      const data = ws.getRangeByIndexes(b.firstRow, c, b.rowCount, 1);
      const isText = b.block.rows.every((row) => row[c] === null || typeof row[c] === 'string');
      const format = blockFormat(sheet.columns, b.block, c) ?? (isText ? '@' : null);
      if (format) data.numberFormat = Array.from({ length: b.rowCount }, () => [format]);
      if (col.wrap) data.format.wrapText = true;
      data.format.verticalAlignment = 'Top';
      if (col.groupColors) queueGroupColors(data);
      if (col.categoryColors) queueCategoryColors(data);
    });
  });
  const first = layout.blocks[0];
  if (sheet.filter && first) ws.freezePanes.freezeRows(first.headerRow + 1);
  return layout;
}

/** Groups 1–11: red through white to green, as the other hosts colour them. */
export function queueGroupColors(range: Excel.Range): void {
  GROUP_COLORS.forEach((fill, i) => {
    const cf = range.conditionalFormats.add('CellValue');
    cf.cellValue.format.fill.color = fill;
    cf.cellValue.format.font.color = GROUP_TEXT_COLORS[i];
    cf.cellValue.rule = { formula1: String(i + 1), operator: 'EqualTo' };
  });
}

export function queueCategoryColors(range: Excel.Range): void {
  for (const cat of CATEGORY_ORDER) {
    const cf = range.conditionalFormats.add('CellValue');
    cf.cellValue.format.fill.color = CATEGORY_COLORS[cat];
    cf.cellValue.rule = { formula1: `="${cat}"`, operator: 'EqualTo' };
  }
}

/** A point of the scatter chart. */
export interface ChartPoint {
  qualityIndex: number;
  isbsh: number;
  category: string | null;
}

/**
 * Queues the chart data (a block right of the model tables: points by category, then the
 * quadrant lines) and the scatter chart of the quality index against the ИСБШ.
 */
export function queueScatterChart(ws: Excel.Worksheet, year: number, left: number, points: ChartPoint[], guides: QuadrantGuides | null): void {
  // No ИСБШ (no social data or no model): no points to plot, and the model sheet says why.
  if (!points.length) return;
  const groups = [...CATEGORY_ORDER, null].map((cat) => ({ cat, pts: points.filter((p) => p.category === cat) })).filter((g) => g.pts.length);
  const rows: (string | number)[][] = [['Категория', 'ИСБШ', 'Индекс качества']];
  const spans: { name: string; first: number; count: number }[] = [];
  for (const g of groups) {
    spans.push({ name: g.cat ?? 'без категории', first: rows.length, count: g.pts.length });
    for (const p of g.pts) rows.push([g.cat ?? 'без категории', p.isbsh, p.qualityIndex]);
  }
  const xs = points.map((p) => p.isbsh);
  const ys = points.map((p) => p.qualityIndex);
  const lines: { name: string; first: number }[] = [];
  if (guides && points.length) {
    const [xmin, xmax] = [Math.min(...xs, guides.isbshLow), Math.max(...xs, guides.isbshLow)];
    const [ymin, ymax] = [Math.min(...ys, guides.qualityLow), Math.max(...ys, guides.qualityHigh)];
    const add = (name: string, a: [number, number], b: [number, number]) => {
      lines.push({ name, first: rows.length });
      rows.push([name, a[0], a[1]], [name, b[0], b[1]]);
    };
    add('Граница ИСБШ (группы 1–4)', [guides.isbshLow, ymin], [guides.isbshLow, ymax]);
    add('Граница низких результатов (группы 1–5)', [xmin, guides.qualityLow], [xmax, guides.qualityLow]);
    add('Граница высоких результатов (группы 7–11)', [xmin, guides.qualityHigh], [xmax, guides.qualityHigh]);
  }
  const top = 0;
  const caption = ws.getRangeByIndexes(top, left, 1, 1);
  caption.values = [['Данные диаграммы «Индекс качества и ИСБШ»']];
  caption.format.font.bold = true;
  const data = ws.getRangeByIndexes(top + 1, left, rows.length, 3);
  data.values = excelValues(rows);
  ws.getRangeByIndexes(top + 2, left + 1, rows.length - 1, 2).numberFormat = Array.from({ length: rows.length - 1 }, () => ['0.000', '0.000']);
  ws.getRangeByIndexes(0, left, 1, 1).format.columnWidth = 24 * POINTS_PER_CHAR;
  const at = (r: number, c: number, n: number) => ws.getRangeByIndexes(top + 1 + r, left + c, n, 1);
  const chart = ws.charts.add('XYScatter', ws.getRangeByIndexes(top + 1 + spans[0].first, left + 1, spans[0].count, 2), 'Columns');
  chart.title.text = `Индекс качества и ИСБШ, ${year}`;
  chart.axes.categoryAxis.title.text = 'ИСБШ (социальное благополучие школы)';
  chart.axes.valueAxis.title.text = 'Индекс качества';
  chart.legend.position = 'Bottom';
  spans.forEach((sp, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(sp.name);
    series.name = sp.name;
    if (i > 0) {
      series.setXAxisValues(at(sp.first, 1, sp.count));
      series.setValues(at(sp.first, 2, sp.count));
    }
    series.markerStyle = 'Circle';
    series.markerSize = 5;
    const color = CATEGORY_COLORS[sp.name] ?? '#BDBDBD';
    series.markerBackgroundColor = color;
    series.markerForegroundColor = '#616161';
  });
  for (const line of lines) {
    const series = chart.series.add(line.name);
    series.chartType = 'XYScatterLinesNoMarkers';
    series.setXAxisValues(at(line.first, 1, 2));
    series.setValues(at(line.first, 2, 2));
    series.format.line.color = '#616161';
    series.format.line.lineStyle = 'Dash';
    series.format.line.weight = 1;
  }
  chart.setPosition(ws.getRangeByIndexes(0, left + 4, 1, 1), ws.getRangeByIndexes(28, left + 13, 1, 1));
}

/** Queues a template input sheet: notes, header, pre-filled rows, widths, validation, frozen header. */
export function queueTemplate(ws: Excel.Worksheet, t: TemplateSheet, validRows = 2000): void {
  const grid = templateGrid(t);
  const width = t.columns.length;
  const headerRow = templateHeaderRow(t);
  t.columns.forEach((col, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = col.width * POINTS_PER_CHAR;
    if (col.text) ws.getRangeByIndexes(headerRow + 1, c, validRows, 1).numberFormat = Array.from({ length: validRows }, () => ['@']);
  });
  ws.getRangeByIndexes(0, 0, grid.length, width).values = excelValues(grid);
  t.notes.forEach((_, r) => {
    const note = ws.getRangeByIndexes(r, 0, 1, width);
    note.merge(false);
    note.format.wrapText = true;
    note.format.rowHeight = 48;
    note.format.verticalAlignment = 'Top';
    note.format.font.color = '#616161';
  });
  const header = ws.getRangeByIndexes(headerRow, 0, 1, width);
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  t.columns.forEach((col, c) => {
    const v = col.validation;
    if (!v) return;
    const range = ws.getRangeByIndexes(headerRow + 1, c, validRows, 1);
    if (v.type === 'list') range.dataValidation.rule = { list: { inCellDropDown: true, source: v.values.join(',') } };
    else if (v.type === 'whole') range.dataValidation.rule = { wholeNumber: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    else range.dataValidation.rule = { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    range.dataValidation.errorAlert = {
      showAlert: true, style: 'Warning', title: 'Проверьте значение',
      message: v.type === 'list' ? `Ожидается одно из: ${v.values.join(', ')}` : `Ожидается ${v.type === 'whole' ? 'целое ' : ''}число от ${v.min} до ${v.max}`,
    };
  });
  ws.freezePanes.freezeRows(headerRow + 1);
}

// ---------------------------------------------------------------- programme templates (shared/roadmap)

/** A template cell for `range.formulas`: formulas as «=…», dates as serial numbers, number-like text marked. */
export function templateFormulas(layout: TemplateLayout): { formulas: (string | number | boolean)[][]; formats: string[][]; rows: number } {
  const rows = layout.rows.reduce((m, r) => Math.max(m, r.row), 0);
  const width = layout.width;
  const formulas: (string | number | boolean)[][] = Array.from({ length: rows }, () => Array.from({ length: width }, () => ''));
  const formats: string[][] = Array.from({ length: rows }, () => Array.from({ length: width }, () => 'General'));
  for (const r of layout.rows) {
    r.values.forEach((v, c) => {
      if (c >= width || v === null || v === undefined) return;
      const at = r.row - 1;
      const cell = placedCell(v, excelSerial);
      if (typeof v === 'object' && 'formula' in v) {
        formulas[at][c] = cell as string;
        if (r.formats[c] && r.formats[c] !== '@') formats[at][c] = r.formats[c]!;
        return;
      }
      if (typeof v === 'object' && 'date' in v) {
        formulas[at][c] = cell as number;
        formats[at][c] = r.formats[c] && r.formats[c] !== '@' ? r.formats[c]! : 'dd.mm.yyyy';
        return;
      }
      formulas[at][c] = excelValues([[cell]])[0][0];
      if (r.formats[c]) formats[at][c] = r.formats[c]!;
    });
    if (r.style === 'data' || r.style === 'info') {
      r.formats.forEach((f, c) => { if (f && c < width && formulas[r.row - 1][c] === '' && f !== '@') formats[r.row - 1][c] = f; });
    }
  }
  return { formulas, formats, rows };
}

function excelRule(v: Validation): Excel.DataValidationRule {
  switch (v.type) {
    case 'list': return { list: { inCellDropDown: true, source: v.values.join(',') } };
    case 'date': return { date: { formula1: '1990-01-01', operator: 'GreaterThan' } };
    case 'decimal':
    case 'whole': {
      const rule: Excel.BasicDataValidation = v.min !== undefined && v.max !== undefined
        ? { formula1: v.min, formula2: v.max, operator: 'Between' }
        : v.min !== undefined ? { formula1: v.min, operator: 'GreaterThanOrEqualTo' } : { formula1: v.max ?? 0, operator: 'LessThanOrEqualTo' };
      return v.type === 'whole' ? { wholeNumber: rule } : { decimal: rule };
    }
  }
}

/**
 * Queues a programme template sheet (shared/roadmap layoutTemplate): number formats, then every
 * value and formula in one `formulas` write, titles and headers, merged text rows, shaded computed
 * columns, widths, data validation per range and the frozen header. Never syncs.
 */
export function queueTemplateLayout(ws: Excel.Worksheet, layout: TemplateLayout): void {
  const { formulas, formats, rows } = templateFormulas(layout);
  const width = layout.width;
  layout.widths.forEach((w, c) => { ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR; });
  if (!rows) return;
  if (formats.some((r) => r.some((f) => f !== 'General'))) ws.getRangeByIndexes(0, 0, rows, width).numberFormat = formats;
  ws.getRangeByIndexes(0, 0, rows, width).formulas = formulas as unknown as string[][];
  const totalWidth = layout.widths.reduce((a, b) => a + b, 0) || width * 12;
  const merged = new Set(layout.merged);
  for (const r of layout.rows) {
    const i = r.row - 1;
    if (r.style === 'data') continue;
    const line = ws.getRangeByIndexes(i, 0, 1, width);
    const first = ws.getRangeByIndexes(i, 0, 1, 1);
    switch (r.style) {
      case 'title': first.format.font.bold = true; first.format.font.size = 13; first.format.font.color = TITLE_COLOR; break;
      case 'subtitle': first.format.font.italic = true; first.format.font.size = 10; break;
      case 'note': first.format.font.italic = true; first.format.font.size = 10; first.format.font.color = TEMPLATE_COLORS.noteText; break;
      case 'caption': case 'info': first.format.font.bold = true; break;
      case 'heading': line.format.font.bold = true; line.format.fill.color = TEMPLATE_COLORS.headingFill; break;
      case 'header':
        line.format.font.bold = true;
        line.format.fill.color = TEMPLATE_COLORS.headerFill;
        line.format.wrapText = true;
        line.format.verticalAlignment = 'Center';
        break;
      default: break;
    }
    if (merged.has(r.row)) {
      line.merge(false);
      line.format.wrapText = true;
      line.format.verticalAlignment = 'Top';
      const text = typeof r.values[0] === 'string' ? r.values[0] : '';
      line.format.rowHeight = mergedHeight(text, totalWidth, r.style === 'title' ? 13 : 10, 2);
    }
  }
  for (const b of layout.blocks) {
    if (b.lastRow < b.firstRow) continue;
    const body = ws.getRangeByIndexes(b.firstRow - 1, 0, b.lastRow - b.firstRow + 1, Math.max(1, b.width));
    body.format.wrapText = true;
    body.format.verticalAlignment = 'Top';
  }
  // Computed columns (filled by the tool or a formula): shaded over each block's data rows.
  const computedCols = new Map<number, number[]>();
  for (const r of layout.rows) {
    if (r.style !== 'data') continue;
    r.computed.forEach((on, c) => { if (on) { const list = computedCols.get(c) ?? []; list.push(r.row); computedCols.set(c, list); } });
  }
  for (const [c, list] of computedCols) {
    for (const [a, z] of runs(list)) {
      const range = ws.getRangeByIndexes(a - 1, c, z - a + 1, 1);
      range.format.fill.color = TEMPLATE_COLORS.computedFill;
      range.format.font.color = TEMPLATE_COLORS.computedText;
    }
  }
  for (const v of layout.validations) {
    const range = ws.getRangeByIndexes(v.row1 - 1, v.col1 - 1, v.row2 - v.row1 + 1, v.col2 - v.col1 + 1);
    range.dataValidation.rule = excelRule(v.validation);
    range.dataValidation.errorAlert = {
      showAlert: true, style: v.validation.type === 'list' && v.validation.strict ? 'Stop' : 'Warning', title: 'Проверьте значение', message: validationMessage(v.validation),
    };
  }
  if (layout.freezeRow) ws.freezePanes.freezeRows(layout.freezeRow);
}

/** Consecutive numbers as [first, last] runs. */
function runs(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === n) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

// ---------------------------------------------------------------- export import (shared/import planAppend)

/**
 * Queues what an import plan writes: the header (a new sheet's, or the added columns), then the
 * appended rows in one values write with their number formats (codes as text). Never syncs.
 */
export function queueAppendPlan(ws: Excel.Worksheet, plan: AppendPlan, block: UpdateBlock | null = null): void {
  const width = plan.header.length;
  // Cells filled in rows the sheet has (the per-pupil and journal ВПР imports): one values write over their rectangle.
  // Number formats stay as the sheet has them (the rectangle also holds cells the import does not change).
  if (block) ws.getRangeByIndexes(block.row, block.col, block.values.length, block.values[0].length).values = excelValues(block.values);
  if (plan.create) {
    const head = ws.getRangeByIndexes(plan.headerRow, 0, 1, width);
    head.values = excelValues([plan.header]);
    head.format.font.bold = true;
    head.format.fill.color = HEADER_FILL;
    head.format.wrapText = true;
    plan.header.forEach((title, c) => { ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = importColumnWidth(title) * POINTS_PER_CHAR; });
    ws.freezePanes.freezeRows(plan.headerRow + 1);
  } else if (plan.added.length) {
    const first = plan.added[0].index;
    const head = ws.getRangeByIndexes(plan.headerRow, first, 1, plan.added.length);
    head.values = excelValues([plan.added.map((a) => a.title)]);
    head.format.font.bold = true;
  }
  if (!plan.append.length) return;
  const code = planCodeColumn(plan);
  const shares = shareColumns(plan);
  const rows = plan.append.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const formats = rows.map((r) => r.map((v, c) => (c === code ? '@' : shareFormat(shares, c, v) ?? 'General')));
  const target = ws.getRangeByIndexes(plan.firstAppendRow, 0, rows.length, width);
  target.numberFormat = formats;
  target.values = excelValues(rows);
}
