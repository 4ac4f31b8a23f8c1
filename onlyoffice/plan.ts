/**
 * What one write command does to one sheet (onlyoffice/commands.ts writeSheetCommand), planned in
 * the panel: the values (guarded) and the formats as a flat list of operations over A1 ranges. The
 * output sheets come from shared/report-tables.ts through wizard/layout.ts, as in every host; the
 * cell guard is the Excel add-in's (an apostrophe before any text a spreadsheet could take for a
 * formula or a number), because the ONLYOFFICE editor reads a typed value the way Excel does.
 */
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutputSheet, blockFormat } from '../shared/report-tables';
import { CATEGORY_ORDER } from '../shared/messages';
import { type AppendPlan, importColumnWidth, planCodeColumn, shareColumns, shareFormat } from '../shared/import/append';
import { type SheetLayout as TemplateLayout, TEMPLATE_COLORS, mergedHeight } from '../shared/roadmap/template-sheet';
import { excelValues, templateFormulas } from '../addin/taskpane/excel-writer';
import { type TemplateSheet, templateGrid, templateHeaderRow } from '../wizard/core';
import { layoutSheet } from '../wizard/layout';

export type PlanValue = string | number | boolean;

/** One format operation of writeSheetCommand. */
export type FormatOp =
  | { t: 'format'; r: string; v: string }
  | { t: 'width'; r: string; v: number }
  | { t: 'size'; r: string; v: number }
  | { t: 'height'; r: string; v: number }
  | { t: 'font' | 'fill'; r: string; v: string }
  | { t: 'valign'; r: string; v: 'top' | 'center' | 'bottom' }
  | { t: 'bold' | 'italic' | 'wrap' | 'merge'; r: string };

export interface WritePlan {
  name: string;
  mode: 'replace' | 'create' | 'update';
  /** 0-based top-left corner and rows of values. */
  blocks: { row: number; col: number; values: PlanValue[][] }[];
  ops: FormatOp[];
  freezeRows: number;
  filter: string | null;
  activate: boolean;
  /** A scatter chart over `range` (absolute A1 on this sheet), placed at 0-based `row`, `col`; size in EMU. */
  chart?: { range: string; row: number; col: number; width: number; height: number; title: string; xTitle: string; yTitle: string };
}

/** A point of the «Индекс качества и ИСБШ» chart (the run summary's points). */
export interface ChartPoint {
  qualityIndex: number;
  isbsh: number;
  category: string | null;
}

/** Millimetres in English measure units (the unit of AddChart's size). */
const MM = 36000;

/** Brand colours of the header rows, as in the Excel add-in. */
const HEADER_FILL = '#DCE9F8';
const TITLE_COLOR = '#0F6CBD';

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An A1 range of 0-based rows and columns (inclusive). */
export function a1(row1: number, col1: number, row2 = row1, col2 = col1): string {
  const first = `${columnName(col1)}${row1 + 1}`;
  return row1 === row2 && col1 === col2 ? first : `${first}:${columnName(col2)}${row2 + 1}`;
}

/**
 * Cells as the editor should receive them: never null (SetValue writes #N/A for null), finite
 * numbers, and text that could become a formula or a number behind an apostrophe.
 */
export function editorValues(grid: readonly (readonly unknown[])[]): PlanValue[][] {
  return excelValues(grid as never);
}

/** Runs of equal values down a column, for colouring a whole run with one call. */
function runsOf<T>(values: T[]): { from: number; to: number; value: T }[] {
  const out: { from: number; to: number; value: T }[] = [];
  values.forEach((v, i) => {
    const last = out[out.length - 1];
    if (last && last.value === v && last.to === i - 1) last.to = i;
    else out.push({ from: i, to: i, value: v });
  });
  return out;
}

/**
 * An output sheet (shared/report-tables) as one write: title lines merged and styled, widths,
 * caption and header rows, number formats per column, wrapped columns, groups 1–11 and categories
 * filled with the shared palette (fixed fills, not rules: the sheet is rewritten by every run),
 * a filter and a frozen header on sheets that ask for them.
 */
