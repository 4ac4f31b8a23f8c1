/**
 * Addressed recommendations: a card for every ШНОР and ШФНСУ (its numbers, weakest indicators,
 * trend, partners and the measures chosen by the rules) and a summary for every municipality.
 */
import type { Identification, SchoolResult } from '../method/identify';
import { CATEGORY, CHANGE_TEXT, type Category, fmt, NOUN, counted } from '../messages';
import { isShnor, listStatus } from '../method/summary';

/** «—» (no comparison) is no status on a card. */
const statusOrNull = (t: string): string | null => (t === '—' ? null : t);
import { finiteOrNull } from '../method/statistics';
import type { RegionTables } from '../types';
import { MEASURES, MEASURE_ORDER, type MeasureId } from './measures';
import {
  type IndicatorLine, type SocialLine, indicatorLines, regionIndicatorStats, similarSchools, socialData, socialLines, splitIndicator,
} from './profile';
import { type PartnerInfo, RULES, type RuleContext, needsCard } from './rules';

export interface FiredRule {
  id: string;
  title: string;
  evidence: string;
}

export interface RecommendedMeasure {
  id: MeasureId;
  short: string;
  title: string;
  /** Specifics for this school (subjects, partners), or null. */
  detail: string | null;
  responsible: string;
  when: string;
  source: string;
  /** Every rule that chose this measure, in rule order. */
  rules: FiredRule[];
}

export type Priority = 'высокий' | 'обычный';

export interface SchoolCard {
  code: string;
  name: string;
  municipality: string;
  locality: string | null;
  smallSchool: boolean | null;
  category: Category;
  /** «впервые», «повторно», or null without a previous year. */
  listStatus: string | null;
  stable: boolean | null;
  priority: Priority;
  priorityReason: string;
  reason: string;
  participants: number;
  qualityIndex: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  qualityGroup: number | null;
  isbsh: number | null;
  isbshGroup: number | null;
  expected: number | null;
  residual: number | null;
  contribution: 1 | 0 | -1 | null;
  /** Mean quality index of the similar schools and the school's place among them. */
  similar: { rank: number; of: number; meanQI: number | null } | null;
  previous: { year: number; qualityIndex: number | null; qualityGroup: number | null; lowResults: boolean } | null;
  indicators: IndicatorLine[];
  /** Weak indicators, weakest (lowest quality index) first. */
  weakest: string[];
  /** One line on the trend, e.g. «индекс качества 0,86 → 0,82; хуже по ВПР-4 Математика». */
  trend: string;
  partners: PartnerInfo[];
  social: SocialLine[];
  /** Every rule that fired, in rule order. */
  fired: FiredRule[];
  measures: RecommendedMeasure[];
  /** Reasons of the markers of non-objective results the school has (Рособрнадзор and the region's additions). */
  objectivity: string[];
}

export interface MunicipalitySupport {
  municipality: string;
  schools: number;
  /** Schools with a card. */
  cards: number;
  byCategory: { both: number; lowResults: number; lowSocial: number };
  stable: number;
  newInList: number;
  leftList: number;
  /** Cards whose school has no partner in its own municipality. */
  partnersElsewhere: number;
  withoutPartner: number;
  weakIndicators: { indicator: string; schools: number }[];
  measures: { id: MeasureId; title: string; schools: number }[];
  /** Resilient and high-result schools with a contribution above expected: candidates for resource schools. */
  resourceSchools: { code: string; name: string; category: Category | null; qualityIndex: number | null }[];
  /** Recommendations to the municipal authority, in Russian sentences. */
  advice: string[];
}

export interface Recommendations {
  year: number;
  cards: SchoolCard[];
  municipalities: MunicipalitySupport[];
  /** The rules as documented (for the annex «Правила выбора мер»). */
  rules: { id: string; title: string; condition: string; measures: string[] }[];
  /** False when the social sheet was not given: the social rules (П11–П14) could not fire. */
  socialKnown: boolean;
}

