/**
 * The wizard's stylesheet as a string, injected once by mountWizard: no CSS loader in any bundle,
 * and the Apps Script sidebar gets it inside the same script. Fluent 2 look: Segoe UI, brand
 * blue #0F6CBD, neutral greys, 4px corners, 8px spacing grid.
 */
export const WIZARD_CSS = `
.shw { --brand: #0F6CBD; --brand-hover: #115EA3; --brand-pressed: #0C3B5E; --brand-bg: #EBF3FC;
  --fg: #242424; --fg2: #424242; --fg3: #616161; --stroke: #D1D1D1; --stroke2: #E0E0E0; --bg: #FFFFFF; --bg2: #FAFAFA; --bg3: #F5F5F5;
  --danger: #C50F1F; --danger-bg: #FDF3F4; --warning: #8A3707; --warning-bg: #FFF9F5; --success: #107C10; --success-bg: #F1FAF1;
  font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", "DejaVu Sans", sans-serif;
  font-size: 14px; line-height: 20px; color: var(--fg); background: var(--bg); box-sizing: border-box; padding: 12px 12px 24px; min-width: 280px; }
.shw *, .shw *::before, .shw *::after { box-sizing: border-box; }
.shw h1 { font-size: 20px; line-height: 28px; font-weight: 600; margin: 0 0 4px; }
.shw h2 { font-size: 16px; line-height: 22px; font-weight: 600; margin: 16px 0 8px; }
.shw h3 { font-size: 14px; font-weight: 600; margin: 12px 0 6px; }
.shw p { margin: 4px 0 8px; }
.shw .muted { color: var(--fg3); font-size: 12px; line-height: 16px; }
.shw-steps { display: flex; gap: 4px; margin: 8px 0 12px; padding: 0; list-style: none; counter-reset: step; }
.shw-steps li { flex: 1; font-size: 12px; line-height: 16px; color: var(--fg3); border-top: 3px solid var(--stroke2); padding-top: 4px; counter-increment: step; }
.shw-steps li::before { content: counter(step) ". "; }
.shw-steps li.done { border-color: var(--brand); color: var(--fg2); }
.shw-steps li.current { border-color: var(--brand); color: var(--brand); font-weight: 600; }
.shw button { font: inherit; font-weight: 600; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer;
  border: 1px solid var(--stroke); background: var(--bg); color: var(--fg); }
.shw button:hover { background: var(--bg3); }
.shw button:disabled { cursor: not-allowed; color: #BDBDBD; background: var(--bg3); border-color: var(--stroke2); }
.shw button.primary { background: var(--brand); border-color: transparent; color: #fff; }
.shw button.primary:hover { background: var(--brand-hover); }
.shw button.primary:active { background: var(--brand-pressed); }
.shw button.primary:disabled { background: var(--bg3); color: #BDBDBD; }
.shw button.link { border: none; background: none; color: var(--brand); padding: 0; min-height: 0; font-weight: 400; text-align: left; }
.shw button.link:hover { text-decoration: underline; }
.shw .actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 16px 0 8px; }
.shw .actions .spacer { flex: 1; }
.shw label.field { display: block; margin: 8px 0; }
.shw label.field > span { display: block; font-weight: 600; font-size: 13px; margin-bottom: 2px; }
.shw input[type=number], .shw input[type=text], .shw select { font: inherit; width: 100%; min-height: 32px; padding: 4px 8px; border: 1px solid var(--stroke);
  border-bottom-color: #616161; border-radius: 4px; background: var(--bg); color: var(--fg); }
.shw select, .shw input { max-width: 100%; min-width: 0; }
.shw table.mapping { table-layout: fixed; }
.shw table.mapping td { padding: 3px 3px; }
.shw table.mapping select, .shw table.mapping input { font-size: 12px; min-height: 28px; padding: 2px 4px; }
.shw input:focus, .shw select:focus { outline: none; border-bottom: 2px solid var(--brand); }
.shw .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
.shw .check { display: flex; align-items: flex-start; gap: 8px; margin: 4px 0; }
.shw .check input { margin-top: 3px; accent-color: var(--brand); }
.shw fieldset { border: 1px solid var(--stroke2); border-radius: 4px; margin: 8px 0; padding: 4px 12px 8px; }
.shw legend { font-weight: 600; padding: 0 4px; }
.shw details { border: 1px solid var(--stroke2); border-radius: 4px; margin: 8px 0; padding: 0 12px; }
.shw details[open] { padding-bottom: 8px; }
.shw summary { cursor: pointer; font-weight: 600; padding: 8px 0; }
.shw table { border-collapse: collapse; width: 100%; font-size: 12px; line-height: 16px; }
.shw th, .shw td { border-bottom: 1px solid var(--stroke2); padding: 4px 5px; text-align: left; vertical-align: top; }
.shw th { background: var(--bg3); font-weight: 600; position: sticky; top: 0; }
.shw td.num, .shw th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.shw .scroll { max-height: 320px; overflow: auto; border: 1px solid var(--stroke2); border-radius: 4px; }
.shw .bar { padding: 8px 12px; border-radius: 4px; margin: 8px 0; border: 1px solid; }
.shw .bar.error { background: var(--danger-bg); border-color: #F1BBBC; color: var(--danger); }
.shw .bar.warning { background: var(--warning-bg); border-color: #FDCFB4; color: var(--warning); }
.shw .bar.success { background: var(--success-bg); border-color: #9FD89F; color: var(--success); }
.shw .bar.info { background: var(--brand-bg); border-color: #B4D6FA; color: var(--fg); }
.shw ul.problems { list-style: none; margin: 0; padding: 0; }
.shw ul.problems li { padding: 6px 8px 6px 28px; border-bottom: 1px solid var(--stroke2); position: relative; font-size: 13px; }
.shw ul.problems li::before { position: absolute; left: 8px; top: 6px; font-weight: 700; }
.shw ul.problems li.error::before { content: "✕"; color: var(--danger); }
.shw ul.problems li.warning::before { content: "!"; color: var(--warning); left: 11px; }
.shw ul.problems li.clickable { cursor: pointer; }
.shw ul.problems li.clickable:hover { background: var(--bg3); }
.shw .ok { color: var(--success); font-weight: 600; }
.shw .no { color: var(--danger); font-weight: 600; }
.shw .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 8px; margin: 8px 0; }
.shw .card { border: 1px solid var(--stroke2); border-radius: 4px; padding: 8px 10px; background: var(--bg2); box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.shw .card b { display: block; font-size: 24px; line-height: 32px; font-weight: 600; }
.shw .card span { font-size: 12px; color: var(--fg2); }
.shw .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; border: 1px solid rgba(0,0,0,.2); vertical-align: -1px; }
.shw progress { width: 100%; height: 6px; appearance: none; border: none; border-radius: 3px; background: var(--stroke2); overflow: hidden; }
.shw progress::-webkit-progress-bar { background: var(--stroke2); border-radius: 3px; }
.shw progress::-webkit-progress-value { background: var(--brand); border-radius: 3px; transition: width .2s; }
.shw progress::-moz-progress-bar { background: var(--brand); }
.shw .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--stroke2); margin: 8px 0; flex-wrap: wrap; }
.shw .tabs button { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: none; font-weight: 400; padding: 4px 8px; }
.shw .tabs button.active { border-bottom-color: var(--brand); font-weight: 600; }
.shw svg.scatter { width: 100%; height: auto; border: 1px solid var(--stroke2); border-radius: 4px; background: #fff; }
.shw svg.scatter text { font-size: 10px; fill: var(--fg3); font-family: inherit; }
.shw .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin: 4px 0; }
.shw pre.report { white-space: pre-wrap; word-break: break-word; font: 12px/16px Consolas, "DejaVu Sans Mono", monospace; max-height: 320px; overflow: auto;
  margin: 4px 0 8px; padding: 8px; border: 1px solid var(--stroke2); border-radius: 4px; background: var(--bg2); color: var(--fg2); }
.shw a { color: var(--brand); }
.shw .spinner { display: inline-block; width: 16px; height: 16px; border: 2px solid var(--brand-bg); border-top-color: var(--brand); border-radius: 50%;
  animation: shw-spin 0.8s linear infinite; vertical-align: -3px; margin-right: 6px; }
@keyframes shw-spin { to { transform: rotate(360deg); } }
`;
