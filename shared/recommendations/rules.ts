/**
 * The rules that choose measures for a school. Each rule says in words when it fires, returns the
 * evidence with the school's numbers when it does, and names the measures it recommends. A card
 * lists every measure with the rules that fired for it, so an official can see why.
 */
import { isLowIsbsh } from '../method/categories';
import type { IndicatorChange } from '../method/dynamics';
import type { Identification, SchoolResult } from '../method/identify';
import { CATEGORY, categoryName, fmt, fmtPercent } from '../messages';
import type { MeasureId } from './measures';
import { type IndicatorLine, type SocialKind, type SocialLine, WEAK_SHARE_HIGHER, splitIndicator } from './profile';

export interface PartnerInfo {
  code: string;
  name: string;
  municipality: string;
  category: string | null;
  qualityIndex: number | null;
  isbsh: number | null;
}

export interface RuleContext {
  school: SchoolResult;
  result: Identification;
  indicators: IndicatorLine[];
  social: SocialLine[];
  partners: PartnerInfo[];
}

export interface Rule {
  /** «П1» … as cards and the sheet cite them. */
  id: string;
  title: string;
  /** When the rule fires, in words (the documented rule). */
  condition: string;
  measures: MeasureId[];
  /** The evidence with the school's numbers, or null when the rule does not fire. */
  fire(ctx: RuleContext): string | null;
  /** Specifics added to a measure's text (the subjects, the partners' names). */
  detail?(ctx: RuleContext, measure: MeasureId): string | null;
}

/** Schools that receive a card: ШНОР (by the chosen method) and ШФНСУ. */
export function needsCard(s: SchoolResult): boolean {
  return s.category === CATEGORY.both || s.category === CATEGORY.lowResults || s.category === CATEGORY.lowSocial;
}

function weakLines(ctx: RuleContext): IndicatorLine[] {
  return ctx.indicators.filter((l) => l.weak);
}

/** «ОГЭ-9 Математика: индекс 0,81 — ниже, чем у 85% школ; не справились 34% (в среднем 12%)». */
export function weakEvidence(l: IndicatorLine, failThreshold: number): string {
  const parts: string[] = [];
  if (l.qualityIndex !== null) {
    parts.push(`индекс ${fmt(l.qualityIndex)}${l.shareHigher !== null ? `, ниже, чем у ${fmtPercent(l.shareHigher, 0)} школ` : ''}`);
  }
  if (l.failShare !== null && (l.federalLow || l.failShare > 0)) {
    const avg = l.regionFailShare !== null ? ` при ${fmtPercent(l.regionFailShare, 0)} в среднем` : '';
    parts.push(`не справились ${fmtPercent(l.failShare, 0)}${l.federalLow ? ` (порог — ${fmt(failThreshold * 100, 0)}%)` : ''}${avg}`);
  }
  return `${l.indicator}: ${parts.join('; ')}`;
}

function subjectsText(lines: IndicatorLine[]): string {
  const bySubject = new Map<string, string[]>();
  for (const l of lines) {
    const { procedure, grade, subject } = splitIndicator(l.indicator);
    const key = subject.toLowerCase();
    const list = bySubject.get(key) ?? [];
    list.push(grade ? `${procedure}-${grade}` : procedure);
    bySubject.set(key, list);
  }
  return [...bySubject].map(([subject, procs]) => `${subject} (${procs.join(', ')})`).join('; ');
}

function socialEvidence(lines: SocialLine[]): string {
  return lines.map((l) => `${l.name.replace(/,\s*%$/, '')} ${fmt(l.value, 1)}% (медиана региона ${fmt(l.regionMedian, 1)}%)`).join('; ');
}

function socialRule(id: string, title: string, condition: string, kinds: SocialKind[], measures: MeasureId[]): Rule {
  return {
    id, title, condition, measures,
    fire(ctx) {
      const hit = ctx.social.filter((l) => l.unfavourable && l.kind !== null && kinds.includes(l.kind));
      return hit.length ? socialEvidence(hit) : null;
    },
  };
}

