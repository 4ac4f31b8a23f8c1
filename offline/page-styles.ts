/** The offline page's frame (the wizard brings its own styles, wizard/styles.ts). System fonts only: nothing is fetched. */
export const PAGE_CSS = `
html, body { margin: 0; min-height: 100%; }
body { font-family: "Segoe UI", "PT Sans", -apple-system, Roboto, "DejaVu Sans", sans-serif; font-size: 14px; line-height: 20px; color: #242424; background: #F3F3F3; }
.off { display: grid; grid-template-columns: minmax(320px, 420px) minmax(0, 1fr); grid-template-rows: auto 1fr; min-height: 100vh; }
.off-top { grid-column: 1 / 3; background: #0F6CBD; color: #fff; padding: 10px 16px; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.off-top b { font-size: 16px; }
.off-side { padding: 12px 16px 24px; border-right: 1px solid #D1D1D1; background: #FAFAFA; min-width: 0; }
.off-side h2 { font-size: 16px; font-weight: 600; margin: 16px 0 8px; }
.off-privacy { background: #F1FAF1; border: 1px solid #9FD89F; border-radius: 4px; padding: 8px 10px; font-size: 13px; line-height: 18px; }
.off-drop { border: 2px dashed #B3B3B3; border-radius: 6px; padding: 12px; background: #fff; }
.off-drop.over { border-color: #0F6CBD; background: #EBF3FC; }
.off-drop p { margin: 0 0 8px; }
.off-buttons { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.off button { font: inherit; font-weight: 600; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; border: 1px solid #D1D1D1; background: #fff; color: #242424; }
.off button:hover { background: #F5F5F5; }
.off button.primary { background: #0F6CBD; border-color: transparent; color: #fff; }
.off button.primary:hover { background: #115EA3; }
.off button:disabled { cursor: not-allowed; color: #BDBDBD; background: #F5F5F5; }
.off button.link { border: none; background: none; color: #0F6CBD; padding: 0; min-height: 0; font-weight: 400; text-decoration: underline; }
.hidden-input { display: none; }
.off .muted { color: #616161; font-size: 12px; line-height: 16px; }
.off .bar.error { background: #FDF3F4; border: 1px solid #EEACB2; color: #C50F1F; border-radius: 4px; padding: 8px 10px; white-space: pre-wrap; margin: 8px 0; }
.off .spinner { display: inline-block; width: 12px; height: 12px; border: 2px solid #C7E0F4; border-top-color: #0F6CBD; border-radius: 50%; margin-right: 6px; animation: off-spin 0.8s linear infinite; }
@keyframes off-spin { to { transform: rotate(360deg); } }
.dl { display: flex; flex-direction: column; gap: 2px; margin: 0 0 10px; }
.dl button { align-self: flex-start; }
.off-pane { background: #fff; min-width: 0; }
.off-pane > .shw { max-width: 880px; }
.off-empty { padding: 24px; color: #424242; }
.off-empty h1 { font-size: 20px; font-weight: 600; }
.off-view { margin-top: 16px; }
.off-view summary { cursor: pointer; font-weight: 600; }
.off-tabs { display: flex; gap: 2px; overflow-x: auto; margin: 6px 0; }
.off-tabs button { font-weight: 400; min-height: 24px; padding: 2px 8px; white-space: nowrap; font-size: 12px; }
.off-tabs button.active { border-color: #0F6CBD; color: #0F6CBD; font-weight: 600; }
.off-grid { overflow: auto; max-height: 420px; background: #fff; border: 1px solid #E0E0E0; }
.off-grid table { border-collapse: collapse; font-size: 12px; }
.off-grid th { background: #F5F5F5; color: #616161; font-weight: 400; border: 1px solid #E0E0E0; padding: 1px 4px; position: sticky; top: 0; }
.off-grid td { border: 1px solid #EBEBEB; padding: 1px 4px; white-space: nowrap; max-width: 180px; overflow: hidden; text-overflow: ellipsis; }
.off-grid td.n { text-align: right; }
.off-grid td.sel, .off-grid tr.sel td { outline: 2px solid #C50F1F; outline-offset: -2px; background: #FDF3F4; }
@media (max-width: 900px) { .off { grid-template-columns: 1fr; } .off-top { grid-column: 1; } .off-side { border-right: none; } }
@media print { .off-side, .off-top { display: none; } .off { display: block; } }
`;
