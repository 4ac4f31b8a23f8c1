/**
 * The objectivity markers (shared/objectivity), numbers worked out by hand in the comments: the
 * pooled regional interval, the binomial addition, the quartiles of K; the minimum of
 * participants, undefined statistics, the ОГЭ fallback to marks; the reader's new columns (fast
 * path = careful path, bad cells reported in Russian with sheet, row and column); the outputs.
 */
import { readRegion } from '../../shared/input/read-region';
import { identify } from '../../shared/method/identify';
import { toContractJson } from '../../shared/contract';
import { computeObjectivity, MARKERS } from '../../shared/objectivity/engine';
import { binomialZ, cohortLimits, pool, quantileSorted } from '../../shared/objectivity/statistics';
import { objectivitySheet } from '../../shared/objectivity/sheet';
import { identificationSheet, outputSheets } from '../../shared/report-tables';
import { DEFAULT_SETTINGS } from '../../shared/method/settings';
import type { Cell, Grid } from '../../shared/types';
import { schoolsGrid, splitIndicator } from './helpers';

const HEADER = ['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл', 'Стандартное отклонение', '2', '3', '4', '5',
  'Средний первичный балл', 'Максимальный первичный балл', 'Стандартное отклонение первичного балла', 'Средний процент выполнения',
  'Корреляция с журналом', 'Участников с отметкой по журналу', 'Понизили, %', 'Подтвердили, %', 'Повысили, %', 'Участников сравнения с журналом'];

interface Row {
  code: string; year?: number; ind: string; n: Cell; mean?: Cell; sd?: Cell; marks?: Cell[];
  pMean?: Cell; pMax?: Cell; pSD?: Cell; pct?: Cell; rs?: Cell; rsN?: Cell; low?: Cell; conf?: Cell; raise?: Cell; cmpN?: Cell;
}

function grid(rows: Row[]): Grid {
  return [HEADER, ...rows.map((r) => {
    const [proc, grade, subject] = splitIndicator(r.ind);
    const marks = r.marks ?? [null, null, null, null];
    const mean = r.mean ?? (r.marks ? null : 4);
    return [r.year ?? 2025, r.code, proc, Number(grade), subject, r.n, mean, r.sd ?? null, ...marks,
      r.pMean ?? null, r.pMax ?? null, r.pSD ?? null, r.pct ?? null, r.rs ?? null, r.rsN ?? null, r.low ?? null, r.conf ?? null, r.raise ?? null, r.cmpN ?? null];
  })];
}

const status = (o: ReturnType<typeof computeObjectivity>, code: string, id: string) =>
  o.schools.find((s) => s.code === code)!.status[MARKERS.findIndex((m) => m.id === id)];

function run(rows: Row[], codes: string[], min = 5, year = 2025) {
  const read = readRegion({ schools: schoolsGrid(codes), results: grid(rows) });
  expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return computeObjectivity(read.data, { objectivityMinParticipants: min }, year);
}

describe('the arithmetic', () => {
  test('pooled SD: total sum of squares Σ[(m−1)s² + m(x̄ᵢ − x̄)²]', () => {
    // x̄ = (10·15 + 10·10 + 20·10) / 40 = 11,25; SS = 9·4 + 10·3,75² + 9·4 + 10·1,25² + 19·9 + 20·1,25² = 430,5
    const p = pool([10, 10, 20], [15, 10, 10], [2, 2, 3]);
    expect(p.n).toBe(40);
    expect(p.mean).toBeCloseTo(11.25, 12);
    expect(p.sd).toBeCloseTo(Math.sqrt(430.5 / 39), 12);
  });

  test('quartiles by linear interpolation (QUARTILE.INC), the limits ± 3·IQR', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 12);
    // [1, 1, 1, 1, 1,1, 3]: Q25 = x[1,25] = 1; Q75 = x[3] + 0,75·(x[4] − x[3]) = 1,075; IQR 0,075
    const l = cohortLimits([3, 1, 1.1, 1, 1, 1]);
    expect([l.q25, l.q75, l.iqr, l.low, l.high].map((x) => Number(x.toFixed(10)))).toEqual([1, 1.075, 0.075, 0.775, 1.3]);
  });

  test('binomial z of a share against the region\'s', () => {
    // (0,4 − 0,175) / √(0,175 · 0,825 / 50) = 0,225 / 0,0537355… = 4,1871…
    expect(binomialZ(0.4, 0.175, 50)).toBeCloseTo(0.225 / Math.sqrt((0.175 * 0.825) / 50), 12);
    expect(binomialZ(0.4, 0, 50)).toBeNaN();
  });
});

