/**
 * The SHNOR.* custom functions: functions.json (generated from the JSDoc by the same generator
 * custom-functions-metadata-plugin runs in the build) lists every function with the right
 * dimensionality, in Russian; the wrappers return the shared implementation's numbers and turn a
 * FormulaError into #VALUE! with the Russian message.
 */
import * as fs from 'fs';
import * as path from 'path';

type Metadata = { functions: { id: string; name: string; description: string; parameters: { name: string; dimensionality?: string; optional?: boolean; type?: string; description?: string }[]; result: { dimensionality?: string } }[] };

class FakeCustomFunctionsError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message);
  }
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: FakeCustomFunctionsError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate: () => undefined,
};

// Imported after the CustomFunctions global exists, as in Excel.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fx = require('../addin/functions/functions') as typeof import('../addin/functions/functions');

const FUNCTIONS: Record<string, { params: [string, 'matrix' | 'scalar', boolean][] }> = {
  QUALITY_INDEX: { params: [['means', 'matrix', false]] },
  QUALITY_SE: { params: [['means', 'matrix', false], ['participants', 'matrix', false], ['sds', 'matrix', true]] },
  NOR_GROUP: { params: [['qualityIndex', 'matrix', false], ['se', 'matrix', true]] },
  ISBSH: { params: [['qualityIndex', 'matrix', false], ['factors', 'matrix', false]] },
  ISBSH_GROUP: { params: [['isbsh', 'matrix', false]] },
  VALUE_ADDED: { params: [['qualityIndex', 'matrix', false], ['factors', 'matrix', false]] },
  ISBSH_MODEL: { params: [['qualityIndex', 'matrix', false], ['factors', 'matrix', false], ['factorNames', 'matrix', true]] },
  LOW_RESULTS: { params: [['fails', 'matrix', false], ['participants', 'matrix', false], ['threshold', 'scalar', true], ['minParticipants', 'scalar', true]] },
  SCHOOL_CATEGORY: { params: [['norGroup', 'matrix', false], ['isbshGroup', 'matrix', false]] },
  OBJECTIVITY_MARKERS: { params: [['means', 'matrix', false], ['sds', 'matrix', false], ['participants', 'matrix', false], ['spearman', 'matrix', true], ['names', 'matrix', true], ['minParticipants', 'scalar', true]] },
  COHORT_CHANGE: { params: [['s4Previous', 'matrix', false], ['s5Current', 'matrix', false], ['participants4', 'matrix', true], ['participants5', 'matrix', true], ['minParticipants', 'scalar', true]] },
  OBJECTIVITY_INDEX: { params: [['markers', 'matrix', false], ['municipalities', 'matrix', true]] },
};

async function generated(): Promise<Metadata> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCustomFunctionsMetadata } = require('custom-functions-metadata');
  const r = await generateCustomFunctionsMetadata([path.join(__dirname, '../addin/functions/functions.ts')], true);
  expect(r.errors).toEqual([]);
  return JSON.parse(r.metadataJson);
}

