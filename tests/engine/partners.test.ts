/**
 * Similar schools and partners (METHODOLOGY.md § 8; precise rule 10): candidates are «высокие
 * результаты», «резильентная» or residual ≥ 1.96 SE; |Δ ИСБШ| ≤ 0.5 σ; same municipality first,
 * then |Δ ИСБШ|, then code; at most 3; only for ШНОР.
 */
import { identify } from '../../shared/method/identify';
import { type PartnerCandidate, PartnerIndex, canBePartner, similarPlaces } from '../../shared/method/partners';
import { byCode, settingsGrid } from './helpers';
import { regionTables } from './region-fixture';

function cand(code: string, municipality: string, isbsh: number | null, category: PartnerCandidate['category'], aboveExpected = false): PartnerCandidate {
  return { code, municipality, isbsh, category, aboveExpected, qualityIndex: 1 };
}

// Binary-exact ИСБШ values; the school X is at 0.875, the distance limit 0.0625 (= 0.5 σ with σ = 0.125).
const X = cand('X', 'A', 0.875, 'ШНОР');
const POOL: PartnerCandidate[] = [
  X,
  cand('P1', 'A', 0.90625, 'высокие результаты'), // Δ 0.03125
  cand('P8', 'A', 0.84375, 'высокие результаты'), // Δ 0.03125 (tie with P1 → by code)
  cand('P3', 'A', 0.9375, 'резильентная'), // Δ 0.0625: exactly at the limit → in
  cand('P4', 'A', 0.9453125, 'высокие результаты'), // Δ 0.0703125 > limit → out
  cand('P2', 'B', 0.8828125, 'резильентная'), // Δ 0.0078125, other municipality
  cand('P6', 'B', 0.8671875, 'ШНОР', true), // Δ 0.0078125, residual above expected
  cand('P5', 'A', 0.875, 'средние'), // Δ 0 but not a candidate
  cand('P7', 'A', null, 'высокие результаты'), // no ИСБШ → never a partner
];

describe('canBePartner', () => {
  test('high results, resilient, or a contribution above expected; and an ИСБШ', () => {
    expect(POOL.filter(canBePartner).map((c) => c.code)).toEqual(['P1', 'P8', 'P3', 'P4', 'P2', 'P6']);
  });
});

describe('PartnerIndex.partnersOf', () => {
  test('same municipality first (even when farther), then |Δ ИСБШ|, then code; at most 3', () => {
    // same municipality within 0.0625: P1 (0.03125), P8 (0.03125), P3 (0.0625) → already 3
    expect(new PartnerIndex(POOL, 0.0625, 3).partnersOf(X)).toEqual(['P1', 'P8', 'P3']);
  });

  test('then other municipalities, nearest first, ties by code', () => {
    // + P2 (0.0078125) and P6 (0.0078125): tie → 'P2' < 'P6'
    expect(new PartnerIndex(POOL, 0.0625, 5).partnersOf(X)).toEqual(['P1', 'P8', 'P3', 'P2', 'P6']);
    expect(new PartnerIndex(POOL, 0.0625, 10).partnersOf(X)).toEqual(['P1', 'P8', 'P3', 'P2', 'P6']);
  });

  test('the distance limit: a narrower limit keeps only the nearest', () => {
    // limit 0.03125: P1, P8 (exactly at the limit) in A; P2, P6 in B
    expect(new PartnerIndex(POOL, 0.03125, 3).partnersOf(X)).toEqual(['P1', 'P8', 'P2']);
    expect(new PartnerIndex(POOL, 0.01, 3).partnersOf(X)).toEqual(['P2', 'P6']);
    expect(new PartnerIndex(POOL, 0.001, 3).partnersOf(X)).toEqual([]);
  });

  test('a school never partners itself, even when its own residual is above expected', () => {
    const me = cand('P6', 'B', 0.8671875, 'ШНОР', true);
    expect(new PartnerIndex(POOL, 0.0625, 10).partnersOf(me)).not.toContain('P6');
    // from 0.8671875 in B: P2 (same municipality, Δ 0.015625) first; then A: P8 (0.0234375), P1 (0.0390625);
    // P3 (0.0703125) and P4 are beyond the limit
    expect(new PartnerIndex(POOL, 0.0625, 10).partnersOf(me)).toEqual(['P2', 'P8', 'P1']);
  });

  test('no ИСБШ or no partners wanted: none', () => {
    expect(new PartnerIndex(POOL, 0.0625, 3).partnersOf(cand('Y', 'A', null, 'ШНОР'))).toEqual([]);
    expect(new PartnerIndex(POOL, 0.0625, 0).partnersOf(X)).toEqual([]);
  });
});

