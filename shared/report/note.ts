/**
 * «Аналитическая справка о результатах идентификации»: one self-contained HTML document in Russian
 * (inline SVG charts, print styles for A4, no external resources), generated from a run.
 */
import { objectivityNoteSection } from './objectivity-note';
import type { Identification, SchoolResult } from '../method/identify';
import { CATEGORY, CATEGORY_ORDER, type Category, NO_CATEGORY, NO_DATA, categoryName, fmt, NOUN, counted, plural } from '../messages';
import { confidenceLevel } from '../method/reason';
import { CATEGORY_COLORS, GROUP_COLORS, GROUP_TEXT_COLORS, type OutCell, type OutputSheet, blockFormat, listsSheet, summarySheet } from '../report-tables';
import type { Recommendations } from '../recommendations/recommend';
import { isShnor, lastRow, municipalitySummary, noStatusPart, shnorPositiveDynamics } from '../method/summary';
import { STATUS_LEGEND } from '../report-tables';
import { cardsHtml, municipalSupportHtml, rulesAnnexHtml } from './cards';
import { funnelChart, groupsChart, municipalitiesChart, scatterChart } from './charts';
import { type HtmlCell, esc, groupBadge, num, pct, table } from './html';
import { NOTE_CSS } from './styles';
import { abbreviationsHtml } from './glossary';

export interface NoteOptions {
  /** «Амурская область»: shown in the title. */
  regionName?: string;
  /** Who prepared the note, e.g. «ГАУ ДПО «Амурский областной институт развития образования»». */
  preparedBy?: string;
  /** The date line, e.g. «22.11.2025» (the engine does not read the clock). */
  preparedOn?: string;
  /** Recommendations of the same run: adds the section on addressed recommendations. */
  recommendations?: Recommendations | null;
  /** Where the school cards go: into an annex of this note (default) or a separate file named here. */
  cardsFile?: string | null;
  /** False: no annex of school cards (and rules) and no separate file; the section says so. Default true. */
  cards?: boolean;
}

const YEAR_WORD = (n: number) => plural(n, NOUN.year, 'gen');
const schoolsN = (n: number) => counted(n, NOUN.school);
/** Genitive: «у 21 школы», «у 33 школ». */
const schoolsGen = (n: number) => counted(n, NOUN.school, 'gen');
const glossarySettings = (r: Identification) => ({ zCritical: r.settings.zCritical, bandWidth: r.settings.bandWidth, level: String(confidenceLevel(r.settings.zCritical)).replace('.', ',') });
const pText = (p: number) => (p < 0.001 ? 'p < 0,001' : `p = ${fmt(p, 3)}`);

/** The category as a coloured label (same fill as the sheets). */
export function categoryLabel(c: Category | string | null, label: string = c ?? ''): HtmlCell {
  if (!c) return { html: `<span class="muted">${NO_DATA}</span>` };
  const color = CATEGORY_COLORS[c] ?? '#ECEFF1';
  return { html: `<span class="cat" style="background:${color}">${esc(label)}</span>` };
}

/** Renders the blocks of a host-neutral output sheet as HTML tables, with its formats and colours. */
export function outputSheetHtml(sheet: OutputSheet, options: { skipColumns?: string[]; totalRowLabel?: string } = {}): string {
  const out: string[] = [];
  for (const block of sheet.blocks) {
    const keep = block.header.map((_, i) => i).filter((i) => !(options.skipColumns ?? []).includes(block.header[i]));
    const classes = keep.map((i) => {
      const c = sheet.columns[i];
      if (c?.groupColors) return 'c';
      if (blockFormat(sheet.columns, block, i) || block.rows.some((r) => typeof r[i] === 'number')) return 'n';
      return block.header[i] === 'Обоснование' ? 'reason' : undefined;
    });
    const rows = block.rows.map((r) => keep.map((i): HtmlCell => {
      const v: OutCell = r[i];
      const c = sheet.columns[i];
      if (c?.groupColors) return groupBadge(typeof v === 'number' ? v : null, GROUP_COLORS, GROUP_TEXT_COLORS);
      if (c?.categoryColors) return categoryLabel(typeof v === 'string' ? v : null, typeof v === 'string' && (CATEGORY_ORDER as string[]).includes(v) ? categoryName(v as Category) : undefined);
      if (typeof v === 'number') {
        const format = blockFormat(sheet.columns, block, i);
        const digits = format ? (format.split('.')[1] ?? '').length : Number.isInteger(v) ? 0 : 2;
        return num(v, digits);
      }
      if (typeof v === 'boolean') return v ? 'да' : 'нет';
      return v === null ? '—' : v;
    }));
    const html = table(keep.map((i) => block.header[i]), rows, { columnClasses: classes });
    const withTotal = options.totalRowLabel ? html.replace(`<tr><td>${esc(options.totalRowLabel)}</td>`, `<tr class="total"><td>${esc(options.totalRowLabel)}</td>`) : html;
    out.push(`${block.caption ? `<h3>${esc(block.caption)}</h3>` : ''}${withTotal}`);
  }
  return out.join('\n');
}

