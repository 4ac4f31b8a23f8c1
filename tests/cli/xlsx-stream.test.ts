/**
 * The streaming .xlsx reader (cli/xlsx-stream.ts) against the exceljs reader it replaces: the same
 * grids on the demo region, on every fixture workbook and on a workbook of awkward cells; the same
 * CLI JSON; a zip bomb and a broken zip refused with a Russian message and exit 2.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { toContractJson } from '../../shared/contract';
import { identify } from '../../shared/method/identify';
import { SHEETS } from '../../shared/messages';
import type { Grid, RegionTables } from '../../shared/types';
import { findSheet, sheetToGrid } from '../../cli/xlsx';
import { PART_LIMIT_BYTES, readXlsxSheets, readZipDirectory } from '../../cli/xlsx-stream';
import { DEMO_XLSX, ROOT, shnor, tempDir } from './run-cli';

/**
 * Every sheet as the exceljs reader gives it (what cli/xlsx.ts read before the streaming reader).
 * One deliberate difference: a formula's cached error came through as an object ({ error: '#N/A' });
 * the streaming reader gives its text, as it does for an error typed into a cell.
 */
async function exceljsGrids(file: string): Promise<{ name: string; grid: Grid }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const text = (v: unknown) => (v && typeof v === 'object' && 'error' in v ? String((v as { error: unknown }).error) : v) as Grid[number][number];
  return wb.worksheets.map((ws) => ({ name: ws.name, grid: sheetToGrid(ws).map((row) => row.map(text)) }));
}

function fixtureWorkbooks(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureWorkbooks(full);
    return /\.xlsx$/i.test(e.name) ? [full] : [];
  });
}

describe('the streaming reader gives the grids the exceljs reader gave', () => {
  const files = [DEMO_XLSX, ...fixtureWorkbooks(path.join(ROOT, 'tests', 'fixtures'))];
  test('there are fixture workbooks to compare', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  test.each(files.map((f) => [path.relative(ROOT, f), f]))('%s', async (_, file) => {
    const want = await exceljsGrids(file);
    const got = await readXlsxSheets(file);
    expect(got.map((s) => s.name)).toEqual(want.map((s) => s.name));
    got.forEach((s, i) => expect(s.grid).toEqual(want[i].grid));
  });

  test('awkward cells: dates, percents, leading zeros, rich text, inline strings, formulas, merges, hyperlinks, errors', async () => {
    const dir = tempDir('shnor-xlsx-cells-');
    const fill = (ws: ExcelJS.Worksheet) => {
      ws.addRow(['Код ОО', 'Дата', 'Доля', 'Текст', 'Формула', 'Логическое']);
      ws.addRow(['001', new Date(Date.UTC(2025, 4, 15)), 0.125, { richText: [{ text: 'Школа ' }, { font: { bold: true }, text: '«Луч»' }] }, { formula: 'C2*2', result: 0.25 }, true]);
      ws.addRow(['0020', new Date(Date.UTC(1999, 11, 31, 12, 30)), 1, 'a & b < c _x0041_', { formula: 'A2&"x"', result: '001x' }, false]);
      ws.addRow([]);
      ws.addRow([123, null, 0.3333333333333, '  пробелы  ', { formula: 'NA()', result: { error: '#N/A' } }, { error: '#DIV/0!' }]);
      ws.addRow(['строка\nс переносом', { formula: 'B2+1', result: 45793 }, null, { text: 'сайт', hyperlink: 'https://example.org' }, 42, 'x']);
      ws.getColumn(2).numFmt = 'dd.mm.yyyy';
      ['C2', 'C3', 'C5'].forEach((a) => { ws.getCell(a).numFmt = '0.0%'; });
      ws.getCell('B6').numFmt = 'dd.mm.yyyy';
      ws.getCell('E6').value = 42;
      ws.getCell('E6').value = { text: '42', hyperlink: 'https://example.org/42' };
      ws.getCell('H1').value = 'справа';
      ws.getCell('H1').numFmt = '@';
      ws.getCell('J3').numFmt = '0%';
      ws.mergeCells('A8:C9');
      ws.getCell('A8').value = 'объединено';
      ws.mergeCells('E10:F10');
      ws.getCell('D12').value = '';
    };
    const shared = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Лист 1'));
    wb.addWorksheet('Пустой');
    await wb.xlsx.writeFile(shared);
    // The streaming writer without shared strings: inline strings.
    const inline = path.join(dir, 'inline.xlsx');
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false, useStyles: true });
    const sws = sw.addWorksheet('Лист 1');
    fill(sws as unknown as ExcelJS.Worksheet);
    sws.commit();
    await sw.commit();
    for (const file of [shared, inline]) {
      const want = await exceljsGrids(file);
      const got = await readXlsxSheets(file);
      expect(got.map((s) => s.name)).toEqual(want.map((s) => s.name));
      got.forEach((s, i) => expect(s.grid).toEqual(want[i].grid));
      expect(got[0].grid[1].slice(0, 4)).toEqual(['001', new Date(Date.UTC(2025, 4, 15)), '12.5%', 'Школа «Луч»']);
    }
  });
});

