/**
 * Addressed recommendations: each rule fires exactly when its documented condition holds (crafted
 * schools), the thresholds are the ones computed by hand here, and on the demo region every card's
 * measures follow from the rules that fired.
 */
import { generateRegion } from '../examples/demo-region';
import { CATEGORY } from '../shared/messages';
import { identify, type Identification, type SchoolResult } from '../shared/method/identify';
import { DEFAULT_SETTINGS } from '../shared/method/settings';
import { emptyObjectivity } from '../shared/objectivity/engine';
import { MEASURES, MEASURE_ORDER } from '../shared/recommendations/measures';
import {
  type IndicatorLine, type SocialLine, WEAK_SHARE_HIGHER, quantile, similarSchools, socialData, socialLines,
} from '../shared/recommendations/profile';
import { municipalAdvice, recommend } from '../shared/recommendations/recommend';
import { RULES, type RuleContext, needsCard, significantDecline } from '../shared/recommendations/rules';
import { municipalRecommendationsSheet, recommendationsSheet } from '../shared/recommendations/sheet';

function school(over: Partial<SchoolResult> = {}): SchoolResult {
  return {
    code: '001', name: 'МБОУ «СОШ № 1»', municipality: 'Район', qualityIndex: 0.85, qualityIndexSE: 0.03, qualityZ: -5,
    qualityGroup: 3, isbsh: 1.02, isbshGroup: 6, residual: -0.1, federalLow: false, lowIndicators: [], category: CATEGORY.lowResults,
    stable: false, change: 'new', reason: '', partners: [], locality: 'город', smallSchool: false, participants: 120, lowResults: true,
    ciLow: 0.79, ciHigh: 0.91, residualZ: -3.3, contribution: -1, expected: 0.95, indicatorQI: [0.85], failShares: [0.1], similar: null,
    previous: { qualityIndex: 0.97, qualityGroup: 6, lowResults: false, isbshGroup: 6, category: CATEGORY.average }, objectivityMarkers: [],
    ...over,
  };
}

function run(schools: SchoolResult[]): Identification {
  return {
    ok: true, year: 2025, previousYear: 2024, settings: { ...DEFAULT_SETTINGS }, defaultsUsed: [], defaultKeys: [], runKeys: [], indicators: ['ОГЭ-9 Математика'],
    regionalMeans: [3.5], pooledSDs: [0.8], qualitySigma: 0.1, isbshSigma: 0.08, model: null, modelMessage: null, candidates: [],
    schools, dynamics: [], objectivity: emptyObjectivity(), problems: [],
  };
}

function line(over: Partial<IndicatorLine> = {}): IndicatorLine {
  return {
    indicator: 'ОГЭ-9 Математика', qualityIndex: 0.95, similarQI: 1, failShare: 0.05, regionFailShare: 0.06, shareHigher: 0.5,
    federalLow: false, weak: false, change: null, ...over,
  };
}

function social(kind: SocialLine['kind'], unfavourable: boolean, value = 10): SocialLine {
  return { name: 'Показатель, %', kind, value, regionMedian: 5, threshold: 8, unfavourable };
}

function ctx(s: SchoolResult, extra: Partial<RuleContext> = {}): RuleContext {
  return { school: s, result: run([s]), indicators: [line()], social: [], partners: [], ...extra };
}

const rule = (id: string) => RULES.find((r) => r.id === id)!;