function methodText(result: Identification): string {
  const s = result.settings;
  const level = String(confidenceLevel(s.zCritical)).replace('.', ',');
  const regional = `индекс качества школы — отношение её результатов к среднему по региону, усреднённое по показателям, — статистически значимо ниже 1 при уровне доверия ${level}%, то есть z не больше −${fmt(s.zCritical)}, и школа попадает в группы 1–5 из 11`;
  const federal = `хотя бы по ${counted(s.minLowIndicators, NOUN.indicator, 'dat')} не справились с работой, то есть получили отметку «2» или балл ниже минимального, не менее ${fmt(s.failShare * 100, 0)}% участников при числе участников не менее ${s.minIndicatorParticipants}`;
  const items: string[] = [];
  if (s.method === 'regional') {
    items.push(`<li><b>ШНОР</b> (региональный метод): ${regional}. Федеральный критерий показан справочно: ${federal}.</li>`);
  } else if (s.method === 'federal') {
    items.push(`<li><b>ШНОР</b> (федеральный критерий): ${federal}. Региональный индекс качества показан справочно.</li>`);
  } else {
    items.push(`<li><b>ШНОР</b> — школа, отнесённая к низким результатам хотя бы одним из двух методов: региональным, по которому ${regional}, или федеральным, по которому ${federal}.</li>`);
  }
  items.push(`<li><b>Группа</b> — на сколько индекс отклоняется от среднего по региону в единицах ${fmt(s.bandWidth, 2)} стандартного отклонения индекса по школам; σ индекса качества — ${num(result.qualitySigma, 3)}, σ ИСБШ — ${num(result.isbshSigma, 3)}: группа 6 — средняя, 1 — самая низкая, 11 — самая высокая.</li>`);
  items.push(`<li><b>ИСБШ</b> (индекс социального благополучия школы) — результат, который можно ожидать от школы по социальному составу её обучающихся (по регрессии на социальные факторы), делённый на его среднее: 1 — средние условия. <b>ШФНСУ</b> — школы с ИСБШ в группах 1–4.</li>`);
  items.push(`<li><b>Вклад школы</b> — разница между фактическим индексом качества и ожидаемым по ИСБШ; он «выше ожидаемого» или «ниже ожидаемого», когда разница статистически значима, то есть отличается от нуля более чем на ${fmt(s.zCritical)} стандартной ошибки.</li>`);
  items.push(`<li>Группа присваивается школе, у которой не менее ${counted(s.minParticipants, NOUN.participant, 'gen')} по всем показателям года; у школ с меньшим числом участников случайные колебания слишком велики («${NO_DATA}»).</li>`);
  items.push(`<li><b>Резильентная школа</b> — ИСБШ в группах 1–4 и индекс качества в группах 7–11: высокие результаты в неблагоприятных социальных условиях, кандидат в ресурсные школы.</li>`);
  if (result.previousYear !== null) items.push(`<li><b>Устойчивость</b>: статус ШНОР устойчив, если он сохраняется не менее ${s.stabilityYears} ${YEAR_WORD(s.stabilityYears)} подряд; каждый год рассчитывается по своим данным с теми же настройками.</li>`);
  items.push(`<li><b>Партнёры</b>: для каждой ШНОР — до ${counted(s.maxPartners, NOUN.school, 'gen')} с близким ИСБШ (различие не более ${fmt(s.bandWidth, 2)} σ) и высокими результатами или вкладом выше ожидаемого, сначала из того же муниципалитета.</li>`);
  return `<ul class="tight">${items.join('\n')}</ul>`;
}

