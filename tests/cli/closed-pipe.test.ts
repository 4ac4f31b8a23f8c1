/**
 * A reader that stops early (`shnor identify … | head -1`) closes the pipe: the command line ends
 * quietly with code 0, no «write EPIPE» stack trace (issue 12 § 4.2).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './run-cli';

/** Runs `script` in bash with pipefail; returns what bash printed, the CLI's own status and its stderr (when redirected to $ERR). */
function pipeline(script: string): { out: string; cliStatus: number; pipeStatus: number; err: string } {
  const dir = tempDir('shnor-pipe-');
  const errFile = path.join(dir, 'err.txt');
  fs.writeFileSync(errFile, '');
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}; s=("\${PIPESTATUS[@]}"); echo "cli=\${s[0]}"; exit $(( s[0] > s[1] ? s[0] : s[1] ))`], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ERR: errFile },
  });
  const lines = r.stdout.trimEnd().split('\n');
  const last = lines.pop() ?? '';
  return { out: lines.join('\n'), cliStatus: Number(/^cli=(\d+)$/.exec(last)?.[1] ?? -1), pipeStatus: r.status ?? -1, err: fs.readFileSync(errFile, 'utf8') + r.stderr };
}

const STACK = /EPIPE|Unhandled 'error' event|^\s+at /m;

describe('a closed pipe is a normal end', () => {
  test('stdout closed by `head -1`: the first line, exit 0, no stack trace', () => {
    // The JSON of 300 schools is far more than a pipe buffer holds, so the CLI writes after head has gone.
    const r = pipeline('node bin/shnor.js identify examples/demo-region-csv 2>"$ERR" | head -1');
    expect(r.out).toBe('{');
    expect(r.err).not.toMatch(STACK);
    expect(r.cliStatus).toBe(0);
    expect(r.pipeStatus).toBe(0);
  });

  test('stdout and stderr into the same closed pipe (`2>&1 | head -1`)', () => {
    const r = pipeline('node bin/shnor.js identify examples/demo-region-csv 2>&1 | head -1');
    expect(r.out).toBe('Предупреждения (1):');
    expect(r.out).not.toMatch(STACK);
    expect(r.err).toBe('');
    expect(r.cliStatus).toBe(0);
  });

  test('the summary table into `head -2`', () => {
    const r = pipeline('node bin/shnor.js identify examples/demo-region-csv --format table 2>"$ERR" | head -2');
    expect(r.out.split('\n')).toHaveLength(2);
    expect(r.err).not.toMatch(STACK);
    expect(r.cliStatus).toBe(0);
  });

  test('an input error still ends with code 2 when nothing is closed', () => {
    const r = pipeline('node bin/shnor.js identify no-such-folder 2>"$ERR" | cat');
    expect(r.cliStatus).toBe(2);
    expect(r.err).not.toMatch(STACK);
  });
});
