/**
 * Target-indicator achievement in both directions, with numbers worked out by hand, and reading an
 * indicator table back from a sheet.
 */
import { indicatorAchievement, readIndicators } from '../shared/roadmap/indicators';
import { INDICATOR_HEADERS as H } from '../shared/roadmap/messages';

const up = (base: number | null, plan: number, fact: number) =>
  indicatorAchievement({ comparator: 'не менее', direction: 'higher', base, plan, fact });
const down = (base: number | null, plan: number, fact: number) =>
  indicatorAchievement({ comparator: 'не более', direction: 'lower', base, plan, fact });

describe('more is better («не менее»)', () => {
  test('with a base: the share of the way from base to plan', () => {
    // 25% → 100%, fact 50%: (50 − 25) / (100 − 25) = 1/3.
    expect(up(0.25, 1, 0.5).achievement).toBeCloseTo(1 / 3, 12);
    expect(up(0.25, 1, 0.5).status).toBe('частично');
    expect(up(0.25, 1, 1)).toEqual({ achievement: 1, status: 'достигнуто' });
    // Below the base: negative, not achieved.
    expect(up(0.25, 1, 0.2).achievement).toBeCloseTo(-0.05 / 0.75, 12);
    expect(up(0.25, 1, 0.2).status).toBe('не достигнуто');
    // At the base exactly: no movement.
    expect(up(0, 1, 0)).toEqual({ achievement: 0, status: 'не достигнуто' });
  });

  test('without a base: fact / plan', () => {
    expect(up(null, 5, 3)).toEqual({ achievement: 0.6, status: 'не достигнуто' });
    expect(up(null, 5, 6).achievement).toBeCloseTo(1.2, 12);
    expect(up(null, 5, 6).status).toBe('достигнуто');
    expect(up(null, 0.2, 1 / 3).achievement).toBeCloseTo(5 / 3, 12);
  });
});

describe('less is better («не более»)', () => {
  test('with a base: the share of the way down from base to plan', () => {
    // 15% → 0%, fact 5%: (5 − 15) / (0 − 15) = 2/3.
    expect(down(0.15, 0, 0.05).achievement).toBeCloseTo(2 / 3, 12);
    expect(down(0.15, 0, 0.05).status).toBe('частично');
    expect(down(0.15, 0, 0)).toEqual({ achievement: 1, status: 'достигнуто' });
    // 22% → 16%, fact 25%: (25 − 22) / (16 − 22) = −0.5.
    expect(down(0.22, 0.16, 0.25).achievement).toBeCloseTo(-0.5, 12);
    expect(down(0.22, 0.16, 0.25).status).toBe('не достигнуто');
  });

  test('without a base: plan / fact (a fact of zero meets any plan)', () => {
    // Pilot sites by application: at most 45%, fact 3 of 8 = 37.5% → 0.45 / 0.375 = 1.2.
    expect(down(null, 0.45, 0.375).achievement).toBeCloseTo(1.2, 12);
    expect(down(null, 0.45, 0.375).status).toBe('достигнуто');
    expect(down(null, 0.05, 0.125).achievement).toBeCloseTo(0.4, 12);
    expect(down(null, 0.05, 0.125).status).toBe('не достигнуто');
    expect(down(null, 0.05, 0)).toEqual({ achievement: 1, status: 'достигнуто' });
  });

  test('no comparator: the direction decides', () => {
    expect(indicatorAchievement({ comparator: '', direction: 'lower', base: 10, plan: 4, fact: 4 })).toEqual({ achievement: 1, status: 'достигнуто' });
    expect(indicatorAchievement({ comparator: '', direction: 'higher', base: null, plan: 0.5, fact: 0.4 }).status).toBe('не достигнуто');
  });
});

describe('да/нет and missing values', () => {
  test('yes/no compares the words, case aside', () => {
    expect(indicatorAchievement({ comparator: 'да/нет', direction: 'higher', base: null, plan: 'да', fact: 'Да' }))
      .toEqual({ achievement: 1, status: 'достигнуто' });
    expect(indicatorAchievement({ comparator: 'да/нет', direction: 'higher', base: 'нет', plan: 'да', fact: 'в процессе становления' }))
      .toEqual({ achievement: 0, status: 'не достигнуто' });
  });

  test('no plan, no fact, text where a number is needed', () => {
    expect(up(null, null as unknown as number, 1).status).toBe('нет плана');
    expect(indicatorAchievement({ comparator: 'не менее', direction: 'higher', base: null, plan: 5, fact: null }).status).toBe('нет факта');
    expect(indicatorAchievement({ comparator: 'не менее', direction: 'higher', base: null, plan: 5, fact: 'много' }))
      .toEqual({ achievement: null, status: 'проверьте значения' });
  });
});

test('reading an indicator table: percents as written, a continuation row keeps the name', () => {
  const grid = [
    ['Целевые показатели'],
    [H.number, H.name, H.unit, H.direction, H.comparator, H.base, H.period, H.plan, H.fact, H.achievement, H.status, H.source],
    ['4.1', 'Доля школ со стабильно низкими результатами', '%', 'меньше — лучше', 'не более', '15%', '2021 год', '0%', '5%', null, null, null],
    ['8.2', 'Доля ШНОР с положительной динамикой ОГЭ по математике', '%', 'больше — лучше', 'не менее', null, '2021 год', 0.05, '0,07', null, null, null],
    [null, null, null, 'больше — лучше', 'не менее', null, '2022 год', 0.07, null, null, null, null],
    [],
    ['1.1', 'Наличие пакета документов', 'да/нет', 'больше — лучше', 'да/нет', null, '2020–2023 гг.', 'да', 'нет', null, null, null],
  ];
  const { rows, problems } = readIndicators(grid, 'Показатели');
  expect(problems).toEqual([]);
  expect(rows.map((r) => [r.number, r.period, r.base, r.plan, r.fact, r.result.status])).toEqual([
    ['4.1', '2021 год', 0.15, 0, 0.05, 'частично'],
    ['8.2', '2021 год', null, 0.05, 0.07, 'достигнуто'],
    ['8.2', '2022 год', null, 0.07, null, 'нет факта'],
    ['1.1', '2020–2023 гг.', null, 'да', 'нет', 'не достигнуто'],
  ]);
  expect(rows[2].name).toBe('Доля ШНОР с положительной динамикой ОГЭ по математике');
  expect(rows[0].result.achievement).toBeCloseTo(2 / 3, 12);
});
