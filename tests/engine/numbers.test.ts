import { cellText, isBlank, parseNumber } from '../../shared/input/numbers';
import { clamp, finiteOrNull, mean, roundHalfAway, sampleSD, studentTwoSidedP } from '../../shared/method/statistics';
import { columnLetter, findHeader, normalizeHeader } from '../../shared/input/table';
import { fmt, fmtPercent, locate, plural, NOUN } from '../../shared/messages';

const num = (value: number, percent = false) => ({ kind: 'number', value, percent });

describe('parseNumber: numbers as officials write them (DATA.md «Dirty input»)', () => {
  test.each<[unknown, unknown]>([
    [4.25, num(4.25)],
    ['4,25', num(4.25)],
    ['4.25', num(4.25)],
    [' 4,25 ', num(4.25)],
    ['1 234', num(1234)],
    ['1\u00a0234', num(1234)], // NBSP between thousands
    ['1\u202f234,5', num(1234.5)], // narrow NBSP
    ['1 234 567,89', num(1234567.89)],
    ['1.234,5', num(1234.5)], // dot groups, comma is the decimal mark
    ['1,234.5', num(1234.5)], // comma groups, dot is the decimal mark
    ['12,5%', num(12.5, true)],
    ['12,5 %', num(12.5, true)],
    ['-3', num(-3)],
    ['0', num(0)],
    [0, num(0)],
  ])('%p → %p', (cell, expected) => {
    expect(parseNumber(cell as never)).toEqual(expected);
  });

  test.each(['', '   ', '-', '—', '–', 'н/д', 'Н/Д', 'нет данных', 'Нет  данных', '#N/A', '#Н/Д', '#DIV/0!', '#ДЕЛ/0!', '#VALUE!', null, undefined])(
    '%p means missing', (cell) => {
      expect(parseNumber(cell as never)).toEqual({ kind: 'missing' });
    });

  test.each([['двадцать', 'двадцать'], [' abc ', 'abc'], ['4,2,5', '4,2,5'], ['12-5', '12-5']])('%p is bad, reported as «%s»', (cell, text) => {
    expect(parseNumber(cell)).toEqual({ kind: 'bad', text });
  });

  test('a boolean or a non-finite number is bad, a date is shown as a date', () => {
    expect(parseNumber(true).kind).toBe('bad');
    expect(parseNumber(NaN).kind).toBe('bad');
    expect(parseNumber(new Date(Date.UTC(2025, 4, 1)))).toEqual({ kind: 'bad', text: '2025-05-01' });
  });
});

describe('cellText / isBlank', () => {
  test('trims and collapses spaces (NBSP too); integers without a decimal point', () => {
    expect(cellText('  Код\u00a0\u00a0ОО ')).toBe('Код ОО');
    expect(cellText(9)).toBe('9');
    expect(cellText(4.5)).toBe('4.5');
    expect(cellText(null)).toBe('');
    expect(cellText('000123')).toBe('000123'); // leading zeros kept
  });
  test('blank cells', () => {
    expect(isBlank('  ')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank('-')).toBe(false);
  });
});

