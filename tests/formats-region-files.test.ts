/**
 * formats/region-files.ts, the offline page's reading of files given as bytes, in Node: the grids
 * it gives equal the command line's (cli/input.ts: the streaming .xlsx reader, the CSV files read
 * from disk), and what it refuses it refuses in Russian. A reader for another format plugs in as
 * one entry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadInput } from '../cli/input';
import { PART_LIMIT_BYTES as CLI_PART, TOTAL_LIMIT_BYTES as CLI_TOTAL, checkZipLimits, readZipDirectory } from '../cli/xlsx-stream';
import { PART_LIMIT_BYTES, TOTAL_LIMIT_BYTES, zipDirectory } from '../formats/zip-limits';
import { ODS_READER, RegionFileError, type WorkbookReader, XLS_READER, XLSX_READER, formatOfBytes, readRegionFiles } from '../formats/region-files';
import { sheetNamesOf } from '../shared/input/sheet-names';
import { convertWithLibreOffice, withLibreOffice } from './helpers/libreoffice';

const ROOT = path.join(__dirname, '..');
const DEMO_XLSX = path.join(ROOT, 'examples/demo-region.xlsx');
const DEMO_CSV = path.join(ROOT, 'examples/demo-region-csv');
const bytes = (file: string) => new Uint8Array(fs.readFileSync(file));
const tablesOnly = (t: object) => JSON.parse(JSON.stringify(t));

describe('readRegionFiles', () => {
  test('a workbook: the same grids and sheet names as the command line reads from disk', async () => {
    const page = await readRegionFiles([{ name: 'demo-region.xlsx', bytes: bytes(DEMO_XLSX) }]);
    const cli = await loadInput(DEMO_XLSX);
    expect(page.kind).toBe('workbook');
    expect(tablesOnly(page.tables)).toEqual(tablesOnly(cli.tables));
    expect(sheetNamesOf(page.tables)).toEqual(sheetNamesOf(cli.tables));
    // Each call is a fresh copy: writing output sheets into one leaves the next as it was.
    const a = await page.workbook();
    a.addWorksheet('лишний');
    expect((await page.workbook()).worksheets.map((w) => w.name)).toEqual(['Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
  });

  test('a CSV folder (names with a folder path, any case): the same grids as the command line', async () => {
    const files = fs.readdirSync(DEMO_CSV).map((f) => ({ name: `demo-region-csv/${f.toUpperCase()}`, bytes: bytes(path.join(DEMO_CSV, f)) }));
    const page = await readRegionFiles(files);
    const cli = await loadInput(DEMO_CSV);
    expect(page.kind).toBe('csv');
    expect(page.label).toBe('4 файла CSV: SCHOOLS.CSV, RESULTS.CSV, SOCIAL.CSV, SETTINGS.CSV');
    expect(tablesOnly(page.tables)).toEqual(tablesOnly(cli.tables));
    expect(page.sheets.map((s) => s.name)).toEqual(['Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
  });

  test('refuses in Russian: nothing usable, two sources, a missing results.csv, an unclosed quote, a broken workbook', async () => {
    const fail = async (files: { name: string; bytes: Uint8Array }[]) => {
      const e = await readRegionFiles(files).then(() => null, (x) => x);
      expect(e).toBeInstanceOf(RegionFileError);
      return (e as Error).message;
    };
    const schools = { name: 'schools.csv', bytes: bytes(path.join(DEMO_CSV, 'schools.csv')) };
    expect(await fail([])).toBe('Не выбрано ни одного файла');
    expect(await fail([{ name: 'отчёт.pdf', bytes: new Uint8Array(3) }])).toMatch(/^Не подходит ни один файл \(«отчёт\.pdf»\): нужна книга \(\.xlsx, \.ods, \.xls\)/);
    expect(await fail([{ name: 'a.xlsx', bytes: bytes(DEMO_XLSX) }, schools])).toMatch(/^Выбрано несколько источников/);
    expect(await fail([schools])).toMatch(/^Среди выбранных файлов нет «results\.csv»/);
    expect(await fail([{ name: 'x.xlsx', bytes: new TextEncoder().encode('не zip') }])).toMatch(/^Не удалось прочитать книгу «x\.xlsx»: файл повреждён или это не книга \.xlsx/);
    const broken = new TextEncoder().encode(fs.readFileSync(path.join(DEMO_CSV, 'schools.csv'), 'utf8').replace(';МАОУ', ';"МАОУ'));
    expect(await fail([{ name: 'schools.csv', bytes: broken }, { name: 'results.csv', bytes: bytes(path.join(DEMO_CSV, 'results.csv')) }]))
      .toMatch(/^Ошибка чтения CSV; данные не проверялись\. [^\n]*\nФайл «schools\.csv», строка 2: кавычка «"», открытая в этой строке, не закрыта/);
  });

  test('a workbook whose zip directory declares a part of 3 GiB is refused before exceljs inflates it', async () => {
    // The demo book with one directory entry's uncompressed size set to 3 GiB (nothing inflates to it).
    const buf = Buffer.from(bytes(DEMO_XLSX));
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = buf.readUInt32LE(eocd + 16);
    let patched = '';
    while (buf.readUInt32LE(p) === 0x02014b50) {
      const nameLength = buf.readUInt16LE(p + 28);
      const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
      if (name === 'xl/worksheets/sheet2.xml') { buf.writeUInt32LE(3 * 1024 * 1024 * 1024, p + 24); patched = name; }
      p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    expect(patched).toBe('xl/worksheets/sheet2.xml');
    const e = await readRegionFiles([{ name: 'бомба.xlsx', bytes: new Uint8Array(buf) }]).then(() => null, (x) => x as Error);
    expect(e).toBeInstanceOf(RegionFileError);
    expect(e!.message).toBe('Не удалось прочитать книгу «бомба.xlsx»: Часть книги «xl/worksheets/sheet2.xml» в распакованном виде занимает 3 ГБ, а предел — 1 ГБ на одну часть книги (и 2 ГБ на всю книгу). '
      + 'Так бывает с повреждёнными или намеренно «раздутыми» файлами (zip-бомба); книга не прочитана. Если данные настоящие, разделите их на несколько книг или сохраните листы как CSV (папка с schools.csv, results.csv …).');
    // The same directory, limits and message as the command line's reader (cli/xlsx-stream.ts).
    const file = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'shnor-zip-')), 'bomb.xlsx');
    fs.writeFileSync(file, buf);
    expect([PART_LIMIT_BYTES, TOTAL_LIMIT_BYTES]).toEqual([CLI_PART, CLI_TOTAL]);
    for (const f of [file, DEMO_XLSX]) {
      const b = fs.readFileSync(f);
      expect([...zipDirectory(b.length, (pos, len) => b.subarray(pos, pos + len)).entries()]).toEqual([...readZipDirectory(f).entries()]);
    }
    expect(() => checkZipLimits(file)).toThrow(e!.message.replace('Не удалось прочитать книгу «бомба.xlsx»: ', ''));
  });

  test('another workbook format is one more reader: bytes → sheet grids', async () => {
    const fake: WorkbookReader = {
      extensions: ['.ods'], title: 'книга OpenDocument (.ods)',
      read: async () => ({ sheets: [{ name: 'Школы', grid: [['Код ОО'], ['1']] }, { name: 'Результаты', grid: [['Год']] }] }),
    };
    const page = await readRegionFiles([{ name: 'регион.ods', bytes: new Uint8Array(1) }], [XLSX_READER, fake]);
    expect(page.tables.schools).toEqual([['Код ОО'], ['1']]);
    // Without a workbook of its own, the result book is made from the input grids (as for CSV).
    expect((await page.workbook()).worksheets.map((w) => w.name)).toEqual(['Школы', 'Результаты']);
  });
});

withLibreOffice('readRegionFiles on the demo saved by LibreOffice as .ods and .xls', () => {
  const demo: Partial<Record<'ods' | 'xls', string>> = {};
  beforeAll(() => {
    for (const to of ['ods', 'xls'] as const) demo[to] = convertWithLibreOffice(DEMO_XLSX, to);
  }, 300000);

  test.each(['ods', 'xls'] as const)('.%s: the same grids and sheet names as the command line reads from disk (cli/input.ts)', async (to) => {
    const file = demo[to]!;
    const page = await readRegionFiles([{ name: path.basename(file), bytes: bytes(file) }]);
    const cli = await loadInput(file);
    expect(cli.kind).toBe(to);
    expect(page.kind).toBe('workbook');
    expect(tablesOnly(page.tables)).toEqual(tablesOnly(cli.tables));
    expect(sheetNamesOf(page.tables)).toEqual(sheetNamesOf(cli.tables));
    // No workbook of its own: the result book is made from the input grids (as for CSV and as `identify` does).
    expect((await page.workbook()).worksheets.map((w) => w.name)).toEqual(['Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
  });

  test('the content decides the reader, not the name; an .xls that is CSV or HTML is refused in Russian', async () => {
    expect(formatOfBytes(bytes(demo.ods!))).toBe('ods');
    expect(formatOfBytes(bytes(demo.xls!))).toBe('xls');
    expect(formatOfBytes(bytes(DEMO_XLSX))).toBe('xlsx');
    for (const [name, file] of [['на-самом-деле-ods.xlsx', demo.ods!], ['на-самом-деле-xls.ods', demo.xls!], ['на-самом-деле-xlsx.xls', DEMO_XLSX]]) {
      const page = await readRegionFiles([{ name, bytes: bytes(file) }]);
      const cli = await loadInput(file);
      expect({ name, tables: tablesOnly(page.tables) }).toEqual({ name, tables: tablesOnly(cli.tables) });
    }
    const fail = (name: string, text: string) => readRegionFiles([{ name, bytes: new TextEncoder().encode(text) }]).then(() => '', (e) => (e as Error).message);
    expect(await fail('выгрузка.xls', '\uFEFFКод ОО;Название\r\n007;Школа\r\n')).toMatch(/^Файл «выгрузка\.xls» — не книга, а текст CSV\/TSV с расширением \.xls .*schools\.csv, results\.csv/);
    expect(await fail('выгрузка.xls', '<html><body><table><tr><td>Код ОО</td></tr></table></body></html>')).toMatch(/^Файл «выгрузка\.xls» — не книга, а веб-страница \(HTML\) с расширением \.xls/);
    expect(await fail('x.ods', 'не zip')).toMatch(/^Не удалось прочитать книгу «x\.ods»: файл повреждён/);
    expect([XLSX_READER, ODS_READER, XLS_READER].map((r) => r.extensions[0])).toEqual(['.xlsx', '.ods', '.xls']);
  });
});
