/**
 * The engine's fast paths must give exactly what the careful paths give: the row reader's fast
 * path against the cell-by-cell one, integer formatting against toFixed, the typed-array argsort
 * against a comparator sort.
 */
import { Rng } from '../../examples/demo-region';
import { fmt } from '../../shared/messages';
import { readRegion } from '../../shared/input/read-region';
import { argsort } from '../../shared/method/statistics';
import type { Cell, Grid } from '../../shared/types';
import { RESULT_HEADER, resultRows, schoolsGrid } from './helpers';

/** The demo generator's seeded PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const HEADER: Cell[] = [...RESULT_HEADER, '2', '3', '4', '5'];
const INDICATORS: [string, number, string][] = [['ВПР', 4, 'Математика'], ['ВПР', 4, 'Русский язык'], ['ОГЭ', 9, 'Математика'], ['ЕГЭ', 11, 'Русский язык']];

/** Clean rows (numbers as numbers, school by school): the fast path takes all of them. */
function cleanResults(codes: string[], rnd: () => number): Grid {
  const grid: Grid = [HEADER];
  for (const year of [2024, 2025]) {
    for (const code of codes) {
      for (const [procedure, grade, subject] of INDICATORS) {
        const marks = [0, 0, 0, 0].map(() => Math.floor(rnd() * 30));
        const n = marks.reduce((a, b) => a + b, 0);
        if (n === 0) continue;
        // Some rows give the mean (and an SD) outright, the rest only the marks.
        const mean = rnd() < 0.3 ? 3 + rnd() : null;
        const sd = mean !== null && rnd() < 0.5 ? 0.5 + rnd() : null;
        grid.push([year, code, procedure, grade, subject, n, mean, sd, null, ...marks]);
      }
    }
  }
  return grid;
}

/** The same rows written the way a careless export writes them: every number as text. */
function asText(grid: Grid): Grid {
  return grid.map((row, r) => (r === 0 ? row : row.map((c, i) => (i >= 5 && typeof c === 'number' ? String(c).replace('.', ',') : c))));
}

/** What a reading gives: every stored row (indicators by name) and the years. */
function table(data: ReturnType<typeof readRegion>['data']) {
  return { rows: resultRows(data), years: data.years };
}

describe('the row reader: fast path = careful path', () => {
  const codes = Array.from({ length: 40 }, (_, i) => String(100 + i).padStart(4, '0'));
  const schools = schoolsGrid(codes);

  test('clean rows read the same as the same rows written as text (every number through the parser)', () => {
    const clean = cleanResults(codes, random(7));
    const fast = readRegion({ schools, results: clean });
    const careful = readRegion({ schools, results: asText(clean) });
    expect(fast.problems).toEqual([]);
    expect(careful.problems).toEqual([]);
    expect(table(fast.data)).toEqual(table(careful.data));
    expect(fast.data.results.length).toBe(clean.length - 1);
  });

  test('rows in any order (codes out of sequence, indicators shuffled) read the same', () => {
    const clean = cleanResults(codes, random(11));
    const rnd = random(3);
    const body = clean.slice(1);
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [body[i], body[j]] = [body[j], body[i]];
    }
    const shuffled = readRegion({ schools, results: [HEADER, ...body] });
    const ordered = readRegion({ schools, results: clean });
    expect(shuffled.problems).toEqual([]);
    // Same values per (year, school, indicator name), whatever the order of the rows.
    const key = (t: ReturnType<typeof table>) => t.rows.map((r) => Object.values(r).join('|')).sort();
    expect(key(table(shuffled.data))).toEqual(key(table(ordered.data)));
  });

  test('a duplicate, a bad count and a sum that does not match are caught among clean rows', () => {
    const clean = cleanResults(codes.slice(0, 3), random(5));
    const grid = clean.map((row) => [...row]);
    grid.push([...grid[1]]); // the same school, year and indicator again
    grid[2][9] = 'три'; // a mark count as a word
    grid[3][5] = (grid[3][5] as number) + 1; // marks no longer add up to the participants
    const { problems } = readRegion({ schools: schoolsGrid(codes.slice(0, 3)), results: grid });
    const cells = problems.map((p) => p.cell).sort();
    // The sum is reported at the first mark column (J), as the careful path always did.
    expect(cells).toEqual(['C' + grid.length, 'J3', 'J4'].sort());
  });
});