describe('functions.json', () => {
  let meta: Metadata;
  beforeAll(async () => { meta = await generated(); });

  it('lists every SHNOR function with the right parameters and dimensionality', () => {
    expect(meta.functions.map((f) => f.id).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const f of meta.functions) {
      const want = FUNCTIONS[f.id];
      expect(f.name).toBe(f.id);
      expect(f.result.dimensionality).toBe('matrix');
      expect(f.parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', !!p.optional])).toEqual(want.params);
    }
  });

  it('describes every function and parameter in Russian', () => {
    for (const f of meta.functions) {
      expect(f.description).toMatch(/[А-Яа-яЁё]/);
      for (const p of f.parameters) expect(p.description).toMatch(/[А-Яа-яЁё]/);
    }
  });

  it('the built dist/addin/functions.json is the same', () => {
    const built = path.join(__dirname, '../dist/addin/functions.json');
    if (!fs.existsSync(built)) throw new Error('dist/addin/functions.json is missing: run `npm run build` (or `npm run build:addin`) first');
    expect(JSON.parse(fs.readFileSync(built, 'utf8'))).toEqual(meta);
  });

  it('the bundle associates every id with a function', () => {
    const bundle = path.join(__dirname, '../dist/addin/taskpane.js');
    if (!fs.existsSync(bundle)) throw new Error('dist/addin/taskpane.js is missing: run `npm run build` (or `npm run build:addin`) first');
    const text = fs.readFileSync(bundle, 'utf8');
    for (const id of Object.keys(FUNCTIONS)) expect(text).toContain(`CustomFunctions.associate("${id}"`);
  });
});

describe('SHNOR.* wrappers', () => {
  it('QUALITY_INDEX spills one value per row, blank rows blank (by hand: column means 4 and 50)', () => {
    // (4/4 + 60/50)/2 = 1.1; 3/4 = 0.75; (5/4 + 40/50)/2 = 1.025; the blank row stays blank.
    const out = fx.qualityIndex([[4, 60], [3, ''], ['', ''], [5, 40]]);
    expect(out.map((r) => r[0])).toEqual([1.1, 0.75, '', expect.closeTo(1.025, 12)]);
  });

  it('takes Excel cells as they come: numbers, "" for blanks, text with a decimal comma', () => {
    expect(fx.qualityIndex([['4,0'], [''], [6]]).map((r) => r[0])).toEqual([0.8, '', 1.2]);
  });

  it('NOR_GROUP with the optional se omitted (Excel passes null) equals the one-argument call', () => {
    const q = [[0.7], [0.9], [1], [1.1], [1.3]];
    // Mean 1, σ = √(0.2/4) = 0.2236; d/(0.5σ) = −2.68, −0.89, 0, 0.89, 2.68 → bands −3, −1, 0, 1, 3 → groups 6 + band.
    expect(fx.norGroup(q, null as never).map((r) => r[0])).toEqual([3, 5, 6, 7, 9]);
    expect(fx.norGroup(q)).toEqual(fx.norGroup(q, null as never));
  });

  it('LOW_RESULTS reads the threshold as 30, 30% or 0,3', () => {
    const fails = [[3, 0], [1, 1], ['', '']];
    const n = [[10, 10], [10, 10], ['', '']];
    const want = [[true], [false], ['']];
    expect(fx.lowResults(fails, n)).toEqual(want);
    expect(fx.lowResults(fails, n, 30)).toEqual(want);
    expect(fx.lowResults(fails, n, 0.3)).toEqual(want);
    expect(fx.lowResults(fails, n, '30%')).toEqual(want);
  });

  it('SCHOOL_CATEGORY names the category of each pair of groups', () => {
    expect(fx.schoolCategory([[3], [8], [6], ['']], [[2], [3], [9], [5]]).map((r) => r[0])).toEqual(['ШНОР и ШФНСУ', 'резильентная', 'средние', '']);
  });

  it('bad arguments give #VALUE! with a Russian message saying what to fix', () => {
    let caught: unknown;
    try { fx.qualitySE([[4], [5]], [[10]]); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(FakeCustomFunctionsError);
    expect((caught as FakeCustomFunctionsError).code).toBe('#VALUE!');
    expect((caught as Error).message).toMatch(/разной высоты/);
    expect(() => fx.qualityIndex([['четыре']])).toThrow(/ожидалось число, найдено «четыре»/);
  });

  it('ISBSH / VALUE_ADDED / ISBSH_MODEL on a line fitted by hand', () => {
    // qi = 0.5 + 0.01·x exactly except one point: fitted by least squares by hand below.
    const x = [[10], [20], [30], [40], [50]];
    const q = [[0.6], [0.7], [0.8], [0.9], [1.0]];
    const model = fx.isbshModel(q, x, [['Доля']]);
    expect(model[0]).toEqual(['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'β']);
    expect(model[2][0]).toBe('Доля');
    expect(model[2][1]).toBeCloseTo(0.01, 10);
    expect(model[1][1]).toBeCloseTo(0.5, 10);
    // ŷ = q; mean(ŷ) = 0.8, so ISBSH = q / 0.8; residuals 0.
    expect(fx.isbsh(q, x).map((r) => r[0] as number)).toEqual([0.75, 0.875, 1, 1.125, 1.25].map((v) => expect.closeTo(v, 10)));
    expect(fx.valueAdded(q, x).map((r) => r[0] as number)).toEqual([0, 0, 0, 0, 0].map(() => expect.closeTo(0, 10)));
    expect(fx.isbshGroup([[0.75], [0.875], [1], [1.125], [1.25]]).map((r) => r[0])).toEqual([3, 5, 6, 7, 9]);
  });
});
