/**
 * Size of the Apps Script project as clasp pushes it (dist/gas, built by `npm run build`).
 * Apps Script loads the whole of Code.js on every custom function call, so its minified size is
 * latency; the budget is 100 KiB. Features.html (the feature bundle, gas/features/) is loaded only by
 * the menu commands and sidebar calls that need it, so it has no budget; its size is printed as the
 * cost of the first such call. Prints one line per file and exits 1 when Code.js is over.
 *
 * Run: npm run build && node dist/node/bench/gas-size.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

export const GAS_BUDGET_BYTES = 100 * 1024;

function projectRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + from);
    dir = up;
  }
  return dir;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function gasSizes(root = projectRoot(__dirname)): { file: string; bytes: number; gzip: number }[] {
  const dist = path.join(root, 'dist', 'gas');
  if (!fs.existsSync(path.join(dist, 'Code.js'))) throw new Error('dist/gas/Code.js is missing: run `npm run build` first');
  return fs.readdirSync(dist).sort().map((file) => {
    const data = fs.readFileSync(path.join(dist, file));
    return { file, bytes: data.length, gzip: gzipSync(data).length };
  });
}

if (require.main === module) {
  const sizes = gasSizes();
  console.log('Apps Script project (dist/gas), minified:');
  for (const s of sizes) console.log(`  ${s.file.padEnd(16)} ${kib(s.bytes).padStart(10)}  (gzip ${kib(s.gzip)})`);
  const code = sizes.find((s) => s.file === 'Code.js')!;
  const ok = code.bytes <= GAS_BUDGET_BYTES;
  console.log(`Code.js: ${kib(code.bytes)} of the ${kib(GAS_BUDGET_BYTES)} budget — ${ok ? 'within' : 'OVER'} budget`);
  const features = sizes.find((s) => s.file === 'Features.html');
  console.log(features
    ? `Features.html: ${kib(features.bytes)} (gzip ${kib(features.gzip)}), loaded on demand by reporting, templates, the note and imports — not by custom functions`
    : 'Features.html: MISSING — the reporting, template, note and import commands will fail');
  if (!ok || !features) process.exitCode = 1;
}