function indicatorsTable(result: Identification): string {
  const rows = result.indicators.map((k, j) => {
    const withValue = result.schools.filter((s) => s.indicatorQI[j] !== null).length;
    const shares = result.schools.map((s) => s.failShares[j]).filter((v): v is number => v !== null);
    const low = result.schools.filter((s) => s.lowIndicators.includes(k)).length;
    return [k, withValue, num(result.regionalMeans[j], 2), num(result.pooledSDs[j], 2),
      shares.length ? pct(shares.reduce((a, b) => a + b, 0) / shares.length) : '—', low];
  });
  return table(['Показатель', 'Школ с результатом', 'Региональное среднее', 'Стандартное отклонение внутри школ', 'Не справились (в среднем по школам)', `Школ с долей не справившихся не менее ${fmt(result.settings.failShare * 100, 0)}%`],
    rows, { columnClasses: [undefined, 'n', 'n', 'n', 'n', 'n'] });
}

function betaWord(beta: number): string {
  const a = Math.abs(beta);
  return a < 0.1 ? 'слабая связь' : a < 0.3 ? 'умеренная связь' : 'сильная для социальных факторов связь';
}

/** One sentence per factor of the model, in words an official can repeat. */
export function factorSentence(f: { name: string; b: number; p: number; beta: number }): string {
  const name = f.name.replace(/,\s*%\s*$/, '');
  const dir = f.b > 0 ? 'выше' : 'ниже';
  const sig = f.p < 0.05
    ? `связь статистически значима (${pText(f.p)})`
    : `связь статистически не значима (${pText(f.p)}): фактор мало добавляет к объяснению различий`;
  return `<b>${esc(name)}</b>: чем больше эта доля, тем ${dir} в среднем индекс качества школы при тех же остальных факторах; разница в 10 процентных пунктов соответствует изменению индекса на ${f.b > 0 ? '+' : ''}${fmt(f.b * 10, 3)}. Стандартизованный коэффициент β = ${fmt(f.beta)} — ${betaWord(f.beta)}; ${sig}.`;
}

function modelSection(result: Identification): string {
  const m = result.model;
  if (!m) {
    return `<p class="callout">Модель ИСБШ не рассчитана: ${esc(result.modelMessage ?? 'нет социальных показателей')}. Категории ШФНСУ и резильентных школ, вклад школы и партнёры не определены.</p>`;
  }
  const rows: HtmlCell[][] = [
    ['Свободный член (b0)', num(m.intercept, 4), '—', '—', '—', '—'],
    ...m.factors.map((f) => [f.name, num(f.b, 5), num(f.se, 5), num(f.t, 2), f.p < 0.001 ? '< 0,001' : num(f.p, 3), num(f.beta, 2)]),
  ];
  const out: string[] = [];
  out.push(`<p>Индекс качества школ связан с социальным составом обучающихся. Модель ИСБШ построена методом наименьших квадратов по данным ${counted(m.n, NOUN.school, 'gen')} с группой по качеству и всеми факторами:</p>`);
  out.push(table(['Фактор', 'b', 'Стандартная ошибка', 't', 'p', 'β'], rows, { columnClasses: [undefined, 'n', 'n', 'n', 'n', 'n'] }));
  out.push(`<ul class="tight">${m.factors.map((f) => `<li>${factorSentence(f)}</li>`).join('\n')}</ul>`);
  out.push(`<p>Факторы вместе объясняют <b>${fmt(m.r2 * 100, 0)}%</b> различий в индексе качества между школами (R² = ${fmt(m.r2)}, скорректированный R² = ${fmt(m.adjR2)}; стандартное отклонение остатков ${fmt(m.residualSD, 3)}). ` +
    'Остальное — различия в работе самих школ и случайные колебания. Поэтому ИСБШ описывает условия, а не качество работы школы, а вклад школы показывает, насколько её результат выше или ниже ожидаемого в её условиях.</p>');
  const cand = result.candidates.filter((c) => !c.inModel);
  if (cand.length) {
    out.push('<h3>Другие социальные показатели (кандидаты в факторы)</h3>');
    out.push('<p>Каждый показатель добавлен к модели по отдельности; значимый показатель с заметным приростом скорректированного R² можно включить в модель на листе «Настройки» (строка «Фактор ИСБШ»).</p>');
    out.push(table(['Показатель', 'b', 'p', 'β', 'Прирост скорр. R²', 'Вывод'],
      cand.map((c) => [c.name, num(c.b, 5), Number.isFinite(c.p) ? (c.p < 0.001 ? '< 0,001' : num(c.p, 3)) : '—', num(c.beta, 2), num(c.adjR2Gain, 3),
        c.message ?? (c.p < 0.05 ? 'значим' : Number.isFinite(c.p) ? 'не значим' : '—')]),
      { columnClasses: [undefined, 'n', 'n', 'n', 'n', undefined] }));
  }
  return out.join('\n');
}

