/**
 * Debian's /usr/bin/python3 with numpy/scipy/statsmodels, for the independent reference values. When a
 * module is missing the error is one line naming it and the command, not the script and its traceback.
 */
import { spawnSync } from 'child_process';
import { missingPackages } from './deps';

export const PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-numpy', 'python3-scipy', 'python3-statsmodels'];

/**
 * Runs /usr/bin/python3 with args (a script file and its arguments, or ['-c', code]) and stdin;
 * returns its standard output. Throws on a missing module, a missing python, or a failed run.
 */
export function runPython(args: string[], input?: string): string {
  const r = spawnSync(PYTHON, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw missingPackages(`${PYTHON} is missing`, ['python3', ...PACKAGES]);
    throw r.error;
  }
  if (r.status === 0) return r.stdout;
  const missing = /ModuleNotFoundError: No module named '([^'.]+)/.exec(r.stderr);
  if (missing) throw missingPackages(`${PYTHON} has no ${missing[1]}`, PACKAGES);
  const script = args[0] === '-c' ? 'an inline script' : args[0];
  const last = r.stderr.trim().split('\n').slice(-5).join('\n');
  throw new Error(`${PYTHON} failed on ${script} (status ${r.status ?? r.signal}):\n${last}`);
}
