/**
 * The objectivity markers against the independent Python reference (tests/reference/
 * reference_objectivity.py): a generated region of 400 schools with per-pupil ВПР and ОГЭ results;
 * Python reduces the pupils to the cells of «Результаты» and computes, from the pupils themselves,
 * the regional intervals, Spearman's rₛ, K and its quartiles, every marker and both indices. The
 * engine reads only the cells. Planted schools: the recall per kind is printed and held.
 */
import * as path from 'path';
import { identify } from '../../shared/method/identify';
import { toContractJson } from '../../shared/contract';
import { MARKERS } from '../../shared/objectivity/engine';
import { gridsOf, referenceRegion } from '../helpers/objectivity-region';

const close = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return a === b || (a == null && b == null);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
};

describe('objectivity markers = the Python reference on 400 generated schools', () => {
  const ref = referenceRegion(400, 7);
  const tables = gridsOf(ref);
  const result = identify(tables, { year: ref.year });
  const o = result.objectivity;
  const e = ref.expected;

  test('the run reads the new columns without errors', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(MARKERS.map((m) => m.id)).toEqual(e.markers);
  });

  test('every marker of every school', () => {
    const diffs: string[] = [];
    for (const s of o.schools) {
      const want = e.status[s.code];
      s.status.forEach((v, i) => { if (v !== want[i]) diffs.push(`${s.code} ${MARKERS[i].id}: ${v} ≠ ${want[i]}`); });
    }
    expect(diffs.slice(0, 20)).toEqual([]);
    // The data reach every kind of status, so the comparison is not vacuous.
    const seen = new Set(o.schools.flatMap((s) => s.status.map((v, i) => `${MARKERS[i].kind}:${v}`)));
    for (const kind of ['inflated-mean', 'journal-mismatch', 'sharp-rise', 'sharp-drop', 'journal-lowered']) {
      for (const v of ['marked', 'clear', 'no-data']) expect(seen).toContain(`${kind}:${v}`);
    }
  });

  test('the regional intervals (the SD of all pupils), the schools\' lower bounds and K', () => {
    expect(o.intervals).toHaveLength(e.intervals.length);
    e.intervals.forEach((want, i) => {
      const got = o.intervals[i];
      expect([got.indicator, got.basis, got.participants, got.schools]).toEqual([want.indicator, want.basis, want.participants, want.schools]);
      for (const key of ['mean', 'sd', 'low', 'high'] as const) expect(close(got[key], want[key])).toBe(true);
    });
    for (const s of o.schools) {
      s.intervalLow.forEach((v, k) => expect([s.code, k, close(v, e.low[s.code][k])]).toEqual([s.code, k, true]));
      s.k.forEach((v, j) => expect([s.code, j, close(v, e.k[s.code][j])]).toEqual([s.code, j, true]));
    }
  });

  test('the quartiles of K, the region\'s «понизили» shares and both indices', () => {
    expect(o.cohorts).toHaveLength(e.cohorts.length);
    e.cohorts.forEach((want, j) => {
      expect(o.cohorts[j].subject).toBe(want.subject);
      expect(o.cohorts[j].count).toBe(want.count);
      for (const key of ['q25', 'q75', 'iqr', 'low', 'high'] as const) expect(close(o.cohorts[j][key], want[key])).toBe(true);
    });
    o.loweredShares.forEach((v, k) => expect(close(v, e.loweredShares[k])).toBe(true));
    expect([o.computed, o.marked]).toEqual([e.computed, e.marked]);
    expect(close(o.index, e.index)).toBe(true);
    expect(close(o.indexWithAdditions, e.indexWithAdditions)).toBe(true);
    expect(o.municipalities.map((m) => [m.name, m.schools, m.computed, m.marked])).toEqual(e.municipalities.map((m) => [m.name, m.schools, m.computed, m.marked]));
    o.municipalities.forEach((m, i) => {
      expect(close(m.index, e.municipalities[i].index)).toBe(true);
      expect(close(m.indexWithAdditions, e.municipalities[i].indexWithAdditions)).toBe(true);
    });
  });

  test('the JSON contract carries the same markers, with a reason each', () => {
    const json = toContractJson(result).objectivity;
    expect(json.index).toBe(o.index);
    expect(json.schools).toHaveLength(ref.schools.length);
    for (const s of json.schools) {
      const want = e.markers.filter((_, i) => e.status[s.code][i] === 'marked');
      expect(s.markers).toEqual(want);
      expect(s.reasons).toHaveLength(want.length);
    }
  });

  test('planted schools are found (recall per kind) and how many unplanted schools are marked', () => {
    const byCode = new Map(o.schools.map((s) => [s.code, s]));
    const kinds: Record<string, (ids: string[]) => boolean> = {
      inflated: (ids) => ids.some((id) => id.startsWith('inflated-mean:')),
      'anti-journal': (ids) => ids.some((id) => id.startsWith('journal-mismatch:') || id.startsWith('journal-lowered:')),
      'cohort-drop': (ids) => ids.some((id) => id.startsWith('sharp-drop:')),
      'cohort-rise': (ids) => ids.some((id) => id.startsWith('sharp-rise:')),
    };
    const lines: string[] = [];
    const recall: Record<string, number> = {};
    for (const [kind, found] of Object.entries(kinds)) {
      const planted = ref.schools.filter((s) => s.planted.includes(kind));
      const hit = planted.filter((s) => found(byCode.get(s.code)!.markers));
      lines.push(`${kind}: ${hit.length} из ${planted.length} (${((100 * hit.length) / planted.length).toFixed(0)}%)`);
      recall[kind] = hit.length / planted.length;
    }
    const unplanted = ref.schools.filter((s) => !s.planted.length);
    const marked = unplanted.filter((s) => byCode.get(s.code)!.marked);
    const byKind = (prefix: string) => unplanted.filter((s) => byCode.get(s.code)!.markers.some((id) => id.startsWith(prefix))).length;
    lines.push(`не заложенные: ${marked.length} из ${unplanted.length} с признаком (завышенный балл ${byKind('inflated-mean')}, rₛ < 0 ${byKind('journal-mismatch')}, ` +
      `рост ${byKind('sharp-rise')}, снижение ${byKind('sharp-drop')}, понизили ${byKind('journal-lowered')})`);
    console.log(`Объективность, 400 школ: ${lines.join('; ')}`);
    for (const kind of Object.keys(kinds)) expect([kind, recall[kind] >= 0.8]).toEqual([kind, true]);
  });
});