export interface RecommendOptions {
  /** The input grids of the run: the social profile (rules П11–П14) needs «Социальные показатели». */
  tables?: RegionTables;
}

const byPlace = (a: { municipality: string; name: string }, b: { municipality: string; name: string }) =>
  a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru');

function trendLine(s: SchoolResult, lines: IndicatorLine[], previousYear: number | null): string {
  if (!s.previous || previousYear === null) return 'нет данных прошлого года';
  const parts: string[] = [];
  if (s.previous.qualityIndex !== null && s.qualityIndex !== null) {
    parts.push(`индекс качества ${fmt(s.previous.qualityIndex)} (${previousYear}) → ${fmt(s.qualityIndex)}`);
  }
  const up = lines.filter((l) => l.change?.positive).map((l) => l.indicator);
  const down = lines.filter((l) => l.change?.negative).map((l) => l.indicator);
  if (up.length) parts.push(`лучше: ${up.join(', ')}`);
  if (down.length) parts.push(`хуже: ${down.join(', ')}`);
  if (!up.length && !down.length && lines.some((l) => l.change)) parts.push('по показателям без значимых изменений');
  return parts.join('; ') || 'нет данных прошлого года';
}

function priorityOf(s: SchoolResult): { priority: Priority; reason: string } {
  const why: string[] = [];
  if (s.category === CATEGORY.both) why.push('низкие результаты в неблагоприятных условиях');
  if (s.stable) why.push('устойчиво низкие результаты');
  if (s.contribution === -1) why.push('результаты ниже ожидаемых');
  return why.length ? { priority: 'высокий', reason: why.join('; ') } : { priority: 'обычный', reason: '—' };
}

function buildCard(ctx: RuleContext): SchoolCard {
  const { school: s, result } = ctx;
  const fired: FiredRule[] = [];
  const chosen = new Map<MeasureId, { rules: FiredRule[]; details: string[] }>();
  for (const rule of RULES) {
    const evidence = rule.fire(ctx);
    if (evidence === null) continue;
    const f = { id: rule.id, title: rule.title, evidence };
    fired.push(f);
    for (const m of rule.measures) {
      const entry = chosen.get(m) ?? { rules: [], details: [] };
      entry.rules.push(f);
      const d = rule.detail?.(ctx, m);
      if (d && !entry.details.includes(d)) entry.details.push(d);
      chosen.set(m, entry);
    }
  }
  const measures: RecommendedMeasure[] = MEASURE_ORDER.filter((id) => chosen.has(id)).map((id) => {
    const m = MEASURES[id];
    const c = chosen.get(id)!;
    return { id, short: m.short, title: m.title, detail: c.details.length ? c.details.join('; ') : null, responsible: m.responsible, when: m.when, source: m.source, rules: c.rules };
  });
  const weakest = ctx.indicators.filter((l) => l.weak)
    .sort((a, b) => (a.qualityIndex ?? Infinity) - (b.qualityIndex ?? Infinity))
    .map((l) => l.indicator);
  const pr = priorityOf(s);
  return {
    code: s.code, name: s.name, municipality: s.municipality, locality: s.locality, smallSchool: s.smallSchool,
    category: s.category!,
    listStatus: statusOrNull(isShnor(s) ? listStatus(s, 'shnor', result.previousYear) : listStatus(s, 'shfnsu', result.previousYear)),
    stable: s.stable,
    priority: pr.priority, priorityReason: pr.reason,
    reason: s.reason, participants: s.participants,
    qualityIndex: s.qualityIndex, ciLow: s.ciLow, ciHigh: s.ciHigh, qualityGroup: s.qualityGroup,
    isbsh: s.isbsh, isbshGroup: s.isbshGroup, expected: s.expected, residual: s.residual, contribution: s.contribution,
    similar: s.similar ? { rank: s.similar.rank, of: s.similar.of, meanQI: finiteOrNull(s.similar.similarMeanQI) } : null,
    previous: s.previous && result.previousYear !== null ? { year: result.previousYear, ...s.previous } : null,
    indicators: ctx.indicators,
    weakest,
    trend: trendLine(s, ctx.indicators, result.previousYear),
    partners: ctx.partners, social: ctx.social, fired, measures,
    objectivity: result.objectivity?.schools.find((o) => o.code === s.code)?.reasons ?? [],
  };
}

