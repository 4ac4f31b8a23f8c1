/**
 * Part of `npm run bench`: the whole command line (`shnor identify INPUT --format json --out FILE`,
 * a child process, reading included) on the same synthetic 40,000-school region given as a CSV
 * folder, as an .xlsx workbook and as the .ods LibreOffice saves of it. Prints wall time and peak
 * memory (max RSS) of each and the ratios xlsx / CSV and ods / xlsx; target: .xlsx ≤ 3× the CSV
 * time, .ods within the same bounds, ≤ 1 GB peak memory. An .xls holds at most 65,536 rows a sheet
 * (the 40,000-school region has 517k result rows), so .xls is measured on 4,000 schools against
 * the .xlsx of that region.
 *
 * The region is generated once (examples/demo-region.ts generateRegion) and cached in the temp
 * directory. `node dist/node/bench/input-formats.js [SCHOOLS] [ROUNDS]` runs it alone.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { toCsv } from '../examples/build-demo';
import { generateRegion } from '../examples/demo-region';
import { SHEETS } from '../shared/messages';
import type { Grid, RegionTables } from '../shared/types';

/** LibreOffice's binary, or null (the .ods / .xls rows are then reported as not measured). */
function soffice(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** The region workbook as LibreOffice saves it (`ods` or `xls`), converted once and cached beside it. */
function converted(xlsx: string, to: 'ods' | 'xls'): string | null {
  const out = xlsx.replace(/\.xlsx$/, `.${to}`);
  if (fs.existsSync(out)) return out;
  const bin = soffice();
  if (!bin) return null;
  process.stdout.write(`converting ${path.basename(xlsx)} to .${to} with LibreOffice once (cached in ${path.dirname(xlsx)}) … `);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-bench-lo-'));
  const r = spawnSync(bin, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--nolockcheck',
    '--convert-to', to === 'xls' ? 'xls:MS Excel 97' : 'ods', '--outdir', work, xlsx], { encoding: 'utf8', timeout: 30 * 60 * 1000 });
  const made = path.join(work, path.basename(out));
  if (r.status !== 0 || !fs.existsSync(made)) {
    console.log(`failed (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`);
    return null;
  }
  fs.copyFileSync(made, `${out}.tmp`);
  fs.renameSync(`${out}.tmp`, out);
  fs.rmSync(work, { recursive: true, force: true });
  console.log('done');
  return out;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'bin', 'shnor.js');

const CSV_NAMES: [keyof RegionTables, string][] = [['schools', 'schools.csv'], ['results', 'results.csv'], ['social', 'social.csv'], ['settings', 'settings.csv']];
const SHEET_NAMES: [keyof RegionTables, string][] = [['schools', SHEETS.schools], ['results', SHEETS.results], ['social', SHEETS.social], ['settings', SHEETS.settings]];