describe('partners end to end (region of isbsh_reference.py)', () => {
  // σ_ИСБШ = 0.124443 → limit 0.5σ = 0.0622215. Candidates: S06 (высокие, 1.0970, Б), S07 (резильентная,
  // residual/SE = 6.37, 0.8953, Б), S08 (высокие, 1.2269, А).
  // S01 (ШНОР, 0.8541, А): S07 |Δ| = 0.0412 ✓, S06 0.243 ✗, S08 0.373 ✗ → [S07]
  // S02 (ШНОР, 0.8927, Б): S07 |Δ| = 0.0025 ✓ → [S07]
  // S03 (ШНОР, 0.9740, А): S07 0.0788 ✗, S06 0.1230 ✗ → []
  const r = identify(regionTables());

  test('ШНОР get partners within 0.5 σ of their ИСБШ', () => {
    expect(byCode(r, 'S01').partners).toEqual(['S07']);
    expect(byCode(r, 'S02').partners).toEqual(['S07']);
    expect(byCode(r, 'S03').partners).toEqual([]);
  });

  test('schools that are not ШНОР have none', () => {
    for (const code of ['S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10']) expect(byCode(r, code).partners).toEqual([]);
  });

  test('«Число партнёров» = 0 turns them off', () => {
    const none = identify({ ...regionTables(), settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ['Число партнёров', 0]]) });
    expect(none.schools.every((s) => s.partners.length === 0)).toBe(true);
  });

  test('similar schools: rank by quality index among the nearest by ИСБШ', () => {
    // S01 (ИСБШ 0.8541): its nearest by ИСБШ are S02 (0.8927) and S07 (0.8953); with count 2 the group is
    // S01, S02, S07 → QI 0.75, 0.85, 1.15: rank 3 of 3, mean of the others (0.85 + 1.15)/2 = 1.0
    const two = identify({ ...regionTables(), settings: settingsGrid([['Индикатор', 'ОГЭ-9 Математика'], ['Число похожих школ', 2]]) });
    expect(byCode(two, 'S01').similar).toEqual({ rank: 3, of: 3, similarMeanQI: expect.closeTo(1.0, 12) });
  });
});

describe('similarPlaces', () => {
  test('nearest by ИСБШ on both sides; schools without ИСБШ or QI are left out', () => {
    // ИСБШ 1.0, 1.25, 0.5, null, 1.125; QI 1.2, 0.8, 1.0, 1.0, 1.1
    // school 0 (1.0): nearest 1.125 (Δ 0.125), then 1.25 (0.25) → group QI 1.2 vs 1.1, 0.8 → rank 1 of 3; mean (1.1 + 0.8)/2 = 0.95
    const out = similarPlaces([1.0, 1.25, 0.5, null, 1.125], [1.2, 0.8, 1.0, 1.0, 1.1], 2);
    expect(out[0]).toEqual({ rank: 1, of: 3, similarMeanQI: expect.closeTo(0.95, 12) });
    expect(out[3]).toBeNull();
    // school 2 (0.5): nearest 1.0 (0.5), 1.125 (0.625) → QI 1.0 vs 1.2, 1.1 → rank 3
    expect(out[2]!.rank).toBe(3);
  });
});