const CATEGORY_MEANING: Record<Category, string> = {
  [CATEGORY.both]: 'низкие результаты в неблагоприятных социальных условиях',
  [CATEGORY.lowResults]: 'низкие результаты, которые социальные условия не объясняют',
  [CATEGORY.lowSocial]: 'неблагоприятные условия, результаты на среднем уровне (или группа не присвоена)',
  [CATEGORY.resilient]: 'высокие результаты в неблагоприятных условиях: кандидаты в ресурсные школы',
  [CATEGORY.high]: 'высокие результаты',
  [CATEGORY.average]: 'результаты на среднем уровне, условия не хуже средних',
};

function categoriesTable(result: Identification): string {
  const total = lastRow(municipalitySummary(result));
  const n = result.schools.length;
  const none = total.noCategory;
  const rows: HtmlCell[][] = CATEGORY_ORDER.map((c) => [categoryLabel(c, categoryName(c)), total.byCategory[c], pct(total.byCategory[c] / Math.max(1, n)), CATEGORY_MEANING[c]]);
  rows.push([{ html: `<span class="muted">${NO_CATEGORY.label}</span>` }, none, pct(none / Math.max(1, n)), NO_CATEGORY.meaning]);
  rows.push([{ html: '<b>Всего</b>' }, n, '100,0%', '']);
  const shnor = total.byCategory[CATEGORY.lowResults] + total.byCategory[CATEGORY.both];
  const shfnsu = total.byCategory[CATEGORY.lowSocial] + total.byCategory[CATEGORY.both];
  return `${table(['Категория', 'Школ', 'Доля', 'Что означает'], rows, { columnClasses: [undefined, 'n', 'n', undefined] })}
<p class="small">Перечень ШНОР (${shnor}) составляют категории «${categoryName(CATEGORY.lowResults)}» и «${CATEGORY.both}», перечень ШФНСУ (${shfnsu}) — категории «${categoryName(CATEGORY.lowSocial)}» и «${CATEGORY.both}»; резильентные школы в перечень ШФНСУ не включаются.</p>`;
}

function kpis(result: Identification): string {
  const total = lastRow(municipalitySummary(result));
  const shnor = result.schools.filter(isShnor).length;
  const shfnsu = total.byCategory[CATEGORY.lowSocial] + total.byCategory[CATEGORY.both];
  const listed = shnor + total.byCategory[CATEGORY.lowSocial];
  const box = (v: string | number, l: string, cls = '') => `<div class="kpi ${cls}"><div class="v">${esc(v)}</div><div class="l">${esc(l)}</div></div>`;
  return `<div class="kpis">
${box(result.schools.length, `${plural(result.schools.length, NOUN.school)} в ${counted(new Set(result.schools.map((s) => s.municipality)).size, NOUN.municipality, 'loc')}`)}
${box(shnor, `в перечне ШНОР (${pct(shnor / Math.max(1, result.schools.length))} школ региона)`, 'orange')}
${box(shfnsu, 'в перечне ШФНСУ', 'yellow')}
${box(total.byCategory[CATEGORY.both], 'в обоих перечнях (ШНОР и ШФНСУ)', 'red')}
${box(listed, `${plural(listed, NOUN.school)} в перечнях всего`)}
${box(Math.ceil(listed * 0.1), 'минимум школ в региональной программе (10%)')}
${box(total.byCategory[CATEGORY.resilient], plural(total.byCategory[CATEGORY.resilient], NOUN.resilientSchool), 'green')}
${result.previousYear !== null ? box(`${total.newInList} / ${total.leftList}`, `вошли в перечень ШНОР / вышли из него по сравнению с ${result.previousYear} годом`) : box(total.federalLow, `${plural(total.federalLow, NOUN.school)} по федеральному критерию`)}
</div>`;
}

