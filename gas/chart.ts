/**
 * The scatter chart of the quality index (y) against the ИСБШ (x) on «Модель ИСБШ ГГГГ», as the
 * Excel add-in draws it: one series per category, and the quadrant lines of wizard/core.ts
 * (ИСБШ groups 1–4 to the left of one line, quality groups 1–5 below another, 7–11 above a third).
 *
 * A Sheets chart plots ranges: its data is a side table right of the model tables (X in the first
 * column, one Y column per series), written by the same setValues as the rest of the sheet.
 */
import { CATEGORY_ORDER } from '../shared/messages';
import { CATEGORY_CHART_COLORS, type OutCell } from '../shared/report-tables';
import type { QuadrantGuides, WizardRunSummary } from '../wizard/core';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CHART_CAPTION = 'Данные диаграммы «Индекс качества и ИСБШ»';
export const OTHER_SERIES = 'без категории';
export const GUIDE_NAMES = ['Граница ИСБШ (группы 1–4)', 'Граница низких результатов (группы 1–5)', 'Граница высоких результатов (группы 7–11)'];
const LINE_COLOR = '#616161';

/** Point colours by category (shared with the note's SVG charts); the no-category series in blue-grey. */
export const CHART_COLORS: Record<string, string> = { ...CATEGORY_CHART_COLORS, [OTHER_SERIES]: '#5C6BC0' };

export interface ScatterTable {
  /** Caption, header, then data rows: X, then one Y column per series. */
  rows: OutCell[][];
  /** Series in column order (categories present, then the guide lines). */
  series: string[];
  /** How many of `series` are categories (the rest are lines). */
  pointSeries: number;
}

/**
 * The chart's table. Each school is a row with its ИСБШ and, in its category's column, its quality
 * index; each guide line is two rows spanning the data.
 */
export function scatterTable(points: WizardRunSummary['points'], guides: QuadrantGuides | null): ScatterTable {
  const seriesOf = (c: string | null) => c ?? OTHER_SERIES;
  const present = new Set(points.map((p) => seriesOf(p.category)));
  const categories = [...CATEGORY_ORDER, OTHER_SERIES].filter((c) => present.has(c));
  const lines = guides && points.length ? GUIDE_NAMES : [];
  const series = [...categories, ...lines];
  const blank = () => new Array<OutCell>(series.length + 1).fill(null);
  const rows: OutCell[][] = [[CHART_CAPTION], ['ИСБШ', ...series]];
  // Points grouped by category, in category order, so the table reads as a list.
  for (const cat of categories) {
    for (const p of points) {
      if (seriesOf(p.category) !== cat) continue;
      const row = blank();
      row[0] = p.isbsh;
      row[1 + categories.indexOf(cat)] = p.qualityIndex;
      rows.push(row);
    }
  }
  if (lines.length && guides) {
    const xs = points.map((p) => p.isbsh);
    const ys = points.map((p) => p.qualityIndex);
    const [x0, x1] = [Math.min(...xs, guides.isbshLow), Math.max(...xs, guides.isbshLow)];
    const [y0, y1] = [Math.min(...ys, guides.qualityLow), Math.max(...ys, guides.qualityHigh)];
    const ends: [number, number][][] = [
      [[guides.isbshLow, y0], [guides.isbshLow, y1]],
      [[x0, guides.qualityLow], [x1, guides.qualityLow]],
      [[x0, guides.qualityHigh], [x1, guides.qualityHigh]],
    ];
    ends.forEach((pair, i) => {
      for (const [x, y] of pair) {
        const row = blank();
        row[0] = x;
        row[1 + categories.length + i] = y;
        rows.push(row);
      }
    });
  }
  return { rows, series, pointSeries: categories.length };
}

/**
 * Inserts the chart for the side table whose caption is at (`top`, `column`), anchored at
 * (`anchorRow`, `anchorColumn`). A fixed number of calls whatever the number of schools.
 */
export function insertScatterChart(sheet: Sheet, table: ScatterTable, top: number, column: number, anchorRow: number, anchorColumn: number, year: number): void {
  const range = sheet.getRange(top + 1, column, table.rows.length - 1, table.series.length + 1);
  const series: Record<number, object> = {};
  table.series.forEach((name, i) => {
    series[i] = i < table.pointSeries
      ? { color: CHART_COLORS[name] ?? '#BDBDBD', pointSize: 5, lineWidth: 0 }
      : { color: LINE_COLOR, pointSize: 0, lineWidth: 1, lineDashStyle: [4, 4] };
  });
  const chart = sheet.newChart()
    .asScatterChart()
    .addRange(range)
    .setNumHeaders(1)
    .setPosition(anchorRow, anchorColumn, 0, 0)
    .setOption('title', `Индекс качества и ИСБШ, ${year}`)
    .setOption('hAxis', { title: 'ИСБШ (социальное благополучие школы)' })
    .setOption('vAxis', { title: 'Индекс качества' })
    .setOption('legend', { position: 'bottom' })
    .setOption('series', series)
    .setOption('width', 720)
    .setOption('height', 480)
    .build();
  sheet.insertChart(chart);
}
