/**
 * The recommendations as HTML: one card per school (a printed page each), the municipal summaries,
 * and the annex with the rules and the sources of the measures.
 */
import { CATEGORY, CATEGORY_ORDER, type Category, categoryName, fmt, NOUN, counted } from '../messages';
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS } from '../report-tables';
import { MEASURES, MEASURE_ORDER } from '../recommendations/measures';
import type { Recommendations, SchoolCard } from '../recommendations/recommend';
import { indicatorChart } from './charts';
import { cardObjectivityHtml } from './objectivity-note';
import { type HtmlCell, esc, groupBadge, num, pct, table } from './html';

const badge = (g: number | null): HtmlCell => groupBadge(g, GROUP_COLORS, GROUP_TEXT_COLORS);

function catSpan(c: string): string {
  const label = (CATEGORY_ORDER as string[]).includes(c) ? categoryName(c as Category) : c;
  return `<span class="cat" style="background:${CATEGORY_COLORS[c] ?? '#ECEFF1'}">${esc(label)}</span>`;
}

export function cardAnchor(code: string): string {
  return `card-${code.replace(/[^0-9A-Za-zА-Яа-яЁё_-]/g, '_')}`;
}

function contributionText(c: SchoolCard): string {
  if (c.residual === null) return '—';
  const word = c.contribution === 1 ? 'выше ожидаемого' : c.contribution === -1 ? 'ниже ожидаемого' : 'в пределах ожидаемого';
  return `${c.residual > 0 ? '+' : ''}${fmt(c.residual)} (${word})`;
}

function numbersTable(c: SchoolCard): string {
  const ci = c.ciLow !== null && c.ciHigh !== null ? ` <span class="muted">(ДИ ${fmt(c.ciLow)}–${fmt(c.ciHigh)})</span>` : '';
  const groupHtml = (g: number | null) => {
    const b = badge(g);
    return typeof b === 'object' && b !== null ? b.html : '';
  };
  const rows: HtmlCell[][] = [
    ['Индекс качества', { html: `${num(c.qualityIndex)}${ci} ${groupHtml(c.qualityGroup)}`, className: 'n' }, num(c.similar?.meanQI ?? null)],
    ['ИСБШ', { html: `${num(c.isbsh)} ${groupHtml(c.isbshGroup)}`, className: 'n' }, 'близкий'],
    ['Ожидаемый по условиям', num(c.expected), '—'],
    ['Вклад школы', contributionText(c), '—'],
  ];
  if (c.similar) rows.push(['Место среди похожих', `${c.similar.rank} из ${c.similar.of}`, '—']);
  return table(['', 'Школа (группа)', 'Похожие школы'], rows, { columnClasses: [undefined, 'n', 'n'], className: 'numbers' });
}

function statusLine(c: SchoolCard): string {
  const parts: string[] = [];
  if (c.stable) parts.push('устойчиво в перечне ШНОР');
  else if (c.listStatus) parts.push(`в перечне ${c.category === CATEGORY.lowSocial ? 'ШФНСУ' : 'ШНОР'}: ${c.listStatus}`);
  if (c.previous) parts.push(`в ${c.previous.year} году: индекс ${num(c.previous.qualityIndex)}, ${c.previous.qualityGroup !== null ? `группа ${c.previous.qualityGroup}` : 'группа не присвоена'}`);
  return parts.join('; ');
}

function socialTable(c: SchoolCard): string {
  if (!c.social.length) return '<p class="small muted">Социальные показатели школы не переданы.</p>';
  return table(['Показатель', 'Школа', 'Медиана региона'],
    c.social.map((l) => [
      l.unfavourable ? { html: `<b>${esc(l.name.replace(/,\s*%$/, ''))}</b>` } : l.name.replace(/,\s*%$/, ''),
      l.unfavourable ? { html: `<b>${esc(fmt(l.value, 1))}%</b>`, className: 'n' } : `${fmt(l.value, 1)}%`,
      `${fmt(l.regionMedian, 1)}%`,
    ]), { columnClasses: [undefined, 'n', 'n'] });
}

function measuresTable(c: SchoolCard): string {
  const seen = new Set<string>();
  const detail = (m: SchoolCard['measures'][number]): string => {
    if (m.id === 'partner') return ' — <b>со школами из раздела «Школы-партнёры»</b>';
    if (!m.detail) return '';
    if (seen.has(m.detail)) return ' — по тем же предметам';
    seen.add(m.detail);
    return ` — <b>${esc(m.detail)}</b>`;
  };
  return table(['№', 'Мера', 'Кто, когда', 'Правила'],
    c.measures.map((m, i) => [
      String(i + 1),
      { html: `${esc(m.short)}${detail(m)}` },
      `${m.responsible}; ${m.when}`,
      { html: m.rules.map((r) => `<span class="rule" title="${esc(r.title)}">${esc(r.id)}</span>`).join(' ') },
    ]), { className: 'measures' });
}

/** The evidence of the fired rules; what the card already shows in a section is pointed to, not repeated. */
function evidenceHtml(c: SchoolCard): string {
  const weak = c.indicators.filter((l) => l.weak).length;
  return c.fired.map((r) => {
    const text = r.id === 'П3' ? `${counted(weak, NOUN.weakIndicator)} (см. «Слабые показатели»)` : r.evidence;
    return `<span class="rule" title="${esc(r.title)}">${esc(r.id)}</span> ${esc(text)}`;
  }).join('; ');
}

