/**
 * The demo region's per-pupil ВПР (grades 4 and 5, Русский язык and Математика, every year): for
 * each ВПР row of «Результаты» the pupils behind its marks 2–5 (exactly those counts, so the existing
 * numbers stay), with a primary score in the band of their mark and a journal mark, then the
 * per-school values the per-pupil and journal imports write (shared/import/vpr-pupils.ts,
 * vpr-journal.ts) as new columns of «Результаты».
 *
 * Planted, for the objectivity markers (issue 14), in the last year Y unless said:
 * - inflated: primary scores above the band of the mark (the marks do not follow the scores),
 *   grade 4 and 5 Математика — the school's mean primary score stands far above the region's;
 * - journal mismatch: journal marks against the work (a pupil with «2» has «5» in the journal),
 *   grade 4 and 5 both subjects — Spearman rₛ < 0;
 * - sharp rise / sharp drop: grade 4 in Y−1 near the bottom of the scale and grade 5 in Y near the
 *   maximum (rise), or the other way round (drop), both subjects, whatever the marks — K = S₄(Y−1) /
 *   S₅(Y) far from the other schools'.
 */
import { JOURNAL_COLUMNS } from '../shared/import/vpr-journal';
import { PUPIL_COLUMNS, pupilStats } from '../shared/import/vpr-pupils';
import type { Cell, Grid } from '../shared/types';
import { type PupilReport, type ReportSchool, journalCounts } from './fis-oko-reports';

/** What the generator needs of the demo's random numbers (examples/demo-region.ts Rng). */
export interface PupilRng {
  next(): number;
  int(lo: number, hi: number): number;
  normal(): number;
}

export const OBJECTIVITY_HEADERS = [
  PUPIL_COLUMNS.meanPrimary, PUPIL_COLUMNS.maxPrimary, PUPIL_COLUMNS.sdPrimary, PUPIL_COLUMNS.meanPercent, PUPIL_COLUMNS.journalR, PUPIL_COLUMNS.journalN,
  JOURNAL_COLUMNS.lowered, JOURNAL_COLUMNS.confirmed, JOURNAL_COLUMNS.raised, JOURNAL_COLUMNS.n,
];

/** Tasks of each ВПР (points, level) and the primary-score bands of marks 2, 3, 4, 5 (as the ВПР 2025 criteria). */
export const VPR_SCALES: Record<string, { tasks: PupilReport['tasks']; bands: [number, number][] }> = {
  '4 Математика': { tasks: tasks([1, 1, 2, 1, 2, 1, 2, 2, 2, 2, 2, 2], 9), bands: [[0, 5], [6, 9], [10, 14], [15, 20]] },
  '4 Русский язык': { tasks: tasks([4, 3, 3, 3, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 4], 11), bands: [[0, 13], [14, 23], [24, 32], [33, 38]] },
  '5 Математика': { tasks: tasks([1, 1, 1, 1, 2, 1, 2, 2, 2, 1, 2, 2, 2], 10), bands: [[0, 6], [7, 11], [12, 15], [16, 20]] },
  '5 Русский язык': { tasks: tasks([9, 3, 3, 3, 4, 2, 2, 3, 3, 3, 2, 2, 2, 2, 2], 11), bands: [[0, 17], [18, 28], [29, 38], [39, 45]] },
};

function tasks(points: number[], hardFrom: number): PupilReport['tasks'] {
  return points.map((p, i) => ({ points: p, level: i >= hardFrom ? 'П' : 'Б' }));
}

export interface DemoPupil {
  primary: number;
  mark: number;
  journal: number | null;
}

export interface DemoPupilRow {
  year: number;
  code: string;
  grade: string;
  subject: string;
  pupils: DemoPupil[];
}