function municipalitySupport(result: Identification, municipality: string, schools: SchoolResult[], cards: SchoolCard[]): MunicipalitySupport {
  const count = (pred: (c: SchoolCard) => boolean) => cards.filter(pred).length;
  const weak = new Map<string, number>();
  const measures = new Map<MeasureId, number>();
  for (const c of cards) {
    for (const w of c.weakest) weak.set(w, (weak.get(w) ?? 0) + 1);
    for (const m of c.measures) measures.set(m.id, (measures.get(m.id) ?? 0) + 1);
  }
  const weakIndicators = [...weak].map(([indicator, n]) => ({ indicator, schools: n }))
    .sort((a, b) => b.schools - a.schools || result.indicators.indexOf(a.indicator) - result.indicators.indexOf(b.indicator));
  const resourceSchools = schools
    .filter((s) => s.category === CATEGORY.resilient || (s.category === CATEGORY.high && s.contribution === 1))
    .sort((a, b) => (b.qualityIndex ?? 0) - (a.qualityIndex ?? 0))
    .map((s) => ({ code: s.code, name: s.name, category: s.category, qualityIndex: s.qualityIndex }));
  const row: MunicipalitySupport = {
    municipality,
    schools: schools.length,
    cards: cards.length,
    byCategory: {
      both: count((c) => c.category === CATEGORY.both),
      lowResults: count((c) => c.category === CATEGORY.lowResults),
      lowSocial: count((c) => c.category === CATEGORY.lowSocial),
    },
    stable: count((c) => c.stable === true),
    newInList: count((c) => c.category !== CATEGORY.lowSocial && c.listStatus === CHANGE_TEXT.new),
    leftList: schools.filter((s) => s.change === 'left').length,
    partnersElsewhere: count((c) => c.partners.length > 0 && c.partners.every((p) => p.municipality !== municipality)),
    withoutPartner: count((c) => c.measures.some((m) => m.id === 'findPartner')),
    weakIndicators,
    measures: MEASURE_ORDER.filter((id) => measures.has(id)).map((id) => ({ id, title: MEASURES[id].title, schools: measures.get(id)! }))
      .sort((a, b) => b.schools - a.schools || MEASURE_ORDER.indexOf(a.id) - MEASURE_ORDER.indexOf(b.id)),
    resourceSchools,
    advice: [],
  };
  row.advice = municipalAdvice(row);
  return row;
}

const schoolsWord = (n: number) => counted(n, NOUN.school);
const forSchools = (n: number) => counted(n, NOUN.school, 'gen');