/** The cached region: a CSV folder and a workbook of the same grids (shared strings and number formats, as Excel saves). */
async function region(schools: number): Promise<{ csv: string; xlsx: string; resultRows: number }> {
  const generator = fs.readFileSync(path.join(ROOT, 'dist', 'node', 'examples', 'demo-region.js'));
  const key = crypto.createHash('sha1').update(generator).digest('hex').slice(0, 10);
  const dir = path.join(os.tmpdir(), `shnor-bench-region-${schools}-${key}`);
  const csv = path.join(dir, 'csv');
  const xlsx = path.join(dir, 'region.xlsx');
  const meta = path.join(dir, 'meta.json');
  if (fs.existsSync(meta)) return { csv, xlsx, ...(JSON.parse(fs.readFileSync(meta, 'utf8')) as { resultRows: number }) };
  process.stdout.write(`generating the ${schools.toLocaleString('en-US')}-school region once (cached in ${dir}) … `);
  fs.mkdirSync(csv, { recursive: true });
  const tables = generateRegion({ schools, municipalities: Math.max(24, Math.round(schools / 12)), seed: 7 });
  for (const [k, file] of CSV_NAMES) if (tables[k]) fs.writeFileSync(path.join(csv, file), `\uFEFF${toCsv(tables[k] as Grid)}`);
  const tmp = `${xlsx}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  for (const [k, name] of SHEET_NAMES) {
    const grid = tables[k];
    if (!grid) continue;
    const ws = wb.addWorksheet(name);
    // Codes as text, results with two decimals, as the demo workbook has them.
    ws.columns = (grid[0] ?? []).map((h) => ({ width: 12, style: /код/i.test(String(h)) ? { numFmt: '@' } : k === 'results' ? { numFmt: '0.00' } : {} }));
    for (const row of grid) ws.addRow(row.map((c) => (c === undefined ? null : c))).commit();
    ws.commit();
  }
  await wb.commit();
  fs.renameSync(tmp, xlsx);
  const resultRows = tables.results.length - 1;
  fs.writeFileSync(meta, JSON.stringify({ resultRows }));
  console.log('done');
  return { csv, xlsx, resultRows };
}

interface Run {
  ms: number;
  rssMB: number;
  status: number;
  out: string;
}

/** One CLI run as a child process; its peak RSS comes from a preloaded probe (process.resourceUsage at exit). */
function runCli(input: string, outFile: string): Run {
  const probe = path.join(os.tmpdir(), `shnor-bench-rss-${process.pid}.txt`);
  const probeScript = path.join(os.tmpdir(), 'shnor-bench-rss-probe.js');
  fs.writeFileSync(probeScript, "process.on('exit', () => require('fs').writeFileSync(process.env.SHNOR_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', probeScript, CLI, 'identify', input, '--format', 'json', '--out', outFile], {
    env: { ...process.env, SHNOR_BENCH_RSS: probe }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t;
  const rssMB = fs.existsSync(probe) ? Number(fs.readFileSync(probe, 'utf8')) / 1024 : NaN;
  if (fs.existsSync(probe)) fs.unlinkSync(probe);
  if (r.status !== 0) process.stderr.write(r.stderr);
  return { ms, rssMB, status: r.status ?? -1, out: outFile };
}

export async function benchInputFormats(schools = 40000, rounds = 2): Promise<void> {
  const { csv, xlsx, resultRows } = await region(schools);
  const mbOnDisk = (f: string) => fs.statSync(f).size / 1024 / 1024;
  const csvMB = fs.readdirSync(csv).reduce((a, f) => a + mbOnDisk(path.join(csv, f)), 0);
  console.log(`\nwhole process: shnor identify INPUT --format json --out FILE on ${schools.toLocaleString('en-US')} schools (${resultRows.toLocaleString('en-US')} result rows),`);
  console.log(`a child process each, CSV and .xlsx alternately, ${rounds} rounds; peak memory = max RSS of the process`);
  console.log(`  CSV folder ${csvMB.toFixed(0)} MB on disk, .xlsx ${mbOnDisk(xlsx).toFixed(0)} MB on disk`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-bench-out-'));
  const runs: { csv: Run; xlsx: Run }[] = [];
  for (let i = 0; i < rounds; i++) {
    runs.push({ csv: runCli(csv, path.join(outDir, 'csv.json')), xlsx: runCli(xlsx, path.join(outDir, 'xlsx.json')) });
  }
  const same = fs.existsSync(path.join(outDir, 'csv.json')) && fs.existsSync(path.join(outDir, 'xlsx.json')) &&
    fs.readFileSync(path.join(outDir, 'csv.json'), 'utf8') === fs.readFileSync(path.join(outDir, 'xlsx.json'), 'utf8');
  console.log('  round  CSV s  CSV MB  xlsx s  xlsx MB  time xlsx/CSV');
  for (const [i, r] of runs.entries()) {
    console.log(`  ${String(i + 1).padStart(5)}  ${(r.csv.ms / 1000).toFixed(1).padStart(5)}  ${r.csv.rssMB.toFixed(0).padStart(6)}  ${(r.xlsx.ms / 1000).toFixed(1).padStart(6)}  ${r.xlsx.rssMB.toFixed(0).padStart(7)}  ${(r.xlsx.ms / r.csv.ms).toFixed(2).padStart(13)}`);
  }
  const ods = converted(xlsx, 'ods');
  if (ods) {
    console.log(`  .ods (LibreOffice) ${mbOnDisk(ods).toFixed(0)} MB on disk`);
    const odsRuns: Run[] = [];
    const xlsxAgain: Run[] = [];
    for (let i = 0; i < rounds; i++) {
      xlsxAgain.push(runCli(xlsx, path.join(outDir, 'xlsx2.json')));
      odsRuns.push(runCli(ods, path.join(outDir, 'ods.json')));
    }
    const odsSame = fs.existsSync(path.join(outDir, 'ods.json')) && fs.readFileSync(path.join(outDir, 'ods.json'), 'utf8') === fs.readFileSync(path.join(outDir, 'xlsx.json'), 'utf8');
    console.log('  round  xlsx s  xlsx MB  ods s  ods MB  time ods/xlsx');
    odsRuns.forEach((o, i) => {
      const x = xlsxAgain[i];
      console.log(`  ${String(i + 1).padStart(5)}  ${(x.ms / 1000).toFixed(1).padStart(6)}  ${x.rssMB.toFixed(0).padStart(7)}  ${(o.ms / 1000).toFixed(1).padStart(5)}  ${o.rssMB.toFixed(0).padStart(6)}  ${(o.ms / x.ms).toFixed(2).padStart(13)}`);
    });
    const odsRatio = odsRuns.reduce((a, r) => a + r.ms, 0) / xlsxAgain.reduce((a, r) => a + r.ms, 0);
    const odsToCsv = odsRuns.reduce((a, r) => a + r.ms, 0) / runs.reduce((a, r) => a + r.csv.ms, 0);
    const odsPeak = Math.max(...odsRuns.map((r) => r.rssMB));
    console.log(`  .ods: ${odsRatio.toFixed(2)}× the .xlsx time, ${odsToCsv.toFixed(2)}× the CSV time (target ≤ 3×): ${odsToCsv <= 3 ? 'OK' : 'OVER TARGET'}; peak ${odsPeak.toFixed(0)} MB (${(odsPeak / Math.max(...xlsxAgain.map((r) => r.rssMB))).toFixed(2)}× the .xlsx; target ≤ 1024 MB): ${odsPeak <= 1024 ? 'OK' : 'OVER TARGET'}`);
    console.log(`  the JSON from the .ods is ${odsSame ? 'byte for byte the JSON from the .xlsx' : 'NOT the same as from the .xlsx'}${odsRuns.some((r) => r.status !== 0) ? '; A RUN FAILED' : ''}`);
  } else console.log('  .ods: not measured (LibreOffice, Debian package libreoffice-calc-nogui, is needed to make it)');
  // Both totals over all rounds: on a shared machine one round alone may be slowed by other work.
  const ratio = runs.reduce((a, r) => a + r.xlsx.ms, 0) / runs.reduce((a, r) => a + r.csv.ms, 0);
  const peak = Math.max(...runs.map((r) => r.xlsx.rssMB));
  const failed = runs.some((r) => r.csv.status !== 0 || r.xlsx.status !== 0);
  console.log(`  .xlsx: ${ratio.toFixed(2)}× the CSV time over all rounds (target ≤ 3×): ${ratio <= 3 ? 'OK' : 'OVER TARGET'}; peak ${peak.toFixed(0)} MB (target ≤ 1024 MB): ${peak <= 1024 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  the JSON from the .xlsx is ${same ? 'byte for byte the JSON from the CSV folder' : 'NOT the same as from the CSV folder'}${failed ? '; A RUN FAILED' : ''}`);
  fs.rmSync(outDir, { recursive: true, force: true });
}

/** .xls against .xlsx on a region small enough for .xls (65,536 rows a sheet). */
export async function benchXls(schools = 4000, rounds = 2): Promise<void> {
  const { xlsx, resultRows } = await region(schools);
  const xls = converted(xlsx, 'xls');
  console.log(`\n.xls (LibreOffice «Excel 97–2003») against .xlsx: shnor identify on ${schools.toLocaleString('en-US')} schools (${resultRows.toLocaleString('en-US')} result rows; .xls holds at most 65,536 rows a sheet)`);
  if (!xls) {
    console.log('  .xls: not measured (LibreOffice, Debian package libreoffice-calc-nogui, is needed to make it)');
    return;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-bench-out-'));
  const pairs: { xlsx: Run; xls: Run }[] = [];
  for (let i = 0; i < rounds; i++) pairs.push({ xlsx: runCli(xlsx, path.join(outDir, 'xlsx.json')), xls: runCli(xls, path.join(outDir, 'xls.json')) });
  const same = fs.readFileSync(path.join(outDir, 'xls.json'), 'utf8') === fs.readFileSync(path.join(outDir, 'xlsx.json'), 'utf8');
  console.log('  round  xlsx s  xlsx MB  xls s  xls MB  time xls/xlsx');
  pairs.forEach((p, i) => console.log(`  ${String(i + 1).padStart(5)}  ${(p.xlsx.ms / 1000).toFixed(1).padStart(6)}  ${p.xlsx.rssMB.toFixed(0).padStart(7)}  ${(p.xls.ms / 1000).toFixed(1).padStart(5)}  ${p.xls.rssMB.toFixed(0).padStart(6)}  ${(p.xls.ms / p.xlsx.ms).toFixed(2).padStart(13)}`));
  const ratio = pairs.reduce((a, p) => a + p.xls.ms, 0) / pairs.reduce((a, p) => a + p.xlsx.ms, 0);
  const mem = Math.max(...pairs.map((p) => p.xls.rssMB)) / Math.max(...pairs.map((p) => p.xlsx.rssMB));
  console.log(`  .xls (SheetJS, the whole file in memory): ${ratio.toFixed(2)}× the .xlsx time, ${mem.toFixed(2)}× its peak memory; the JSON is ${same ? 'byte for byte the same' : 'NOT the same'}${pairs.some((p) => p.xls.status !== 0) ? '; A RUN FAILED' : ''}`);
  fs.rmSync(outDir, { recursive: true, force: true });
}

if (require.main === module) {
  benchInputFormats(Number(process.argv[2] ?? 40000), Number(process.argv[3] ?? 2)).then(() => benchXls(4000, Number(process.argv[3] ?? 2))).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
