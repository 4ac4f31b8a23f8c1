/** The one table of spellings (shared/method/indicators.ts), variant by variant. */
import {
  canonicalGrade, canonicalProcedure, canonicalSubject, fixLookalikes, indicatorKey, indicatorKeyFromText, nearIndicators,
} from '../../shared/method/indicators';
import { readSettings } from '../../shared/method/settings';

describe('procedures', () => {
  test.each([
    ['ВПР', 'ВПР'], ['впр', 'ВПР'], ['ОГЭ', 'ОГЭ'], ['огэ ', 'ОГЭ'], ['ГИА-9 (ОГЭ)', 'ОГЭ'], ['ГИА-9', 'ОГЭ'], ['ГИА 9', 'ОГЭ'],
    ['ЕГЭ', 'ЕГЭ'], ['егэ', 'ЕГЭ'], ['ГИА-11 (ЕГЭ)', 'ЕГЭ'], ['ГИА-11', 'ЕГЭ'], ['EГЭ' /* Latin E */, 'ЕГЭ'],
    ['ГВЭ', 'ГВЭ'], ['ГИА-9 (ГВЭ)', 'ГВЭ'], ['нико', 'НИКО'],
  ])('«%s» → %s', (text, key) => expect(canonicalProcedure(text)).toBe(key));
});

describe('grades', () => {
  test.each([
    [11, '11'], ['11', '11'], ['11 класс', '11'], ['9 кл.', '9'], ['9 кл', '9'], ['4-й класс', '4'], [' 5 ', '5'], ['5 классы', '5'],
    ['10–11', '10–11'],
  ])('«%s» → %s', (text, key) => expect(canonicalGrade(text)).toBe(key));
});

describe('subjects', () => {
  test.each([
    ['Математика', 'Математика'], ['математика ', 'Математика'], ['МАТЕМАТИКА', 'Математика'],
    ['Математика (профиль)', 'Математика'], ['Математика (профильный уровень)', 'Математика'], ['Профильная математика', 'Математика'],
    ['Математика П', 'Математика'], ['Математика (п)', 'Математика'], ['Математика профильного уровня', 'Математика'],
    ['Математика (база)', 'Математика (базовая)'], ['Математика (базовый уровень)', 'Математика (базовая)'], ['Базовая математика', 'Математика (базовая)'],
    ['Математика Б', 'Математика (базовая)'], ['Математика (Б)', 'Математика (базовая)'], ['математика базовая', 'Математика (базовая)'],
    ['Русский язык', 'Русский язык'], ['русский  язык', 'Русский язык'], ['Руccкий язык' /* Latin c */, 'Русский язык'], ['рус. яз.', 'Русский язык'],
    ['Литературное чтение', 'Литературное чтение'], ['литература', 'Литература'],
    ['Французcкий язык' /* Latin c */, 'Французский язык'], ['Английский язык (письменная часть)', 'Английский язык (письменная часть)'],
    ['английский язык (устная часть)', 'Английский язык (устная часть)'], ['Английский язык, письменно', 'Английский язык (письменная часть)'],
    ['Английский язык', 'Английский язык'], ['Информатика и ИКТ', 'Информатика'], ['История России', 'История России'],
    ['Ёлочная химия', 'Ёлочная химия'],
  ])('«%s» → %s', (text, key) => expect(canonicalSubject(text)).toBe(key));

  test('basic mathematics is never profile, literary reading never literature, written never oral', () => {
    expect(indicatorKey('ЕГЭ', 11, 'Математика (база)')).not.toBe(indicatorKey('ЕГЭ', 11, 'Математика (профиль)'));
    expect(canonicalSubject('Литературное чтение')).not.toBe(canonicalSubject('Литература'));
    expect(canonicalSubject('Немецкий язык (письменная часть)')).not.toBe(canonicalSubject('Немецкий язык (устная часть)'));
  });

  test('Latin look-alikes are fixed only inside Cyrillic words', () => {
    expect(fixLookalikes('Французcкий язык')).toBe('Французский язык');
    expect(fixLookalikes('Python и ИКТ')).toBe('Python и ИКТ');
  });
});

