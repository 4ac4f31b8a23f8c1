import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Cell, Grid } from '../shared/types';
import {
  generateRegion,
  generateRegionWithSummary,
  RESULT_HEADERS,
  SCHOOL_HEADERS,
  SOCIAL_HEADERS,
} from '../examples/demo-region';
import { buildDemo, csvCell, SCHOOLS_TITLE, toCsv } from '../examples/build-demo';

const EIGHT = [
  'ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык',
  'ОГЭ-9 Математика', 'ОГЭ-9 Русский язык', 'ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык',
];

function col(grid: Grid, header: string): number {
  const i = grid[0].indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
}

const num = (c: Cell): number => c as number;

describe('generateRegion: defaults', () => {
  const tables = generateRegion();
  const { schools, results } = tables;
  const social = tables.social!;
  const settings = tables.settings!;
  const R = {
    year: col(results, 'Год'), code: col(results, 'Код ОО'), proc: col(results, 'Процедура'),
    grade: col(results, 'Класс'), subj: col(results, 'Предмет'), n: col(results, 'Участников'),
    mean: col(results, 'Средний балл'), sd: col(results, 'Стандартное отклонение'),
    fail: col(results, 'Не справились'), m2: col(results, '2'), m3: col(results, '3'),
    m4: col(results, '4'), m5: col(results, '5'),
  };
  const rows = results.slice(1);
  const key = (r: Cell[]) => `${r[R.proc]}-${r[R.grade]} ${r[R.subj]}`;
  const lastYear = 2025;

  /** Indicators of each school in a year. */
  function indicatorsBySchool(year: number): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r[R.year] !== year) continue;
      const code = r[R.code] as string;
      if (!out.has(code)) out.set(code, new Set());
      out.get(code)!.add(key(r));
    }
    return out;
  }

  test('headers are exactly those of DATA.md', () => {
    expect(schools[0]).toEqual(['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Местность', 'Малокомплектная', 'Обучающихся']);
    expect(results[0]).toEqual(['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл',
      'Стандартное отклонение', 'Не справились', '2', '3', '4', '5',
      // The per-pupil ВПР columns (docs/data.md, examples/demo-pupils.ts).
      'Средний первичный балл', 'Максимальный первичный балл', 'Стандартное отклонение первичного балла', 'Средний процент выполнения',
      'Корреляция с журналом', 'Участников с отметкой по журналу', 'Понизили, %', 'Подтвердили, %', 'Повысили, %', 'Участников сравнения с журналом']);
    expect(social[0]).toEqual(['Год', 'Код ОО', 'Родители с высшим образованием, %', 'На учёте в КДН и ПДН, %',
      'Неполные семьи, %', 'Многодетные семьи, %', 'Безработные родители, %', 'ОВЗ, %']);
    expect(settings[0]).toEqual(['Параметр', 'Значение']);
    expect(SCHOOL_HEADERS).toEqual(schools[0]);
    expect(RESULT_HEADERS).toEqual(results[0]);
    expect(SOCIAL_HEADERS).toEqual(social[0]);
  });

  test('300 schools in 24 municipalities, unique codes kept as 6-digit strings, some with a leading zero', () => {
    expect(schools.length).toBe(301);
    const codes = schools.slice(1).map((r) => r[0]);
    expect(new Set(codes).size).toBe(300);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(codes.filter((c) => (c as string).startsWith('0')).length).toBeGreaterThan(10);
    expect(new Set(schools.slice(1).map((r) => r[2])).size).toBe(24);
    const munis = new Set(schools.slice(1).map((r) => r[2] as string));
    expect(munis.has('г. Свободный')).toBe(true);
    expect(munis.has('Благовещенский район')).toBe(true);
    // codes on «Результаты» and «Социальные показатели» are strings too
    for (const r of rows) expect(typeof r[R.code]).toBe('string');
    for (const r of social.slice(1)) expect(typeof r[1]).toBe('string');
  });

  test('two thirds rural (±5%), towns are urban, малокомплектные are rural', () => {
    const data = schools.slice(1);
    const rural = data.filter((r) => r[3] === 'село').length / data.length;
    expect(Math.abs(rural - 2 / 3)).toBeLessThanOrEqual(0.05);
    for (const r of data) {
      expect(['город', 'село']).toContain(r[3]);
      expect(['да', 'нет']).toContain(r[4]);
      if ((r[2] as string).startsWith('г. ')) expect(r[3]).toBe('город');
      if (r[4] === 'да') expect(r[3]).toBe('село');
      expect(Number.isInteger(r[5])).toBe(true);
      expect(num(r[5])).toBeGreaterThan(0);
    }
  });

  test('school types: primary-only, basic and secondary schools all exist', () => {
    const by = indicatorsBySchool(lastYear);
    const sets = [...by.values()];
    const isPrimary = (s: Set<string>) => [...s].every((k) => k.startsWith('ВПР-4'));
    const isBasic = (s: Set<string>) => s.has('ОГЭ-9 Математика') && ![...s].some((k) => k.startsWith('ЕГЭ'));
    expect(sets.filter(isPrimary).length).toBeGreaterThanOrEqual(20);
    expect(sets.filter(isBasic).length).toBeGreaterThanOrEqual(20);
    expect(sets.filter((s) => EIGHT.every((k) => s.has(k))).length).toBeGreaterThanOrEqual(100);
    for (const s of sets) for (const k of s) expect(EIGHT).toContain(k);
  });

  test('tiny schools: 1–6 pupils per grade, some with fewer than 10 participants overall', () => {
    const total = new Map<string, number>();
    for (const r of rows) if (r[R.year] === lastYear) total.set(r[R.code] as string, (total.get(r[R.code] as string) ?? 0) + num(r[R.n]));
    const under10 = [...total.values()].filter((t) => t < 10).length;
    expect(under10).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => num(r[R.n]) <= 6).length).toBeGreaterThan(100);
    expect(schools.slice(1).filter((r) => num(r[5]) < 30).length).toBeGreaterThan(10);
  });

  test('counts are consistent: marks add up, failures ≤ participants, ОГЭ mean/SD agree with the marks', () => {
    // Collect the rows that break a rule (one expect per row would be slow and unreadable).
    const bad: string[] = [];
    const check = (ok: boolean, i: number, what: string) => {
      if (!ok) bad.push(`row ${i + 2}: ${what}`);
    };
    const isCount = (c: Cell) => typeof c === 'number' && Number.isInteger(c) && c >= 0;
    rows.forEach((r, i) => {
      const n = num(r[R.n]);
      check(isCount(n) && n >= 1, i, 'participants');
      const proc = r[R.proc];
      if (proc === 'ЕГЭ') {
        check([r[R.m2], r[R.m3], r[R.m4], r[R.m5]].every((c) => c === null), i, 'ЕГЭ has no marks');
        check(num(r[R.mean]) >= 0 && num(r[R.mean]) <= 100, i, 'ЕГЭ mean 0–100');
        check(isCount(r[R.fail]) && num(r[R.fail]) <= n, i, 'ЕГЭ failures');
        check(n > 1 ? num(r[R.sd]) >= 0 : r[R.sd] === null, i, 'ЕГЭ SD');
        return;
      }
      const m = [r[R.m2], r[R.m3], r[R.m4], r[R.m5]].map(num);
      check(m.every(isCount), i, 'marks are counts');
      check(m[0] + m[1] + m[2] + m[3] === n, i, 'marks add up to participants');
      if (proc === 'ВПР') {
        check(r[R.mean] === null && r[R.sd] === null && r[R.fail] === null, i, 'ВПР leaves mean, SD, failures blank');
        return;
      }
      check(proc === 'ОГЭ', i, 'procedure');
      const mean = (2 * m[0] + 3 * m[1] + 4 * m[2] + 5 * m[3]) / n;
      check(Math.abs(num(r[R.mean]) - mean) <= 0.005 + 1e-9, i, 'ОГЭ mean agrees with marks');
      check(r[R.fail] === m[0], i, 'ОГЭ failures = count of «2»');
      if (n > 1) {
        const ss = m.reduce((a, c, j) => a + c * (j + 2 - mean) ** 2, 0);
        check(Math.abs(num(r[R.sd]) - Math.sqrt(ss / (n - 1))) <= 0.005 + 1e-9, i, 'ОГЭ SD agrees with marks');
      } else {
        check(r[R.sd] === null, i, 'ОГЭ SD blank when n = 1');
      }
    });
    expect(bad).toEqual([]);
    expect(new Set(rows.map((r) => r[R.proc]))).toEqual(new Set(['ВПР', 'ОГЭ', 'ЕГЭ']));
  });

  test('ЕГЭ scores look like ЕГЭ: regional mean of school means 50–75, SDs mostly 10–20', () => {
    const ege = rows.filter((r) => r[R.proc] === 'ЕГЭ');
    expect(ege.length).toBeGreaterThan(200);
    for (const subj of ['Математика', 'Русский язык']) {
      const means = ege.filter((r) => r[R.subj] === subj).map((r) => num(r[R.mean]));
      const avg = means.reduce((a, b) => a + b, 0) / means.length;
      expect(avg).toBeGreaterThan(50);
      expect(avg).toBeLessThan(75);
    }
    const sds = ege.filter((r) => num(r[R.n]) >= 15).map((r) => num(r[R.sd]));
    const avgSd = sds.reduce((a, b) => a + b, 0) / sds.length;
    expect(avgSd).toBeGreaterThan(11);
    expect(avgSd).toBeLessThan(19);
  });

  test('both years present; no duplicate (year, code, indicator)', () => {
    expect(new Set(rows.map((r) => r[R.year]))).toEqual(new Set([2024, 2025]));
    expect(new Set(social.slice(1).map((r) => r[0]))).toEqual(new Set([2024, 2025]));
    const keys = rows.map((r) => `${r[R.year]}|${r[R.code]}|${key(r)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const codes = new Set(schools.slice(1).map((r) => r[0]));
    for (const r of rows) expect(codes.has(r[R.code] as string)).toBe(true);
  });

  test('social data: every school in the first year, all but 2–3 in the last; КДН is in percent', () => {
    const codes = schools.slice(1).map((r) => r[0] as string);
    const inYear = (y: number) => new Set(social.slice(1).filter((r) => r[0] === y).map((r) => r[1] as string));
    const first = inYear(2024);
    const last = inYear(2025);
    expect(first.size).toBe(300);
    for (const c of codes) expect(first.has(c)).toBe(true);
    const missing = codes.filter((c) => !last.has(c));
    expect(missing.length).toBeGreaterThanOrEqual(2);
    expect(missing.length).toBeLessThanOrEqual(3);
    expect(social.length - 1).toBe(600 - missing.length);

    const outOfRange = social.slice(1).filter((r) => r.slice(2).some((v) => typeof v !== 'number' || v < 0 || v > 100));
    expect(outOfRange).toEqual([]);
    const kdn = social.slice(1).map((r) => num(r[3]));
    expect(kdn.filter((v) => v > 1).length).toBeGreaterThan(100);
    const he = social.slice(1).map((r) => num(r[2])).sort((a, b) => a - b);
    expect(he[Math.floor(he.length / 2)]).toBeGreaterThan(10);
    expect(he[Math.floor(he.length / 2)]).toBeLessThan(45);
  });

  test('social conditions relate to results in the expected direction', () => {
    // Mean ОГЭ/ВПР mark (from the marks) per school in the last year against the social factors.
    const sums = new Map<string, { s: number; n: number }>();
    for (const r of rows) {
      if (r[R.year] !== lastYear || r[R.proc] === 'ЕГЭ') continue;
      const k = key(r);
      const n = num(r[R.n]);
      if (n < 10 || !k.includes('Математика')) continue;
      const mean = (2 * num(r[R.m2]) + 3 * num(r[R.m3]) + 4 * num(r[R.m4]) + 5 * num(r[R.m5])) / n;
      const e = sums.get(r[R.code] as string) ?? { s: 0, n: 0 };
      e.s += mean;
      e.n += 1;
      sums.set(r[R.code] as string, e);
    }
    const pairs: Array<[number, number, number, number]> = [];
    for (const r of social.slice(1)) {
      if (r[0] !== lastYear) continue;
      const e = sums.get(r[1] as string);
      if (e) pairs.push([e.s / e.n, num(r[2]), num(r[3]), num(r[4])]);
    }
    const corr = (i: number) => {
      const xs = pairs.map((p) => p[0]);
      const ys = pairs.map((p) => p[i]);
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0, sxx = 0, syy = 0;
      xs.forEach((x, j) => { sxy += (x - mx) * (ys[j] - my); sxx += (x - mx) ** 2; syy += (ys[j] - my) ** 2; });
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(corr(1)).toBeGreaterThan(0.2); // higher education → better
    expect(corr(2)).toBeLessThan(0); // КДН → worse
    expect(corr(3)).toBeLessThan(0); // single parents → worse
  });

  test('settings: Год is the last year', () => {
    const year = settings.find((r) => r[0] === 'Год');
    expect(year?.[1]).toBe(2025);
  });

  test('planted schools are reported and exist', () => {
    const { summary } = generateRegionWithSummary();
    expect(summary.resilientPlanted.length).toBe(8);
    expect(summary.lowDespiteGoodConditionsPlanted.length).toBeGreaterThanOrEqual(3);
    expect(summary.rural).toBe(schools.slice(1).filter((r) => r[3] === 'село').length);
    const codes = new Set(schools.slice(1).map((r) => r[0]));
    for (const c of [...summary.resilientPlanted, ...summary.lowDespiteGoodConditionsPlanted]) expect(codes.has(c)).toBe(true);
  });
});

describe('generateRegion: determinism and options', () => {
  test('same seed, same output; another seed, another output', () => {
    const a = JSON.stringify(generateRegion());
    const b = JSON.stringify(generateRegion());
    expect(a).toBe(b);
    expect(JSON.stringify(generateRegion({ seed: 7 }))).toBe(JSON.stringify(generateRegion({ seed: 7 })));
    expect(JSON.stringify(generateRegion({ seed: 7 }))).not.toBe(a);
  });

  test('does not use Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    generateRegion({ schools: 120 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  test('options: schools, municipalities, years', () => {
    const t = generateRegion({ schools: 50, municipalities: 5, years: [2023, 2024, 2025], seed: 3 });
    expect(t.schools.length).toBe(51);
    expect(new Set(t.schools.slice(1).map((r) => r[2])).size).toBe(5);
    expect(new Set(t.results.slice(1).map((r) => r[0]))).toEqual(new Set([2023, 2024, 2025]));
    expect(t.settings!.find((r) => r[0] === 'Год')?.[1]).toBe(2025);
    const tiny = generateRegion({ schools: 3, municipalities: 10 });
    expect(tiny.schools.length).toBe(4);
  });

  test('40 000 schools × 2 years are generated (benchmark size)', () => {
    const t = generateRegion({ schools: 40000 });
    expect(t.schools.length).toBe(40001);
    const codes = new Set(t.schools.slice(1).map((r) => r[0]));
    expect(codes.size).toBe(40000);
    expect(t.results.length - 1).toBeGreaterThan(400000);
    expect(t.social!.length - 1).toBeGreaterThan(79000);
  });
});

describe('build-demo', () => {
  test('csv cells: decimal comma, quoting only when needed', () => {
    expect(csvCell(3.57)).toBe('3,57');
    expect(csvCell(2025)).toBe('2025');
    expect(csvCell(null)).toBe('');
    expect(csvCell('040123')).toBe('040123');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('МОБУ «СОШ № 1»')).toBe('МОБУ «СОШ № 1»');
    expect(toCsv([['Год', 'x'], [2025, 1.5]])).toBe('Год;x\r\n2025;1,5\r\n');
  });

  test('writes a deterministic workbook and CSV folder that match the committed artifacts', async () => {
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'demo-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'demo-b-'))];
    try {
      for (const d of dirs) await buildDemo(d);
      const files = ['demo-region.xlsx', ...['schools', 'results', 'social', 'settings'].map((f) => `demo-region-csv/${f}.csv`)];
      for (const f of files) {
        const a = fs.readFileSync(path.join(dirs[0], f));
        expect(a.equals(fs.readFileSync(path.join(dirs[1], f)))).toBe(true);
        const committed = path.join(__dirname, '..', 'examples', f);
        // If this fails, the generator changed: rebuild with `npm run demo:generate` and commit the artifacts.
        expect({ file: f, committed: fs.existsSync(committed) }).toEqual({ file: f, committed: true });
        expect({ file: f, same: a.equals(fs.readFileSync(committed)) }).toEqual({ file: f, same: true });
      }

      const csv = fs.readFileSync(path.join(dirs[0], 'demo-region-csv', 'schools.csv'), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv.slice(1).split('\r\n')[0]).toBe('Код ОО;Наименование ОО;Муниципалитет;Местность;Малокомплектная;Обучающихся');
      const social = fs.readFileSync(path.join(dirs[0], 'demo-region-csv', 'social.csv'), 'utf8');
      expect(social).toMatch(/;\d+,\d;/);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dirs[0], 'demo-region.xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Школы', 'Результаты', 'Социальные показатели', 'Настройки']);
      const ws = wb.getWorksheet('Школы')!;
      expect(ws.getCell('A1').value).toBe(SCHOOLS_TITLE);
      expect(ws.getCell('A2').value).toBe('Код ОО');
      const grid = generateRegion();
      for (let i = 1; i < grid.schools.length; i++) {
        const v = ws.getCell(i + 2, 1).value;
        expect(typeof v).toBe('string');
        expect(v).toBe(grid.schools[i][0]);
      }
      expect(wb.getWorksheet('Результаты')!.rowCount).toBe(grid.results.length);
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
