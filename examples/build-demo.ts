/**
 * Writes the demo region in both input forms:
 *   <outDir>/demo-region.xlsx       — sheets «Школы», «Результаты», «Социальные показатели», «Настройки»
 *   <outDir>/demo-region-csv/*.csv   — schools.csv, results.csv, social.csv, settings.csv
 *                                      (semicolon-separated, UTF-8 with BOM, decimal commas, CRLF,
 *                                      as Russian Excel saves «CSV (разделители — точка с запятой)»)
 *
 * Both outputs are byte-identical from run to run: the data come from a seeded generator, the
 * workbook's created/modified dates are fixed, and the timestamps inside the .xlsx zip are
 * overwritten with the same fixed date.
 *
 * Run: npx tsc -p tsconfig.node.json && node dist/node/examples/build-demo.js [outDir]
 * (outDir defaults to the project's examples/ folder).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Cell, Grid } from '../shared/types';
import { DEMO_REGION_NAME, generateRegionWithSummary } from './demo-region';
import { OBJECTIVITY_FORMATS, OBJECTIVITY_WIDTHS, writeExamplePupilFiles } from './demo-pupil-files';

/** The merged title row above the header on «Школы» (titles above the header are allowed). */
export const SCHOOLS_TITLE = 'Перечень общеобразовательных организаций Демонстрационной области';

/** The fixed date stamped into the workbook and its zip entries. */
export const DEMO_FILE_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

export const CSV_FILES = {
  schools: 'schools.csv',
  results: 'results.csv',
  social: 'social.csv',
  settings: 'settings.csv',
} as const;

export const SHEET_NAMES = {
  schools: 'Школы',
  results: 'Результаты',
  social: 'Социальные показатели',
  settings: 'Настройки',
} as const;

export interface BuildDemoResult {
  xlsx: string;
  csvDir: string;
  csvFiles: string[];
  /** Example ФИС ОКО per-pupil files (examples/vpr-pupils/). */
  pupilFiles: string[];
}

/** Generates the default demo region and writes the .xlsx and the CSV folder into outDir. */
export async function buildDemo(outDir: string): Promise<BuildDemoResult> {
  const built = generateRegionWithSummary();
  const tables = built.tables;
  fs.mkdirSync(outDir, { recursive: true });

  const csvDir = path.join(outDir, 'demo-region-csv');
  fs.mkdirSync(csvDir, { recursive: true });
  const csvFiles: string[] = [];
  const grids: Array<[keyof typeof CSV_FILES, Grid | undefined]> = [
    ['schools', tables.schools],
    ['results', tables.results],
    ['social', tables.social],
    ['settings', tables.settings],
  ];
  for (const [key, grid] of grids) {
    if (!grid) continue;
    const file = path.join(csvDir, CSV_FILES[key]);
    fs.writeFileSync(file, '\uFEFF' + toCsv(grid), 'utf8');
    csvFiles.push(file);
  }

  const xlsx = path.join(outDir, 'demo-region.xlsx');
  fs.writeFileSync(xlsx, await workbookBuffer(tables.schools, tables.results, tables.social ?? [], tables.settings ?? []));
  const pupilFiles = await writeExamplePupilFiles(path.join(outDir, 'vpr-pupils'), built, normaliseZipTimestamps);
  return { xlsx, csvDir, csvFiles, pupilFiles };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** One cell as Russian Excel writes it into a semicolon CSV: decimal comma, quotes only when needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  }
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (value instanceof Date) {
    const d = value;
    const p = (x: number) => String(x).padStart(2, '0');
    return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  }
  const s = String(value);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A grid as semicolon-separated text with CRLF line ends (no BOM: the caller adds it). */
export function toCsv(grid: Grid): string {
  let out = '';
  for (const row of grid) out += row.map(csvCell).join(';') + '\r\n';
  return out;
}

// ---------------------------------------------------------------------------------------------
// XLSX

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN_BOTTOM: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF8EA9C1' } } };

