/**
 * The note's charts as inline SVG: quality index against ИСБШ with quadrants, the distribution of
 * groups, categories by municipality, the funnel plot, and the small per-indicator chart of a card.
 */
import type { Identification, SchoolResult } from '../method/identify';
import { CATEGORY, CATEGORY_ORDER, type Category, categoryName, fmt, NOUN, counted } from '../messages';
import { isShnor } from '../method/summary';
import { CATEGORY_CHART_COLORS, GROUP_COLORS } from '../report-tables';
import { confidenceLevel } from '../method/reason';
import type { IndicatorLine } from '../recommendations/profile';
import { esc } from './html';
import { type Plot, axes, figure, legend, line, linearScale, logScale, r1, text } from './svg';

/** Point colours by category: stronger than the sheets' fills so that small dots read. */
export const NO_CATEGORY_COLOR = '#ECEFF1';
export const NO_CATEGORY_LABEL = 'без категории';

const categoryColor = (c: Category | null) => (c ? CATEGORY_CHART_COLORS[c] : NO_CATEGORY_COLOR);

/** The ИСБШ at or below which a school is in groups 1–4: band ≤ −2 ⇔ d / width ≤ −1,5 (half away from zero). */
export function shfnsuBoundary(sigma: number, bandWidth: number): number {
  return 1 - 1.5 * bandWidth * sigma;
}

/**
 * The typical standard error at n participants, c / √n, with c the median of SE·√n over schools
 * with a standard error: the curve the funnel plot's limits follow.
 */