function summaryParagraphs(result: Identification): string {
  const total = lastRow(municipalitySummary(result));
  const grouped = result.schools.filter((s) => s.qualityGroup !== null).length;
  const shnor = result.schools.filter(isShnor);
  const parts: string[] = [];
  parts.push(`<p>Идентификация школ с низкими образовательными результатами (далее — ШНОР) и школ, функционирующих в неблагоприятных социальных условиях (далее — ШФНСУ), ${result.year} года проведена по ${counted(result.indicators.length, NOUN.indicator, 'dat')} оценочных процедур для ${schoolsGen(result.schools.length)}; группа по качеству присвоена ${counted(grouped, NOUN.school, 'dat')}, индекс социального благополучия школы (далее — ИСБШ) рассчитан для ${schoolsGen(result.schools.filter((s) => s.isbsh !== null).length)}.</p>`);
  const stableText = result.previousYear !== null ? `; из них со статусом ШНОР и в ${result.previousYear} году (устойчивый статус) — ${total.stable}` : '';
  parts.push(`<p>В перечень ШНОР включено: <b>${schoolsN(shnor.length)}</b>${stableText}. В перечень ШФНСУ включено: <b>${schoolsN(total.byCategory[CATEGORY.lowSocial] + total.byCategory[CATEGORY.both])}</b>, из них в обоих перечнях — ${total.byCategory[CATEGORY.both]}. ` +
    `Резильентных школ (высокие результаты в неблагоприятных социальных условиях) — ${total.byCategory[CATEGORY.resilient]}: кандидаты в ресурсные школы и школы-партнёры.</p>`);
  const top = municipalitySummary(result).slice(0, -1).filter((m) => m.lowResults > 0)
    .sort((a, b) => b.lowResults / b.schools - a.lowResults / a.schools || b.lowResults - a.lowResults).slice(0, 3);
  if (top.length) parts.push(`<p>Наибольшая доля ШНОР: ${top.map((m) => `${esc(m.municipality)} — ${m.lowResults} из ${m.schools}`).join('; ')}.</p>`);
  return parts.join('\n');
}

function comparisonParagraph(result: Identification): string {
  const regional = result.schools.filter((s) => s.qualityGroup !== null && s.qualityGroup <= 5);
  const federal = result.schools.filter((s) => s.federalLow);
  const both = regional.filter((s) => s.federalLow).length;
  return `<p>Федеральный критерий (доля не справившихся не менее ${fmt(result.settings.failShare * 100, 0)}% хотя бы по одному показателю) выделяет ${counted(federal.length, NOUN.school, 'acc')}, региональный индекс качества (группы 1–5) — ${schoolsN(regional.length)}; обоими методами выделено: ${both}. ` +
    `Только федеральным критерием — ${federal.length - both}, только региональным индексом качества — ${regional.length - both}. Федеральный критерий чувствителен к малым классам и к отдельным неудачным работам, региональный — к уровню результатов в целом и учитывает точность оценки.</p>`;
}

function changesSection(result: Identification): string {
  if (result.previousYear === null) {
    return `<p class="callout">Данных за ${(result.year ?? 0) - 1} год нет: изменения статуса, устойчивость и динамика не определены.</p>`;
  }
  const out: string[] = [];
  const cont = result.schools.filter((s) => s.change === 'continuing').length;
  const fresh = result.schools.filter((s) => s.change === 'new');
  const left = result.schools.filter((s) => s.change === 'left');
  const rest = noStatusPart(result);
  out.push(`<p>По сравнению с ${result.previousYear} годом: остались в перечне ШНОР — ${cont}, вошли впервые — ${fresh.length}${rest ? `, ${esc(rest)}` : ''}, вышли из перечня — ${left.length}.</p>`);
  let up = 0;
  let down = 0;
  let same = 0;
  for (const s of result.schools) {
    if (s.qualityGroup === null || !s.previous || s.previous.qualityGroup === null) continue;
    if (s.qualityGroup > s.previous.qualityGroup) up++;
    else if (s.qualityGroup < s.previous.qualityGroup) down++;
    else same++;
  }
  out.push(`<p>Из школ с группой по качеству в оба года группа выросла у ${up}, снизилась у ${down}, не изменилась у ${same}.</p>`);
  const row = (s: SchoolResult): HtmlCell[] => [s.municipality, s.code, s.name, num(s.previous?.qualityIndex ?? null, 3),
    groupBadge(s.previous?.qualityGroup ?? null, GROUP_COLORS, GROUP_TEXT_COLORS), num(s.qualityIndex, 3), groupBadge(s.qualityGroup, GROUP_COLORS, GROUP_TEXT_COLORS)];
  const head = ['Муниципалитет', 'Код ОО', 'Наименование ОО', `Индекс ${result.previousYear}`, `Группа ${result.previousYear}`, `Индекс ${result.year}`, `Группа ${result.year}`];
  const cls = [undefined, undefined, undefined, 'n', 'c', 'n', 'c'];
  const byPlace = (a: SchoolResult, b: SchoolResult) => a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru');
  if (fresh.length) out.push(`<h3>Вошли в перечень ШНОР впервые (${fresh.length})</h3>${table(head, [...fresh].sort(byPlace).map(row), { columnClasses: cls })}`);
  if (left.length) out.push(`<h3>Вышли из перечня ШНОР (${left.length})</h3>${table(head, [...left].sort(byPlace).map(row), { columnClasses: cls })}`);
  const dyn = shnorPositiveDynamics(result).filter((d) => d.measured > 0);
  if (dyn.length) {
    out.push('<h3>Динамика результатов ШНОР по показателям</h3>');
    out.push('<p>Показатель программы «доля ШНОР, достигших положительной динамики»: индекс качества по показателю вырос или доля не справившихся снизилась более чем на одну стандартную ошибку изменения (объединённую стандартную ошибку двух лет).</p>');
    out.push(table(['Показатель', 'ШНОР с результатами в оба года', 'С положительной динамикой', 'Доля'],
      dyn.map((d) => [d.indicator, d.measured, d.positive, pct(d.share)]), { columnClasses: [undefined, 'n', 'n', 'n'] }));
  }
  return out.join('\n');
}