interface SheetLayout {
  widths: number[];
  /** numFmt per column index (0-based). */
  formats?: Record<number, string>;
}

function addSheet(wb: ExcelJS.Workbook, name: string, grid: Grid, layout: SheetLayout, title?: string): ExcelJS.Worksheet {
  const headerRow = title ? 2 : 1;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  const width = grid[0]?.length ?? layout.widths.length;
  ws.columns = layout.widths.map((w, i) => ({ width: w, style: layout.formats?.[i] ? { numFmt: layout.formats[i] } : {} }));

  if (title) {
    const row = ws.getRow(1);
    row.getCell(1).value = title;
    row.getCell(1).font = { bold: true, size: 13 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    row.height = 24;
    ws.mergeCells(1, 1, 1, width);
  }

  grid.forEach((cells, i) => {
    const row = ws.getRow(headerRow + i);
    row.values = cells.map((c) => (c === undefined ? null : c)) as ExcelJS.CellValue[];
    if (i === 0) {
      row.font = { bold: true };
      row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      for (let c = 1; c <= width; c++) {
        row.getCell(c).fill = HEADER_FILL;
        row.getCell(c).border = THIN_BOTTOM;
        row.getCell(c).numFmt = '@';
      }
    }
  });
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };
  return ws;
}

async function workbookBuffer(schools: Grid, results: Grid, social: Grid, settings: Grid): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ШНОР Монитор';
  wb.lastModifiedBy = 'ШНОР Монитор';
  wb.title = `Демонстрационные данные: ${DEMO_REGION_NAME}`;
  wb.created = DEMO_FILE_DATE;
  wb.modified = DEMO_FILE_DATE;

  addSheet(wb, SHEET_NAMES.schools, schools, {
    widths: [11, 46, 26, 11, 17, 14],
    formats: { 0: '@' },
  }, SCHOOLS_TITLE);
  addSheet(wb, SHEET_NAMES.results, results, {
    widths: [7, 10, 11, 7, 15, 12, 12, 15, 13, 6, 6, 6, 6, ...OBJECTIVITY_WIDTHS],
    formats: { 1: '@', 6: '0.00', 7: '0.00', ...OBJECTIVITY_FORMATS },
  });
  addSheet(wb, SHEET_NAMES.social, social, {
    widths: [7, 10, 18, 16, 14, 14, 15, 10],
    formats: { 1: '@', 2: '0.0', 3: '0.0', 4: '0.0', 5: '0.0', 6: '0.0', 7: '0.0' },
  });
  const settingsSheet = addSheet(wb, SHEET_NAMES.settings, settings, { widths: [28, 16] });
  settingsSheet.getColumn(2).alignment = { horizontal: 'left' };

  const data = await wb.xlsx.writeBuffer();
  return normaliseZipTimestamps(Buffer.from(data as ArrayBuffer), DEMO_FILE_DATE);
}


/**
 * Overwrites the modification time/date of every entry of a zip (local headers and the central
 * directory) with a fixed date. JSZip, which exceljs uses, stamps entries with the current time.
 */
export function normaliseZipTimestamps(buf: Buffer, date: Date): Buffer {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  // End of central directory: signature 0x06054b50, searched from the end (comment ≤ 65535 bytes).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('normaliseZipTimestamps: not a zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('normaliseZipTimestamps: broken central directory');
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error('normaliseZipTimestamps: broken local header');
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------

/** The project's examples/ folder: walk up from this file to the package.json. */
function defaultOutDir(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'shnor-monitor') return path.join(dir, 'examples');
      } catch {
        // not ours, keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return path.resolve('examples');
    dir = up;
  }
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? defaultOutDir());
  buildDemo(outDir)
    .then((r) => {
      process.stdout.write(`Записано: ${path.relative(process.cwd(), r.xlsx) || r.xlsx}\n`);
      for (const f of [...r.csvFiles, ...r.pupilFiles]) process.stdout.write(`Записано: ${path.relative(process.cwd(), f) || f}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`Ошибка: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
