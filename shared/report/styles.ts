/**
 * The note's one stylesheet: a readable page on screen, A4 pages in print (tables keep their
 * header on every page, figures and cards do not break, each card starts a page).
 */
export const NOTE_CSS = `
:root { --ink: #1f2a30; --muted: #5f6f78; --line: #cfd8dc; --head: #e3eaf2; --accent: #1a4f8b; }
* { box-sizing: border-box; }
html { background: #eef1f3; }
body { margin: 0 auto; max-width: 210mm; background: #fff; color: var(--ink);
  font-family: 'PT Sans', Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 14px; line-height: 1.45;
  padding: 18mm 16mm; box-shadow: 0 0 12px rgba(0,0,0,.12); }
h1 { font-size: 22px; line-height: 1.25; margin: 0 0 6px; color: var(--accent); }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 3px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 14px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.toolbar { text-align: right; margin: -10mm 0 4mm; }
.toolbar button { font: inherit; padding: 4px 12px; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 3px; cursor: pointer; }
nav.toc ol { margin: 4px 0 0; padding-left: 22px; columns: 2; column-gap: 28px; }
nav.toc a { color: var(--accent); text-decoration: none; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 12px 0; }
.kpi { border: 1px solid var(--line); border-left: 5px solid var(--accent); padding: 6px 8px; border-radius: 2px; break-inside: avoid; }
.kpi .v { font-size: 22px; font-weight: bold; line-height: 1.1; }
.kpi .l { font-size: 12px; color: var(--muted); }
.kpi.red { border-left-color: #B71C1C; } .kpi.orange { border-left-color: #F57C00; } .kpi.yellow { border-left-color: #FBC02D; } .kpi.green { border-left-color: #1B5E20; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 12.5px; }
.table-wrap { max-width: 100%; overflow-x: auto; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: var(--head); font-weight: bold; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
thead th { font-size: 11.5px; }
td.c, th.c { text-align: center; }
td.reason { font-size: 11.5px; color: #37474f; }
tr.total td { font-weight: bold; background: #f5f7f9; }
.badge { display: inline-block; min-width: 20px; padding: 0 4px; border-radius: 3px; text-align: center; border: 1px solid #90a4ae; }
.cat { display: inline-block; padding: 0 5px; border-radius: 3px; white-space: nowrap; }
figure.chart { margin: 14px 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
svg .grid { stroke: #eceff1; stroke-width: 1; }
svg .axis { stroke: #546e7a; stroke-width: 1; }
svg .tick { fill: #546e7a; font-size: 10px; }
svg .axis-label { fill: #263238; font-size: 11px; }
svg .legend-label, svg .row-label, svg .bar-label { fill: #263238; font-size: 10.5px; }
svg .note-label { fill: #455a64; font-size: 10px; }
svg .quadrant-label { fill: #78909c; font-size: 10px; font-style: italic; }
svg .panel-title { fill: #263238; font-size: 12.5px; font-weight: bold; }
.callout { border-left: 4px solid #F57C00; background: #fff8f0; padding: 6px 10px; margin: 10px 0; }
.callout.info { border-left-color: var(--accent); background: #f2f6fb; }
ul.tight { margin: 4px 0; padding-left: 20px; }
ul.tight li { margin: 2px 0; }
section.card { border-top: 3px solid var(--accent); margin-top: 22px; padding-top: 6px; }
section.card h3 { margin: 2px 0 2px; font-size: 16px; }
.card-head { display: flex; justify-content: space-between; gap: 10px; align-items: flex-start; }
.card-head .meta { color: var(--muted); font-size: 12.5px; }
.card-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 14px; }
.card-grid > div { min-width: 0; }
.card table { font-size: 11.5px; margin: 4px 0 6px; }
.card h4 { margin: 8px 0 2px; font-size: 13px; color: var(--accent); }
.measures td:first-child { width: 20px; text-align: right; }
.measures td:nth-child(3) { font-size: 10.5px; color: #455a64; width: 19%; }
.measures td:nth-child(4) { white-space: nowrap; }
.card table.numbers { table-layout: fixed; }
.card .numbers td { white-space: normal; overflow-wrap: anywhere; }
.card .numbers th:first-child { width: 38%; }
.card .numbers th:nth-child(2) { width: 38%; }
.evidence { font-size: 11px; color: #37474f; }
.card-chart { margin-top: 2px; }
.rule { display: inline-block; font-size: 10.5px; background: #eceff1; border-radius: 3px; padding: 0 3px; margin-right: 2px; white-space: nowrap; }
.priority-high { color: #B71C1C; font-weight: bold; }
.muni { break-inside: avoid; border: 1px solid var(--line); padding: 6px 10px; margin: 8px 0; }
.muni h4 { margin: 2px 0 4px; }
@page { size: A4; margin: 14mm 12mm 14mm 14mm; }
@page card { size: A4; margin: 6mm 9mm 6mm 11mm; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; box-shadow: none; font-size: 10.5pt; }
  .toolbar { display: none; }
  .table-wrap { overflow: visible; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  section.card { page: card; break-before: page; page-break-before: always; border-top: none; margin-top: 0; font-size: 9pt; line-height: 1.3; }
  section.card h3 { font-size: 11.5pt; }
  section.card .card-head .meta, section.card .card-head .small { font-size: 7.5pt; }
  section.card table { font-size: 7.5pt; margin: 2px 0 4px; }
  section.card h4 { margin: 4px 0 1px; font-size: 9pt; }
  section.card ul.tight li { margin: 0; }
  section.card td, section.card th { padding: 1px 3px; }
  section.card .evidence { font-size: 7pt; line-height: 1.25; }
  section.card .small { font-size: 7.5pt; }
  section.card .measures td:nth-child(3) { font-size: 7pt; }
  .annex { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
  nav.toc { break-after: page; }
}
`;