/** A fall of the quality index, or a rise of the failure share, beyond zc combined standard errors. */
export function significantDecline(c: IndicatorChange, zc: number): boolean {
  const qiDown = c.qiChange !== null && c.qiChangeSE !== null && c.qiChangeSE > 0 && c.qiChange / c.qiChangeSE <= -zc;
  const failUp = c.failShareChange !== null && c.failShareChangeSE !== null && c.failShareChangeSE > 0 && c.failShareChange / c.failShareChangeSE >= zc;
  return qiDown || failUp;
}

const isRural = (s: SchoolResult) => s.locality !== null && /^(село|сельск|дерев|посел)/i.test(s.locality.trim());

/** The rules in the order they are checked and cited. */
export const RULES: Rule[] = [
  {
    id: 'П1',
    title: 'Школа в перечне ШНОР или ШФНСУ',
    condition: 'категория «только ШНОР», «только ШФНСУ» или «ШНОР и ШФНСУ»: школа входит в перечень ШНОР или ШФНСУ и в региональную программу поддержки',
    measures: ['schoolProgram', 'tutoring'],
    fire: ({ school }) => (needsCard(school) ? `категория «${categoryName(school.category!)}»` : null),
  },
  {
    id: 'П2',
    title: 'Низкие образовательные результаты',
    condition: 'школа отнесена к ШНОР выбранным методом (индекс качества значимо ниже среднего — группы 1–5, или федеральный критерий)',
    measures: ['courses', 'deficits'],
    fire({ school, result }) {
      if (!school.lowResults) return null;
      const parts: string[] = [];
      if (school.qualityIndex !== null && school.qualityGroup !== null) parts.push(`индекс качества ${fmt(school.qualityIndex)}, группа ${school.qualityGroup}`);
      if (school.federalLow) parts.push(`доля не справившихся не менее ${fmt(result.settings.failShare * 100, 0)}%: ${school.lowIndicators.join(', ')}`);
      return parts.join('; ') || 'ШНОР';
    },
  },
  {
    id: 'П3',
    title: 'Слабые показатели по предметам',
    condition: `показатель, по которому индекс качества школы ниже, чем у ${fmt(WEAK_SHARE_HIGHER * 100, 0)}% школ региона, или доля не справившихся не меньше порога федерального критерия`,
    measures: ['subjectCourses', 'extraLessons'],
    fire(ctx) {
      const weak = weakLines(ctx);
      return weak.length ? weak.map((l) => weakEvidence(l, ctx.result.settings.failShare)).join('; ') : null;
    },
    detail(ctx) {
      const weak = weakLines(ctx);
      return weak.length ? `по предметам: ${subjectsText(weak)}` : null;
    },
  },
  {
    id: 'П4',
    title: 'Есть школы-партнёры',
    condition: 'для ШНОР найдены школы с близким ИСБШ (не дальше 0,5 σ) и высокими результатами или вкладом выше ожидаемого (правило 10 методики)',
    measures: ['partner'],
    fire: ({ partners }) => (partners.length ? `подобрано партнёров: ${partners.length}` : null),
    detail: ({ partners, school }) => (partners.length
      ? `${partners.length === 1 ? 'партнёр' : 'партнёры'}: ${partners.map((p) => `${p.name}${p.municipality !== school.municipality ? ` (${p.municipality})` : ''}`).join('; ')}`
      : null),
  },
  {
    id: 'П5',
    title: 'Партнёр не найден',
    condition: 'ШНОР, для которой среди школ с близким ИСБШ нет школ с высокими результатами (или ИСБШ не рассчитан)',
    measures: ['findPartner'],
    fire: ({ school }) => (school.lowResults && school.partners.length === 0
      ? (school.isbsh === null ? 'ИСБШ не рассчитан: подобрать партнёра по правилу нельзя' : 'среди школ с близким ИСБШ нет школ с высокими результатами')
      : null),
  },
  {
    id: 'П6',
    title: 'Результаты ниже ожидаемых при таких социальных условиях',
    condition: 'вклад школы (индекс качества минус ожидаемый по ИСБШ) значимо отрицателен: z не больше −1,96',
    measures: ['mentoring', 'deficits', 'expert'],
    fire: ({ school }) => (school.contribution === -1
      ? `индекс качества ${fmt(school.qualityIndex)} при ожидаемом ${fmt(school.expected)}: вклад ${fmt(school.residual)}, z = ${fmt(school.residualZ, 1)}`
      : null),
  },
  {
    id: 'П7',
    title: 'Устойчиво низкие результаты',
    condition: 'школа в перечне ШНОР и в этом, и в прошлом году',
    measures: ['causes', 'expert'],
    fire: ({ school, result }) => (school.stable ? `ШНОР в ${result.previousYear} и ${result.year} годах` : null),
  },
  {
    id: 'П8',
    title: 'Впервые в перечне ШНОР',
    condition: 'школа отнесена к ШНОР в этом году, а в прошлом — нет',
    measures: ['causes'],
    fire: ({ school, result }) => (school.change === 'new'
      ? `в ${result.previousYear} году индекс качества ${fmt(school.previous?.qualityIndex)}, группа ${school.previous?.qualityGroup ?? '—'}`
      : null),
  },
  {
    id: 'П9',
    title: 'Отрицательная динамика',
    condition: 'по показателю индекс качества значимо снизился или доля не справившихся значимо выросла за год (изменение больше 1,96 своей стандартной ошибки)',
    measures: ['extraLessons', 'causes'],
    fire(ctx) {
      const down = ctx.indicators.filter((l) => l.change !== null && significantDecline(l.change, ctx.result.settings.zCritical));
      if (!down.length) return null;
      return down.map((l) => {
        const c = l.change!;
        return c.qiPrevious !== null && c.qiCurrent !== null
          ? `${l.indicator}: ${fmt(c.qiPrevious)} → ${fmt(c.qiCurrent)}`
          : `${l.indicator}: не справились ${fmtPercent(c.failSharePrevious ?? 0, 0)} → ${fmtPercent(c.failShareCurrent ?? 0, 0)}`;
      }).join('; ');
    },
  },
  {
    id: 'П10',
    title: 'Неблагоприятные социальные условия',
    condition: 'ИСБШ в группах 1–4 (ШФНСУ)',
    measures: ['psychDiagnostics', 'parents'],
    fire: ({ school }) => (isLowIsbsh(school.isbshGroup) ? `ИСБШ ${fmt(school.isbsh)}, группа ${school.isbshGroup}` : null),
  },
  socialRule('П11', 'Много обучающихся на профилактическом учёте',
    'доля обучающихся на учёте в КДН и ПДН — в верхней четверти школ региона', ['kdn'], ['socialSpecialists']),
  socialRule('П12', 'Семейный контекст',
    'доля обучающихся из неполных семей — в верхней четверти школ региона, или доля родителей с высшим образованием — в нижней четверти',
    ['singleParent', 'higherEducation'], ['parents']),
  socialRule('П13', 'Обучающиеся с особыми образовательными потребностями',
    'доля обучающихся с ОВЗ или не владеющих русским языком — в верхней четверти школ региона', ['disability', 'language'], ['speechSpecialists']),
  socialRule('П14', 'Социально-экономические трудности семей',
    'доля детей из многодетных семей, с безработными родителями или под опекой — в верхней четверти школ региона',
    ['largeFamily', 'unemployed', 'guardianship'], ['extracurricular']),
  {
    id: 'П15',
    title: 'Сельская школа',
    condition: 'местность — село (для отдалённых и сельских школ программа предусматривает дистанционное обучение)',
    measures: ['distance'],
    fire: ({ school }) => (isRural(school) ? `местность: ${school.locality}` : null),
  },
  {
    id: 'П16',
    title: 'Малокомплектная школа',
    condition: 'школа малокомплектная',
    measures: ['network', 'distance'],
    fire: ({ school }) => (school.smallSchool ? 'малокомплектная школа' : null),
  },
  {
    id: 'П17',
    title: 'Нет социальных показателей',
    condition: 'ИСБШ не рассчитан: на листе «Социальные показатели» нет всех факторов за год',
    measures: ['passport'],
    fire: ({ school }) => (school.isbsh === null ? 'ИСБШ не рассчитан' : null),
  },
];