describe('the row reader on dirty sheets: fast path = careful path', () => {
  test('40 randomly spoiled sheets read the same as their all-text copies: every problem, every value', () => {
    const codes = Array.from({ length: 30 }, (_, i) => String(200 + i).padStart(4, '0'));
    const schools = schoolsGrid(codes);
    const junk: Cell[] = ['', ' ', 'н/д', '-', '12,5', '1 234', 'abc', null, undefined, 0, 1, 2.5, -1, -4, '45%', '#N/A', 1e9, 3.75];
    const rnd = random(21);
    for (let trial = 0; trial < 40; trial++) {
      const grid = cleanResults(codes, random(100 + trial)).map((row) => [...row]);
      const edits = Math.floor(rnd() * 40);
      for (let e = 0; e < edits; e++) {
        const r = 1 + Math.floor(rnd() * (grid.length - 1));
        const kind = rnd();
        if (kind < 0.8) grid[r][Math.floor(rnd() * HEADER.length)] = junk[Math.floor(rnd() * junk.length)];
        else if (kind < 0.9) grid.push([...grid[r]]);
        else grid[r] = grid[r].map(() => null);
      }
      // Numbers written as text (no decimal comma: the messages quote the cell as written) go the careful way.
      const text = grid.map((row, r) => (r === 0 ? row : row.map((c) => (typeof c === 'number' ? String(c) : c))));
      const a = readRegion({ schools, results: grid });
      const b = readRegion({ schools, results: text });
      expect(a.problems).toEqual(b.problems);
      expect(table(a.data)).toEqual(table(b.data));
    }
  });
});

describe('fmt (integer arithmetic, toFixed next to a half)', () => {
  const reference = (x: number, digits: number) => x.toFixed(digits).replace('-', '−').replace('.', ',');
  test('agrees with toFixed on 200,000 values of every size and on values next to a half', () => {
    const rnd = random(9);
    const values = [0, -0, 0.005, 0.015, 0.025, 0.045, 1.005, 1.255, 0.125, -0.125, 2.5, -2.5, 99.995, 9.995, 123456.785, 1e8, -1e8, 1e10, -0.001];
    for (let i = 0; i < 200000; i++) values.push((rnd() - 0.3) * 10 ** (Math.floor(rnd() * 8) - 3));
    for (let i = 0; i < 2000; i++) values.push(Math.round(rnd() * 100000) / 1000 + 0.0005, Math.round(rnd() * 1000) / 200);
    for (const digits of [0, 1, 2, 3]) {
      for (const x of values) if (fmt(x, digits) !== reference(x, digits)) throw new Error(`fmt(${x}, ${digits}) = ${fmt(x, digits)}, toFixed says ${reference(x, digits)}`);
    }
  });
  test('no number: a dash', () => {
    expect(fmt(null)).toBe('—');
    expect(fmt(NaN)).toBe('—');
    expect(fmt(-1.5)).toBe('−1,50');
  });
});

describe('argsort', () => {
  test('ascending, equal keys in position order, as a stable comparator sort orders them', () => {
    const rnd = random(4);
    for (const n of [0, 1, 2, 3, 17, 1000]) {
      const keys = Float64Array.from({ length: n }, () => Math.floor(rnd() * 20) / 4);
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
      expect(Array.from(argsort(keys))).toEqual(expected);
    }
  });
  test('a subset of positions', () => {
    expect(Array.from(argsort([5, 1, 4, 1, 0], Int32Array.of(0, 1, 3)))).toEqual([1, 3, 0]);
  });
});
