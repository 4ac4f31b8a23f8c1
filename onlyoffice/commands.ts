/**
 * The commands the plugin sends to the spreadsheet editor with `Asc.plugin.callCommand`.
 *
 * The editor does not call these functions: it receives `func.toString()` and evaluates the text
 * in its own frame, where the only names are `Api` (the Office JavaScript API) and `Asc.scope`
 * (what the plugin put there, passed as JSON), and the result comes back as JSON
 * (https://api.onlyoffice.com/docs/plugin-and-macros/interacting-with-editors/overview/how-to-call-commands/,
 * https://api.onlyoffice.com/docs/plugin-and-macros/customization/plugin-object/ → callCommand).
 * So every function here is SELF-CONTAINED: no import, no closure, no helper outside its body, no
 * syntax a bundler rewrites with helpers (written in ES5: `var`, plain loops). This file imports
 * nothing on purpose; tests/onlyoffice-bridge.test.ts runs every command from its toString() in a
 * fresh vm context holding only Api and Asc.scope, and tests/browser/onlyoffice-panel.test.ts does
 * the same with the text the production bundle sends.
 *
 * Api methods used (sdkjs cell/apiBuilder.js, https://api.onlyoffice.com/docs/office-api/usage-api/spreadsheet-api/):
 * Api.GetSheets / GetSheet / AddSheet / CreateColorFromRGB; ApiWorksheet.GetName / GetUsedRange /
 * GetRange / Delete / SetActive / GetFreezePanes().FreezeRows; ApiRange.GetAddress / GetValue2
 * (one cell → a scalar, else rows of cells) / SetValue (a 2D array: null or undefined → #N/A, a
 * string starting with «=» → a formula, a leading apostrophe → text) / SetNumberFormat /
 * SetColumnWidth / SetBold / SetItalic / SetFontSize / SetFontColor / SetFillColor / SetWrap /
 * SetAlignVertical / SetRowHeight / Merge / SetAutoFilter / Select; ApiWorksheet.AddChart and
 * ApiChart.SetTitle / SetHorAxisTitle / SetVerAxisTitle / SetLegendPos.
 */
/* eslint-disable no-var */
declare const Api: any;
declare const Asc: { scope: any };

/** The names of every sheet, in order. */
export function sheetNamesCommand(): string[] {
  var sheets = Api.GetSheets();
  var names: string[] = [];
  for (var i = 0; i < sheets.length; i++) names.push(sheets[i].GetName());
  return names;
}

/**
 * One sheet from A1 to the end of its used range, in one GetValue2 (scope: { name }).
 * Null when the sheet does not exist. `values` is a scalar when that is one cell.
 */
export function readSheetCommand(): { values: unknown } | null {
  var ws = Api.GetSheet(Asc.scope.name);
  if (!ws) return null;
  var address = String(ws.GetUsedRange().GetAddress(false, false, 'xlA1', false));
  var parts = address.replace(/\$/g, '').split('!');
  var cells = parts[parts.length - 1].split(':');
  var end = cells[cells.length - 1];
  return { values: ws.GetRange('A1:' + end).GetValue2() };
}

/**
 * The top of every sheet for the import dialog (scope: { range: 'A1:AZ35' }): name, the block's
 * values and the last row of the used range.
 */
export function previewSheetsCommand(): { name: string; values: unknown; lastRow: number }[] {
  var sheets = Api.GetSheets();
  var out: { name: string; values: unknown; lastRow: number }[] = [];
  for (var i = 0; i < sheets.length; i++) {
    var ws = sheets[i];
    var address = String(ws.GetUsedRange().GetAddress(false, false, 'xlA1', false)).replace(/\$/g, '');
    var m = /(\d+)$/.exec(address);
    out.push({ name: ws.GetName(), values: ws.GetRange(Asc.scope.range).GetValue2(), lastRow: m ? Number(m[1]) : 0 });
  }
  return out;
}

/** Activates a sheet and selects a cell or a row (scope: { name, cell }). False when the sheet is gone. */
export function selectCommand(): boolean {
  var ws = Api.GetSheet(Asc.scope.name);
  if (!ws) return false;
  ws.SetActive();
  var cell = String(Asc.scope.cell);
  var row = /^(\d+):\d+$/.exec(cell);
  ws.GetRange(row ? 'A' + row[1] : cell).Select();
  return true;
}

