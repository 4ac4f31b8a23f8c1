/**
 * The spreadsheet functions over 2D arrays as Sheets/Excel pass them: "" for blanks, strings with
 * decimal commas; blank rows stay blank; bad arguments throw a FormulaError with a Russian message.
 */
import {
  FormulaError, isbshColumn, isbshGroupColumn, isbshModelTable, lowResultsColumn, norGroupColumn, qualityIndexColumn,
  qualitySEColumn, schoolCategoryColumn, valueAddedColumn,
} from '../../shared/custom-functions';

/** Flattens a one-column result, rounding numbers for comparison. */
const col = (out: unknown[][], digits = 10) => out.map((r) => (typeof r[0] === 'number' ? +(r[0] as number).toFixed(digits) : r[0]));

function formulaError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    return (e as Error).message;
  }
  throw new Error('no FormulaError thrown');
}

describe('QUALITY_INDEX(means)', () => {
  test('each column over its own mean, then the mean over the row\'s non-blank columns; blank rows stay blank', () => {
    // X1 = (4 + 3 + 5)/3 = 4; X2 = (60 + 40)/2 = 50
    // row 1: (4/4 + 60/50)/2 = (1 + 1.2)/2 = 1.1; row 2: 3/4 = 0.75; row 3: (1.25 + 0.8)/2 = 1.025; row 4 blank
    const out = qualityIndexColumn([['4', '60'], ['3', ''], ['5,0', '40'], ['', '']]);
    expect(col(out)).toEqual([1.1, 0.75, 1.025, '']);
  });
  test('«н/д» and #N/A are blanks', () => {
    expect(col(qualityIndexColumn([[4], ['н/д'], [2], ['#N/A']]))).toEqual([4 / 3, '', 2 / 3, ''].map((v) => (typeof v === 'number' ? +v.toFixed(10) : v)));
  });
  test('text that is not a number: a FormulaError naming the argument, row and column', () => {
    expect(formulaError(() => qualityIndexColumn([['4', '60'], ['abc', '50']]))).toBe('Аргумент means, строка 2, столбец 1: ожидалось число, найдено «abc»');
  });
});

describe('QUALITY_SE(means, participants, [sds])', () => {
  test('s/(√n·X), the pooled SD where the SD is blank or n = 1', () => {
    // X = (4 + 3 + 5)/3 = 4; pooled = √((24·1 + 15·4)/(24 + 15)) = √(84/39) = 1.467599
    // row 1: 1/(5·4) = 0.05; row 2: 2/(4·4) = 0.125; row 3 (n = 1): 1.467599/(1·4) = 0.366900
    const out = qualitySEColumn([['4'], ['3'], ['5'], ['']], [[25], ['16'], [1], ['']], [['1'], ['2,0'], [''], ['']]);
    expect(col(out)).toEqual([0.05, 0.125, +(Math.sqrt(84 / 39) / 4).toFixed(10), '']);
  });
  test('no SD at all: a FormulaError', () => {
    expect(formulaError(() => qualitySEColumn([[4], [3]], [[25], [16]]))).toBe(
      'Столбец 1: нет ни одного стандартного отклонения (sds) при числе участников больше 1 — стандартную ошибку не оценить');
  });
  test('mismatched heights and widths: FormulaErrors', () => {
    expect(formulaError(() => qualitySEColumn([[4], [3], [5]], [[25], [16]], [[1], [1], [1]]))).toBe(
      'Диапазоны means и participants разной высоты: 3 строки и 2 строки; выделите одинаковые строки школ');
    expect(formulaError(() => qualitySEColumn([[4, 5], [3, 4]], [[25], [16]]))).toBe(
      'Диапазоны means и participants разной ширины: 2 столбца и 1 столбец; нужно по одному столбцу на показатель в обоих');
  });
});