function caveatsSection(result: Identification): string {
  const items: string[] = [];
  const small = result.schools.filter((s) => s.qualityIndex !== null && s.qualityGroup === null);
  const noResults = result.schools.filter((s) => s.qualityIndex === null);
  const noIsbsh = result.schools.filter((s) => s.isbsh === null);
  const s = result.settings;
  if (small.length) {
    items.push(`<li><b>Малые школы.</b> У ${schoolsGen(small.length)} менее ${counted(s.minParticipants, NOUN.participant, 'gen')} по всем показателям года: индекс качества рассчитан, но группа не присвоена («${NO_DATA}»), и в перечень ШНОР по региональному методу такие школы не включаются. Их результаты рекомендуется анализировать за несколько лет совместно с педагогами: ${small.slice(0, 12).map((x) => `${esc(x.name)} — код ${esc(x.code)}, ${counted(x.participants, NOUN.participant)}`).join('; ')}${small.length > 12 ? ` и ещё ${small.length - 12}` : ''}.</li>`);
  }
  if (noResults.length) items.push(`<li><b>Нет результатов.</b> У ${schoolsGen(noResults.length)} нет результатов по выбранным показателям года: ${noResults.slice(0, 12).map((x) => `${esc(x.name)} — код ${esc(x.code)}`).join('; ')}${noResults.length > 12 ? ` и ещё ${noResults.length - 12}` : ''}.</li>`);
  if (noIsbsh.length) items.push(`<li><b>Нет социальных показателей.</b> Для ${schoolsGen(noIsbsh.length)} ИСБШ не рассчитан (не хватает данных социального паспорта): они не могут быть отнесены к ШФНСУ, для них не определены вклад и партнёры${noIsbsh.length <= 12 ? `: ${noIsbsh.map((x) => `${esc(x.name)} — код ${esc(x.code)}`).join('; ')}` : ''}.</li>`);
  const analysed = result.schools.filter((x) => x.qualityGroup !== null).length;
  const alpha = (100 - confidenceLevel(s.zCritical)) / 2;
  items.push(`<li><b>Статистическая природа статуса.</b> Граница значимости при уровне доверия ${String(confidenceLevel(s.zCritical)).replace('.', ',')}% означает, что примерно ${fmt(alpha, 1)}% школ, результаты которых в действительности соответствуют среднему, могут случайно оказаться ниже неё; при ${counted(analysed, NOUN.school, 'loc')} это около ${counted(Math.round((analysed * alpha) / 100), NOUN.school, 'gen')}. Поэтому решения о мерах принимаются с учётом устойчивости статуса и причин, выявленных на месте.</li>`);
  if (result.model) items.push(`<li><b>Модель ИСБШ</b> объясняет ${fmt(result.model.r2 * 100, 0)}% различий между школами; ИСБШ зависит от полноты и точности социальных паспортов школ.</li>`);
  items.push('<li><b>Статус — не оценка работы педагогов.</b> Он показывает, каким школам нужна поддержка в первую очередь, и служит основанием для адресных мер, а не для санкций.</li>');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  const out = [`<ul class="tight">${items.join('\n')}</ul>`];
  if (warnings.length) out.push(`<h3>Замечания к исходным данным (${warnings.length})</h3><ul class="tight small">${warnings.map((p) => `<li>${esc(p.message)}</li>`).join('\n')}</ul>`);
  if (result.defaultsUsed.length) out.push(`<p class="small muted">Параметры, взятые по умолчанию: ${esc(result.defaultsUsed.join('; '))}.</p>`);
  return out.join('\n');
}

