/**
 * `npm run bench`: engine time and memory on synthetic regions of 2,000, 10,000 and 40,000 schools
 * (8 indicators, 2 years), so linear growth is visible. Each size runs in its own process so that
 * the memory figures do not mix. Target: the 40,000-school national run under 300 ms of engine time.
 * Then the whole command line on the 40,000-school region as a CSV folder and as an .xlsx
 * (bench/input-formats.ts), and the bundle sizes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateRegion } from '../examples/demo-region';
import { toContractJson } from '../shared/contract';
import { identify } from '../shared/method/identify';
import { readRegion } from '../shared/input/read-region';
import { outputSheets } from '../shared/report-tables';

const SIZES = [2000, 10000, 40000];
const RUNS = 7;

interface Measurement {
  schools: number;
  resultRows: number;
  generateMs: number;
  readMs: number;
  engineMs: number[];
  /** identify() plus what a host then builds: the four output sheets (which read the candidate table). */
  fullMs: number[];
  heapBeforeMB: number;
  heapPeakDuringRunMB: number;
  retainedResultMB: number;
  maxRssMB: number;
  /** The least any run does (see `floor`): visiting every input cell; making the contract's rows. */
  touchMs: number;
  rowsMs: number;
  /** CPU time of this measuring process, all its threads (ms). */
  cpuMs: number;
}

let sink: unknown = null;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => bytes / 1024 / 1024;

function measure(schools: number): Measurement {
  let t = performance.now();
  const tables = generateRegion({ schools, municipalities: Math.max(24, Math.round(schools / 12)), seed: 7 });
  const generateMs = performance.now() - t;
  identify(tables); // warm-up: JIT
  const reads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    t = performance.now();
    readRegion(tables);
    reads.push(performance.now() - t);
  }
  const readMs = median(reads);
  const engineMs: number[] = [];
  let heapPeak = 0;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let result: ReturnType<typeof identify> | null = null;
  for (let i = 0; i < RUNS; i++) {
    result = null;
    gc();
    const before = process.memoryUsage().heapUsed;
    t = performance.now();
    result = identify(tables);
    engineMs.push(performance.now() - t);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - before);
  }
  const fullMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    t = performance.now();
    outputSheets(identify(tables));
    fullMs.push(performance.now() - t);
  }
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  if (!result || !result.ok) throw new Error('the synthetic region did not identify');
  const { touchMs, rowsMs } = floor(tables, result);
  return {
    schools,
    resultRows: tables.results.length - 1,
    generateMs,
    readMs,
    engineMs,
    fullMs,
    heapBeforeMB: mb(heapBefore),
    heapPeakDuringRunMB: mb(heapPeak),
    retainedResultMB: mb(retained),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    touchMs,
    rowsMs,
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  };
}

/**
 * What this machine needs for a region of this size before any rule is applied, as a yardstick
 * for the engine's figures: visiting every cell of the three input grids once (the least a reader
 * of the input does), and making the JSON contract's row for every school with a reason line
 * built from its numbers (the least a run hands over). Medians of RUNS runs, each after a gc().
 */
function floor(tables: ReturnType<typeof generateRegion>, result: ReturnType<typeof identify>): { touchMs: number; rowsMs: number } {
  const visit = (grid: unknown[][] | undefined): number => {
    let acc = 0;
    if (!grid) return acc;
    for (let r = 0; r < grid.length; r++) {
      const row = grid[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'number') acc += v;
        else if (typeof v === 'string') acc += v.length;
      }
    }
    return acc;
  };
  const two = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const rows = (): unknown => {
    const json = toContractJson(result);
    // The contract's rows as the engine hands them over, each with a new reason line from its numbers.
    json.schools.forEach((row, i) => {
      const x = result.schools[i];
      row.reason = `индекс качества ${two(x.qualityIndex)} (95% ДИ ${two(x.ciLow)}–${two(x.ciHigh)}), группа ${x.qualityGroup}; ИСБШ ${two(x.isbsh)}, группа ${x.isbshGroup}`;
    });
    return json;
  };
  const time = (f: () => unknown): number => {
    const ts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      sink = null;
      gc();
      const t = performance.now();
      sink = f(); // kept, so that the work cannot be optimised away
      ts.push(performance.now() - t);
    }
    sink = null;
    return median(ts);
  };
  return {
    touchMs: time(() => visit(tables.schools) + visit(tables.results) + visit(tables.social)),
    rowsMs: time(rows),
  };
}

