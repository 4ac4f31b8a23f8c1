/**
 * LibreOffice (Debian's libreoffice-calc-nogui) as a real spreadsheet engine for tests: opens an
 * .xlsx headless with formulas recalculated on load and exports every sheet to CSV.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCsv } from '../../cli/csv';
import type { Grid } from '../../shared/types';
import { missingPackages } from './deps';

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const SOFFICE = which('soffice') ?? which('libreoffice');

/** The LibreOffice binary; throws one line naming the package and the command when it is missing. */
function soffice(): string {
  if (!SOFFICE) throw missingPackages('LibreOffice (soffice) is not installed', ['libreoffice-calc-nogui']);
  return SOFFICE;
}

/**
 * `describe` for tests that open files in LibreOffice. Without LibreOffice the block holds one failing
 * test saying what to install — never a silent skip.
 */
export function withLibreOffice(name: string, fn: () => void): void {
  if (SOFFICE) describe(name, fn);
  else describe(name, () => test('needs LibreOffice', () => { soffice(); }));
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts every sheet of an .xlsx (or .ods) to CSV with LibreOffice, recalculating on load; returns the grids by sheet name. */
export function recalcToCsv(file: string, sheets: string[]): Map<string, Grid> {
  const bin = soffice();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-lo-'));
  const profile = path.join(work, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  const out = path.join(work, 'out');
  // Field 9 «false»: raw values, not as shown; field 12 «-1»: every sheet to its own file.
  execFileSync(bin, [
    `-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1',
    '--outdir', out, file,
  ], { stdio: 'pipe', timeout: 120000 });
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const grids = new Map<string, Grid>();
  for (const s of sheets) grids.set(s, parseCsv(fs.readFileSync(path.join(out, `${base}-${s}.csv`), 'utf8')));
  return grids;
}


/**
 * The file as LibreOffice saves it in another format (`ods`, `xls` — «Excel 97–2003» — or `xlsx`),
 * so a test reads what LibreOffice really writes. Converted once per source content and format,
 * cached in the temp directory (shnor-lo-convert-…), each conversion with its own profile.
 */
export function convertWithLibreOffice(file: string, to: 'ods' | 'xls' | 'xlsx'): string {
  const bin = soffice();
  const hash = require('crypto').createHash('sha1').update(fs.readFileSync(file)).digest('hex').slice(0, 16) as string;
  const dir = path.join(os.tmpdir(), `shnor-lo-convert-${hash}-${to}`);
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const out = path.join(dir, `${base}.${to}`);
  if (fs.existsSync(out)) return out;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-lo-'));
  const filter = { ods: 'ods', xls: 'xls:MS Excel 97', xlsx: 'xlsx:Calc MS Excel 2007 XML' }[to];
  execFileSync(bin, [
    `-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--nolockcheck',
    '--convert-to', filter, '--outdir', work, file,
  ], { stdio: 'pipe', timeout: 180000 });
  const made = path.join(work, `${base}.${to}`);
  if (!fs.existsSync(made)) throw new Error(`LibreOffice did not convert ${file} to .${to}`);
  fs.mkdirSync(dir, { recursive: true });
  // Renamed into place whole: a parallel test sees the file complete or not at all.
  const tmp = path.join(dir, `.${process.pid}-${base}.${to}`);
  fs.copyFileSync(made, tmp);
  fs.renameSync(tmp, out);
  fs.rmSync(work, { recursive: true, force: true });
  return out;
}
