/**
 * `shnor template KIND --out FILE.xlsx [--input REGION] [--year YYYY] [--start YYYY] [--municipality NAME]`:
 * writes a template workbook (roadmaps, target indicators, school roadmaps) described by
 * shared/roadmap/templates.ts, with data validation and live formulas.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { identify } from '../../shared/method/identify';
import { NOUN, counted } from '../../shared/messages';
import { ymdParts } from '../../shared/roadmap/dates';
import {
  type PlacedValue, type SheetLayout, TEMPLATE_COLORS, type TemplateSheet, type Validation, a1Range, layoutTemplate, mergedHeight, placedCell,
  validationMessage,
} from '../../shared/roadmap/template-sheet';
import { TEMPLATE_KINDS, type TemplateKind, buildTemplate } from '../../shared/roadmap/templates';
import { type Args, type Command, InputError, type Io, checkOptions } from '../command';
import { loadInput } from '../input';
import { findSheet, guardTextCell } from '../xlsx';
import { problemLines } from './identify';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** exceljs cells: a formula as its object (without «=»), a date as UTC midnight. */
function cellValue(v: PlacedValue): ExcelJS.CellValue {
  return placedCell(
    v,
    (d) => { const [y, m, day] = ymdParts(d); return new Date(Date.UTC(y, m - 1, day)); },
    (text) => ({ formula: text.slice(1) }) as ExcelJS.CellFormulaValue,
  );
}

function excelValidation(v: Validation): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: 'Проверьте значение', error: validationMessage(v) };
  switch (v.type) {
    case 'list':
      return { ...common, type: 'list', formulae: [`"${v.values.join(',')}"`], errorStyle: v.strict ? 'stop' : 'warning' };
    case 'date':
      return { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1990, 0, 1))] };
    case 'decimal':
    case 'whole':
      if (v.min !== undefined && v.max !== undefined) return { ...common, type: v.type, operator: 'between', formulae: [v.min, v.max] };
      if (v.min !== undefined) return { ...common, type: v.type, operator: 'greaterThanOrEqual', formulae: [v.min] };
      return { ...common, type: v.type, operator: 'lessThanOrEqual', formulae: [v.max ?? 0] };
  }
}

/** Writes one laid-out template sheet (replacing a sheet of the same name). */
export function writeTemplateLayout(wb: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet {
  const existing = findSheet(wb, layout.name);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(layout.name, {
    views: layout.freezeRow ? [{ state: 'frozen', ySplit: layout.freezeRow, xSplit: 0 }] : [],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  layout.widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const totalWidth = layout.widths.reduce((a, b) => a + b, 0);
  const merged = new Set(layout.merged);
  for (const placed of layout.rows) {
    const row = ws.getRow(placed.row);
    placed.values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = cellValue(v);
      const fmt = placed.formats[c];
      if (fmt) cell.numFmt = fmt;
      // Text from the data (school names …) stays text on F2 and Enter; the template's formulas are objects, not strings.
      guardTextCell(cell);
      if (placed.computed[c]) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(TEMPLATE_COLORS.computedFill) } };
        cell.font = { color: { argb: argb(TEMPLATE_COLORS.computedText) } };
      }
    });
    const first = row.getCell(1);
    switch (placed.style) {
      case 'title': first.font = { bold: true, size: 13 }; break;
      case 'subtitle': first.font = { italic: true, size: 10 }; break;
      case 'note': first.font = { italic: true, size: 10, color: { argb: argb(TEMPLATE_COLORS.noteText) } }; break;
      case 'caption': first.font = { bold: true }; break;
      case 'heading':
        first.font = { bold: true };
        first.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(TEMPLATE_COLORS.headingFill) } };
        break;
      case 'header':
        row.eachCell((cell) => {
          cell.font = { bold: true };
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(TEMPLATE_COLORS.headerFill) } };
          cell.border = { bottom: { style: 'thin' } };
          cell.alignment = { wrapText: true, vertical: 'middle' };
        });
        break;
      case 'info': first.font = { bold: true }; break;
      default: break;
    }
    if (placed.style === 'data' || placed.style === 'info') {
      placed.values.forEach((_, c) => { row.getCell(c + 1).alignment = { wrapText: true, vertical: 'top' }; });
    }
    if (merged.has(placed.row)) {
      ws.mergeCells(placed.row, 1, placed.row, layout.width);
      first.alignment = { wrapText: true, vertical: 'top' };
      const text = typeof placed.values[0] === 'string' ? placed.values[0] : '';
      row.height = mergedHeight(text, totalWidth, placed.style === 'title' ? 13 : 10);
    }
  }
  // exceljs 4.4 has worksheet.dataValidations but its typings do not declare it.
  const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of layout.validations) dv.add(a1Range(v.row1, v.col1, v.row2, v.col2), excelValidation(v.validation));
  const table = layout.blocks.find((b) => b.role !== 'info' && b.headerRow !== null);
  if (table && layout.freezeRow) {
    ws.autoFilter = { from: { row: table.headerRow!, column: 1 }, to: { row: table.lastRow, column: table.width } };
  }
  return ws;
}

