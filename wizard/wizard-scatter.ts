/** The quality index against the ИСБШ as an SVG scatter with quadrant lines (the results step). */
import { CATEGORY_COLORS } from '../shared/report-tables';
import { CATEGORY_ORDER, fmt } from '../shared/messages';
import { type QuadrantGuides, type WizardRunSummary } from './core';
import { s } from './dom';

export function scatter(points: WizardRunSummary['points'], guides: QuadrantGuides | null): SVGElement {
  const W = 400, H = 300, L = 40, R = 10, T = 10, B = 34;
  const xs = points.map((p) => p.isbsh);
  const ys = points.map((p) => p.qualityIndex);
  const range = (v: number[], extra: number[]) => {
    const all = [...v, ...extra].filter(Number.isFinite);
    let lo = Math.min(...all), hi = Math.max(...all);
    if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = range(xs.length ? xs : [1], guides ? [guides.isbshLow] : []);
  const [y0, y1] = range(ys.length ? ys : [1], guides ? [guides.qualityLow, guides.qualityHigh] : []);
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const ticks = (lo: number, hi: number) => {
    const step = niceStep((hi - lo) / 5);
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  };
  const svg = s('svg', { class: 'scatter', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Диаграмма рассеяния: индекс качества и ИСБШ', 'data-testid': 'scatter' },
    s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, fill: '#FAFAFA', stroke: '#E0E0E0' }),
    ticks(x0, x1).map((v) => [s('line', { x1: px(v), x2: px(v), y1: H - B, y2: H - B + 4, stroke: '#9E9E9E' }),
      s('text', { x: px(v), y: H - B + 14, 'text-anchor': 'middle' }, fmt(v, 2))]),
    ticks(y0, y1).map((v) => [s('line', { x1: L - 4, x2: L, y1: py(v), y2: py(v), stroke: '#9E9E9E' }),
      s('text', { x: L - 6, y: py(v) + 3, 'text-anchor': 'end' }, fmt(v, 2))]),
    s('text', { x: L + (W - L - R) / 2, y: H - 4, 'text-anchor': 'middle' }, 'ИСБШ (социальное благополучие)'),
    s('text', { x: 10, y: T + (H - T - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${T + (H - T - B) / 2})` }, 'Индекс качества'),
  );
  if (guides) {
    const dash = { stroke: '#616161', 'stroke-dasharray': '4 3', 'stroke-width': 1 };
    svg.append(
      s('line', { ...dash, x1: px(guides.isbshLow), x2: px(guides.isbshLow), y1: T, y2: H - B, 'data-guide': 'isbsh' }),
      s('line', { ...dash, x1: L, x2: W - R, y1: py(guides.qualityLow), y2: py(guides.qualityLow), 'data-guide': 'quality-low' }),
      s('line', { ...dash, x1: L, x2: W - R, y1: py(guides.qualityHigh), y2: py(guides.qualityHigh), 'stroke-dasharray': '1 3' }),
    );
  }
  const order = [...points].sort((a, b) => CATEGORY_ORDER.indexOf(b.category as never) - CATEGORY_ORDER.indexOf(a.category as never));
  const g = s('g', { 'data-testid': 'points' });
  for (const p of order) {
    g.append(s('circle', { cx: px(p.isbsh).toFixed(1), cy: py(p.qualityIndex).toFixed(1), r: 2.6, fill: p.category ? CATEGORY_COLORS[p.category] : '#BDBDBD', stroke: 'rgba(0,0,0,.35)', 'stroke-width': 0.5 },
      s('title', null, `${p.code}: КИ ${fmt(p.qualityIndex, 3)}, ИСБШ ${fmt(p.isbsh, 3)}${p.category ? `, ${p.category}` : ''}`)));
  }
  svg.append(g);
  return svg;
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
}