/** One school's card: a printed page. */
export function cardHtml(c: SchoolCard, index: number): string {
  const meta = [`код ${c.code}`, c.municipality, c.locality, c.smallSchool ? 'малокомплектная' : null, `${counted(c.participants, NOUN.participant)} оценочных процедур`]
    .filter(Boolean).map((x) => esc(x)).join(' · ');
  const weak = c.indicators.filter((l) => l.weak);
  const status = statusLine(c);
  return `<section class="card" id="${cardAnchor(c.code)}" data-code="${esc(c.code)}">
<div class="card-head"><div><h3>${index}. ${esc(c.name)}</h3><div class="meta">${meta}</div></div>
<div style="text-align:right">${catSpan(c.category)}<br><span class="small ${c.priority === 'высокий' ? 'priority-high' : ''}">приоритет: ${esc(c.priority)}</span>${c.priority === 'высокий' ? `<br><span class="small muted">${esc(c.priorityReason)}</span>` : ''}</div></div>
<div class="card-grid">
<div><h4>Школа и похожие по ИСБШ школы (регион = 1,00)</h4>${numbersTable(c)}
<h4>Динамика</h4><p class="small">${esc(c.trend)}${status ? `<br>${esc(status)}` : ''}</p>
${cardObjectivityHtml(c.objectivity)}
<h4>Слабые показатели</h4><p class="small">${weak.length ? [...weak].sort((a, b) => (a.qualityIndex ?? 9) - (b.qualityIndex ?? 9)).map((l) => `<b>${esc(l.indicator)}</b> ${num(l.qualityIndex)}${l.shareHigher !== null ? ` (ниже, чем у ${pct(l.shareHigher, 0)} школ)` : ''}${l.failShare !== null && l.failShare > 0 ? `, не справились ${pct(l.failShare, 0)}` : ''}`).join('; ') : '<span class="muted">нет</span>'}</p>
<h4>Школы-партнёры</h4><p class="small">${c.partners.length
    ? c.partners.map((p) => `${esc(p.name)} <span class="muted">(код ${esc(p.code)}, ${esc(p.municipality)}; ${esc(p.category ?? '')}; индекс ${num(p.qualityIndex)}, ИСБШ ${num(p.isbsh)})</span>`).join('<br>')
    : '<span class="muted">не подобраны</span>'}</p></div>
<div><h4>Индекс качества по показателям</h4>${indicatorChart(c.indicators, `card-chart-${c.code}`)}
<h4>Социальные условия</h4>${socialTable(c)}</div>
</div>
<h4>Рекомендуемые меры</h4>${measuresTable(c)}
<p class="evidence"><b>Основания (правила — в приложении):</b> ${evidenceHtml(c)}.</p>
</section>`;
}

/** Every card, grouped by municipality (as the cards are sorted). */
export function cardsHtml(rec: Recommendations): string {
  if (!rec.cards.length) return '<p>Школ в перечнях ШНОР и ШФНСУ нет.</p>';
  return rec.cards.map((c, i) => cardHtml(c, i + 1)).join('\n');
}

/** The region's measure counts and one block per municipality with its advice and schools. */
export function municipalSupportHtml(rec: Recommendations, cardsHref = ''): string {
  const counts = new Map<string, number>();
  for (const c of rec.cards) for (const m of c.measures) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  const out: string[] = [];
  out.push('<h3>Меры по региону</h3>');
  out.push(table(['Мера', 'Школ', 'Ответственные'],
    MEASURE_ORDER.filter((id) => counts.has(id)).map((id) => [MEASURES[id].title, counts.get(id)!, MEASURES[id].responsible]),
    { columnClasses: [undefined, 'n', undefined] }));
  out.push('<h3>Рекомендации муниципалитетам</h3>');
  for (const m of rec.municipalities) {
    const cards = rec.cards.filter((c) => c.municipality === m.municipality);
    const stats = m.cards
      ? `в перечнях ${m.cards} из ${m.schools}: ШНОР и ШФНСУ — ${m.byCategory.both}, только ШНОР — ${m.byCategory.lowResults}, только ШФНСУ — ${m.byCategory.lowSocial}; устойчивые ШНОР — ${m.stable}, вошли в перечень ШНОР впервые — ${m.newInList}, вышли из перечня ШНОР — ${m.leftList}`
      : `школ ${m.schools}, в перечнях нет`;
    const schools = cards.length
      ? `<p class="small">Школы: ${cards.map((c) => `<a href="${esc(cardsHref)}#${cardAnchor(c.code)}">${esc(c.name)}</a> (${esc(c.category)}${c.priority === 'высокий' ? ', высокий приоритет' : ''})`).join('; ')}.</p>`
      : '';
    out.push(`<div class="muni" data-municipality="${esc(m.municipality)}"><h4>${esc(m.municipality)}</h4><p class="small muted">${esc(stats)}</p>
<ol class="tight">${m.advice.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>${schools}</div>`);
  }
  return out.join('\n');
}

/** The rules and the sources of the measures. */
export function rulesAnnexHtml(rec: Recommendations): string {
  const rules = table(['Правило', 'Когда срабатывает', 'Какие меры выбирает'],
    rec.rules.map((r) => [{ html: `<b>${esc(r.id)}</b> ${esc(r.title)}` }, r.condition, { html: `<ul class="tight">${r.measures.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>` }]));
  const measures = table(['Мера', 'Ответственные', 'Срок', 'Источник'],
    MEASURE_ORDER.map((id) => [MEASURES[id].title, MEASURES[id].responsible, MEASURES[id].when, MEASURES[id].source]));
  return `${rules}\n<h3>Меры и их источники</h3>\n${measures}`;
}