export function outputSheetPlan(sheet: OutputSheet, chart?: { year: number; points: ChartPoint[] }): WritePlan {
  const layout = layoutSheet(sheet);
  const { width } = layout;
  const ops: FormatOp[] = [];
  for (const r of layout.titleRows) {
    const line = a1(r, 0, r, width - 1);
    ops.push({ t: 'merge', r: line }, { t: 'size', r: line, v: r === 0 ? 14 : 10 }, { t: 'font', r: line, v: r === 0 ? TITLE_COLOR : '#616161' });
    if (r === 0) ops.push({ t: 'bold', r: line });
  }
  sheet.columns.forEach((col, c) => ops.push({ t: 'width', r: a1(0, c), v: col.width }));
  let filter: string | null = null;
  layout.blocks.forEach((b, i) => {
    if (b.captionRow !== null) ops.push({ t: 'bold', r: a1(b.captionRow, 0) }, { t: 'size', r: a1(b.captionRow, 0), v: 12 });
    const header = a1(b.headerRow, 0, b.headerRow, b.width - 1);
    ops.push({ t: 'bold', r: header }, { t: 'fill', r: header, v: HEADER_FILL }, { t: 'wrap', r: header }, { t: 'valign', r: header, v: 'center' });
    if (b.rowCount === 0) return;
    if (i === 0 && sheet.filter) filter = a1(b.headerRow, 0, b.firstRow + b.rowCount - 1, b.width - 1);
    const last = b.firstRow + b.rowCount - 1;
    sheet.columns.slice(0, b.width).forEach((col, c) => {
      const data = a1(b.firstRow, c, last, c);
      const isText = b.block.rows.every((row) => row[c] === null || typeof row[c] === 'string');
      const format = blockFormat(sheet.columns, b.block, c) ?? (isText ? '@' : null);
      if (format) ops.push({ t: 'format', r: data, v: format });
      if (col.wrap) ops.push({ t: 'wrap', r: data });
      ops.push({ t: 'valign', r: data, v: 'top' });
      if (col.groupColors || col.categoryColors) {
        for (const run of runsOf(b.block.rows.map((row) => row[c]))) {
          const range = a1(b.firstRow + run.from, c, b.firstRow + run.to, c);
          if (col.groupColors && typeof run.value === 'number' && run.value >= 1 && run.value <= 11) {
            ops.push({ t: 'fill', r: range, v: GROUP_COLORS[run.value - 1] }, { t: 'font', r: range, v: GROUP_TEXT_COLORS[run.value - 1] });
          } else if (col.categoryColors && typeof run.value === 'string' && CATEGORY_COLORS[run.value]) {
            ops.push({ t: 'fill', r: range, v: CATEGORY_COLORS[run.value] });
          }
        }
      }
    });
  });
  const first = layout.blocks[0];
  const plan: WritePlan = {
    name: sheet.name,
    mode: 'replace',
    blocks: [{ row: 0, col: 0, values: editorValues(layout.grid) }],
    ops,
    freezeRows: sheet.filter && first ? first.headerRow + 1 : 0,
    filter,
    activate: false,
  };
  if (chart && chart.points.length) addScatter(plan, width + 1, chart.year, chart.points);
  return plan;
}

/**
 * The chart data right of the model tables — the ИСБШ, then one column of quality indices per
 * category (blank in the other rows), so that a scatter chart over the block has one series per
 * category — and the chart itself (the first column is the X axis, as in every scatter chart).
 * The quadrant lines of the Excel chart are not drawn: AddChart takes one range, nothing more.
 */