describe('the markers on small regions', () => {
  const codes = ['A', 'B', 'C', 'D'];

  test('inflated mean: the school\'s lower bound above the region\'s upper bound, with the numbers in words', () => {
    const o = run([
      { code: 'A', ind: 'ВПР-4 Математика', n: 10, pMean: 15, pMax: 20, pSD: 2 },
      { code: 'B', ind: 'ВПР-4 Математика', n: 10, pMean: 10, pMax: 20, pSD: 2 },
      { code: 'C', ind: 'ВПР-4 Математика', n: 20, pMean: 10, pMax: 20, pSD: 3 },
    ], codes);
    // region: 11,25 + 1,96·√(430,5/39)/√40 = 12,2796…; A: 15 − 1,96·2/√10 = 13,7604…
    const high = 11.25 + (1.96 * Math.sqrt(430.5 / 39)) / Math.sqrt(40);
    expect(o.intervals[0].high).toBeCloseTo(high, 12);
    expect(o.schools[0].intervalLow[0]).toBeCloseTo(15 - (1.96 * 2) / Math.sqrt(10), 12);
    expect(status(o, 'A', 'inflated-mean:ВПР-4 Математика')).toBe('marked');
    expect(status(o, 'B', 'inflated-mean:ВПР-4 Математика')).toBe('clear');
    expect(status(o, 'D', 'inflated-mean:ВПР-4 Математика')).toBe('no-data');
    expect(o.schools[0].reasons).toEqual(['нижняя граница 95% интервала школы 13,8 выше верхней границы по региону 12,3 (ВПР-4 Математика, 10 участников)']);
    // Three schools computed (D has no data), one marked: 100 − 100/3.
    expect(o.computed).toBe(3);
    expect(o.index).toBeCloseTo(100 - 100 / 3, 12);
  });

  test('below «Минимум участников для признаков объективности»: недостаточно данных, but the pupils count in the region', () => {
    const rows: Row[] = [
      { code: 'A', ind: 'ВПР-4 Математика', n: 4, pMean: 19, pMax: 20, pSD: 1 },
      { code: 'B', ind: 'ВПР-4 Математика', n: 10, pMean: 10, pMax: 20, pSD: 2 },
      { code: 'C', ind: 'ВПР-4 Математика', n: 20, pMean: 10, pMax: 20, pSD: 3 },
    ];
    const o = run(rows, codes);
    expect(status(o, 'A', 'inflated-mean:ВПР-4 Математика')).toBe('no-data');
    expect(o.intervals[0].participants).toBe(34);
    expect(status(run(rows, codes, 4), 'A', 'inflated-mean:ВПР-4 Математика')).toBe('marked');
  });

  test('ОГЭ without an SD: the interval on marks (mean and SD of the marks), and the reason says so', () => {
    // A: marks 0·2, 0·3, 2·4, 8·5 → mean 4,8, SD √(10·0,16·… ) = √((2·0,64 + 8·0,04)/9) = √(1,6/9)
    const o = run([
      { code: 'A', ind: 'ОГЭ-9 Математика', n: 10, mean: 25, marks: [0, 0, 2, 8] },
      { code: 'B', ind: 'ОГЭ-9 Математика', n: 20, mean: 15, marks: [2, 8, 8, 2] },
      { code: 'C', ind: 'ОГЭ-9 Математика', n: 20, mean: 14, marks: [3, 8, 7, 2] },
      { code: 'D', ind: 'ОГЭ-9 Математика', n: 30, mean: 16, sd: 4 },
    ], codes);
    const marks = o.intervals.find((r) => r.basis === 'marks')!;
    // All 50 pupils' marks: Σ = 48 + 70 + 68 = 186, mean 3,72
    expect(marks.participants).toBe(50);
    expect(marks.mean).toBeCloseTo(186 / 50, 12);
    // marks 2: 5, 3: 16, 4: 17, 5: 12; SS = 5·1,72² + 16·0,72² + 17·0,28² + 12·1,28² = 44,08; upper 3,72 + 1,96·√(44,08/49)/√50 = 3,98
    expect(marks.high).toBeCloseTo(3.72 + (1.96 * Math.sqrt(44.08 / 49)) / Math.sqrt(50), 12);
    expect(o.schools[0].intervalLow[4]).toBeCloseTo(4.8 - (1.96 * Math.sqrt(1.6 / 9)) / Math.sqrt(10), 12);
    expect(status(o, 'A', 'inflated-mean:ОГЭ-9 Математика')).toBe('marked');
    expect(o.schools[0].reasons[0]).toMatch(/^нижняя граница 95% интервала школы 4,5 выше верхней границы по региону 4,0 \(ОГЭ-9 Математика, 10 участников\); интервал построен по отметкам: нет стандартного отклонения балла$/);
    // D has a score SD: its own interval on scores, the region's of the score schools (only D: one school, 30 pupils).
    const score = o.intervals.find((r) => r.basis === 'score')!;
    expect([score.schools, score.participants, score.mean]).toEqual([1, 30, 16]);
    expect(status(o, 'D', 'inflated-mean:ОГЭ-9 Математика')).toBe('clear');
  });

  test('journal: rₛ < 0 marks; a blank rₛ (constant marks) is недостаточно данных; the addition only where rₛ is absent', () => {
    const o = run([
      { code: 'A', ind: 'ВПР-5 Русский язык', n: 50, rs: -0.21, rsN: 45, low: 10, cmpN: 50 },
      { code: 'B', ind: 'ВПР-5 Русский язык', n: 50, rs: 0.4, rsN: 3, low: 10, cmpN: 50 },
      { code: 'C', ind: 'ВПР-5 Русский язык', n: 50, low: 40, conf: 55, raise: 5, cmpN: 50 },
      { code: 'D', ind: 'ВПР-5 Русский язык', n: 100, low: 10, cmpN: 100 },
    ], codes);
    expect(status(o, 'A', 'journal-mismatch:ВПР-5 Русский язык')).toBe('marked');
    expect(o.schools[0].reasons).toEqual(['ранговая корреляция отметок по журналу с первичным баллом rₛ = −0,21 < 0 (ВПР-5 Русский язык, 45 участников с отметкой по журналу)']);
    expect(status(o, 'B', 'journal-mismatch:ВПР-5 Русский язык')).toBe('no-data');
    expect(status(o, 'A', 'journal-lowered:ВПР-5 Русский язык')).toBe('n/a');
    expect(status(o, 'C', 'journal-mismatch:ВПР-5 Русский язык')).toBe('no-data');
    // Region: (5 + 5 + 20 + 10) / 250 = 0,16; C: (0,4 − 0,16)/√(0,16·0,84/50) = 4,63 ≥ 1,96
    expect(o.loweredShares[3]).toBeCloseTo(0.16, 12);
    expect(status(o, 'C', 'journal-lowered:ВПР-5 Русский язык')).toBe('marked');
    expect(status(o, 'D', 'journal-lowered:ВПР-5 Русский язык')).toBe('clear');
    const z = (0.4 - 0.16) / Math.sqrt((0.16 * 0.84) / 50);
    expect(o.schools[2].reasons).toEqual([
      `дополнение региона (не признак Рособрнадзора): понизили отметку по журналу 40,0% участников против 16,0% по региону, z = ${z.toFixed(2).replace('.', ',')}, не менее 1,96 (ВПР-5 Русский язык, 50 участников)`,
    ]);
    // The addition is not in the Рособрнадзор index: C has no computed Рособрнадзор marker.
    expect(o.schools[2].computed).toBe(false);
    expect([o.computed, o.marked, o.index]).toEqual([1, 1, 0]);
    expect(o.indexWithAdditions).toBeCloseTo(100 - (100 * 2) / 3, 12);
    expect(o.schools[2].journal[3]).toEqual({ lowered: 40, confirmed: 55, raised: 5, participants: 50, rs: null });
  });

  test('K = S(4, Y−1) / S(5, Y), S from «Средний процент выполнения» or mean/max·100; the previous year missing is недостаточно данных', () => {
    const codes6 = ['1', '2', '3', '4', '5', '6', '7'];
    const s5 = [50, 50, 50, 50, 50, 25];
    const rows: Row[] = [];
    codes6.slice(0, 6).forEach((code, i) => {
      // K: 1, 1, 1, 1, 1,1, 3 (see the quartiles test): S4 = K·S5
      const k = [1, 1, 1, 1, 1.1, 3][i];
      rows.push({ code, year: 2024, ind: 'ВПР-4 Математика', n: 20, pct: i === 0 ? null : k * s5[i], pMean: i === 0 ? 10 : null, pMax: i === 0 ? 20 : null });
      rows.push({ code, year: 2025, ind: 'ВПР-5 Математика', n: 20, pct: s5[i] });
    });
    rows.push({ code: '7', year: 2025, ind: 'ВПР-5 Математика', n: 20, pct: 50 });
    const o = run(rows, codes6);
    expect(o.schools.map((s) => s.k[0])).toEqual([1, 1, 1, 1, expect.closeTo(1.1, 12), 3, null]);
    expect(o.cohorts[0].high).toBeCloseTo(1.3, 12);
    expect(status(o, '6', 'sharp-drop:Математика')).toBe('marked');
    expect(status(o, '6', 'sharp-rise:Математика')).toBe('clear');
    expect(status(o, '7', 'sharp-drop:Математика')).toBe('no-data');
    expect(o.schools[5].reasons).toEqual(['резкое снижение результатов когорты (Математика): K = S(4 класс, 2024) / S(5 класс, 2025) = 75,0 / 25,0 = 3,000 выше Q75 + 3·IQR = 1,300']);
  });
});

