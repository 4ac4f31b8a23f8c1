/**
 * =OBJECTIVITY_MARKERS, =COHORT_CHANGE and =OBJECTIVITY_INDEX (shared/custom-functions.ts) against
 * hand-worked numbers and against the Python reference region (tests/reference/reference_objectivity.py):
 * the functions see only the cells a user selects and must give the reference's markers and index.
 */
import {
  FormulaError, OBJECTIVITY_TEXT, cohortChangeTable, objectivityIndexTable, objectivityMarkersColumn,
} from '../../shared/custom-functions';
import { identify } from '../../shared/method/identify';
import { objectivitySheet } from '../../shared/objectivity/sheet';
import { gridsOf, referenceRegion } from '../helpers/objectivity-region';

describe('by hand', () => {
  test('OBJECTIVITY_MARKERS: the pooled region (x̄ 11,25, upper 12,28) against each school\'s lower bound; rₛ < 0; blank rows blank', () => {
    const out = objectivityMarkersColumn([[15, 4], [10, 4], [10, 4], ['', ''], [19, '']], [[2, 1], [2, 1], [3, 1], ['', ''], [1, '']],
      [[10, 10], [10, 10], [20, 10], ['', ''], [4, '']], [['', -0.3], ['', 0.2], ['', ''], ['', ''], ['', '']], [['ВПР-4 Математика', 'ВПР-5 Математика']]);
    // Column 1 without the school of 4 pupils in the pool changes nothing of the row-5 verdict: 4 < 5.
    // With it: N = 44, x̄ = (150 + 100 + 200 + 76)/44; school 1's lower bound 13,76 is still above.
    expect(out).toEqual([
      ['завышенный средний балл: ВПР-4 Математика; rₛ с журналом < 0: ВПР-5 Математика'], ['нет'], ['нет'], [''], [OBJECTIVITY_TEXT.noData],
    ]);
    expect(objectivityMarkersColumn([[1], [1]], [[''], ['']], [[10], [10]])).toEqual([[OBJECTIVITY_TEXT.noData], [OBJECTIVITY_TEXT.noData]]);
  });

  test('COHORT_CHANGE: K and the verdict against Q25 − 3·IQR and Q75 + 3·IQR (K = 1, 1, 1, 1, 1,1, 3: upper limit 1,3)', () => {
    const out = cohortChangeTable([[50], [50], [50], [50], [55], [75], [''], [50]], [[50], [50], [50], [50], [50], [25], [50], [50]],
      undefined, [[20], [20], [20], [20], [20], [20], [20], [3]]);
    expect(out).toEqual([
      [1, 'нет'], [1, 'нет'], [1, 'нет'], [1, 'нет'], [expect.closeTo(1.1, 12), 'нет'], [3, 'резкое снижение'], ['', OBJECTIVITY_TEXT.noData], ['', OBJECTIVITY_TEXT.noData],
    ]);
  });

  test('OBJECTIVITY_INDEX: 100 − percent marked among computed; by municipality', () => {
    const markers = [['да', 'нет'], ['нет', 'недостаточно данных'], ['недостаточно данных', ''], [2, ''], [0, ''], ['резкий рост', '']];
    const m = [['Б'], ['А'], ['А'], ['Б'], ['А'], ['Б']];
    // computed: rows 1, 2, 4, 5, 6; marked: 1, 4, 6 → 100 − 60 = 40; А: rows 2, 5 → 100; Б: 1, 4, 6 all marked → 0
    expect(objectivityIndexTable(markers)).toEqual([[40]]);
    expect(objectivityIndexTable(markers, m)).toEqual([['Муниципалитет', 'Индекс объективности'], ['А', 100], ['Б', 0], ['Регион в целом', 40]]);
    expect(objectivityIndexTable([['недостаточно данных']])).toEqual([['']]);
  });

  test('bad arguments: a Russian message saying what to fix', () => {
    expect(() => objectivityMarkersColumn([[1]], [[1], [2]], [[1]])).toThrow(FormulaError);
    expect(() => objectivityMarkersColumn([[1]], [[1]], [[10]], [[1.5]])).toThrow(/spearman, строка 1, столбец 1: ожидалось число от −1 до 1, найдено «1.5»/);
    expect(() => objectivityMarkersColumn([[1]], [[1]], [[10]], undefined, [['а', 'б']])).toThrow(/Названий показателей 2, а столбцов в means 1/);
    expect(() => objectivityMarkersColumn([[1]], [[1]], [[10]], undefined, undefined, 0)).toThrow(/min_participants/);
  });
});