function addScatter(plan: WritePlan, left: number, year: number, points: ChartPoint[]): void {
  const cats = [...CATEGORY_ORDER, null].filter((c) => points.some((p) => p.category === c));
  const header = ['ИСБШ', ...cats.map((c) => c ?? 'без категории')];
  const rows = points.map((p) => [p.isbsh, ...cats.map((c) => (p.category === c ? p.qualityIndex : ''))]);
  plan.blocks.push({ row: 0, col: left, values: editorValues([['Данные диаграммы «Индекс качества и ИСБШ»'], header, ...rows]) });
  const last = rows.length + 1;
  plan.ops.push({ t: 'bold', r: a1(0, left) }, { t: 'bold', r: a1(1, left, 1, left + cats.length) }, { t: 'format', r: a1(2, left, last, left + cats.length), v: '0.000' });
  for (let c = 0; c <= cats.length; c++) plan.ops.push({ t: 'width', r: a1(0, left + c), v: c === 0 ? 12 : 14 });
  const abs = (r: number, c: number) => `$${columnName(c)}$${r + 1}`;
  plan.chart = {
    range: `${abs(1, left)}:${abs(last, left + cats.length)}`, row: 0, col: left + cats.length + 2, width: 170 * MM, height: 110 * MM,
    title: `Индекс качества и ИСБШ, ${year}`, xTitle: 'ИСБШ (социальное благополучие школы)', yTitle: 'Индекс качества',
  };
}

/**
 * An input template («Создать шаблоны»): notes, header, pre-filled rows, widths, text format for
 * code columns, frozen header. Data validation is not in the ONLYOFFICE API: not set (README).
 */
export function templatePlan(t: TemplateSheet, textRows = 2000): WritePlan {
  const grid = templateGrid(t);
  const width = t.columns.length;
  const headerRow = templateHeaderRow(t);
  const ops: FormatOp[] = [];
  t.columns.forEach((col, c) => {
    ops.push({ t: 'width', r: a1(0, c), v: col.width });
    if (col.text) ops.push({ t: 'format', r: a1(headerRow + 1, c, headerRow + textRows, c), v: '@' });
  });
  t.notes.forEach((_, r) => {
    const line = a1(r, 0, r, width - 1);
    ops.push({ t: 'merge', r: line }, { t: 'wrap', r: line }, { t: 'height', r: line, v: 48 }, { t: 'valign', r: line, v: 'top' }, { t: 'font', r: line, v: '#616161' });
  });
  const header = a1(headerRow, 0, headerRow, width - 1);
  ops.push({ t: 'bold', r: header }, { t: 'fill', r: header, v: HEADER_FILL }, { t: 'wrap', r: header });
  return { name: t.name, mode: 'create', blocks: [{ row: 0, col: 0, values: editorValues(grid) }], ops, freezeRows: headerRow + 1, filter: null, activate: false };
}

/**
 * A programme template sheet (shared/roadmap layoutTemplate) as one write: values and formulas
 * in one SetValue (its own formulas start with «=» and stay formulas; text from the data is
 * quoted by templateFormulas), number formats, title and header styles, merged text rows,
 * shaded computed columns, widths, frozen header. Data validation is not set (not in the API).
 */