describe('keys', () => {
  test.each([
    [['ГИА-11 (ЕГЭ)', '11 класс', 'Математика (профильный уровень)'], 'ЕГЭ-11 Математика'],
    [['егэ', 11, ' Профильная математика'], 'ЕГЭ-11 Математика'],
    [['ГИА-9 (ОГЭ)', '9 кл.', 'русский язык '], 'ОГЭ-9 Русский язык'],
    [['впр', '4-й класс', 'МАТЕМАТИКА'], 'ВПР-4 Математика'],
  ] as [[string, string | number, string], string][])('%j → %s', ([p, g, s], key) => expect(indicatorKey(p, g, s)).toBe(key));

  test.each([
    ['ОГЭ 9 математика', 'ОГЭ-9 Математика'], ['ЕГЭ-11 Математика (профиль)', 'ЕГЭ-11 Математика'],
    ['ЕГЭ-11 Математика (базовый уровень)', 'ЕГЭ-11 Математика (базовая)'], ['ГИА-9 (ОГЭ) Русский язык', 'ОГЭ-9 Русский язык'],
    ['ГИА-11 Математика профильная', 'ЕГЭ-11 Математика'], ['ВПР 4 класс русский язык', 'ВПР-4 Русский язык'], ['впр-5  Мaтематика', 'ВПР-5 Математика'],
  ])('«%s» in one cell → %s', (text, key) => expect(indicatorKeyFromText(text)).toBe(key));

  test('«Индикатор» rows of «Настройки» accept every spelling', () => {
    const s = readSettings([['Параметр', 'Значение'], ['Индикатор', 'ЕГЭ-11 Математика (профиль)'], ['Индикатор', 'ГИА-9 (ОГЭ) русский язык']]).settings;
    expect(s.indicators).toEqual(['ЕГЭ-11 Математика', 'ОГЭ-9 Русский язык']);
  });
});

describe('indicators close to a chosen one', () => {
  test('basic mathematics is named beside profile, with the reason', () => {
    const near = nearIndicators(['ЕГЭ-11 Математика (базовая)'], ['ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык'], new Set());
    expect(near).toEqual([{ present: 'ЕГЭ-11 Математика (базовая)', like: 'ЕГЭ-11 Математика', likeMissing: false, reason: 'базовая и профильная математика — разные показатели' }]);
  });
  test('a chosen indicator missing from the data is the likelier match', () => {
    const near = nearIndicators(['ЕГЭ-11 Математика и начала анализа'], ['ЕГЭ-11 Математика', 'ЕГЭ-11 Русский язык'], new Set(['ЕГЭ-11 Математика']));
    expect(near[0]).toMatchObject({ like: 'ЕГЭ-11 Математика', likeMissing: true });
  });
  test('an unrelated indicator is not near anything', () => {
    expect(nearIndicators(['ЕГЭ-11 Физика'], ['ОГЭ-9 Математика', 'ВПР-4 Русский язык'], new Set())).toEqual([]);
  });
});

describe('importers name subjects by the same table', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { subjectFromText, canonicalSubject: importSubject } = require('../../shared/import/common') as typeof import('../../shared/import/common');
  test.each([
    ['ВПР 2026 Русский язык 4 класс', 'Русский язык'], ['ВПР 2026 Литературное чтение 4 класс', 'Литературное чтение'],
    ['ЕГЭ 2026 Математика (базовый уровень)', 'Математика (базовая)'], ['ЕГЭ 2026 Математика (профильный уровень)', 'Математика'],
    ['ЕГЭ 2026 Английский язык (устная часть)', 'Английский язык (устная часть)'], ['ЕГЭ 2026 Английский язык (письменная часть)', 'Английский язык (письменная часть)'],
    ['ВПР 2026 Французcкий язык 7 класс' /* Latin c */, 'Французский язык'],
  ])('title «%s» → %s', (title, subject) => expect(subjectFromText([title])).toBe(subject));
  test('a subject typed by the user', () => {
    expect(importSubject('русский')).toBe('Русский язык');
    expect(importSubject('математика (база)')).toBe('Математика (базовая)');
  });
});