describe('statistics helpers', () => {
  test('roundHalfAway rounds .5 away from zero, both signs (precise rule 5)', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3); // Math.round(-2.5) would give -2
    expect(roundHalfAway(0.5)).toBe(1);
    expect(roundHalfAway(-0.5)).toBe(-1);
    expect(roundHalfAway(1.5)).toBe(2);
    expect(roundHalfAway(-1.5)).toBe(-2);
    expect(roundHalfAway(2.4999)).toBe(2);
    expect(roundHalfAway(-2.4999)).toBe(-2);
    expect(roundHalfAway(0.49999999999999994)).toBe(0);
  });
  test('mean and sample SD (n − 1)', () => {
    // mean = (2+4+4+4+5+5+7+9)/8 = 5; SS = 9+1+1+1+0+0+4+16 = 32; SD = √(32/7) = 2.13809
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sampleSD([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSD([0.8, 1.0, 1.2])).toBeCloseTo(0.2, 12); // SS = 0.08, /2 = 0.04
    expect(Number.isNaN(sampleSD([1]))).toBe(true);
    expect(Number.isNaN(mean([]))).toBe(true);
  });
  test('clamp and finiteOrNull', () => {
    expect(clamp(7, -5, 5)).toBe(5);
    expect(clamp(-7, -5, 5)).toBe(-5);
    expect(clamp(2, -5, 5)).toBe(2);
    expect(finiteOrNull(NaN)).toBeNull();
    expect(finiteOrNull(Infinity)).toBeNull();
    expect(finiteOrNull(0)).toBe(0);
  });
  test('two-sided Student p-value', () => {
    // df = 2 has a closed form: p = 1 − |t| / √(t² + 2). t² = 98 → p = 1 − √98/10 = 0.0100505
    expect(studentTwoSidedP(Math.sqrt(98), 2)).toBeCloseTo(1 - Math.sqrt(98) / 10, 10);
    // df = 1 (Cauchy): p = 1 − 2·atan(|t|)/π; t = 1 → 0.5
    expect(studentTwoSidedP(1, 1)).toBeCloseTo(0.5, 10);
    expect(studentTwoSidedP(-1, 1)).toBeCloseTo(0.5, 10);
    expect(studentTwoSidedP(0, 7)).toBeCloseTo(1, 12);
    // t(10) critical value 2.228 → p ≈ 0.05 (statistical tables)
    expect(studentTwoSidedP(2.228138851986, 10)).toBeCloseTo(0.05, 6);
  });
});

describe('headers (DATA.md: case- and space-insensitive, synonyms, title rows)', () => {
  test('normalizeHeader ignores case, spaces (NBSP too) and ё/е', () => {
    expect(normalizeHeader(' Код  ОО ')).toBe(normalizeHeader('код оо'));
    expect(normalizeHeader('КОД\u00a0ОО')).toBe('кодоо');
    expect(normalizeHeader('На учёте в КДН')).toBe(normalizeHeader('на учете в кдн'));
  });

  test('findHeader skips title rows and empty rows, matches synonyms', () => {
    const grid = [
      ['Результаты оценочных процедур, 2025 год', null, null],
      [],
      ['', '', ''],
      ['  КОД ', 'наименование', 'МО', 'Прочее'],
      ['001', 'Школа', 'Город'],
    ];
    const h = findHeader(grid, [
      { key: 'code', title: 'Код ОО', synonyms: ['Код'], required: true },
      { key: 'name', title: 'Наименование ОО', synonyms: ['Наименование'], required: true },
      { key: 'mun', title: 'Муниципалитет', synonyms: ['МО'], required: true },
    ])!;
    expect(h.headerRow).toBe(3);
    expect(h.columns).toEqual({ code: 0, name: 1, mun: 2 });
    expect(h.missing).toEqual([]);
    expect(h.extra).toEqual([{ index: 3, title: 'Прочее' }]);
  });

  test('findHeader reports missing required columns and returns null when nothing matches', () => {
    const specs = [{ key: 'a', title: 'Год', required: true }, { key: 'b', title: 'Код ОО', required: true }];
    expect(findHeader([['Год', 'Что-то']], specs)!.missing.map((s) => s.title)).toEqual(['Код ОО']);
    expect(findHeader([['x', 'y']], specs)).toBeNull();
  });

  test('columnLetter', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(27)).toBe('AB');
  });
});

describe('message formatting', () => {
  test('locate() gives «Лист «…», строка N, столбец «…»»', () => {
    expect(locate('Результаты', 17, 'Участников')).toBe('Лист «Результаты», строка 17, столбец «Участников»');
    expect(locate('Школы', null, null)).toBe('Лист «Школы»');
  });
  test('Russian numbers: decimal comma and a real minus sign', () => {
    expect(fmt(0.8249)).toBe('0,82');
    expect(fmt(-0.104)).toBe('−0,10');
    expect(fmt(null)).toBe('—');
    expect(fmt(NaN)).toBe('—');
    expect(fmtPercent(0.345)).toBe('34,5%');
  });
  test('plural', () => {
    expect(plural(1, NOUN.school)).toBe('школа');
    expect(plural(3, NOUN.school)).toBe('школы');
    expect(plural(11, NOUN.school)).toBe('школ');
    expect(plural(21, NOUN.school)).toBe('школа');
    expect(plural(25, NOUN.school)).toBe('школ');
  });
});