export function programmeTemplatePlan(layout: TemplateLayout): WritePlan {
  const { formulas, formats, rows } = templateFormulas(layout);
  const width = layout.width;
  const ops: FormatOp[] = [];
  layout.widths.forEach((w, c) => ops.push({ t: 'width', r: a1(0, c), v: w }));
  formats.forEach((line, r) => {
    for (const run of runsOf(line)) if (run.value !== 'General') ops.push({ t: 'format', r: a1(r, run.from, r, run.to), v: run.value });
  });
  const totalWidth = layout.widths.reduce((a, b) => a + b, 0) || width * 12;
  const merged = new Set(layout.merged);
  for (const r of layout.rows) {
    const i = r.row - 1;
    if (r.style === 'data') continue;
    const line = a1(i, 0, i, width - 1);
    const first = a1(i, 0);
    switch (r.style) {
      case 'title': ops.push({ t: 'bold', r: first }, { t: 'size', r: first, v: 13 }, { t: 'font', r: first, v: TITLE_COLOR }); break;
      case 'subtitle': ops.push({ t: 'italic', r: first }, { t: 'size', r: first, v: 10 }); break;
      case 'note': ops.push({ t: 'italic', r: first }, { t: 'size', r: first, v: 10 }, { t: 'font', r: first, v: TEMPLATE_COLORS.noteText }); break;
      case 'caption': case 'info': ops.push({ t: 'bold', r: first }); break;
      case 'heading': ops.push({ t: 'bold', r: line }, { t: 'fill', r: line, v: TEMPLATE_COLORS.headingFill }); break;
      case 'header': ops.push({ t: 'bold', r: line }, { t: 'fill', r: line, v: TEMPLATE_COLORS.headerFill }, { t: 'wrap', r: line }, { t: 'valign', r: line, v: 'center' }); break;
      default: break;
    }
    if (merged.has(r.row)) {
      const text = typeof r.values[0] === 'string' ? r.values[0] : '';
      ops.push({ t: 'merge', r: line }, { t: 'wrap', r: line }, { t: 'valign', r: line, v: 'top' },
        { t: 'height', r: line, v: mergedHeight(text, totalWidth, r.style === 'title' ? 13 : 10, 2) });
    }
  }
  for (const b of layout.blocks) {
    if (b.lastRow < b.firstRow) continue;
    const body = a1(b.firstRow - 1, 0, b.lastRow - 1, Math.max(1, b.width) - 1);
    ops.push({ t: 'wrap', r: body }, { t: 'valign', r: body, v: 'top' });
  }
  const computed = new Map<number, number[]>();
  for (const r of layout.rows) {
    if (r.style !== 'data') continue;
    r.computed.forEach((on, c) => { if (on) computed.set(c, [...(computed.get(c) ?? []), r.row]); });
  }
  for (const [c, list] of computed) {
    for (const run of runsOf(list.map((row, k) => row - k))) {
      const range = a1(list[run.from] - 1, c, list[run.to] - 1, c);
      ops.push({ t: 'fill', r: range, v: TEMPLATE_COLORS.computedFill }, { t: 'font', r: range, v: TEMPLATE_COLORS.computedText });
    }
  }
  return {
    name: layout.name, mode: 'create', blocks: rows ? [{ row: 0, col: 0, values: formulas }] : [], ops,
    freezeRows: layout.freezeRow ?? 0, filter: null, activate: false,
  };
}

/**
 * An import plan (shared/import planAppend) as one write: a new sheet's header (or the added
 * columns' titles), then the appended rows with their formats (codes as text).
 */
export function appendWritePlan(plan: AppendPlan, exists: boolean): WritePlan {
  const width = plan.header.length;
  const blocks: WritePlan['blocks'] = [];
  const ops: FormatOp[] = [];
  let freezeRows = 0;
  if (plan.create) {
    blocks.push({ row: plan.headerRow, col: 0, values: editorValues([plan.header]) });
    const head = a1(plan.headerRow, 0, plan.headerRow, width - 1);
    ops.push({ t: 'bold', r: head }, { t: 'fill', r: head, v: HEADER_FILL }, { t: 'wrap', r: head });
    plan.header.forEach((title, c) => ops.push({ t: 'width', r: a1(0, c), v: importColumnWidth(title) }));
    freezeRows = plan.headerRow + 1;
  } else if (plan.added.length) {
    const first = plan.added[0].index;
    blocks.push({ row: plan.headerRow, col: first, values: editorValues([plan.added.map((a) => a.title)]) });
    ops.push({ t: 'bold', r: a1(plan.headerRow, first, plan.headerRow, first + plan.added.length - 1) });
  }
  if (plan.append.length) {
    const code = planCodeColumn(plan);
    const shares = shareColumns(plan);
    const rows = plan.append.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
    blocks.push({ row: plan.firstAppendRow, col: 0, values: editorValues(rows) });
    for (let c = 0; c < width; c++) {
      const formats = rows.map((r) => (c === code ? '@' : shareFormat(shares, c, r[c]) ?? 'General'));
      for (const run of runsOf(formats)) {
        if (run.value !== 'General') ops.push({ t: 'format', r: a1(plan.firstAppendRow + run.from, c, plan.firstAppendRow + run.to, c), v: run.value });
      }
    }
  }
  return { name: plan.sheet, mode: exists ? 'update' : 'create', blocks, ops, freezeRows, filter: null, activate: true };
}
