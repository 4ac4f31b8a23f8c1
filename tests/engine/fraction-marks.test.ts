/**
 * Mark shares from a percent-formatted cell arrive as fractions (Excel's `values` gives 25% as 0.25).
 */
import { readRegion } from '../../shared/input/read-region';
import { resultsGrid, schoolsGrid } from './helpers';

test('four shares summing to 1 are read as percentages: the same counts as 25/25/25/25', () => {
  const read = (pct: [number, number, number, number]) => readRegion({
    schools: schoolsGrid(['001']),
    results: resultsGrid([{ code: '001', n: 20, pct }]),
  });
  const fractions = read([0.1, 0.2, 0.3, 0.4]);
  const percents = read([10, 20, 30, 40]);
  expect(fractions.problems).toEqual([]);
  // n = 20: counts 2, 4, 6, 8 → mean (2·2 + 3·4 + 4·6 + 5·8) / 20 = 80 / 20 = 4, failures 2.
  expect(fractions.data.results.mean[0]).toBeCloseTo(4, 12);
  expect(fractions.data.results.fails[0]).toBeCloseTo(2, 12);
  expect(fractions.data.results.sd[0]).toBeCloseTo(percents.data.results.sd[0], 12);
});
