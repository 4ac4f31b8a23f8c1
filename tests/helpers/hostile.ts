/**
 * Hostile text for the writers' tests (issue 13 § 1): text from the data that a spreadsheet could
 * take for a formula, put in every text column of the demo region (school names, municipalities,
 * codes, subjects, procedures, headers of candidate factors, settings). After any writer ran, no cell of a sheet
 * the project wrote may hold a formula that came from this text, and the text must read as typed.
 */
import type { Cell, Grid, RegionTables } from '../../shared/types';

export const PAYLOADS = ['=HYPERLINK("http://x"&A1,"y")', '+1+1', '-1+1', '@SUM(1)', ' =1+1', '\t=1+1'] as const;

/** Whether a formula came from the payloads (the project's own formulas never hold these). */
export function fromPayload(formula: string): boolean {
  return /http:\/\/x|1\+1|SUM\(1\)/.test(formula);
}

const clone = (g: Grid | undefined): Grid => (g ?? []).map((r) => [...r]);

/**
 * The region with hostile text: the first schools' names and municipalities, the codes of six
 * other schools (in every sheet), extra result rows with a hostile subject and procedure, the
 * factor headers of the social sheet, and settings rows with hostile names and values.
 */
export function hostileTables(tables: RegionTables): RegionTables {
  const schools = clone(tables.schools);
  const results = clone(tables.results);
  const social = clone(tables.social);
  const settings = clone(tables.settings);
  const sh = schools[0].map(String);
  const [code, name, muni] = ['Код ОО', 'Наименование ОО', 'Муниципалитет'].map((h) => sh.indexOf(h));
  PAYLOADS.forEach((p, i) => {
    schools[1 + i][name] = p;
    schools[7 + i][muni] = p;
  });
  // Codes: six schools get a hostile code, the same in every sheet.
  const recode = new Map<string, string>();
  PAYLOADS.forEach((p, i) => recode.set(String(schools[13 + i][code]), `${p}${i}`));
  const swap = (g: Grid) => {
    const c = g[0].map(String).indexOf('Код ОО');
    for (const row of g.slice(1)) {
      const to = recode.get(String(row[c]));
      if (to !== undefined) row[c] = to;
    }
  };
  swap(schools);
  swap(results);
  if (social.length) swap(social);
  // Results: a copy of some rows with a hostile subject and, for others, a hostile procedure.
  const rh = results[0].map(String);
  const [subj, proc] = ['Предмет', 'Процедура'].map((h) => rh.indexOf(h));
  const extra: Cell[][] = [];
  PAYLOADS.forEach((p, i) => {
    const a = [...results[1 + 40 * i]];
    a[subj] = p;
    extra.push(a);
    const b = [...results[21 + 40 * i]];
    b[proc] = p;
    extra.push(b);
  });
  results.push(...extra);
  // Factor headers: extra social columns (candidate factors) with hostile headers; « =1+1» and
  // «\t=1+1» read as the same header, so the last is left out.
  if (social.length) {
    PAYLOADS.slice(0, -1).forEach((p, k) => {
      social[0].push(p);
      social.slice(1).forEach((row, r) => row.push(((r * 37 + k * 11) % 50) / 2));
    });
  }
  // Settings: unknown parameters with hostile names, and hostile values.
  if (!settings.length) settings.push(['Параметр', 'Значение']);
  PAYLOADS.forEach((p) => settings.push([p, p]));
  settings.push(['Метод', PAYLOADS[0]]);
  return { schools, results, social, settings };
}
