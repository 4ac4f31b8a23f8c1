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

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const SOFFICE = which('soffice') ?? which('libreoffice');
if (!SOFFICE) {
  // eslint-disable-next-line no-console
  console.warn('LibreOffice (soffice) не найден: проверки в LibreOffice пропущены. Установите libreoffice-calc-nogui.');
}
/** `describe`, or `describe.skip` with a warning when LibreOffice is missing (CI installs it). */
export const withLibreOffice = SOFFICE ? describe : describe.skip;

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts every sheet of an .xlsx to CSV with LibreOffice, recalculating on load; returns the grids by sheet name. */
export function recalcToCsv(file: string, sheets: string[]): Map<string, Grid> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-lo-'));
  const profile = path.join(work, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  const out = path.join(work, 'out');
  // Field 9 «false»: raw values, not as shown; field 12 «-1»: every sheet to its own file.
  execFileSync(SOFFICE!, [
    `-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1',
    '--outdir', out, file,
  ], { stdio: 'pipe', timeout: 120000 });
  const base = path.basename(file, '.xlsx');
  const grids = new Map<string, Grid>();
  for (const s of sheets) grids.set(s, parseCsv(fs.readFileSync(path.join(out, `${base}-${s}.csv`), 'utf8')));
  return grids;
}

