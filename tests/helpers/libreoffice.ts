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

/** Converts every sheet of an .xlsx to CSV with LibreOffice, recalculating on load; returns the grids by sheet name. */
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
  const base = path.basename(file, '.xlsx');
  const grids = new Map<string, Grid>();
  for (const s of sheets) grids.set(s, parseCsv(fs.readFileSync(path.join(out, `${base}-${s}.csv`), 'utf8')));
  return grids;
}

