/**
 * Just enough of a spreadsheet's formula evaluation for the fakes to make a formula live: what a
 * formula cell shows when read back (getValues in Sheets, `values` in Excel), so that a test sees
 * text from the data that became a formula as what it computes, not as what was typed.
 * `=1+1` → 2, `=HYPERLINK("url","label")` → «label», `=SUM(1)` → 1; anything else → «#ERROR!».
 */
export type Computed = string | number | boolean;

export function evaluateFormula(formula: string): Computed {
  const body = formula.replace(/^\s*[=+@]/, '').trim().replace(/^@/, '');
  const link = /^HYPERLINK\((.*),\s*"([^"]*)"\)$/i.exec(body);
  if (link) return link[2];
  const sum = /^SUM\(([^()]*)\)$/i.exec(body);
  if (sum) return sum[1].split(/[;,]/).reduce((a, x) => a + (Number(x) || 0), 0);
  const expr = formula.replace(/^\s*=/, '').trim();
  if (/^[\d\s.+\-*/()]+$/.test(expr)) {
    try {
      const v = Function(`"use strict"; return (${expr});`)() as unknown;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
    } catch { /* not arithmetic after all */ }
  }
  return '#ERROR!';
}
