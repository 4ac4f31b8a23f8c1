/**
 * Size of the offline page dist/shnor.html (built by `npm run build`): one file an official copies
 * to a USB stick and opens by double click, so its size is what the browser parses before the
 * first screen. Prints the whole file and the part that is exceljs's browser build.
 *
 * Run: npm run build && node dist/node/bench/offline-size.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

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

export function offlineSize(root = projectRoot(__dirname)): { bytes: number; gzip: number; exceljs: number } {
  const file = path.join(root, 'dist', 'shnor.html');
  if (!fs.existsSync(file)) throw new Error('dist/shnor.html is missing: run `npm run build` (or npm run build:offline) first');
  const data = fs.readFileSync(file);
  let exceljs = 0;
  try {
    exceljs = fs.statSync(require.resolve('exceljs/dist/exceljs.min.js', { paths: [root] })).size;
  } catch {
    exceljs = 0;
  }
  return { bytes: data.length, gzip: gzipSync(data).length, exceljs };
}

if (require.main === module) {
  const s = offlineSize();
  console.log(`Offline page (dist/shnor.html, one file, everything inlined): ${kib(s.bytes)} (gzip ${kib(s.gzip)})` +
    (s.exceljs ? `; of it exceljs's browser build ≈ ${kib(s.exceljs)} (${((s.exceljs / s.bytes) * 100).toFixed(0)}%)` : ''));
}