describe('NOR_GROUP(quality_index, [se])', () => {
  test('band rule with σ = sample SD of the non-blank values', () => {
    // σ = SD(0.8, 1, 1.2) = 0.2: d = −1 → 2d = −2 → 4; 6; 8
    expect(col(norGroupColumn([['0,8'], [1], ['1,2'], ['']]))).toEqual([4, 6, 8, '']);
  });
  test('with se: the significance gate first', () => {
    // z = (0.8 − 1)/0.05 = −4 → min(4, 5) = 4; z = 0 → 6; z = 0.2/0.5 = 0.4 → not significant → 6
    expect(col(norGroupColumn([[0.8], [1], [1.2], ['']], [[0.05], [0.05], [0.5], ['']]))).toEqual([4, 6, 6, '']);
  });
  test('band 6 but significant → 5 / 7', () => {
    // σ = SD(0.99, 1.01, 0.8, 1.2) = √(0.0802/3) = 0.163503; 0.99: d = −0.061 → band 6; z = −0.01/0.005 = −2 → 5
    expect(col(norGroupColumn([[0.99], [1.01], [0.8], [1.2]], [[0.005], [0.005], [1], [1]]))).toEqual([5, 7, 6, 6]);
  });
  test('fewer than two distinct values: a FormulaError', () => {
    expect(formulaError(() => norGroupColumn([[1], ['']]))).toBe('В quality_index меньше двух разных значений: группы по отклонению от среднего не определить');
  });
  test('different heights of quality_index and se: a FormulaError', () => {
    expect(formulaError(() => norGroupColumn([[0.8], [1.2]], [[0.1]]))).toBe(
      'Диапазоны quality_index и se разной высоты: 2 строки и 1 строка; выделите одинаковые строки школ');
  });
});

