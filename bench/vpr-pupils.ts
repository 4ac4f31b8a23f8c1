/**
 * `npm run bench`, the per-pupil import: `shnor import vpr-pupils` of a ФИС ОКО «Индивидуальные
 * результаты» .xlsx with 250,000 and 1,000,000 pupil rows (40 pupils a school, 10 tasks, the layout of
 * examples/fis-oko-reports.ts) into a region workbook holding those schools. Each run is a child
 * process; prints wall time, peak memory (max RSS), µs per pupil and the ratio of the two sizes'
 * times (4.0 = linear). The files are generated once and cached in the temporary folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { pupilReportGrid } from '../examples/fis-oko-reports';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'bin', 'shnor.js');
const PER_SCHOOL = 40;
const TASKS = 10;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function files(pupils: number): Promise<{ region: string; report: string }> {
  const dir = path.join(os.tmpdir(), `shnor-bench-pupils-${pupils}-v1`);
  const region = path.join(dir, 'region.xlsx');
  const report = path.join(dir, 'ВПР 2025 Математика 4 класс — индивидуальные результаты.xlsx');
  if (fs.existsSync(path.join(dir, 'done'))) return { region, report };
  fs.mkdirSync(dir, { recursive: true });
  process.stdout.write(`generating ${pupils.toLocaleString('en-US')} pupils once (cached in ${dir}) … `);
  const schools = Math.ceil(pupils / PER_SCHOOL);
  const rnd = mulberry32(pupils);
  const rb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: region, useSharedStrings: true });
  const ws = rb.addWorksheet('Школы');
  ws.addRow(['Код ОО', 'Наименование', 'Муниципалитет']).commit();
  for (let s = 0; s < schools; s++) ws.addRow([`edu${String(100000 + s)}`, `МБОУ «СОШ № ${s + 1}»`, `Район ${1 + (s % 60)}`]).commit();
  ws.commit();
  await rb.commit();

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: report, useSharedStrings: true });
  const sheet = wb.addWorksheet('Индивидуальные результаты');
  const tasks = Array.from({ length: TASKS }, (_, i) => ({ points: 2, level: (i < 7 ? 'Б' : 'П') as 'Б' | 'П' }));
  // The titles and the header from the shared layout, the schools written here row by row.
  const head = pupilReportGrid({ year: 2025, grade: '4', subject: 'Математика', tasks, date: '17.04.2025', region: 'Область(reg99)', schools: [] });
  for (const row of head) sheet.addRow(row).commit();
  let id = 1;
  for (let s = 0; s < schools; s++) {
    const login = `edu${String(100000 + s)}`;
    const n = Math.min(PER_SCHOOL, pupils - s * PER_SCHOOL);
    const name = `МБОУ «СОШ № ${s + 1}»`;
    const mun = `Район ${1 + (s % 60)}`;
    sheet.addRow([`${name}(${login})`, `Кол-во участников: ${n}`]).commit();
    for (let k = 0; k < n; k++) {
      const pts = Array.from({ length: TASKS }, () => Math.floor(rnd() * 3));
      const primary = pts.reduce((a, b) => a + b, 0);
      const mark = primary < 6 ? 2 : primary < 10 ? 3 : primary < 15 ? 4 : 5;
      const journal = rnd() < 0.1 ? null : Math.max(2, Math.min(5, mark + (rnd() < 0.3 ? 1 : 0)));
      sheet.addRow([login, mun, name, String(id++), '4А', 1 + (k % 2), ...pts, primary, mark, journal]).commit();
    }
  }
  sheet.commit();
  await wb.commit();
  fs.writeFileSync(path.join(dir, 'done'), '');
  console.log('done');
  return { region, report };
}

function run(region: string, report: string): { ms: number; rssMB: number; ok: boolean } {
  const probe = path.join(os.tmpdir(), `shnor-bench-pupils-rss-${process.pid}.txt`);
  const probeScript = path.join(os.tmpdir(), 'shnor-bench-pupils-probe.js');
  fs.writeFileSync(probeScript, "process.on('exit', () => require('fs').writeFileSync(process.env.SHNOR_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");
  const out = path.join(os.tmpdir(), `shnor-bench-pupils-out-${process.pid}.xlsx`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', probeScript, CLI, 'import', 'vpr-pupils', report, '--into', region, '--out', out], {
    env: { ...process.env, SHNOR_BENCH_RSS: probe }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t;
  const rssMB = fs.existsSync(probe) ? Number(fs.readFileSync(probe, 'utf8')) / 1024 : NaN;
  for (const f of [probe, out]) if (fs.existsSync(f)) fs.unlinkSync(f);
  if (r.status !== 0) process.stderr.write(`${r.stdout.slice(0, 2000)}\n${r.stderr}`);
  return { ms, rssMB, ok: r.status === 0 };
}

export async function benchVprPupils(sizes = [250000, 1000000]): Promise<void> {
  console.log(`\nper-pupil import: shnor import vpr-pupils REPORT.xlsx --into REGION.xlsx --out NEW.xlsx (${PER_SCHOOL} pupils a school, ${TASKS} tasks; a child process each)`);
  console.log('   pupils  schools  file MB   time s  µs / pupil  max RSS MB');
  const times: number[] = [];
  for (const n of sizes) {
    const { region, report } = await files(n);
    const best = [run(region, report), run(region, report)].sort((a, b) => a.ms - b.ms)[0];
    times.push(best.ms);
    console.log(`${n.toLocaleString('en-US').padStart(9)}  ${Math.ceil(n / PER_SCHOOL).toLocaleString('en-US').padStart(7)}  ${(fs.statSync(report).size / 1024 / 1024).toFixed(0).padStart(7)}  ${(best.ms / 1000).toFixed(1).padStart(7)}  ${((best.ms * 1000) / n).toFixed(1).padStart(10)}  ${best.rssMB.toFixed(0).padStart(10)}${best.ok ? '' : '  FAILED'}`);
  }
  if (times.length === 2) {
    const ratio = times[1] / times[0];
    const sizeRatio = sizes[1] / sizes[0];
    console.log(`  time ${sizes[1].toLocaleString('en-US')} / ${sizes[0].toLocaleString('en-US')}: ${ratio.toFixed(2)} (size ratio ${sizeRatio}; linear = ${sizeRatio.toFixed(1)}, the start-up of node makes it a little less)`);
  }
}

if (require.main === module) {
  benchVprPupils(process.argv[2] ? process.argv.slice(2).map(Number) : undefined).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