describe('no data at all, and the outputs', () => {
  test('a region without any of the columns: objectivity is there, empty, and nothing breaks', () => {
    const r = identify({ schools: schoolsGrid(['1', '2']), results: [['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл'],
      [2025, '1', 'ЕГЭ', 11, 'Математика', 20, 60], [2025, '2', 'ЕГЭ', 11, 'Математика', 20, 50]] });
    expect(r.ok).toBe(true);
    const json = toContractJson(r).objectivity;
    expect(json.index).toBeNull();
    expect(json.municipalities).toEqual([{ name: 'Район А', index: null, indexWithAdditions: null, schools: 2, computed: 0, marked: 0 }]);
    expect(json.schools.map((s) => s.markers)).toEqual([[], []]);
    expect(json.schools[0].noData).toHaveLength(14);
    const sheet = outputSheets(r).find((s) => s.name === 'Объективность 2025')!;
    expect(sheet.title[1]).toBe('Индекс объективности не рассчитан: ни у одной школы нет данных для признаков');
    expect(JSON.stringify(sheet)).not.toMatch(/NaN|undefined/);
  });

  test('bad cells of the new columns: Russian messages with sheet, row and column, all at once; fast path = careful path', () => {
    const rows: Row[] = [
      { code: 'A', ind: 'ВПР-4 Математика', n: 10, pMean: 25, pMax: 20, pSD: 2 },
      { code: 'B', ind: 'ВПР-4 Математика', n: 10, pMean: 10, pMax: 0, pSD: 2, rs: 1.5 },
      { code: 'C', ind: 'ВПР-4 Математика', n: 10, pMean: 10, pMax: 20, pSD: 'много', low: 120, rsN: 4.5 },
    ];
    const read = readRegion({ schools: schoolsGrid(['A', 'B', 'C']), results: grid(rows) });
    expect(read.problems.map((p) => p.message)).toEqual([
      'Лист «Результаты», строка 2, столбец «Средний первичный балл»: средний первичный балл (25,00) больше максимального (20,00)',
      'Лист «Результаты», строка 3, столбец «Максимальный первичный балл»: ожидалось число больше 0, найдено «0»',
      'Лист «Результаты», строка 3, столбец «Корреляция с журналом»: ожидалось число от −1 до 1, найдено «1.5»',
      'Лист «Результаты», строка 4, столбец «Стандартное отклонение первичного балла»: ожидалось число, найдено «много»',
      'Лист «Результаты», строка 4, столбец «Участников с отметкой по журналу»: ожидалось целое число, найдено «4.5»',
      'Лист «Результаты», строка 4, столбец «Понизили, %»: ожидалось число от 0 до 100, найдено «120»',
    ]);
    expect(read.problems.every((p) => p.sheet === 'Результаты' && p.row !== null && p.column !== null && p.cell)).toBe(true);

    // Clean rows as numbers (the fast path) and as text with decimal commas (the careful path) read the same.
    const clean: Row[] = [];
    for (let i = 0; i < 30; i++) {
      clean.push({ code: String(i), ind: 'ВПР-4 Математика', n: 10 + i + (i % 3), marks: [i % 3, 5, 5, 0 + i], pMean: 8 + i / 7, pMax: 20, pSD: 1 + i / 13,
        pct: i % 2 ? null : 40 + i / 3, rs: i % 4 ? -0.5 + i / 31 : null, rsN: i % 4 ? 9 + i : null, low: 12.5 + i / 9, conf: 80, raise: 7.5 - i / 9, cmpN: 10 + i });
      clean.push({ code: String(i), ind: 'ОГЭ-9 Математика', n: 10, marks: [1, 2, 3, 4], sd: i % 2 ? 0.5 + i / 40 : null, mean: i % 3 ? 15 + i / 3 : null });
    }
    const codes = Array.from({ length: 30 }, (_, i) => String(i));
    const g = grid(clean).map((row) => row.map((c) => (c === undefined ? null : c)));
    const fast = readRegion({ schools: schoolsGrid(codes), results: g });
    const text = g.map((row, r) => (r === 0 ? row : row.map((c, i) => (i >= 5 && typeof c === 'number' ? String(c).replace('.', ',') : c))));
    const careful = readRegion({ schools: schoolsGrid(codes), results: text });
    expect(fast.problems).toEqual([]);
    expect(careful.problems).toEqual([]);
    const plain = (d: typeof fast.data) => ({
      n: [...d.results.n.subarray(0, d.results.length)], mean: [...d.results.mean.subarray(0, d.results.length)],
      sd: [...d.results.sd.subarray(0, d.results.length)], markMean: [...d.results.markMean.subarray(0, d.results.length)],
      o: [...d.results.objectivity!.subarray(0, d.results.length * 10)],
    });
    expect(plain(fast.data)).toEqual(plain(careful.data));
    expect(fast.data.results.length).toBe(60);
    // The marks' mean is kept only where the SD came from the marks.
    expect(Number.isNaN(fast.data.results.markMean[1])).toBe(false);
    expect(Number.isNaN(fast.data.results.markMean[3])).toBe(true);
  });

  test('«Объективность ГГГГ», the column «Признаки необъективности» and the sentence in the reason of a school kept out of ШНОР', () => {
    // 12 schools with ОГЭ-9 Математика: 11 similar, one far above; the inflated one is not ШНОР.
    const codes = Array.from({ length: 12 }, (_, i) => `S${i + 1}`);
    const rows: Row[] = codes.map((code, i) => ({ code, ind: 'ОГЭ-9 Математика', n: 30, mean: i === 0 ? 26 : 14 + (i % 4), sd: 3 }));
    const r = identify({ schools: schoolsGrid(codes), results: grid(rows), settings: [['Параметр', 'Значение'], ['Индикатор', 'ОГЭ-9 Математика']] });
    expect(r.ok).toBe(true);
    const s1 = r.schools[0];
    expect(s1.lowResults).toBe(false);
    expect(s1.objectivityMarkers).toEqual(['inflated-mean:ОГЭ-9 Математика']);
    expect(s1.reason).toMatch(/; результаты, по которым школа не вошла в ШНОР, имеют признак необъективности «завышенный средний балл» \(ОГЭ-9 Математика\): проверьте их объективность; вывод: [^;]+$/);
    expect(r.schools.slice(1).every((s) => !/необъективности/.test(s.reason))).toBe(true);
    const id = identificationSheet(r);
    const col = id.blocks[0].header.indexOf('Признаки необъективности');
    expect(id.blocks[0].rows[0][col]).toBe('завышенный средний балл: ОГЭ-9 Математика');
    expect(id.blocks[0].rows[1][col]).toBeNull();
    const sheet = objectivitySheet(r.objectivity, 2025);
    const h = sheet.blocks[0].header;
    expect(h.slice(0, 4)).toEqual(['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Завышенный балл: ВПР-4 Математика']);
    const first = sheet.blocks[0].rows[0];
    expect(first[h.indexOf('Завышенный балл: ОГЭ-9 Математика')]).toBe('да');
    expect(first[h.indexOf('Завышенный балл: ВПР-4 Математика')]).toBe('недостаточно данных');
    expect(first[h.indexOf('Число признаков')]).toBe(1);
    expect(sheet.blocks[0].rows[1][h.indexOf('Завышенный балл: ОГЭ-9 Математика')]).toBe('нет');
    expect(sheet.blocks[1].rows.at(-1)).toEqual(['Регион в целом', 12, 12, 1, 100 - 100 / 12, 100 - 100 / 12]);
    expect(sheet.title[1]).toBe('Индекс объективности региона: 91,7 (школ с рассчитанными признаками — 12, с признаками — 1)');
  });

  test('the setting is read from «Настройки» and shown with its source', () => {
    const r = identify({ schools: schoolsGrid(['1']), results: grid([{ code: '1', ind: 'ОГЭ-9 Математика', n: 3, mean: 15, sd: 2 }]),
      settings: [['Параметр', 'Значение'], ['Минимум участников для признаков объективности', 3]] });
    expect(r.settings.objectivityMinParticipants).toBe(3);
    expect(r.objectivity.minParticipants).toBe(3);
    expect(DEFAULT_SETTINGS.objectivityMinParticipants).toBe(5);
    expect(r.objectivity.schools[0].status[4]).toBe('clear');
  });
});

test('the wizard\'s run summary carries the index line, the municipalities and the marked schools with labels', async () => {
  const { summarizeRun } = await import('../../shared/wizard-protocol');
  const codes = Array.from({ length: 12 }, (_, i) => `S${i + 1}`);
  const rows: Row[] = codes.map((code, i) => ({ code, ind: 'ОГЭ-9 Математика', n: 30, mean: i === 0 ? 26 : 14 + (i % 4), sd: 3 }));
  const summary = summarizeRun(identify({ schools: schoolsGrid(codes), results: grid(rows) }));
  expect(summary.objectivity.line).toBe('Индекс объективности региона: 91,7 (школ с рассчитанными признаками — 12, с признаками — 1)');
  expect(summary.objectivity.schools).toEqual([{ code: 'S1', name: 'Школа S1', municipality: 'Район А', markers: ['завышенный средний балл: ОГЭ-9 Математика'] }]);
  expect(summary.sheetsWritten.at(-1)).toBe('Объективность 2025');
  expect(JSON.parse(JSON.stringify(summary.objectivity))).toEqual(summary.objectivity);
});