describe('ISBSH, VALUE_ADDED, ISBSH_MODEL, ISBSH_GROUP', () => {
  // One factor x = 1..4, QI 0.8, 0.9, 1.1, 1.2: b = 0.7/5 = 0.14, b0 = 1 − 0.14·2.5 = 0.65
  // ŷ = 0.79, 0.93, 1.07, 1.21; mean ŷ over fitted rows = 1 → ИСБШ = ŷ. Row 5 has a factor but no QI:
  // ИСБШ = (0.65 + 0.14·5)/1 = 1.35, no residual. Row 6 is blank.
  const q = [['0,8'], ['0,9'], ['1,1'], ['1,2'], [''], ['']];
  const x = [[1], [2], [3], [4], [5], ['']];

  test('ISBSH = ŷ / mean(ŷ over the fitted rows)', () => {
    expect(col(isbshColumn(q, x))).toEqual([0.79, 0.93, 1.07, 1.21, 1.35, '']);
  });

  test('VALUE_ADDED = QI − ŷ for rows with both', () => {
    expect(col(valueAddedColumn(q, x))).toEqual([0.01, -0.03, 0.03, -0.01, '', '']);
  });

  test('ISBSH_MODEL: a labelled table', () => {
    // SSR = 0.002, SST = 0.1: R² = 0.98, adjR² = 0.97, residual SD = √0.001; SE(b) = √(0.001/5); t = √98; p = 1 − √98/10
    const t = isbshModelTable(q, x, [['Родители с ВО, %']]);
    expect(t[0]).toEqual(['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'β']);
    expect(t[1][0]).toBe('Свободный член');
    expect(t[1][1]).toBeCloseTo(0.65, 12);
    expect(t[2][0]).toBe('Родители с ВО, %');
    expect(t[2][1]).toBeCloseTo(0.14, 12);
    expect(t[2][2]).toBeCloseTo(Math.sqrt(0.001 / 5), 12);
    expect(t[2][3]).toBeCloseTo(Math.sqrt(98), 8);
    expect(t[2][4]).toBeCloseTo(1 - Math.sqrt(98) / 10, 10);
    expect(t[2][5]).toBeCloseTo(Math.sqrt(0.98), 10);
    expect(t.slice(3).map((r) => r[0])).toEqual(['R²', 'Скорректированный R²', 'n', 'СО остатков']);
    expect(t[3][1]).toBeCloseTo(0.98, 12);
    expect(t[4][1]).toBeCloseTo(0.97, 12);
    expect(t[5][1]).toBe(4);
    expect(t[6][1]).toBeCloseTo(Math.sqrt(0.001), 12);
    expect(t.every((r) => r.length === 6)).toBe(true);
  });

  test('ISBSH_MODEL: default factor names; a wrong number of names is a FormulaError', () => {
    expect(isbshModelTable(q, x)[2][0]).toBe('Фактор 1');
    expect(formulaError(() => isbshModelTable(q, x, [['a', 'b']]))).toBe('Названий факторов 2, а столбцов в factors 1: укажите по одному названию на столбец');
  });

  test('a model that cannot be fitted: the plain message as a FormulaError', () => {
    expect(formulaError(() => isbshColumn([[1], [2]], [[1], [2]]))).toBe('Модель ИСБШ не рассчитана: школ с группой по качеству и всеми факторами 2, нужно не меньше 3');
    expect(formulaError(() => isbshColumn([[1], [2], [3], [4]], [[1, 2], [2, 4], [3, 6], [4, 8]]))).toMatch(/^Модель ИСБШ не рассчитана: факторы «Фактор 1», «Фактор 2» линейно зависимы/);
    expect(formulaError(() => isbshColumn([[1], [2], [3]], [[1], [2]]))).toBe('Диапазоны quality_index и factors разной высоты: 3 строки и 2 строки; выделите одинаковые строки школ');
  });

  test('ISBSH_GROUP: band rule without a gate', () => {
    // σ = SD(0.79, 0.93, 1.07, 1.21) = √((2·0.0441 + 2·0.0049)/3) = √0.0326667 = 0.180739
    // d = −1.1619 → 2d = −2.32 → −2 → 4; −0.3873 → −0.775 → −1 → 5; → 7; → 8
    expect(col(isbshGroupColumn([[0.79], ['0,93'], [1.07], [1.21], ['']]))).toEqual([4, 5, 7, 8, '']);
  });
});

describe('LOW_RESULTS(fails, participants, [threshold], [min_participants])', () => {
  const f = [[3, 1], [2, ''], ['', '']];
  const n = [['10', 10], [10, ''], ['', '']];
  test('default 30% and 5 participants; exactly 30% counts; blank rows stay blank', () => {
    // row 1: 3/10 = 30% ✓; row 2: 2/10 = 20% ✗
    expect(lowResultsColumn(f, n)).toEqual([[true], [false], ['']]);
  });
  test('threshold as «25%», 25 or 0,25; min_participants', () => {
    expect(lowResultsColumn(f, n, '25%')).toEqual([[true], [false], ['']]);
    expect(lowResultsColumn(f, n, 20)).toEqual([[true], [true], ['']]);
    expect(lowResultsColumn(f, n, '0,2')).toEqual([[true], [true], ['']]);
    expect(lowResultsColumn(f, n, '', 11)).toEqual([[false], [false], ['']]);
  });
  test('bad threshold, mismatched ranges: FormulaErrors', () => {
    expect(formulaError(() => lowResultsColumn(f, n, 150))).toBe('threshold: ожидался процент от 0 до 100, указано 150,00');
    expect(formulaError(() => lowResultsColumn(f, [[10, 10]]))).toBe('Диапазоны fails и participants разной высоты: 3 строки и 1 строка; выделите одинаковые строки школ');
    expect(formulaError(() => lowResultsColumn([['три']], [[10]]))).toBe('Аргумент fails, строка 1, столбец 1: ожидалось число, найдено «три»');
  });
});

describe('SCHOOL_CATEGORY(nor_group, isbsh_group)', () => {
  test('the categories of rule 8; blank stays blank', () => {
    const out = schoolCategoryColumn([[3], [8], [6], [''], [2], ['5'], [6]], [[2], [3], [7], [''], [''], ['6'], ['4']]);
    expect(out).toEqual([['ШНОР и ШФНСУ'], ['резильентная'], ['средние'], [''], ['ШНОР'], ['ШНОР'], ['ШФНСУ']]);
  });
  test('a group outside 1–11: a FormulaError', () => {
    expect(formulaError(() => schoolCategoryColumn([[12]], [[3]]))).toBe('Аргумент nor_group, строка 1: группа должна быть целым числом от 1 до 11, найдено 12,00');
    expect(formulaError(() => schoolCategoryColumn([[3]], [['2,5']]))).toBe('Аргумент isbsh_group, строка 1: группа должна быть целым числом от 1 до 11, найдено 2,50');
    expect(formulaError(() => schoolCategoryColumn([[3], [4]], [[3]]))).toBe('Диапазоны nor_group и isbsh_group разной высоты: 2 строки и 1 строка; выделите одинаковые строки школ');
  });
});