describe('each rule fires exactly when its condition holds', () => {
  test('П1: every ШНОР, ШФНСУ, ШНОР и ШФНСУ — and nobody else', () => {
    for (const [c, name] of [[CATEGORY.lowResults, 'только ШНОР'], [CATEGORY.lowSocial, 'только ШФНСУ'], [CATEGORY.both, 'ШНОР и ШФНСУ']] as const) {
      expect(rule('П1').fire(ctx(school({ category: c })))).toBe(`категория «${name}»`);
    }
    for (const c of [CATEGORY.resilient, CATEGORY.high, CATEGORY.average, null]) expect(rule('П1').fire(ctx(school({ category: c, lowResults: false })))).toBeNull();
  });

  test('П2: low results by the chosen method, with the index and group or the federal indicators', () => {
    expect(rule('П2').fire(ctx(school()))).toBe('индекс качества 0,85, группа 3');
    expect(rule('П2').fire(ctx(school({ federalLow: true, lowIndicators: ['ОГЭ-9 Математика'] })))).toBe('индекс качества 0,85, группа 3; доля не справившихся не менее 30%: ОГЭ-9 Математика');
    expect(rule('П2').fire(ctx(school({ lowResults: false, category: CATEGORY.lowSocial })))).toBeNull();
  });

  test('П3: a weak indicator names its numbers, and the subject courses name the subjects', () => {
    const weak = line({ indicator: 'ВПР-4 Русский язык', qualityIndex: 0.81, shareHigher: 0.9, failShare: 0.34, regionFailShare: 0.12, weak: true, federalLow: true });
    const c = ctx(school(), { indicators: [line(), weak, line({ indicator: 'ОГЭ-9 Русский язык', weak: true, qualityIndex: 0.8, shareHigher: 0.85, failShare: 0 })] });
    expect(rule('П3').fire(c)).toBe('ВПР-4 Русский язык: индекс 0,81, ниже, чем у 90% школ; не справились 34% (порог — 30%) при 12% в среднем; ОГЭ-9 Русский язык: индекс 0,80, ниже, чем у 85% школ');
    expect(rule('П3').detail!(c, 'subjectCourses')).toBe('по предметам: русский язык (ВПР-4, ОГЭ-9)');
    expect(rule('П3').fire(ctx(school()))).toBeNull();
  });

  test('П4 and П5: partners found → a partnership agreement naming them; none found → look for one', () => {
    const partners = [{ code: '007', name: 'МАОУ «Лицей»', municipality: 'Город', category: CATEGORY.high, qualityIndex: 1.2, isbsh: 1.01 }];
    const s = school({ partners: ['007'] });
    expect(rule('П4').fire(ctx(s, { partners }))).toBe('подобрано партнёров: 1');
    expect(rule('П4').detail!(ctx(s, { partners }), 'partner')).toBe('партнёр: МАОУ «Лицей» (Город)');
    expect(rule('П5').fire(ctx(s, { partners }))).toBeNull();
    expect(rule('П5').fire(ctx(school()))).toBe('среди школ с близким ИСБШ нет школ с высокими результатами');
    expect(rule('П5').fire(ctx(school({ isbsh: null })))).toBe('ИСБШ не рассчитан: подобрать партнёра по правилу нельзя');
    expect(rule('П5').fire(ctx(school({ lowResults: false, category: CATEGORY.lowSocial })))).toBeNull();
  });

  test('П6: contribution significantly below expected (z ≤ −1,96), not merely negative', () => {
    expect(rule('П6').fire(ctx(school()))).toBe('индекс качества 0,85 при ожидаемом 0,95: вклад −0,10, z = −3,3');
    expect(rule('П6').fire(ctx(school({ contribution: 0, residualZ: -1.5 })))).toBeNull();
  });

  test('П7 stable, П8 new in the list', () => {
    expect(rule('П7').fire(ctx(school({ stable: true, change: 'continuing' })))).toBe('ШНОР в 2024 и 2025 годах');
    expect(rule('П7').fire(ctx(school()))).toBeNull();
    expect(rule('П8').fire(ctx(school()))).toBe('в 2024 году индекс качества 0,97, группа 6');
    expect(rule('П8').fire(ctx(school({ change: 'continuing' })))).toBeNull();
  });

  test('П9: a decline beyond 1,96 combined standard errors, in the index or in the failure share', () => {
    const change = (qiChange: number, qiChangeSE: number, failShareChange = 0, failShareChangeSE = 0.05) => ({
      indicator: 'ОГЭ-9 Математика', qiPrevious: 1, qiCurrent: 1 + qiChange, qiChange, qiChangeSE, failSharePrevious: 0.1,
      failShareCurrent: 0.1 + failShareChange, failShareChange, failShareChangeSE, positive: false, negative: true,
    });
    expect(significantDecline(change(-0.2, 0.1), 1.96)).toBe(true); // z = −2
    expect(significantDecline(change(-0.19, 0.1), 1.96)).toBe(false); // z = −1,9: "negative" by one SE, not significant
    expect(significantDecline(change(0, 0.1, 0.1, 0.05), 1.96)).toBe(true); // failures up by 2 SE
    expect(rule('П9').fire(ctx(school(), { indicators: [line({ change: change(-0.2, 0.1) })] }))).toBe('ОГЭ-9 Математика: 1,00 → 0,80');
    expect(rule('П9').fire(ctx(school(), { indicators: [line({ change: change(-0.19, 0.1) })] }))).toBeNull();
  });

  test('П10: ИСБШ groups 1–4 only', () => {
    expect(rule('П10').fire(ctx(school({ isbsh: 0.9, isbshGroup: 4 })))).toBe('ИСБШ 0,90, группа 4');
    expect(rule('П10').fire(ctx(school({ isbsh: 0.95, isbshGroup: 5 })))).toBeNull();
  });

  test('П11–П14: social factors in the unfavourable quarter choose specialists, parents, extracurricular work', () => {
    const s = school();
    expect(rule('П11').fire(ctx(s, { social: [social('kdn', true)] }))).toBe('Показатель 10,0% (медиана региона 5,0%)');
    expect(rule('П11').fire(ctx(s, { social: [social('kdn', false)] }))).toBeNull();
    expect(rule('П11').fire(ctx(s, { social: [social('singleParent', true)] }))).toBeNull();
    expect(rule('П12').fire(ctx(s, { social: [social('higherEducation', true, 3)] }))).not.toBeNull();
    expect(rule('П12').fire(ctx(s, { social: [social('singleParent', true)] }))).not.toBeNull();
    expect(rule('П13').fire(ctx(s, { social: [social('disability', true)] }))).not.toBeNull();
    expect(rule('П13').fire(ctx(s, { social: [social('language', true)] }))).not.toBeNull();
    expect(rule('П14').fire(ctx(s, { social: [social('unemployed', true)] }))).not.toBeNull();
    expect(rule('П14').fire(ctx(s, { social: [social('kdn', true)] }))).toBeNull();
    expect(rule('П11').measures).toEqual(['socialSpecialists']);
    expect(rule('П13').measures).toEqual(['speechSpecialists']);
  });

  test('П15 rural, П16 small, П17 no social data', () => {
    expect(rule('П15').fire(ctx(school({ locality: 'село' })))).toBe('местность: село');
    expect(rule('П15').fire(ctx(school({ locality: 'сельская местность' })))).not.toBeNull();
    expect(rule('П15').fire(ctx(school({ locality: 'город' })))).toBeNull();
    expect(rule('П16').fire(ctx(school({ smallSchool: true })))).toBe('малокомплектная школа');
    expect(rule('П16').fire(ctx(school({ smallSchool: null })))).toBeNull();
    expect(rule('П17').fire(ctx(school({ isbsh: null })))).toBe('ИСБШ не рассчитан');
    expect(rule('П17').fire(ctx(school()))).toBeNull();
  });

  test('every rule recommends measures from the menu, and every measure cites a programme', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(ids.size).toBe(RULES.length);
    for (const r of RULES) for (const m of r.measures) expect(MEASURES[m]).toBeDefined();
    for (const id of MEASURE_ORDER) expect(MEASURES[id].source).toMatch(/програм|приказ/);
    // Every measure of the menu is reachable by some rule.
    expect(new Set(RULES.flatMap((r) => r.measures))).toEqual(new Set(MEASURE_ORDER));
  });
});

