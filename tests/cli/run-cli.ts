/** Runs the built command line (`npm test` builds it first) as a user would, and the Python reference. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPython } from '../helpers/python';

export const ROOT = path.resolve(__dirname, '..', '..');
export const MASSACHUSETTS = path.join(ROOT, 'examples', 'real', 'massachusetts-2017');
export const DEMO_XLSX = path.join(ROOT, 'examples', 'demo-region.xlsx');
export const DEMO_CSV = path.join(ROOT, 'examples', 'demo-region-csv');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function shnor(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'shnor.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 << 20,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The independent implementation of METHODOLOGY.md (tests/reference), run with Debian's numpy/statsmodels. */
export function reference(dir: string, args: string[] = []): unknown {
  return JSON.parse(runPython([path.join(ROOT, 'tests', 'reference', 'reference_identify.py'), dir, ...args]));
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeCsvFolder(dir: string, files: Record<string, string[][]>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`);
  }
}
