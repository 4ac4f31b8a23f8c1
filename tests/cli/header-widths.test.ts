/**
 * Column headers wrap between words, never inside one (issue 12 § 4.5: «Стандартна я ошибка»,
 * «Федеральн ый критерий», «Участнико в»). A bold header character is taken as ≈ 1.1 of the
 * default font's digit width (the unit of a column width), plus one unit of cell padding: every
 * column of every written sheet is at least that wide for the longest word of its headers.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { generateRegion } from '../../examples/demo-region';
import { identify } from '../../shared/method/identify';
import { recommend } from '../../shared/recommendations/recommend';
import { recommendationSheets } from '../../shared/recommendations/sheet';
import { type OutputSheet, outputSheets } from '../../shared/report-tables';
import { DEMO_XLSX, shnor, tempDir } from './run-cli';

const tables = generateRegion();
const result = identify(tables);
const sheets: OutputSheet[] = [...outputSheets(result), ...recommendationSheets(recommend(result, { tables }))];

/** Needed width of a header, measured here: its longest space-separated word × 1.1 + 1. */
function needed(header: string): { word: string; width: number } {
  const word = header.split(' ').filter(Boolean).sort((a, b) => b.length - a.length)[0] ?? '';
  return { word, width: word.length * 1.1 + 1 };
}

function tooNarrow(sheet: OutputSheet, widthOf: (col: number) => number): string[] {
  const out: string[] = [];
  for (const block of sheet.blocks) {
    block.header.forEach((h, i) => {
      const { word, width } = needed(h);
      if (widthOf(i) < width) out.push(`${sheet.name}: «${h}» (${word}) ${widthOf(i)} < ${width.toFixed(1)}`);
    });
  }
  return out;
}

describe('header widths', () => {
  test('every output sheet column fits the longest word of its headers', () => {
    expect(sheets.length).toBe(7);
    expect(sheets.flatMap((s) => tooNarrow(s, (i) => s.columns[i]?.width ?? 0))).toEqual([]);
  });

  test('the headers of the issue: «Стандартная» (11 letters) ≥ 13,1, «Федеральный» (11) ≥ 13,1, «Участников» (10) ≥ 12', () => {
    const ident = sheets[0];
    const width = (h: string) => ident.columns[ident.blocks[0].header.indexOf(h)].width;
    expect(width('Стандартная ошибка')).toBeGreaterThanOrEqual(11 * 1.1 + 1);
    expect(width('Федеральный критерий')).toBeGreaterThanOrEqual(11 * 1.1 + 1);
    expect(width('Участников')).toBeGreaterThanOrEqual(10 * 1.1 + 1);
  });

  test('the workbook the CLI writes keeps those widths', async () => {
    const out = path.join(tempDir('shnor-widths-'), 'result.xlsx');
    const run = shnor(['identify', DEMO_XLSX, '--format', 'xlsx', '--out', out]);
    expect(run.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const written = outputSheets(result);
    expect(written.length).toBe(5);
    for (const sheet of written) {
      const ws = wb.getWorksheet(sheet.name)!;
      expect(ws).toBeTruthy();
      // exceljs leaves out a column of its default width 9; Excel then shows the sheet's default, 8.43.
      const fallback = ws.properties.defaultColWidth ?? 8.43;
      expect(tooNarrow(sheet, (i) => ws.getColumn(i + 1).width ?? fallback)).toEqual([]);
    }
  }, 60_000);
});