describe('thresholds computed by hand', () => {
  test('quantile is type 7 (spreadsheet PERCENTILE)', () => {
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 12);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([5], 0.5)).toBe(5);
  });

  test('a social factor is unfavourable in the upper quarter (КДН) or the lower quarter (higher education)', () => {
    const tables = {
      schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ...['A', 'B', 'C', 'D', 'E'].map((c) => [c, `Школа ${c}`, 'Р'])],
      results: [['Год', 'Код ОО', 'Процедура', 'Класс', 'Предмет', 'Участников', 'Средний балл']],
      social: [['Год', 'Код ОО', 'На учёте в КДН и ПДН, %', 'Родители с высшим образованием, %'],
        [2025, 'A', 1, 40], [2025, 'B', 2, 30], [2025, 'C', 3, 20], [2025, 'D', 4, 10], [2025, 'E', 5, 50]],
    };
    const data = socialData(tables, 2025)!;
    // КДН: 1..5 → P75 = 4, median 3; higher education: 10..50 → P25 = 20, median 30.
    const d = socialLines(data, 'D');
    expect(d.map((l) => [l.kind, l.unfavourable, l.threshold, l.regionMedian])).toEqual([['kdn', true, 4, 3], ['higherEducation', true, 20, 30]]);
    const c = socialLines(data, 'C');
    expect(c.map((l) => l.unfavourable)).toEqual([false, true]);
    const b = socialLines(data, 'B');
    expect(b.map((l) => l.unfavourable)).toEqual([false, false]);
  });
});

