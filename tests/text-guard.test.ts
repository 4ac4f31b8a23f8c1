/** shared/text-guard.ts: which text a spreadsheet could take for a formula. */
import { formulaLikeCells, isFormulaLike } from '../shared/text-guard';

describe('isFormulaLike', () => {
  test.each(['=1+1', '+1+1', '-1+1', '@SUM(1)', ' =1+1', '\t=1+1', '=HYPERLINK("http://x"&A1,"y")', '-', '  +'])('«%s» is', (t) => {
    expect(isFormulaLike(t)).toBe(true);
  });
  test.each(['', 'МАОУ «СОШ № 1»', '010014', 'a=1', '1+1', '«=1»', '—'])('«%s» is not', (t) => {
    expect(isFormulaLike(t)).toBe(false);
  });
  test('only strings', () => {
    for (const v of [null, undefined, -1, 0, true, new Date(0)]) expect(isFormulaLike(v)).toBe(false);
  });
  test('formulaLikeCells lists the cells, 0-based', () => {
    expect(formulaLikeCells([['a', '=1'], [null, 2, ' -x']])).toEqual([[0, 1], [1, 2]]);
  });
});