describe('on the reference region (400 schools)', () => {
  const ref = referenceRegion(400, 7);
  const e = ref.expected;
  const codes = ref.schools.map((s) => s.code);
  const keys = ['ВПР-4 Математика', 'ВПР-4 Русский язык', 'ВПР-5 Математика', 'ВПР-5 Русский язык'];
  const cell = (code: string, year: number, key: string, field: string) => {
    const r = ref.rows.find((x) => x.code === code && x.year === year && `${x.procedure}-${x.grade} ${x.subject}` === key);
    return r && r[field] !== undefined ? r[field] : '';
  };

  test('OBJECTIVITY_MARKERS over the ВПР columns gives the reference\'s inflated-mean and journal markers', () => {
    const range = (field: string) => codes.map((c) => keys.map((k) => cell(c, 2025, k, field)));
    const out = objectivityMarkersColumn(range('primaryMean'), range('primarySD'), range('n'), codes.map((c) => keys.map((k) => {
      const rs = cell(c, 2025, k, 'spearman');
      return rs === '' ? '' : rs;
    })), [keys]);
    // The function takes m = «Участников» for rₛ; the reference's rₛ rests on the pupils with a journal mark: compare where both agree on the count.
    codes.forEach((code, i) => {
      const want: string[] = [];
      keys.forEach((k, j) => { if (e.status[code][j] === 'marked') want.push(`завышенный средний балл: ${k}`); });
      const got = String(out[i][0]).split('; ').filter((t) => t.startsWith('завышенный'));
      expect([code, got]).toEqual([code, want]);
    });
  });

  test('COHORT_CHANGE gives the reference\'s K and sharp changes', () => {
    const subject = 'Математика';
    const s = (year: number, key: string) => codes.map((c) => {
      const pMean = cell(c, year, key, 'primaryMean'), pMax = cell(c, year, key, 'primaryMax');
      return [pMean === '' ? '' : (100 * Number(pMean)) / Number(pMax)];
    });
    const n = (year: number, key: string) => codes.map((c) => [cell(c, year, key, 'n')]);
    const out = cohortChangeTable(s(2024, `ВПР-4 ${subject}`), s(2025, `ВПР-5 ${subject}`), n(2024, `ВПР-4 ${subject}`), n(2025, `ВПР-5 ${subject}`));
    codes.forEach((code, i) => {
      const k = e.k[code][0];
      if (k === null) expect(out[i][0]).toBe('');
      else expect(Math.abs(Number(out[i][0]) - k)).toBeLessThan(1e-9);
      const verdict = e.status[code][10] === 'marked' ? 'резкий рост' : e.status[code][12] === 'marked' ? 'резкое снижение' : k === null ? null : 'нет';
      if (verdict) expect([code, out[i][1]]).toEqual([code, verdict]);
    });
  });

  test('OBJECTIVITY_INDEX over the 14 marker columns of «Объективность 2025» = the reference\'s index, by municipality too', () => {
    const r = identify(gridsOf(ref), { year: ref.year });
    const sheet = objectivitySheet(r.objectivity, 2025);
    const rows = sheet.blocks[0].rows;
    const markers = rows.map((row) => row.slice(3, 3 + 14).map((v) => v ?? ''));
    const municipalities = rows.map((row) => [row[2]]);
    const table = objectivityIndexTable(markers, municipalities);
    expect(Math.abs(Number(table.at(-1)![1]) - e.index!)).toBeLessThan(1e-9);
    e.municipalities.forEach((m, i) => {
      expect(table[i + 1][0]).toBe(m.name);
      expect(Math.abs(Number(table[i + 1][1]) - m.index!)).toBeLessThan(1e-9);
    });
  });
});
