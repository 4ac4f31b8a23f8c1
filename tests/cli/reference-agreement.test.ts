/**
 * `shnor identify DIR --format json` against an independent implementation of METHODOLOGY.md
 * (tests/reference/reference_identify.py, written from the spec alone with numpy/statsmodels):
 * numbers agree to 1e-6, groups, categories, flags and partners exactly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_CSV, MASSACHUSETTS, reference, shnor, tempDir } from './run-cli';

interface School { [key: string]: unknown; code: string }
interface Contract { year: number; model: Record<string, unknown> | null; schools: School[] }

const NUMBERS = ['qualityIndex', 'qualityIndexSE', 'qualityZ', 'isbsh', 'residual'];
const EXACT = ['code', 'name', 'municipality', 'qualityGroup', 'isbshGroup', 'federalLow', 'lowIndicators', 'category', 'stable', 'change', 'partners'];

function close(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs((a as number) - (b as number)) <= 1e-6 * Math.max(1, Math.abs(b as number));
}

/** Every disagreement, as readable lines (empty when the two agree). */
function compare(ours: Contract, theirs: Contract): string[] {
  const diffs: string[] = [];
  if (ours.year !== theirs.year) diffs.push(`year ${ours.year} ≠ ${theirs.year}`);
  if ((ours.model === null) !== (theirs.model === null)) diffs.push('model null in one of them');
  if (ours.model && theirs.model) {
    for (const k of ['intercept', 'r2', 'adjR2', 'n', 'residualSD']) {
      if (!close(ours.model[k], theirs.model[k])) diffs.push(`model.${k} ${ours.model[k]} ≠ ${theirs.model[k]}`);
    }
    const fa = ours.model.factors as Record<string, unknown>[];
    const fb = theirs.model.factors as Record<string, unknown>[];
    fa.forEach((f, i) => {
      for (const k of ['name']) if (f[k] !== fb[i][k]) diffs.push(`factor ${i} ${k}`);
      for (const k of ['b', 'se', 't', 'p', 'beta']) if (!close(f[k], fb[i][k])) diffs.push(`factor ${f.name}.${k} ${f[k]} ≠ ${fb[i][k]}`);
    });
  }
  if (ours.schools.length !== theirs.schools.length) diffs.push(`schools ${ours.schools.length} ≠ ${theirs.schools.length}`);
  ours.schools.forEach((s, i) => {
    const t = theirs.schools[i];
    for (const k of NUMBERS) if (!close(s[k], t[k])) diffs.push(`${s.code}.${k} ${s[k]} ≠ ${t[k]}`);
    for (const k of EXACT) if (JSON.stringify(s[k]) !== JSON.stringify(t[k])) diffs.push(`${s.code}.${k} ${JSON.stringify(s[k])} ≠ ${JSON.stringify(t[k])}`);
  });
  return diffs;
}

function ours(dir: string, args: string[] = []): Contract {
  const run = shnor(['identify', dir, '--format', 'json', ...args]);
  expect(run.stderr).not.toMatch(/Ошибка|Внутренняя/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('agreement with the independent reference implementation', () => {
  test('demo region (CSV folder, two years, model with three factors)', () => {
    const a = ours(DEMO_CSV);
    const b = reference(DEMO_CSV) as Contract;
    expect(compare(a, b)).toEqual([]);
    // The comparison is not vacuous: the run has every kind of value in it.
    expect(a.schools.filter((s) => s.change !== null).length).toBeGreaterThan(50);
    expect(a.schools.some((s) => (s.partners as string[]).length > 0)).toBe(true);
    expect(new Set(a.schools.map((s) => s.category)).size).toBe(7);
  });

  test('demo region, previous year identified with --year 2024 (no earlier year)', () => {
    expect(compare(ours(DEMO_CSV, ['--year', '2024']), reference(DEMO_CSV, ['--year', '2024']) as Contract)).toEqual([]);
  });

  test('demo region with the federal method and «Индикаторы = все»', () => {
    const dir = tempDir('shnor-federal-');
    for (const f of ['schools.csv', 'results.csv', 'social.csv']) fs.copyFileSync(path.join(DEMO_CSV, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'settings.csv'), '\uFEFFПараметр;Значение\r\nГод;2025\r\nМетод;оба\r\nИндикаторы;все\r\nПорог неуспешности, %;25\r\n');
    const a = ours(dir);
    expect(compare(a, reference(dir) as Contract)).toEqual([]);
    expect(a.schools.filter((s) => s.federalLow).length).toBeGreaterThan(0);
  });

  test('Massachusetts 2017 (real data: 1,861 schools, marks as counts, two factors)', () => {
    const a = ours(MASSACHUSETTS);
    expect(compare(a, reference(MASSACHUSETTS) as Contract)).toEqual([]);
  });
});