/** Writes template sheets into a workbook, in order. */
export function writeTemplateSheets(wb: ExcelJS.Workbook, sheets: TemplateSheet[]): void {
  for (const sheet of sheets) writeTemplateLayout(wb, layoutTemplate(sheet));
}

function yearOption(args: Args, name: string): number | undefined {
  const raw = args.options[name];
  if (raw === undefined) return undefined;
  const y = Number(raw);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new InputError(`--${name}: ожидался год, например 2025, указано «${raw}»`);
  return y;
}

async function runTemplate(args: Args, io: Io): Promise<number> {
  checkOptions(args, ['out', 'input', 'year', 'start', 'municipality']);
  const [kindArg] = args.positional;
  const kinds = TEMPLATE_KINDS.map((k) => k.kind);
  if (!kindArg) throw new InputError(`Укажите вид шаблона: ${kinds.join(', ')}`);
  const kind = kindArg as TemplateKind;
  if (!kinds.includes(kind)) throw new InputError(`Неизвестный вид шаблона «${kindArg}». Есть: ${kinds.join(', ')}`);
  const out = args.options.out;
  if (!out) throw new InputError('Укажите файл: --out ШАБЛОН.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new InputError(`--out: нужен файл .xlsx, указано «${out}»`);
  const spec = TEMPLATE_KINDS.find((k) => k.kind === kind)!;
  if (spec.needsInput && !args.options.input) throw new InputError(`Для шаблона ${kind} нужна книга региона с результатами: --input КНИГА.xlsx (или папка с CSV)`);
  let identification;
  if (args.options.input) {
    const loaded = await loadInput(args.options.input);
    identification = identify(loaded.tables, {});
    if (!identification.ok) {
      const errors = identification.problems.filter((p) => p.severity === 'error');
      io.stderr(`Во входных данных ошибки; шаблон не построен. Исправьте и запустите снова:\n${problemLines(errors)}\n`);
      return 2;
    }
  }
  const municipality = args.options.municipality;
  if (municipality && identification && !identification.schools.some((s) => s.municipality === municipality)) {
    const names = [...new Set(identification.schools.map((s) => s.municipality))].sort((a, b) => a.localeCompare(b, 'ru'));
    throw new InputError(`Муниципалитет «${municipality}» не найден на листе «Школы». Есть: ${names.join(', ')}`);
  }
  const year = yearOption(args, 'year') ?? new Date().getFullYear();
  const book = buildTemplate(kind, { year, start: yearOption(args, 'start'), identification, municipality });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ШНОР Монитор';
  writeTemplateSheets(wb, book.sheets);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  await wb.xlsx.writeFile(out);
  io.stdout(`Шаблон «${spec.title}» записан в ${out}: ${counted(book.sheets.length, NOUN.sheet)} (${book.sheets.map((s) => `«${s.name}»`).slice(0, 6).join(', ')}${book.sheets.length > 6 ? ', …' : ''})\n`);
  for (const n of book.notes) io.stdout(`  ${n}\n`);
  return 0;
}

export const templateCommand: Command = {
  name: 'template',
  usage: `  shnor template ВИД --out ШАБЛОН.xlsx [--input КНИГА] [--year ГГГГ] [--start ГГГГ] [--municipality МО]
      ВИД        ${TEMPLATE_KINDS.map((k) => `${k.kind} — ${k.title}`).join('\n                 ')}
      --input    книга региона .xlsx, .ods или .xls (или папка CSV): факты показателей и дорожные карты школ по идентификации
      --year     год дорожной карты (по умолчанию — текущий)
      --start    первый год программы: годы образца сдвигаются к нему
      --municipality  только школы и показатели одного муниципалитета`,
  run: runTemplate,
};
