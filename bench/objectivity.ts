/**
 * `npm run bench`, objectivity: the Рособрнадзор markers (shared/objectivity) for 10,000 and 40,000
 * schools of a synthetic region with the optional columns of «Результаты» (primary scores, rₛ, the
 * journal comparison; six procedures this year and grade 4 the year before: 8 rows a school). Each
 * size in a fresh process; median of 7 runs after a gc(). Prints the ratio 40k / 10k (4.0 = linear).
 */
import { execFileSync } from 'child_process';
import { Rng } from '../examples/demo-region';
import { readRegion } from '../shared/input/read-region';
import { computeObjectivity } from '../shared/objectivity/engine';
import type { Grid } from '../shared/types';

const SIZES = [10000, 40000];
const RUNS = 7;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function region(schools: number): { schools: Grid; results: Grid } {
  const rng = new Rng(11);
  const s: Grid = [['Код ОО', 'Наименование ОО', 'Муниципалитет']];
  const r: Grid = [['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Стандартное отклонение',
    'Средний первичный балл', 'Максимальный первичный балл', 'Стандартное отклонение первичного балла', 'Средний процент выполнения',
    'Корреляция с журналом', 'Участников с отметкой по журналу', 'Понизили, %', 'Подтвердили, %', 'Повысили, %', 'Участников сравнения с журналом']];
  const procs: [number, string, number, string, number][] = [
    [2024, 'ВПР', 4, 'Математика', 20], [2024, 'ВПР', 4, 'Русский язык', 38],
    [2025, 'ВПР', 4, 'Математика', 20], [2025, 'ВПР', 4, 'Русский язык', 38], [2025, 'ВПР', 5, 'Математика', 19], [2025, 'ВПР', 5, 'Русский язык', 45],
    [2025, 'ОГЭ', 9, 'Математика', 31], [2025, 'ОГЭ', 9, 'Русский язык', 33]];
  for (let i = 0; i < schools; i++) {
    const code = String(100000 + i);
    s.push([code, `Школа ${i + 1}`, `Муниципалитет ${i % Math.max(24, Math.round(schools / 12))}`]);
    const effect = rng.next() - 0.5;
    for (const [year, proc, grade, subject, max] of procs) {
      const n = 5 + Math.floor(rng.next() * 80);
      const mean = Math.max(0, Math.min(max, max * (0.6 + 0.2 * effect + 0.1 * (rng.next() - 0.5))));
      const sd = 1 + rng.next() * 3;
      if (proc === 'ОГЭ') { r.push([year, code, proc, grade, subject, n, mean, sd, null, null, null, null, null, null, null, null, null, null]); continue; }
      const low = 5 + rng.next() * 30;
      const withRs = rng.next() < 0.7;
      r.push([year, code, proc, grade, subject, n, 3 + effect, 0.8, mean, max, sd, null, withRs ? rng.next() * 1.2 - 0.2 : null, withRs ? n - 1 : null,
        low, 100 - low - 5, 5, n]);
    }
  }
  return { schools: s, results: r };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(schools: number): { read: number; markers: number; rows: number } {
  const tables = region(schools);
  const settings = { objectivityMinParticipants: 5 };
  const data = readRegion(tables).data;
  computeObjectivity(data, settings, 2025); // warm-up
  const reads: number[] = [], marks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    let t = performance.now();
    const d = readRegion(tables).data;
    reads.push(performance.now() - t);
    gc();
    t = performance.now();
    computeObjectivity(d, settings, 2025);
    marks.push(performance.now() - t);
  }
  return { read: median(reads), markers: median(marks), rows: tables.results.length - 1 };
}

function main(): void {
  if (process.argv[2]) {
    process.stdout.write(JSON.stringify(measure(Number(process.argv[2]))));
    return;
  }
  console.log('\nObjectivity markers (Рособрнадзор): reading «Результаты» with the optional columns, then computeObjectivity(); median of 7 runs');
  console.log('  schools  result rows  read ms  markers ms  markers ms / 1000 schools');
  const out = SIZES.map((size) => {
    const m = JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, String(size)], { maxBuffer: 1 << 20 }).toString()) as ReturnType<typeof measure>;
    console.log(`${String(size).padStart(9)}  ${String(m.rows).padStart(11)}  ${m.read.toFixed(1).padStart(7)}  ${m.markers.toFixed(1).padStart(10)}  ${((m.markers / size) * 1000).toFixed(2).padStart(25)}`);
    return m;
  });
  const ratio = out[1].markers / out[0].markers;
  console.log(`40,000 / 10,000 schools: markers ${ratio.toFixed(2)}× the time (4.00× = linear), reading ${(out[1].read / out[0].read).toFixed(2)}×`);
}

main();
