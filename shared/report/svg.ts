/**
 * The few pieces of SVG the note's charts share: linear scales, "nice" ticks, text, and the
 * figure wrapper that gives every chart a title, a description and a caption.
 */
import { fmt } from '../messages';
import { esc } from './html';

export interface Scale {
  (v: number): number;
  domain: [number, number];
  ticks: number[];
  /** Decimal places the tick labels need. */
  digits: number;
}

/**
 * Ticks at 1, 2 or 5 × 10^k covering [lo, hi] with about `count` steps.
 * @example niceTicks(0.62, 1.38, 5) // { ticks: [0.6, 0.8, 1, 1.2, 1.4], step: 0.2 }
 */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; step: number } {
  if (!(hi > lo)) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= d;
    hi += d;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = Math.round(start / step); k <= Math.round(end / step); k++) ticks.push(parseFloat((k * step).toPrecision(12)));
  return { ticks, step };
}

/** A linear scale from the nice extent of [lo, hi] onto [r0, r1] (pixels). */
export function linearScale(lo: number, hi: number, r0: number, r1: number, count = 5): Scale {
  const { ticks, step } = niceTicks(lo, hi, count);
  const d0 = ticks[0];
  const d1 = ticks[ticks.length - 1];
  const f = ((v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) as Scale;
  f.domain = [d0, d1];
  f.ticks = ticks;
  f.digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return f;
}

/** A log10 scale over [lo, hi] (lo > 0) with ticks at 1, 2, 5 × 10^k. */
export function logScale(lo: number, hi: number, r0: number, r1: number): Scale {
  const d0 = Math.pow(10, Math.floor(Math.log10(lo)));
  const d1 = Math.pow(10, Math.ceil(Math.log10(hi)));
  const ticks: number[] = [];
  for (let m = d0; m <= d1 + 1e-9; m *= 10) for (const k of [1, 2, 5]) if (m * k >= lo * 0.999 && m * k <= d1 + 1e-9) ticks.push(Math.round(m * k * 1e6) / 1e6);
  const a = Math.log10(Math.min(lo, ticks[0]));
  const b = Math.log10(d1);
  const f = ((v: number) => r0 + ((Math.log10(v) - a) / (b - a)) * (r1 - r0)) as Scale;
  f.domain = [Math.pow(10, a), d1];
  f.ticks = ticks;
  f.digits = 0;
  return f;
}

export const r1 = (x: number) => Math.round(x * 10) / 10;

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${r1(x)}" y="${r1(y)}"${attrs ? ` ${attrs}` : ''}>${esc(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" ${attrs}/>`;
}

export interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gridlines, tick labels and axis titles for a plot with a linear x and y. */
export function axes(p: Plot, x: Scale, y: Scale, xTitle: string, yTitle: string, xFormat?: (v: number) => string): string {
  const out: string[] = ['<g class="axes">'];
  for (const t of y.ticks) {
    const yy = y(t);
    out.push(line(p.left, yy, p.right, yy, 'class="grid"'));
    out.push(text(p.left - 6, yy + 4, fmt(t, y.digits), 'class="tick" text-anchor="end"'));
  }
  for (const t of x.ticks) {
    const xx = x(t);
    out.push(line(xx, p.top, xx, p.bottom, 'class="grid"'));
    out.push(text(xx, p.bottom + 16, xFormat ? xFormat(t) : fmt(t, x.digits), 'class="tick" text-anchor="middle"'));
  }
  out.push(line(p.left, p.bottom, p.right, p.bottom, 'class="axis"'));
  out.push(line(p.left, p.top, p.left, p.bottom, 'class="axis"'));
  out.push(text((p.left + p.right) / 2, p.bottom + 36, xTitle, 'class="axis-label" text-anchor="middle"'));
  const cy = (p.top + p.bottom) / 2;
  out.push(`<text class="axis-label" text-anchor="middle" transform="translate(${r1(p.left - 46)} ${r1(cy)}) rotate(-90)">${esc(yTitle)}</text>`);
  out.push('</g>');
  return out.join('');
}

/** A legend row of coloured swatches with labels, laid out left to right (wrapping). */
export function legend(items: { color: string; label: string; shape?: 'circle' | 'square' | 'line' | 'dash' | 'diamond' }[], x0: number, y0: number, width: number): { svg: string; height: number } {
  const out: string[] = ['<g class="legend">'];
  let x = x0;
  let y = y0;
  for (const it of items) {
    const w = 18 + it.label.length * 6.6 + 14;
    if (x + w > x0 + width && x > x0) {
      x = x0;
      y += 18;
    }
    const shape = it.shape ?? 'square';
    if (shape === 'circle') out.push(`<circle cx="${r1(x + 5)}" cy="${r1(y - 4)}" r="5" fill="${it.color}" stroke="#37474F" stroke-width="0.5"/>`);
    else if (shape === 'diamond') out.push(`<path d="M${r1(x + 5)} ${r1(y - 10)} L${r1(x + 10)} ${r1(y - 5)} L${r1(x + 5)} ${r1(y)} L${r1(x)} ${r1(y - 5)} Z" fill="${it.color}"/>`);
    else if (shape === 'line') out.push(line(x - 2, y - 4, x + 12, y - 4, `stroke="${it.color}" stroke-width="2"`));
    else if (shape === 'dash') out.push(line(x - 2, y - 4, x + 12, y - 4, `stroke="${it.color}" stroke-width="1.5" stroke-dasharray="4 3"`));
    else out.push(`<rect x="${r1(x)}" y="${r1(y - 10)}" width="11" height="11" fill="${it.color}" stroke="#37474F" stroke-width="0.5"/>`);
    out.push(text(x + 17, y, it.label, 'class="legend-label"'));
    x += w;
  }
  out.push('</g>');
  return { svg: out.join(''), height: y - y0 + 18 };
}

export interface FigureSpec {
  id: string;
  number: number;
  /** Short title: the SVG's <title> and the caption's first words. */
  title: string;
  /** What the chart shows, for screen readers and the caption. */
  description: string;
  width: number;
  height: number;
  body: string;
}

/** Wraps a chart's SVG body in a numbered figure with <title>, <desc> and a caption. */
export function figure(f: FigureSpec): string {
  return `<figure class="chart" id="${f.id}" data-chart="${f.id}">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="100%" role="img" aria-labelledby="${f.id}-title ${f.id}-desc" font-family="'PT Sans', Arial, 'DejaVu Sans', sans-serif" font-size="11">
<title id="${f.id}-title">${esc(f.title)}</title>
<desc id="${f.id}-desc">${esc(f.description)}</desc>
${f.body}
</svg>
<figcaption><b>Рисунок ${f.number}.</b> ${esc(f.title)}. ${esc(f.description)}</figcaption>
</figure>`;
}