describe('the demo region', () => {
  const tables = generateRegion();
  const result = identify(tables);
  const rec = recommend(result, { tables });

  test('a card for every ШНОР and ШФНСУ, none for others', () => {
    const expected = result.schools.filter((s) => s.category === CATEGORY.both || s.category === CATEGORY.lowResults || s.category === CATEGORY.lowSocial)
      .map((s) => s.code).sort();
    expect(rec.cards.map((c) => c.code).sort()).toEqual(expected);
    expect(rec.cards.every((c) => needsCard(result.schools.find((s) => s.code === c.code)!))).toBe(true);
    expect(rec.socialKnown).toBe(true);
  });

  test('each card’s measures are exactly the union of the measures of the rules that fired', () => {
    for (const c of rec.cards) {
      const fromRules = new Set(c.fired.flatMap((f) => RULES.find((r) => r.id === f.id)!.measures));
      expect(new Set(c.measures.map((m) => m.id))).toEqual(fromRules);
      for (const m of c.measures) {
        expect(m.rules.length).toBeGreaterThan(0);
        for (const r of m.rules) expect(RULES.find((x) => x.id === r.id)!.measures).toContain(m.id);
      }
      expect(c.fired[0].id).toBe('П1');
      expect(c.measures.map((m) => MEASURE_ORDER.indexOf(m.id))).toEqual([...c.measures.map((m) => MEASURE_ORDER.indexOf(m.id))].sort((a, b) => a - b));
    }
  });

  test('weak indicators: by brute force, «quality index lower than at 80% of schools» or federally low', () => {
    const k = 4; // ОГЭ-9 Математика
    const values = result.schools.map((s) => s.indicatorQI[k]).filter((v): v is number => v !== null);
    for (const c of rec.cards.slice(0, 40)) {
      const s = result.schools.find((x) => x.code === c.code)!;
      const l = c.indicators[k];
      if (s.indicatorQI[k] === null) {
        expect(l.weak).toBe(s.lowIndicators.includes(result.indicators[k]));
        continue;
      }
      const higher = values.filter((v) => v > s.indicatorQI[k]!).length / values.length;
      expect(l.shareHigher).toBeCloseTo(higher, 12);
      expect(l.weak).toBe(higher >= WEAK_SHARE_HIGHER || s.lowIndicators.includes(result.indicators[k]));
    }
  });

  test('«similar schools» are the engine’s: their mean quality index is the engine’s similarMeanQI', () => {
    const near = similarSchools(result.schools, result.settings.similarCount);
    result.schools.forEach((s, i) => {
      if (!s.similar) {
        expect(near[i]).toBeNull();
        return;
      }
      const mean = near[i]!.reduce((a, j) => a + result.schools[j].qualityIndex!, 0) / near[i]!.length;
      expect(near[i]!.length + 1).toBe(s.similar.of);
      expect(mean).toBeCloseTo(s.similar.similarMeanQI, 12);
    });
  });

  test('municipal summaries add up to the cards and give advice', () => {
    expect(rec.municipalities.reduce((a, m) => a + m.cards, 0)).toBe(rec.cards.length);
    expect(rec.municipalities.reduce((a, m) => a + m.schools, 0)).toBe(result.schools.length);
    for (const m of rec.municipalities) {
      expect(m.byCategory.both + m.byCategory.lowResults + m.byCategory.lowSocial).toBe(m.cards);
      expect(m.advice.length).toBeGreaterThan(0);
      if (m.cards) expect(m.advice[0]).toMatch(/муниципальную адресную программу поддержки/);
    }
  });

  test('municipal advice follows its counts', () => {
    const base = { municipality: 'М', schools: 10, cards: 3, byCategory: { both: 1, lowResults: 1, lowSocial: 1 }, stable: 0, newInList: 0, leftList: 0, partnersElsewhere: 0, withoutPartner: 0, weakIndicators: [], measures: [], resourceSchools: [], advice: [] };
    expect(municipalAdvice(base)).toHaveLength(1);
    const shared = municipalAdvice({ ...base, weakIndicators: [{ indicator: 'ОГЭ-9 Математика', schools: 2 }, { indicator: 'ВПР-4 Математика', schools: 3 }, { indicator: 'ВПР-4 Русский язык', schools: 1 }] });
    expect(shared[1]).toBe('Организовать муниципальные методические объединения и семинары для учителей: математика (слабый показатель у 3 школ).');
    expect(municipalAdvice({ ...base, withoutPartner: 2 }).join(' ')).toMatch(/Для 2 школ партнёр по правилу не найден/);
    expect(municipalAdvice({ ...base, cards: 0 })[0]).toMatch(/^Школ в перечнях ШНОР и ШФНСУ нет/);
  });

  test('the sheets: one row per card and per municipality, measures and rules in their cells', () => {
    const sheet = recommendationsSheet(rec);
    expect(sheet.name).toBe('Рекомендации 2025');
    expect(sheet.blocks[0].rows).toHaveLength(rec.cards.length);
    const header = sheet.blocks[0].header;
    expect(sheet.columns).toHaveLength(header.length);
    const first = sheet.blocks[0].rows[0];
    const card = rec.cards[0];
    expect(first[header.indexOf('Код ОО')]).toBe(card.code);
    expect(String(first[header.indexOf('Рекомендуемые меры')]).split('\n')).toHaveLength(card.measures.length);
    expect(String(first[header.indexOf('Основания (правила)')])).toMatch(/^П1 Школа в перечне/);
    const muni = municipalRecommendationsSheet(rec);
    expect(muni.name).toBe('Рекомендации МОУО 2025');
    expect(muni.blocks[0].rows).toHaveLength(rec.municipalities.length);
    expect(muni.columns).toHaveLength(muni.blocks[0].header.length);
  });

  test('without the social sheet the social rules cannot fire, and the recommendations say so', () => {
    const bare = recommend(result);
    expect(bare.socialKnown).toBe(false);
    expect(bare.cards.flatMap((c) => c.fired.map((f) => f.id)).filter((id) => ['П11', 'П12', 'П13', 'П14'].includes(id))).toEqual([]);
  });
});