/** Recommendations to the municipal authority, each from a simple count over its cards. */
export function municipalAdvice(m: MunicipalitySupport): string[] {
  const advice: string[] = [];
  if (m.cards === 0) {
    advice.push('Школ в перечнях ШНОР и ШФНСУ нет: поддерживать достигнутый уровень, распространять эффективные практики в других муниципалитетах.');
    if (m.leftList) advice.push(`Вышли из перечня ШНОР: ${schoolsWord(m.leftList)} — закрепить результат, сохранить сопровождение на год.`);
    return advice;
  }
  advice.push(`Разработать (обновить) муниципальную адресную программу поддержки для ${forSchools(m.cards)} из перечней и назначить муниципального координатора.`);
  const shared = m.weakIndicators.filter((w) => w.schools >= 2);
  if (shared.length) {
    const bySubject = new Map<string, number>();
    for (const w of shared) {
      const subject = splitIndicator(w.indicator).subject.toLowerCase();
      bySubject.set(subject, Math.max(bySubject.get(subject) ?? 0, w.schools));
    }
    advice.push(`Организовать муниципальные методические объединения и семинары для учителей: ${[...bySubject].map(([s, n]) => `${s} (слабый показатель у ${forSchools(n)})`).join('; ')}.`);
  }
  const specialists = m.measures.filter((x) => x.id === 'socialSpecialists' || x.id === 'speechSpecialists');
  if (specialists.length) {
    const n = Math.max(...specialists.map((x) => x.schools));
    advice.push(`Предусмотреть ставки специалистов (психолог, социальный педагог, логопед, дефектолог) или договор с центром психолого-педагогической помощи для ${forSchools(n)}.`);
  }
  const parents = m.measures.find((x) => x.id === 'parents');
  if (parents && parents.schools >= 2) advice.push(`Организовать муниципальную консультационную службу для родителей: потребность выявлена в ${counted(parents.schools, NOUN.school, 'loc')}.`);
  const distance = m.measures.find((x) => x.id === 'distance');
  if (distance) advice.push(`Организовать дистанционное обучение и сетевые программы с ресурсными школами для ${counted(distance.schools, NOUN.ruralSchool, 'gen')}.`);
  if (m.withoutPartner) advice.push(`Для ${forSchools(m.withoutPartner)} партнёр по правилу не найден: договориться с ИРО и соседними муниципалитетами о ресурсной школе.`);
  else if (m.partnersElsewhere) advice.push(`Для ${forSchools(m.partnersElsewhere)} партнёры только в других муниципалитетах: согласовать договоры о сотрудничестве между МОУО.`);
  if (m.resourceSchools.length) {
    advice.push(`Привлечь в качестве ресурсных школ: ${m.resourceSchools.slice(0, 5).map((s) => `${s.name} (код ${s.code})`).join('; ')}${m.resourceSchools.length > 5 ? ` и ещё ${m.resourceSchools.length - 5}` : ''}.`);
  }
  if (m.stable) advice.push(`Устойчиво низкие результаты у ${forSchools(m.stable)}: провести анализ причин и выездную экспертизу в первую очередь.`);
  return advice;
}

/**
 * Builds the cards and municipal summaries of a run.
 * @example recommend(identify(tables), { tables }).cards[0].measures[0].rules[0].id // 'П1'
 */
export function recommend(result: Identification, options: RecommendOptions = {}): Recommendations {
  const year = result.year ?? 0;
  const social = result.ok && result.year !== null ? socialData(options.tables, result.year) : null;
  const stats = regionIndicatorStats(result);
  const neighbours = similarSchools(result.schools, result.settings.similarCount);
  const byCode = new Map(result.schools.map((s) => [s.code, s]));
  const changesByCode = new Map(result.dynamics.map((d) => [d.code, d.changes]));
  const cards: SchoolCard[] = [];
  result.schools.forEach((s, i) => {
    if (!needsCard(s)) return;
    const partners: PartnerInfo[] = s.partners.map((code) => {
      const p = byCode.get(code);
      return { code, name: p?.name ?? code, municipality: p?.municipality ?? '', category: p?.category ?? null, qualityIndex: p?.qualityIndex ?? null, isbsh: p?.isbsh ?? null };
    });
    const ctx: RuleContext = {
      school: s, result, partners,
      indicators: indicatorLines(result, s, neighbours[i], stats, changesByCode.get(s.code) ?? []),
      social: socialLines(social, s.code),
    };
    cards.push(buildCard(ctx));
  });
  cards.sort(byPlace);
  const groups = new Map<string, SchoolResult[]>();
  for (const s of result.schools) {
    const list = groups.get(s.municipality) ?? [];
    list.push(s);
    groups.set(s.municipality, list);
  }
  const municipalities = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'ru'))
    .map((m) => municipalitySupport(result, m, groups.get(m)!, cards.filter((c) => c.municipality === m)));
  return {
    year,
    cards,
    municipalities,
    rules: RULES.map((r) => ({ id: r.id, title: r.title, condition: r.condition, measures: r.measures.map((m) => MEASURES[m].title) })),
    socialKnown: social !== null,
  };
}