describe('the command line on a workbook read as a stream', () => {
  test('the JSON on demo-region.xlsx is what the exceljs reader gave', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(DEMO_XLSX);
    const tables: RegionTables = { schools: [], results: [] };
    for (const [key, name] of [['schools', SHEETS.schools], ['results', SHEETS.results], ['social', SHEETS.social], ['settings', SHEETS.settings]] as const) {
      const ws = findSheet(wb, name);
      if (ws) tables[key] = sheetToGrid(ws);
    }
    const want = JSON.parse(JSON.stringify(toContractJson(identify(tables, {}))));
    const run = shnor(['identify', DEMO_XLSX, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(want);
  });

  test('--format xlsx still copies the input sheets (the whole book is loaded only for writing)', async () => {
    const out = path.join(tempDir('shnor-xlsx-copy-'), 'out.xlsx');
    const run = shnor(['identify', DEMO_XLSX, '--format', 'xlsx', '--out', out]);
    expect(run.status).toBe(0);
    const names = (await readXlsxSheets(out)).map((s) => s.name);
    expect(names.slice(0, 4)).toEqual([SHEETS.schools, SHEETS.results, SHEETS.social, SHEETS.settings]);
    expect(names.length).toBeGreaterThan(4);
  });
});

// ----------------------------------------------------------------------------------------------
// Hand-made zips

interface ZipPart {
  name: string;
  data: Buffer; // deflated (raw)
  size: number; // the size to declare
}

function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(p.data.length, 20);
    cd.writeUInt32LE(Math.min(p.size, 0xffffffff), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(cd, name);
    offset += 30 + name.length + p.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const part = (name: string, text: string): ZipPart => {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: zlib.deflateRawSync(raw), size: raw.length };
};

/** A sheet of `copies` MiB of the same rows, deflated without ever holding it: the same full-flush block repeated. */
function bombSheet(copies: number): { data: Buffer; size: number } {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const rowText = '<row><c t="inlineStr"><is><t>ШНОР</t></is></c><c><v>1</v></c></row>';
  const block = Buffer.from(rowText.repeat(Math.floor((1 << 20) / Buffer.byteLength(rowText))));
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const deflatedBlock = zlib.deflateRawSync(block, flush);
  const tail = Buffer.from('</sheetData></worksheet>');
  const data = Buffer.concat([zlib.deflateRawSync(head, flush), ...new Array(copies).fill(deflatedBlock), zlib.deflateRawSync(tail)]);
  return { data, size: head.length + block.length * copies + tail.length };
}

function bombWorkbook(file: string, declare: (real: number) => number): void {
  const sheet = bombSheet(1536);
  fs.writeFileSync(file, zip([
    part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    part('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${SHEETS.schools}" sheetId="1" r:id="rId1"/><sheet name="${SHEETS.results}" sheetId="2" r:id="rId2"/></sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>'),
    part('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Код ОО</t></is></c></row></sheetData></worksheet>'),
    { name: 'xl/worksheets/sheet2.xml', data: sheet.data, size: declare(sheet.size) },
  ]));
}

describe('a zip bomb and a broken zip are refused with a Russian message, exit 2', () => {
  const dir = tempDir('shnor-xlsx-bomb-');
  const limit = `${PART_LIMIT_BYTES / 1024 / 1024 / 1024} ГБ`;

  test('the bomb is small on disk and inflates to 1.5 GiB', () => {
    const sheet = bombSheet(1536);
    expect(sheet.data.length).toBeLessThan(8 << 20);
    expect(sheet.size).toBeGreaterThan(1.49 * 1024 * 1024 * 1024);
  });

  test('a sheet whose directory entry says 1.5 GiB is refused before inflating, naming the limit', () => {
    const file = path.join(dir, 'bomb.xlsx');
    bombWorkbook(file, (real) => real);
    const t = Date.now();
    const run = shnor(['identify', file, '--format', 'json']);
    expect(Date.now() - t).toBeLessThan(10000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Не удалось прочитать книгу/);
    expect(run.stderr).toMatch(/Лист «Результаты» в распакованном виде занимает 1,5 ГБ/);
    expect(run.stderr).toContain(`предел — ${limit}`);
    expect(run.stderr).toMatch(/zip-бомба/);
    expect(run.stdout).toBe('');
  });

  test('a sheet whose directory entry lies (says 200 KB) is stopped while inflating', () => {
    const file = path.join(dir, 'lying-bomb.xlsx');
    bombWorkbook(file, () => 200 * 1024);
    const t = Date.now();
    const run = shnor(['identify', file, '--format', 'json']);
    expect(Date.now() - t).toBeLessThan(10000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Лист «Результаты» распаковывается больше, чем указано в оглавлении zip-архива/);
    expect(run.stderr).toContain(`предел — ${limit}`);
  });

  test('import and roadmap-status refuse the bomb too, before exceljs inflates it', () => {
    const file = path.join(dir, 'bomb-other.xlsx');
    bombWorkbook(file, (real) => real);
    const demo = path.join(dir, 'demo-copy.xlsx');
    fs.copyFileSync(path.join(ROOT, 'examples', 'demo-region.xlsx'), demo);
    for (const args of [['import', 'vpr', file, '--into', demo], ['import', 'vpr', demo, '--into', file], ['roadmap-status', file]]) {
      const t = Date.now();
      const run = shnor(args);
      expect(Date.now() - t).toBeLessThan(10000);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`предел — ${limit}`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('a truncated workbook', () => {
    const file = path.join(dir, 'truncated.xlsx');
    const buf = fs.readFileSync(DEMO_XLSX);
    fs.writeFileSync(file, buf.subarray(0, Math.floor(buf.length / 2)));
    const run = shnor(['identify', file, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Не удалось прочитать книгу «.*truncated\.xlsx»: файл повреждён или это не книга \.xlsx: не найдено оглавление zip-архива/);
    expect(run.stderr).not.toMatch(/Внутренняя ошибка/);
  });

  test('a workbook whose compressed data is damaged', () => {
    const file = path.join(dir, 'damaged.xlsx');
    const buf = Buffer.from(fs.readFileSync(DEMO_XLSX));
    // Garbage over the start of the results sheet's deflated data, from a first byte that is no
    // deflate block (type 11, reserved): damaged data wherever the sheet lies in the file (garbage
    // further in may instead inflate past the declared size, which reads as a lying directory).
    const entry = readZipDirectory(DEMO_XLSX).get('xl/worksheets/sheet2.xml')!;
    const start = entry.localOffset + 30 + buf.readUInt16LE(entry.localOffset + 26) + buf.readUInt16LE(entry.localOffset + 28);
    buf[start] = 0xff;
    for (let i = start + 1; i < start + 4000; i++) buf[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, buf);
    const run = shnor(['identify', file, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Не удалось прочитать книгу «.*damaged\.xlsx»: файл повреждён или это не книга \.xlsx/);
    expect(run.stderr).not.toMatch(/Внутренняя ошибка/);
  });

  test('a file that is not a zip at all', () => {
    const file = path.join(dir, 'text.xlsx');
    fs.writeFileSync(file, 'Код ОО;Название\n001;Школа\n');
    const run = shnor(['identify', file]);
    expect(run.status).toBe(2);
    // The content decides the format, not the name (cli/workbook-read.ts).
    expect(run.stderr).toMatch(/Файл «.*text\.xlsx» — не книга, а текст CSV\/TSV/);
  });
});
