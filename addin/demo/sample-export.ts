/**
 * A ВПР export for the demo (`demo.html?sample=export`): «Статистика по отметкам» of 4th-grade
 * mathematics as the federal system gives it (titles, a two-row header, the region, municipality
 * headings, then school rows «sch<код> <наименование>» with the percentages of marks 2–5), built
 * from the demo region's own ВПР-4 mathematics counts of `fromYear` and titled `year`. Two rows the
 * import must report: a school listed under an unknown login but its exact name (matched by name
 * within its municipality) and a school the region's «Школы» do not know.
 */
import { cellText } from '../../shared/input/numbers';
import type { Cell, RegionTables } from '../../shared/types';

export const SAMPLE_EXPORT_SHEET = 'ВПР 4 математика';

const comma = (x: number) => x.toFixed(2).replace('.', ',');

export function sampleVprExport(tables: RegionTables, options: { year?: number; fromYear?: number } = {}): Cell[][] {
  const year = options.year ?? 2026;
  const fromYear = options.fromYear ?? 2025;
  const sh = tables.schools[0].map((c) => cellText(c));
  const [sCode, sName, sMun] = ['Код ОО', 'Наименование ОО', 'Муниципалитет'].map((t) => sh.indexOf(t));
  const rh = tables.results[0].map((c) => cellText(c));
  const col = (t: string) => rh.indexOf(t);
  const counts = new Map<string, number[]>();
  for (const r of tables.results.slice(1)) {
    if (Number(r[col('Год')]) !== fromYear || cellText(r[col('Процедура')]) !== 'ВПР' || cellText(r[col('Класс')]) !== '4' || cellText(r[col('Предмет')]) !== 'Математика') continue;
    const m = ['2', '3', '4', '5'].map((k) => Number(r[col(k)]));
    if (m.every(Number.isFinite) && m.reduce((a, b) => a + b, 0) > 0) counts.set(cellText(r[col('Код ОО')]), m);
  }
  const rows: Cell[][] = [
    ['Статистика по отметкам'],
    [`Всероссийские проверочные работы ${year} (4 класс)`],
    ['Предмет: Математика'],
    ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Распределение групп баллов в %'],
    [null, null, null, '2', '3', '4', '5'],
    ['Вся выборка', 40197, 1364591, '4,52', '29,10', '42,27', '24,11'],
    ['Демонстрационная область', counts.size, 0, '5,10', '30,20', '41,00', '23,70'],
  ];
  const byMunicipality = new Map<string, { code: string; name: string }[]>();
  for (const s of tables.schools.slice(1)) {
    const code = cellText(s[sCode]);
    if (!counts.has(code)) continue;
    const m = cellText(s[sMun]);
    if (!byMunicipality.has(m)) byMunicipality.set(m, []);
    byMunicipality.get(m)!.push({ code, name: cellText(s[sName]) });
  }
  let first = true;
  for (const [municipality, schools] of byMunicipality) {
    rows.push([municipality, schools.length, schools.reduce((n, s) => n + counts.get(s.code)!.reduce((a, b) => a + b, 0), 0), '5,00', '30,00', '41,00', '24,00']);
    for (const s of schools) {
      const m = counts.get(s.code)!;
      const n = m.reduce((a, b) => a + b, 0);
      // The first school of the region appears under a login the region does not use: matched by its name.
      const login = first ? 'sch999001' : `sch${s.code}`;
      first = false;
      rows.push([`${login} ${s.name}`, 1, n, ...m.map((x) => comma((x / n) * 100))]);
    }
  }
  rows.push(['sch999777 МБОУ ООШ п. Горный Ключ', 1, 12, '8,33', '33,33', '41,67', '16,67']);
  return rows;
}