interface Section { id: string; title: string; html: string; className?: string }

function titleBlock(result: Identification, options: NoteOptions): string {
  const region = options.regionName ? `<p class="subtitle"><b>${esc(options.regionName)}</b></p>` : '';
  const by = [options.preparedBy, options.preparedOn].filter(Boolean).map((x) => esc(x)).join(', ');
  return `<h1>Аналитическая справка о результатах идентификации школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных социальных условиях, ${result.year ?? ''} год</h1>
${region}${by ? `<p class="subtitle">${by}</p>` : ''}`;
}

function documentHtml(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ШНОР Монитор">
<title>${esc(title)}</title>
<style>${NOTE_CSS}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="window.print()">Печать / PDF</button></div>
${body}
</body>
</html>
`;
}

/** Wraps ready HTML (the cards) as a stand-alone document with the note's styles. */
export function htmlDocument(title: string, body: string): string {
  return documentHtml(title, body);
}

/**
 * The analytical note of a run as one self-contained HTML document.
 * @example analyticalNote(identify(tables), { regionName: 'Амурская область', recommendations: recommend(result, { tables }) })
 */
export function analyticalNote(result: Identification, options: NoteOptions = {}): string {
  const title = `Аналитическая справка о результатах идентификации ШНОР и ШФНСУ, ${result.year ?? ''} год`;
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    return documentHtml(title, `${titleBlock(result, options)}
<p class="callout">Идентификация не выполнена: во входных данных ${counted(errors.length, NOUN.error)}. Исправьте их и сформируйте справку снова.</p>
<ul class="tight">${errors.map((p) => `<li>${esc(p.message)}</li>`).join('\n')}</ul>`);
  }
  let fig = 0;
  const sections: Section[] = [];
  sections.push({ id: 'summary', title: 'Основные итоги', html: `${kpis(result)}\n${summaryParagraphs(result)}` });
  sections.push({
    id: 'method', title: 'Данные и метод',
    html: `<p>Использованы результаты оценочных процедур ${result.year} года${result.previousYear !== null ? ` (для сравнения — ${result.previousYear} года)` : ''} и социальные показатели школ. Показатели:</p>
${indicatorsTable(result)}
<p>Правила отнесения школ к категориям:</p>
${methodText(result)}`,
  });
  sections.push({ id: 'model', title: 'Модель индекса социального благополучия школы', html: modelSection(result) });
  const groups = groupsChart(result, ++fig);
  const scatter = scatterChart(result, fig + 1);
  if (scatter) fig++;
  sections.push({
    id: 'categories', title: 'Распределение школ по категориям',
    html: `${categoriesTable(result)}\n${groups}\n${scatter ?? '<p class="callout">График индекса качества и ИСБШ не построен: нет школ с обоими индексами.</p>'}\n${comparisonParagraph(result)}`,
  });
  const funnel = funnelChart(result, fig + 1);
  if (funnel) fig++;
  sections.push({
    id: 'reliability', title: 'Надёжность оценок: воронка',
    html: funnel ?? '<p class="callout">Воронка не построена: у школ нет стандартных ошибок индекса (нет отметок и стандартных отклонений).</p>',
  });
  const muniChart = municipalitiesChart(result, ++fig);
  sections.push({
    id: 'municipalities', title: 'Муниципалитеты',
    html: `${muniChart}\n${outputSheetHtml(summarySheet(result), { totalRowLabel: 'Итого по региону' })}`,
  });
  sections.push({ id: 'lists', title: 'Перечни школ', html: `<p>Перечни являются приложениями к приказу об итогах идентификации; обоснование содержит числа, по которым школа отнесена к категории, и вывод. ${STATUS_LEGEND}</p>\n${outputSheetHtml(listsSheet(result))}` });
  sections.push({ id: 'changes', title: 'Изменения по сравнению с прошлым годом', html: changesSection(result) });
  const objectivity = objectivityNoteSection(result, fig + 1);
  fig += objectivity.figures;
  sections.push({ id: 'objectivity', title: 'Объективность результатов (признаки Рособрнадзора)', html: objectivity.html });
  const rec = options.recommendations;
  if (rec) {
    const where = options.cardsFile
      ? `Карточки школ (по одной странице на школу) — в отдельном файле «${esc(options.cardsFile)}».`
      : options.cards === false
        ? 'Карточки школ (по одной странице на школу) в эту справку не включены: их можно сформировать отдельно.'
        : 'Карточки школ (по одной странице на школу) — в приложении А; правила выбора мер — в приложении Б.';
    sections.push({
      id: 'recommendations', title: 'Адресные рекомендации',
      html: `<p>Для каждой школы из перечней ШНОР и ШФНСУ (всего ${schoolsN(rec.cards.length)}) меры выбраны правилами из перечня мер региональной и муниципальных программ: у каждой меры указано правило, которое её выбрало, и числа школы. ${where}</p>
${rec.socialKnown ? '' : '<p class="callout">Лист «Социальные показатели» не передан: правила П11–П14 (специалисты, работа с семьями) не применялись.</p>'}
${municipalSupportHtml(rec, options.cardsFile ? encodeURI(options.cardsFile) : '')}`,
    });
  }
  sections.push({ id: 'caveats', title: 'Ограничения и оговорки', html: caveatsSection(result) });
  if (rec && !options.cardsFile && options.cards !== false) {
    sections.push({ id: 'annex-cards', title: 'Приложение А. Карточки школ', html: cardsHtml(rec), className: 'annex' });
    sections.push({ id: 'annex-rules', title: 'Приложение Б. Правила выбора мер', html: rulesAnnexHtml(rec), className: 'annex' });
  }
  const toc = `<nav class="toc"><b>Содержание</b><ol>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = [titleBlock(result, options), toc, abbreviationsHtml(glossarySettings(result)),
    ...sections.map((s, i) => `<section id="${s.id}"${s.className ? ` class="${s.className}"` : ''}>\n<h2>${s.id.startsWith('annex') ? '' : `${i + 1}. `}${esc(s.title)}</h2>\n${s.html}\n</section>`)].join('\n');
  return documentHtml(title, body);
}