/**
 * Writes one sheet in one command (scope: a WritePlan of onlyoffice/plan.ts):
 *  - mode 'replace': delete the sheet when it exists, then add it; 'create': add it (refuses when
 *    it exists); 'update': write into the existing sheet (refuses when it is missing);
 *  - blocks: rectangles of values, each with one SetValue (the plan already quoted every string a
 *    spreadsheet could take for a formula or a number, and wrote '' for empty cells);
 *  - ops: formats over A1 ranges (number format, width, bold, fill, font, wrap, merge…);
 *  - chart (optional): a scatter chart over an A1 range of the sheet (ApiWorksheet.AddChart,
 *    https://api.onlyoffice.com/docs/office-api/usage-api/spreadsheet-api/ApiWorksheet/Methods/AddChart);
 *  - freezeRows, filter (an A1 range), activate.
 * A format or the chart that this build lacks (or that throws) is skipped and counted.
 * Returns { ok, cells } or { ok: false, message } — plain JSON.
 */
export function writeSheetCommand(): { ok: boolean; cells?: number; skipped?: number; message?: string } {
  var plan = Asc.scope.plan;
  var ws = Api.GetSheet(plan.name);
  if (plan.mode === 'create' && ws) return { ok: false, message: 'exists' };
  if (plan.mode === 'update' && !ws) return { ok: false, message: 'missing' };
  if (plan.mode === 'replace' && ws) { ws.Delete(); ws = null; }
  if (!ws) { Api.AddSheet(plan.name); ws = Api.GetSheet(plan.name); }
  if (!ws) return { ok: false, message: 'not added' };
  var letters = function (n: number): string {
    var s = '';
    for (var k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  var color = function (hex: string): any {
    var h = String(hex).replace('#', '');
    return Api.CreateColorFromRGB(parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16));
  };
  var cells = 0;
  for (var b = 0; b < plan.blocks.length; b++) {
    var block = plan.blocks[b];
    if (!block.values.length || !block.values[0].length) continue;
    var a1 = letters(block.col) + (block.row + 1) + ':' + letters(block.col + block.values[0].length - 1) + (block.row + block.values.length);
    ws.GetRange(a1).SetValue(block.values);
    cells += block.values.length * block.values[0].length;
  }
  // Each format is applied when this build of the editor has the method; one that fails or is
  // missing is counted and skipped, so the values are never lost over a format.
  var methods: Record<string, string> = {
    format: 'SetNumberFormat', width: 'SetColumnWidth', bold: 'SetBold', italic: 'SetItalic', size: 'SetFontSize', font: 'SetFontColor',
    fill: 'SetFillColor', wrap: 'SetWrap', valign: 'SetAlignVertical', merge: 'Merge', height: 'SetRowHeight',
  };
  var skipped = 0;
  for (var i = 0; i < plan.ops.length; i++) {
    var op = plan.ops[i];
    try {
      var r = ws.GetRange(op.r);
      var method = methods[op.t];
      if (!r || typeof r[method] !== 'function') { skipped++; continue; }
      if (op.t === 'bold' || op.t === 'italic' || op.t === 'wrap') r[method](true);
      else if (op.t === 'merge') r[method](false);
      else if (op.t === 'font' || op.t === 'fill') r[method](color(op.v));
      else r[method](op.v);
    } catch (e) {
      skipped++;
    }
  }
  if (plan.chart && typeof ws.AddChart === 'function') {
    try {
      var c = plan.chart;
      var chart = ws.AddChart("'" + plan.name.replace(/'/g, "''") + "'!" + c.range, false, 'scatter', 2, c.width, c.height, c.col, 0, c.row, 0);
      if (chart && typeof chart.SetTitle === 'function') chart.SetTitle(c.title, 12);
      if (chart && typeof chart.SetVerAxisTitle === 'function') chart.SetVerAxisTitle(c.yTitle, 10);
      if (chart && typeof chart.SetHorAxisTitle === 'function') chart.SetHorAxisTitle(c.xTitle, 10);
      if (chart && typeof chart.SetLegendPos === 'function') chart.SetLegendPos('bottom');
    } catch (e) {
      skipped++;
    }
  }
  if (plan.filter) {
    var f = ws.GetRange(plan.filter);
    if (typeof f.SetAutoFilter === 'function') f.SetAutoFilter();
  }
  if (plan.freezeRows) {
    var panes = typeof ws.GetFreezePanes === 'function' ? ws.GetFreezePanes() : null;
    if (panes && typeof panes.FreezeRows === 'function') panes.FreezeRows(plan.freezeRows);
  }
  if (plan.activate) ws.SetActive();
  return { ok: true, cells: cells, skipped: skipped };
}

/** Every command the plugin sends, by name (the tests run each of them from its text). */
export const COMMANDS = { sheetNamesCommand, readSheetCommand, previewSheetsCommand, selectCommand, writeSheetCommand };