export function funnelConstant(schools: SchoolResult[]): number | null {
  const v = schools.filter((s) => s.qualityIndexSE !== null && s.participants > 0)
    .map((s) => s.qualityIndexSE! * Math.sqrt(s.participants)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Rounds a count for a caption: «267 школ». */
const schoolsText = (n: number) => counted(n, NOUN.school);

/** Figure: quality index against ИСБШ, quadrants, the ШФНСУ boundary and the expected line. */
export function scatterChart(result: Identification, number: number): string | null {
  const pts = result.schools.filter((s) => s.qualityIndex !== null && s.isbsh !== null && s.qualityGroup !== null);
  if (pts.length < 2) return null;
  const W = 760;
  const H = 520;
  const p: Plot = { left: 64, top: 46, right: W - 20, bottom: H - 86 };
  const xs = pts.map((s) => s.isbsh!);
  const ys = pts.map((s) => s.qualityIndex!);
  const x = linearScale(Math.min(...xs), Math.max(...xs), p.left, p.right, 7);
  const y = linearScale(Math.min(...ys), Math.max(...ys), p.bottom, p.top, 7);
  const out: string[] = [axes(p, x, y, 'ИСБШ — индекс социального благополучия школы (1 — средний по региону)', 'Индекс качества (1 — средний по региону)')];
  const xb = result.isbshSigma !== null ? shfnsuBoundary(result.isbshSigma, result.settings.bandWidth) : null;
  const clampX = (v: number) => Math.max(p.left, Math.min(p.right, x(v)));
  const y1 = y(1);
  // Quadrants: below the ШФНСУ boundary = hard conditions; below 1 = results under the average.
  if (xb !== null) {
    const xx = clampX(xb);
    out.push(`<rect class="quadrant" x="${r1(p.left)}" y="${r1(p.top)}" width="${r1(xx - p.left)}" height="${r1(p.bottom - p.top)}" fill="#FFF8E1"/>`);
    out.push(line(xx, p.top, xx, p.bottom, 'stroke="#F9A825" stroke-width="1.5"'));
    out.push(text(xx + 4, p.top + 12, `граница ШФНСУ: ИСБШ ${fmt(xb)}`, 'class="note-label" fill="#8D6E00"'));
  }
  out.push(line(p.left, y1, p.right, y1, 'stroke="#455A64" stroke-width="1" stroke-dasharray="5 4"'));
  out.push(text(p.right - 4, y1 - 5, 'среднее по региону', 'class="note-label" text-anchor="end"'));
  const withExpected = result.schools.find((s) => s.expected !== null && s.isbsh !== null && s.isbsh !== 0);
  if (withExpected) {
    const k = withExpected.expected! / withExpected.isbsh!;
    const [d0, d1] = x.domain;
    const ya = Math.max(y.domain[0], Math.min(y.domain[1], k * d0));
    const yb = Math.max(y.domain[0], Math.min(y.domain[1], k * d1));
    out.push(line(x(ya / k), y(ya), x(yb / k), y(yb), 'stroke="#1565C0" stroke-width="1.2" stroke-dasharray="2 3"'));
  }
  const corner = (label: string, left: boolean, top: boolean) =>
    text(left ? p.left + 6 : p.right - 6, top ? p.top - 8 : p.bottom - 8, label, `class="quadrant-label" text-anchor="${left ? 'start' : 'end'}"`);
  out.push(corner('трудные условия, результаты выше среднего ↖', true, true));
  out.push(corner('↗ благоприятные условия, результаты выше среднего', false, true));
  out.push(corner('трудные условия, результаты ниже среднего ↙', true, false));
  out.push(corner('↘ благоприятные условия, результаты ниже среднего', false, false));
  // Average schools first so that the coloured categories are drawn on top.
  const order = [...pts].sort((a, b) => drawRank(a.category) - drawRank(b.category));
  out.push('<g class="points">');
  for (const s of order) {
    out.push(`<circle cx="${r1(x(s.isbsh!))}" cy="${r1(y(s.qualityIndex!))}" r="3.6" fill="${categoryColor(s.category)}" stroke="#37474F" stroke-width="0.4" fill-opacity="0.9"><title>${esc(`${s.code} ${s.name}: индекс качества ${fmt(s.qualityIndex)}, ИСБШ ${fmt(s.isbsh)}${s.category ? `, ${s.category}` : ''}`)}</title></circle>`);
  }
  out.push('</g>');
  const counts = countByCategory(pts);
  const all = countByCategory(result.schools);
  const items = [
    ...CATEGORY_ORDER.filter((c) => counts.get(c)).map((c) => ({ color: CATEGORY_CHART_COLORS[c], label: `${categoryName(c)} (${counts.get(c)} из ${all.get(c)})`, shape: 'circle' as const })),
    ...(counts.get(null) ? [{ color: NO_CATEGORY_COLOR, label: `${NO_CATEGORY_LABEL} (${counts.get(null)} из ${all.get(null)})`, shape: 'circle' as const }] : []),
    { color: '#1565C0', label: 'ожидаемый по социальным условиям', shape: 'dash' as const },
  ];
  const lg = legend(items, p.left, H - 30, p.right - p.left);
  out.push(lg.svg);
  const excluded = result.schools.length - pts.length;
  return figure({
    id: 'chart-scatter', number, width: W, height: H, body: out.join('\n'),
    title: 'Индекс качества и индекс социального благополучия школ (ИСБШ)',
    description: `Каждая точка — школа с группой по качеству и ИСБШ: на рисунке ${schoolsText(pts.length)}, без группы или ИСБШ — ${excluded}. В условных обозначениях — число школ категории на рисунке из общего числа школ категории. ` +
      'Левее жёлтой линии — неблагоприятные социальные условия (ИСБШ в группах 1–4), ниже пунктира — результаты ниже среднего по региону; ' +
      'синий пунктир — результат, ожидаемый по социальным условиям: точки под ним показывают результат ниже ожидаемого.',
  });
}

function drawRank(c: Category | null): number {
  return c === null ? 0 : c === CATEGORY.average ? 1 : c === CATEGORY.high ? 2 : 3;
}

function countByCategory(schools: SchoolResult[]): Map<Category | null, number> {
  const m = new Map<Category | null, number>();
  for (const s of schools) m.set(s.category, (m.get(s.category) ?? 0) + 1);
  return m;
}

/** Figure: how many schools are in each of the 11 groups, for the quality index and for the ИСБШ. */
export function groupsChart(result: Identification, number: number): string {
  const W = 760;
  const H = 330;
  const panelW = 330;
  const quality = new Array(12).fill(0);
  const social = new Array(12).fill(0);
  for (const s of result.schools) {
    quality[s.qualityGroup ?? 0]++;
    social[s.isbshGroup ?? 0]++;
  }
  const maxCount = Math.max(1, ...quality, ...social);
  const out: string[] = [];
  const panel = (x0: number, counts: number[], title: string, lowTo: number, lowLabel: string) => {
    const p: Plot = { left: x0 + 44, top: 56, right: x0 + panelW, bottom: H - 60 };
    const y = linearScale(0, maxCount, p.bottom, p.top, 5);
    const slots = 12;
    const bw = (p.right - p.left) / slots;
    const xOf = (g: number) => p.left + (g - 1) * bw;
    out.push(text((p.left + p.right) / 2, 20, title, 'class="panel-title" text-anchor="middle"'));
    out.push(`<rect x="${r1(xOf(1))}" y="${r1(p.top - 12)}" width="${r1(bw * lowTo)}" height="${r1(p.bottom - p.top + 12)}" fill="#FFEBEE"/>`);
    out.push(text(xOf(1) + 3, p.top - 2, lowLabel, 'class="note-label" fill="#B71C1C"'));
    for (const t of y.ticks) {
      out.push(line(p.left, y(t), p.right, y(t), 'class="grid"'));
      out.push(text(p.left - 6, y(t) + 4, fmt(t, 0), 'class="tick" text-anchor="end"'));
    }
    for (let g = 1; g <= 12; g++) {
      const n = g === 12 ? counts[0] : counts[g];
      const bx = xOf(g) + 2;
      const by = y(n);
      const fill = g === 12 ? NO_CATEGORY_COLOR : GROUP_COLORS[g - 1];
      out.push(`<rect class="bar" x="${r1(bx)}" y="${r1(by)}" width="${r1(bw - 4)}" height="${r1(p.bottom - by)}" fill="${fill}" stroke="#546E7A" stroke-width="0.6"><title>${esc(g === 12 ? `нет группы: ${n}` : `группа ${g}: ${n}`)}</title></rect>`);
      if (n > 0) out.push(text(bx + (bw - 4) / 2, by - 3, String(n), 'class="bar-label" text-anchor="middle"'));
      out.push(text(bx + (bw - 4) / 2, p.bottom + 14, g === 12 ? 'н/д' : String(g), 'class="tick" text-anchor="middle"'));
    }
    out.push(line(p.left, p.bottom, p.right, p.bottom, 'class="axis"'));
    out.push(text((p.left + p.right) / 2, p.bottom + 32, 'Группа: 1 — низшая, 6 — средняя, 11 — высшая', 'class="axis-label" text-anchor="middle"'));
    out.push(`<text class="axis-label" text-anchor="middle" transform="translate(${r1(x0 + 10)} ${r1((p.top + p.bottom) / 2)}) rotate(-90)">Число школ</text>`);
  };
  panel(10, quality, 'Группы по индексу качества', 5, 'ШНОР: группы 1–5');
  panel(W / 2 + 20, social, 'Группы по ИСБШ', 4, 'ШФНСУ: группы 1–4');
  return figure({
    id: 'chart-groups', number, width: W, height: H, body: out.join('\n'),
    title: 'Распределение школ по 11 группам',
    description: 'Группа — отклонение индекса от среднего по региону в половинах стандартного отклонения; по индексу качества группа ниже 6 присваивается только при статистически значимом отставании. «н/д» — группа не присвоена (мало участников или нет данных).',
  });
}

/** Figure: the schools of each municipality by category, sorted by the share in the lists. */
export function municipalitiesChart(result: Identification, number: number): string {
  const groups = new Map<string, SchoolResult[]>();
  for (const s of result.schools) {
    const list = groups.get(s.municipality) ?? [];
    list.push(s);
    groups.set(s.municipality, list);
  }
  const inLists = (list: SchoolResult[]) => list.filter((s) => s.category === CATEGORY.both || s.category === CATEGORY.lowResults || s.category === CATEGORY.lowSocial).length;
  const rows = [...groups].map(([m, list]) => ({ m, list, listed: inLists(list) }))
    .sort((a, b) => b.listed / b.list.length - a.listed / a.list.length || b.listed - a.listed || a.m.localeCompare(b.m, 'ru'));
  const W = 760;
  const rowH = 17;
  const labelW = 190;
  const top = 58;
  const H = top + rows.length * rowH + 56;
  const p: Plot = { left: labelW, top, right: W - 170, bottom: top + rows.length * rowH };
  const maxN = Math.max(1, ...rows.map((r) => r.list.length));
  const x = linearScale(0, maxN, p.left, p.right, 6);
  const out: string[] = [];
  const seriesKeys: (Category | null)[] = [...CATEGORY_ORDER, null];
  const lg = legend(seriesKeys.map((c) => ({ color: categoryColor(c), label: c ? categoryName(c) : NO_CATEGORY_LABEL })), 10, 16, W - 20);
  out.push(lg.svg);
  for (const t of x.ticks) {
    out.push(line(x(t), p.top, x(t), p.bottom, 'class="grid"'));
    out.push(text(x(t), p.bottom + 14, fmt(t, 0), 'class="tick" text-anchor="middle"'));
  }
  rows.forEach((r, i) => {
    const y0 = p.top + i * rowH + 2;
    out.push(text(p.left - 6, y0 + rowH - 6, r.m, 'class="row-label" text-anchor="end"'));
    let acc = 0;
    for (const c of seriesKeys) {
      const n = r.list.filter((s) => s.category === c).length;
      if (!n) continue;
      out.push(`<rect class="bar" x="${r1(x(acc))}" y="${r1(y0)}" width="${r1(x(acc + n) - x(acc))}" height="${rowH - 4}" fill="${categoryColor(c)}" stroke="#fff" stroke-width="0.6"><title>${esc(`${r.m}: ${c ? categoryName(c) : NO_CATEGORY_LABEL} — ${n}`)}</title></rect>`);
      acc += n;
    }
    out.push(text(W - 8, y0 + rowH - 6, `${r.listed} из ${r.list.length} в перечнях (${fmt((100 * r.listed) / r.list.length, 0)}%)`, 'class="bar-label" text-anchor="end"'));
  });
  out.push(line(p.left, p.bottom, p.right, p.bottom, 'class="axis"'));
  out.push(text((p.left + p.right) / 2, p.bottom + 34, 'Число школ', 'class="axis-label" text-anchor="middle"'));
  return figure({
    id: 'chart-municipalities', number, width: W, height: H, body: out.join('\n'),
    title: 'Школы муниципалитетов по категориям',
    description: 'Длина полосы — число школ муниципалитета, цвет — категория; муниципалитеты упорядочены по доле школ в перечнях ШНОР и ШФНСУ (справа — число и доля).',
  });
}

/** Figure: the funnel plot of the quality index against participants with 95% and 99,8% limits. */
export function funnelChart(result: Identification, number: number): string | null {
  const c = funnelConstant(result.schools);
  const pts = result.schools.filter((s) => s.qualityIndex !== null && s.participants > 0);
  if (c === null || pts.length < 2) return null;
  const zc = result.settings.zCritical;
  const W = 760;
  const H = 470;
  const p: Plot = { left: 64, top: 24, right: W - 20, bottom: H - 86 };
  const maxN = Math.max(...pts.map((s) => s.participants));
  const ys = pts.map((s) => s.qualityIndex!);
  const minN = Math.min(...pts.map((s) => s.participants));
  const x = logScale(Math.max(1, Math.min(minN, result.settings.minParticipants)), maxN, p.left, p.right);
  const nMin = Math.max(1, result.settings.minParticipants);
  const limit = (z: number, n: number) => z * c / Math.sqrt(n);
  const yLo = Math.min(...ys, 1 - limit(3.09, Math.max(nMin, 4)));
  const yHi = Math.max(...ys, 1 + limit(3.09, Math.max(nMin, 4)));
  const y = linearScale(Math.max(0, yLo), yHi, p.bottom, p.top, 7);
  const clampY = (v: number) => y(Math.max(y.domain[0], Math.min(y.domain[1], v)));
  const out: string[] = [axes(p, x, y, 'Участников оценочных процедур в школе по всем показателям года (логарифмическая шкала)', 'Индекс качества')];
  const curve = (z: number, sign: number) => {
    const parts: string[] = [];
    const steps = 120;
    for (let i = 0; i <= steps; i++) {
      const n = nMin * Math.pow(x.domain[1] / nMin, i / steps);
      parts.push(`${i ? 'L' : 'M'}${r1(x(n))} ${r1(clampY(1 + sign * limit(z, n)))}`);
    }
    return parts.join(' ');
  };
  out.push(`<path d="${curve(zc, -1)}" fill="none" stroke="#C62828" stroke-width="1.4"/>`);
  out.push(`<path d="${curve(zc, 1)}" fill="none" stroke="#2E7D32" stroke-width="1.4"/>`);
  out.push(`<path d="${curve(3.09, -1)}" fill="none" stroke="#C62828" stroke-width="1" stroke-dasharray="5 4"/>`);
  out.push(`<path d="${curve(3.09, 1)}" fill="none" stroke="#2E7D32" stroke-width="1" stroke-dasharray="5 4"/>`);
  out.push(line(p.left, y(1), p.right, y(1), 'stroke="#455A64" stroke-width="1"'));
  out.push(line(x(nMin), p.top, x(nMin), p.bottom, 'stroke="#90A4AE" stroke-dasharray="2 3"'));
  out.push(text(x(nMin) + 4, p.top + 10, `для группы — не менее ${counted(nMin, NOUN.participant, 'gen')}`, 'class="note-label"'));
  let below = 0;
  let above = 0;
  out.push('<g class="points">');
  for (const s of pts) {
    const lim = limit(zc, s.participants);
    const state = s.qualityIndex! <= 1 - lim ? -1 : s.qualityIndex! >= 1 + lim ? 1 : 0;
    if (state < 0) below++;
    if (state > 0) above++;
    const fill = state < 0 ? '#E53935' : state > 0 ? '#43A047' : '#B0BEC5';
    out.push(`<circle cx="${r1(x(s.participants))}" cy="${r1(clampY(s.qualityIndex!))}" r="3.2" fill="${fill}" stroke="#37474F" stroke-width="0.4"><title>${esc(`${s.code} ${s.name}: ${counted(s.participants, NOUN.participant)}, индекс качества ${fmt(s.qualityIndex)}`)}</title></circle>`);
  }
  out.push('</g>');
  const level = `${String(confidenceLevel(zc)).replace('.', ',')}%`;
  out.push(legend([
    { color: '#E53935', label: `ниже границы ${level} (${below})`, shape: 'circle' },
    { color: '#B0BEC5', label: `в пределах границ (${pts.length - below - above})`, shape: 'circle' },
    { color: '#43A047', label: `выше границы ${level} (${above})`, shape: 'circle' },
    { color: '#C62828', label: `границы ${level}`, shape: 'line' },
    { color: '#C62828', label: 'границы 99,8%', shape: 'dash' },
  ], p.left, H - 30, p.right - p.left).svg);
  return figure({
    id: 'chart-funnel', number, width: W, height: H, body: out.join('\n'),
    title: 'Воронка: индекс качества и число участников',
    description: `Чем меньше участников, тем сильнее случайные колебания результата: границы расходятся воронкой к малым школам. ` +
      `Границы — 1 ± z·c/√n, где c = ${fmt(c, 3)} — медиана стандартной ошибки индекса, умноженной на √(число участников), по школам региона. ` +
      `Точка ниже красной линии — отставание, которое вряд ли объясняется случайностью. Статус ШНОР определяется по собственной стандартной ошибке школы и группе по качеству, поэтому число точек ниже границы (${below}) может отличаться от числа ШНОР (${result.schools.filter(isShnor).length}).`,
  });
}

/** The small chart of a card: the school's quality index per indicator against the region (1) and similar schools. */
export function indicatorChart(lines: IndicatorLine[], id: string): string {
  const rows = lines.filter((l) => l.qualityIndex !== null || l.similarQI !== null);
  const W = 380;
  const rowH = 15;
  const labelW = 128;
  const p: Plot = { left: labelW, top: 30, right: W - 34, bottom: 30 + rows.length * rowH };
  const vals = rows.flatMap((l) => [l.qualityIndex, l.similarQI]).filter((v): v is number => v !== null);
  const x = linearScale(Math.min(0.7, ...vals), Math.max(1.2, ...vals), p.left, p.right, 6);
  const out: string[] = [];
  for (const t of x.ticks) {
    out.push(line(x(t), p.top, x(t), p.bottom, 'class="grid"'));
    out.push(text(x(t), p.bottom + 13, fmt(t, x.digits), 'class="tick" text-anchor="middle"'));
  }
  out.push(line(x(1), p.top - 4, x(1), p.bottom, 'stroke="#263238" stroke-width="1.2"'));
  out.push(text(x(1), p.top - 8, 'регион = 1', 'class="note-label" text-anchor="middle"'));
  rows.forEach((l, i) => {
    const y0 = p.top + i * rowH;
    out.push(text(p.left - 6, y0 + rowH - 5, l.indicator, `class="row-label" text-anchor="end"${l.weak ? ' font-weight="bold" fill="#B71C1C"' : ''}`));
    if (l.qualityIndex !== null) {
      const xa = x(Math.min(1, l.qualityIndex));
      const xb = x(Math.max(1, l.qualityIndex));
      const fill = l.weak ? '#E53935' : l.qualityIndex < 1 ? '#FFB74D' : '#81C784';
      out.push(`<rect class="bar" x="${r1(xa)}" y="${r1(y0 + 3)}" width="${r1(Math.max(1, xb - xa))}" height="${rowH - 6}" fill="${fill}"><title>${esc(`${l.indicator}: ${fmt(l.qualityIndex)}`)}</title></rect>`);
      out.push(text(W - 4, y0 + rowH - 5, fmt(l.qualityIndex), `class="bar-label" text-anchor="end"${l.weak ? ' font-weight="bold" fill="#B71C1C"' : ''}`));
    }
    if (l.similarQI !== null) {
      const cx = x(l.similarQI);
      const cy = y0 + rowH / 2 - 0.5;
      out.push(`<path d="M${r1(cx)} ${r1(cy - 5)} L${r1(cx + 5)} ${r1(cy)} L${r1(cx)} ${r1(cy + 5)} L${r1(cx - 5)} ${r1(cy)} Z" fill="#1565C0"><title>${esc(`похожие школы: ${fmt(l.similarQI)}`)}</title></path>`);
    }
  });
  const lg = legend([
    { color: '#E53935', label: 'слабый' },
    { color: '#FFB74D', label: 'ниже среднего' },
    { color: '#81C784', label: 'выше среднего' },
    { color: '#1565C0', label: 'похожие школы', shape: 'diamond' },
  ], 6, p.bottom + 34, W - 12);
  out.push(lg.svg);
  const height = p.bottom + 34 + lg.height - 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="card-chart" data-chart="${esc(id)}" viewBox="0 0 ${W} ${r1(height)}" width="100%" role="img" aria-labelledby="${esc(id)}-title" font-family="'PT Sans', Arial, 'DejaVu Sans', sans-serif" font-size="11">
<title id="${esc(id)}-title">Индекс качества школы по показателям в сравнении с регионом и похожими школами</title>
${out.join('\n')}
</svg>`;
}