export interface CardsDocumentOptions {
  regionName?: string;
  preparedBy?: string;
  preparedOn?: string;
}

/**
 * The addressed recommendations as a document of their own: municipal summaries, then one card per
 * school (a printed page each), then the rules and the sources of the measures.
 * @example recommendationsDocument(result, recommend(result, { tables }), { regionName: 'Амурская область' })
 */
export function recommendationsDocument(result: Identification, rec: Recommendations, options: CardsDocumentOptions = {}): string {
  const title = `Адресные рекомендации по итогам идентификации ШНОР и ШФНСУ, ${rec.year} год`;
  const by = [options.preparedBy, options.preparedOn].filter(Boolean).map((x) => esc(x)).join(', ');
  const body = `<h1>${esc(title)}</h1>
${options.regionName ? `<p class="subtitle"><b>${esc(options.regionName)}</b></p>` : ''}${by ? `<p class="subtitle">${by}</p>` : ''}
${abbreviationsHtml(glossarySettings(result))}
<p>Карточки ${schoolsGen(rec.cards.length)} из перечней школ с низкими образовательными результатами (далее — ШНОР) и школ, функционирующих в неблагоприятных социальных условиях (далее — ШФНСУ): числа школы в сравнении с регионом и школами в похожих социальных условиях, слабые показатели, динамика, партнёры и меры, выбранные правилами (правила и источники мер — в конце документа).</p>
${rec.socialKnown ? '' : '<p class="callout">Лист «Социальные показатели» не передан: правила П11–П14 не применялись.</p>'}
<section id="municipalities"><h2>Рекомендации муниципалитетам</h2>
${municipalSupportHtml(rec)}
</section>
<section id="cards" class="annex"><h2>Карточки школ</h2>
${cardsHtml(rec)}
</section>
<section id="rules" class="annex"><h2>Правила выбора мер</h2>
${rulesAnnexHtml(rec)}
</section>`;
  return documentHtml(title, body);
}