export interface ObjectivityPlanted {
  inflated: string[];
  journalMismatch: string[];
  sharpRise: string[];
  sharpDrop: string[];
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Task points summing to `primary`, none over its maximum. */
function taskPoints(rng: PupilRng, list: PupilReport['tasks'], primary: number): number[] {
  const pts = list.map(() => 0);
  let left = primary;
  let guard = 0;
  while (left > 0 && guard++ < 10000) {
    const i = rng.int(0, list.length - 1);
    if (pts[i] < list[i].points) { pts[i]++; left--; }
  }
  return pts;
}

/**
 * Picks the planted schools among those with at least 15 participants in every ВПР row of both years
 * (not the schools `exclude` holds: the other planted kinds), makes the pupils of every ВПР row.
 */
export function makeDemoPupils(rng: PupilRng, results: Grid, exclude: Set<string>): { rows: DemoPupilRow[]; planted: ObjectivityPlanted } {
  const head = results[0].map(String);
  const c = (name: string) => head.indexOf(name);
  const C = { year: c('Год'), code: c('Код ОО'), proc: c('Процедура'), grade: c('Класс'), subject: c('Предмет'), n: c('Участников'), m: ['2', '3', '4', '5'].map(c) };
  const vpr = results.slice(1).filter((r) => r[C.proc] === 'ВПР');
  const years = [...new Set(vpr.map((r) => r[C.year] as number))].sort((a, b) => a - b);
  const last = years[years.length - 1];
  const prev = years.length > 1 ? years[years.length - 2] : null;
  // Schools with all four ВПР rows in both years, each with ≥ 15 participants.
  const rowsOf = new Map<string, Cell[][]>();
  for (const r of vpr) {
    const list = rowsOf.get(r[C.code] as string) ?? [];
    list.push(r);
    rowsOf.set(r[C.code] as string, list);
  }
  const eligible = [...rowsOf].filter(([code, list]) => !exclude.has(code) && list.length === 4 * years.length && list.every((r) => (r[C.n] as number) >= 15)).map(([code]) => code);
  // A seeded pick that does not depend on the order of «Результаты».
  const pick = eligible.map((code) => ({ code, u: rng.next() })).sort((a, b) => a.u - b.u).map((x) => x.code);
  const planted: ObjectivityPlanted = { inflated: pick.slice(0, 3), journalMismatch: pick.slice(3, 6), sharpRise: pick.slice(6, 8), sharpDrop: pick.slice(8, 10) };
  const kind = (code: string) => (Object.keys(planted) as (keyof ObjectivityPlanted)[]).find((k) => planted[k].includes(code)) ?? null;

  const rows: DemoPupilRow[] = [];
  // A school's place in its bands, a little different each year and grade: where the school stands besides its marks.
  for (const r of vpr) {
    const year = r[C.year] as number;
    const code = r[C.code] as string;
    const grade = String(r[C.grade]);
    const subject = String(r[C.subject]);
    const scale = VPR_SCALES[`${grade} ${subject}`];
    if (!scale) continue;
    const max = scale.tasks.reduce((a, t) => a + t.points, 0);
    const counts = C.m.map((i) => (r[i] as number) || 0);
    const k = kind(code);
    const schoolShift = 0.12 * rng.normal();
    const marks: number[] = [];
    counts.forEach((n, i) => { for (let j = 0; j < n; j++) marks.push(i + 2); });
    for (let i = marks.length - 1; i > 0; i--) { const j = rng.int(0, i); [marks[i], marks[j]] = [marks[j], marks[i]]; }
    const pupils: DemoPupil[] = marks.map((mark) => {
      const [lo, hi] = scale.bands[mark - 2];
      const pos = clamp(0.5 + schoolShift + 0.28 * rng.normal(), 0, 1);
      let primary = lo + Math.round(pos * (hi - lo));
      if (k === 'inflated' && year === last && subject === 'Математика') primary = Math.min(max, hi + rng.int(2, 6));
      // The cohort's low year: scores at the bottom of the scale whatever the mark; its high year: near the maximum.
      if ((k === 'sharpRise' && year === prev && grade === '4') || (k === 'sharpDrop' && year === last && grade === '5')) {
        primary = rng.int(0, scale.bands[1][0]);
      }
      if ((k === 'sharpRise' && year === last && grade === '5') || (k === 'sharpDrop' && year === prev && grade === '4')) {
        primary = max - rng.int(0, 1);
      }
      let journal: number | null;
      if (k === 'journalMismatch' && year === last) journal = clamp(7 - mark + (rng.next() < 0.2 ? 1 : 0), 2, 5);
      else {
        const u = rng.next();
        journal = clamp(mark + (u < 0.55 ? 0 : u < 0.9 ? 1 : -1), 2, 5);
      }
      if (rng.next() < 0.05) journal = null;
      return { primary, mark, journal };
    });
    rows.push({ year, code, grade, subject, pupils });
  }
  return { rows, planted };
}

/** «Результаты» with the objectivity columns (OBJECTIVITY_HEADERS) filled for the ВПР rows from their pupils. */
export function withObjectivityColumns(results: Grid, pupils: DemoPupilRow[]): Grid {
  const head = results[0].map(String);
  const c = (name: string) => head.indexOf(name);
  const C = { year: c('Год'), code: c('Код ОО'), proc: c('Процедура'), grade: c('Класс'), subject: c('Предмет') };
  const byKey = new Map(pupils.map((p) => [`${p.year}|${p.code}|${p.grade}|${p.subject}`, p]));
  return results.map((row, i) => {
    if (i === 0) return [...row, ...OBJECTIVITY_HEADERS];
    const p = row[C.proc] === 'ВПР' ? byKey.get(`${row[C.year]}|${row[C.code]}|${row[C.grade]}|${row[C.subject]}`) : undefined;
    if (!p) return [...row, ...OBJECTIVITY_HEADERS.map(() => null)];
    const max = VPR_SCALES[`${p.grade} ${p.subject}`].tasks.reduce((a, t) => a + t.points, 0);
    const n = p.pupils.length;
    const primary = new Float64Array(n), mark = new Int8Array(n), journal = new Int8Array(n);
    p.pupils.forEach((x, k) => { primary[k] = x.primary; mark[k] = x.mark; journal[k] = x.journal ?? 0; });
    const st = pupilStats(primary, mark, journal, max);
    const [lowered, confirmed, raised] = journalCounts(p.pupils);
    const compared = lowered + confirmed + raised;
    // The journal report gives percentages to hundredths; the import reads them as they stand.
    const pct = (k: number) => (compared ? Math.round((k / compared) * 10000) / 100 : null);
    // 12 significant digits: a book saved by LibreOffice (.ods, .xls, its .xlsx) keeps 15, so every
    // format holds the demo's values exactly, and the import's own values (unrounded) agree within 1e-9.
    const d12 = (x: number | null) => (x === null || !Number.isFinite(x) ? x : Number(x.toPrecision(12)));
    return [...row, d12(st.meanPrimary), max, d12(st.sdPrimary), d12(st.meanPercent), d12(st.journalR), st.journalN, pct(lowered), pct(confirmed), pct(raised), compared || null];
  });
}

/**
 * The ФИС ОКО «Индивидуальные результаты» of one ВПР for the schools `codes` (examples/vpr-pupils/).
 * `schools` maps a code to its name and municipality; `rng` spreads each pupil's score over the tasks.
 */
export function pupilReportOf(rng: PupilRng, rows: DemoPupilRow[], key: { year: number; grade: string; subject: string }, codes: string[],
  schools: Map<string, { name: string; municipality: string }>, region: string): PupilReport {
  const scale = VPR_SCALES[`${key.grade} ${key.subject}`];
  let id = 500000;
  const list: ReportSchool[] = [];
  for (const code of codes) {
    const row = rows.find((r) => r.code === code && r.year === key.year && r.grade === key.grade && r.subject === key.subject);
    const s = schools.get(code);
    if (!row || !s) continue;
    list.push({
      fisName: s.name, login: `edu${code}`, municipality: s.municipality,
      pupils: row.pupils.map((p, i) => ({ id: String(id++), cls: `${key.grade}${'АБВ'[i % 3]}`, variant: 1 + (i % 2), tasks: taskPoints(rng, scale.tasks, p.primary), primary: p.primary, mark: p.mark, journal: p.journal })),
    });
  }
  return { year: key.year, grade: key.grade, subject: key.subject, tasks: scale.tasks, date: key.subject === 'Математика' ? '17.04.2025' : '15.04.2025', region, schools: list };
}

/** The municipality of the example files: the one with the fewest schools among those with a planted school. */
export function exampleMunicipality(schools: Grid, planted: ObjectivityPlanted): { name: string; codes: string[] } {
  const byMuni = new Map<string, string[]>();
  for (const r of schools.slice(1)) {
    const list = byMuni.get(String(r[2])) ?? [];
    list.push(String(r[0]));
    byMuni.set(String(r[2]), list);
  }
  const plantedCodes = new Set([...planted.inflated, ...planted.journalMismatch]);
  const candidates = [...byMuni].filter(([, codes]) => codes.some((c) => plantedCodes.has(c))).sort((a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]));
  const [name, codes] = candidates[0];
  return { name, codes };
}