/** CPU time all cores spent busy since boot (ms, from /proc/stat) and when it was read; null where there is none. */
function cpuSnapshot(): { busyMs: number; at: number } | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const tickMs = 10; // USER_HZ = 100 on Linux
    return { busyMs: (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * tickMs, at: performance.now() };
  } catch {
    return null;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fmt(x: number, d = 0): string {
  return x.toFixed(d).padStart(8);
}

function main(): void {
  const child = process.argv[2];
  if (child) {
    process.stdout.write(JSON.stringify(measure(Number(child))));
    return;
  }
  console.log('ШНОР Монитор — benchmark (engine = identify() on in-memory grids: reading, both years, model, partners)');
  console.log(`node ${process.version}, ${RUNS} runs per size after one warm-up; median engine time\n`);
  console.log('engine = identify() from grids (reading and validating every cell, both years, model, groups, categories, partners, ranks, reasons;');
  console.log('         the candidate-factor table and the year-over-year dynamics are computed when first read)');
  console.log('read   = the reading and validating part alone; compute = engine − read');
  console.log('full   = engine + the four output sheets as tables (what a host writes; this reads the candidate-factor table)');
  console.log('best   = the fastest engine run of the size (this VM varies by ±20% from run to run)\n');
  console.log('  schools  result rows  generate ms  engine ms  best ms  read ms  compute ms  full ms  engine ms / 1000 schools  heap during run MB  max RSS MB');
  const rows: Measurement[] = [];
  const cpuBefore = cpuSnapshot();
  const ownBefore = process.cpuUsage();
  for (const size of SIZES) {
    const out = execFileSync(process.execPath, ['--expose-gc', __filename, String(size)], { maxBuffer: 1 << 20 }).toString();
    const m = JSON.parse(out) as Measurement;
    rows.push(m);
    const med = median(m.engineMs);
    console.log(`${fmt(m.schools)}  ${fmt(m.resultRows).padStart(11)}  ${fmt(m.generateMs).padStart(11)}  ${fmt(med, 1).padStart(9)}  ${fmt(Math.min(...m.engineMs), 1).padStart(7)}  ${fmt(m.readMs, 1).padStart(7)}  ${fmt(med - m.readMs, 1).padStart(10)}  ${fmt(median(m.fullMs), 1).padStart(7)}  ${fmt((med / m.schools) * 1000, 2).padStart(24)}  ${fmt(m.heapPeakDuringRunMB, 1).padStart(18)}  ${fmt(m.maxRssMB).padStart(10)}`);
  }
  const national = rows[rows.length - 1];
  const med = median(national.engineMs);
  const cpuAfter = cpuSnapshot();
  const own = process.cpuUsage(ownBefore);
  console.log(`\n40,000 schools: ${med.toFixed(0)} ms of engine time, ${(med - national.readMs).toFixed(0)} ms after reading (target < 300 ms): ${med < 300 ? 'OK' : 'OVER TARGET'}`);
  console.log(`yardstick at ${national.schools.toLocaleString('en-US')} schools (the least any run does on this machine, no rule applied): ` +
    `visiting every input cell ${national.touchMs.toFixed(0)} ms; the contract's ${national.schools.toLocaleString('en-US')} rows with reason texts ${national.rowsMs.toFixed(0)} ms`);
  if (cpuBefore && cpuAfter) {
    // What the cores did besides this benchmark (its processes, with their V8 threads, excluded).
    const other = cpuAfter.busyMs - cpuBefore.busyMs - rows.reduce((acc, m) => acc + m.cpuMs, 0) - (own.user + own.system) / 1000;
    const share = other / ((cpuAfter.at - cpuBefore.at) * os.cpus().length);
    console.log(`other work on the machine while measuring: ${Math.max(0, share * 100).toFixed(0)}% of ${os.cpus().length} cores${share > 0.1 ? ' — figures are inflated' : ''}`);
  }
  for (const extra of ['objectivity.js', 'input-formats.js', 'vpr-pupils.js', 'gas-size.js', 'addin-size.js', 'offline-size.js']) {
    const script = path.join(__dirname, extra);
    if (fs.existsSync(script)) execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }
}

main();
