/**
 * The recommendations as host-neutral output sheets: «Рекомендации ГГГГ» (one row per school with a
 * card) and «Рекомендации МОУО ГГГГ» (one row per municipality). Every host writes them like the
 * identification's sheets (cli/xlsx.ts writeOutputSheets, the Excel and Sheets adapters).
 */
import { fmt } from '../messages';
import { type OutputSheet, fitHeaderWords } from '../report-tables';
import type { Recommendations, SchoolCard } from './recommend';

export const RECOMMENDATION_SHEETS = {
  schools: (year: number) => `Рекомендации ${year}`,
  municipalities: (year: number) => `Рекомендации МОУО ${year}`,
} as const;

function measuresCell(c: SchoolCard): string {
  return c.measures.map((m, i) => `${i + 1}. ${m.title}${m.detail ? ` — ${m.detail}` : ''} [${m.responsible}; ${m.rules.map((r) => r.id).join(', ')}]`).join('\n');
}

function rulesCell(c: SchoolCard): string {
  return c.fired.map((r) => `${r.id} ${r.title}: ${r.evidence}`).join('\n');
}

function contributionText(c: SchoolCard): string | null {
  if (c.residual === null) return null;
  const word = c.contribution === 1 ? 'выше ожидаемого' : c.contribution === -1 ? 'ниже ожидаемого' : 'в пределах ожидаемого';
  return `${c.residual > 0 ? '+' : ''}${fmt(c.residual)} (${word})`;
}

/** «Рекомендации ГГГГ»: one row per ШНОР / ШФНСУ with its measures and the rules behind them. */
export function recommendationsSheet(rec: Recommendations): OutputSheet {
  const header = [
    '№', 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Категория', 'Приоритет', 'Статус в перечне',
    'Индекс качества', 'Группа (качество)', 'ИСБШ', 'Группа (ИСБШ)', 'Вклад школы', 'Место среди похожих по ИСБШ',
    'Слабые показатели', 'Динамика', 'Партнёры', 'Рекомендуемые меры', 'Основания (правила)',
  ];
  const rows = rec.cards.map((c, i) => [
    i + 1, c.municipality, c.code, c.name, c.category, c.priority,
    c.stable ? 'устойчиво' : c.listStatus,
    c.qualityIndex, c.qualityGroup, c.isbsh, c.isbshGroup, contributionText(c),
    c.similar ? `${c.similar.rank} из ${c.similar.of}` : null,
    c.weakest.join(', ') || null, c.trend,
    c.partners.map((p) => `${p.name} (${p.code})`).join('; ') || null,
    measuresCell(c), rulesCell(c),
  ]);
  return {
    name: RECOMMENDATION_SHEETS.schools(rec.year),
    title: [
      `Адресные рекомендации школам из перечней ШНОР и ШФНСУ, ${rec.year} год`,
      'Меры выбраны правилами П1–П17; после каждой меры в скобках указаны ответственные и сработавшие правила; основания приведены с числами школы',
    ],
    columns: [
      { width: 5 }, { width: 22 }, { width: 11 }, { width: 38, wrap: true }, { width: 16, categoryColors: true }, { width: 10 },
      { width: 12 }, { width: 10, format: '0.000' }, { width: 10, groupColors: true }, { width: 9, format: '0.000' },
      { width: 10, groupColors: true }, { width: 16, wrap: true }, { width: 12 }, { width: 26, wrap: true }, { width: 32, wrap: true },
      { width: 34, wrap: true }, { width: 80, wrap: true }, { width: 70, wrap: true },
    ],
    blocks: [{ header, rows }],
    filter: true,
  };
}

/** «Рекомендации МОУО ГГГГ»: what each municipality's authority should do, from its schools' cards. */
export function municipalRecommendationsSheet(rec: Recommendations): OutputSheet {
  const header = [
    'Муниципалитет', 'Всего ОО', 'В перечнях', 'ШНОР и ШФНСУ', 'Только ШНОР', 'Только ШФНСУ', 'Устойчивые ШНОР', 'Вошли в перечень ШНОР впервые',
    'Вышли из перечня ШНОР', 'Без партнёра', 'Частые слабые показатели', 'Частые меры', 'Ресурсные школы', 'Рекомендации МОУО',
  ];
  const rows = rec.municipalities.map((m) => [
    m.municipality, m.schools, m.cards, m.byCategory.both, m.byCategory.lowResults, m.byCategory.lowSocial, m.stable,
    m.newInList, m.leftList, m.withoutPartner,
    m.weakIndicators.slice(0, 4).map((w) => `${w.indicator} — ${w.schools}`).join('\n') || null,
    m.measures.slice(0, 5).map((x) => `${x.title} — ${x.schools}`).join('\n') || null,
    m.resourceSchools.map((s) => `${s.name} (${s.code})`).join('\n') || null,
    m.advice.map((a, i) => `${i + 1}. ${a}`).join('\n'),
  ]);
  return {
    name: RECOMMENDATION_SHEETS.municipalities(rec.year),
    title: [`Рекомендации муниципальным органам управления образованием, ${rec.year} год`],
    columns: [
      { width: 24 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 8 }, { width: 8 }, { width: 11 }, { width: 10 },
      { width: 10 }, { width: 10 }, { width: 30, wrap: true }, { width: 50, wrap: true }, { width: 36, wrap: true }, { width: 80, wrap: true },
    ],
    blocks: [{ header, rows }],
    filter: true,
  };
}

/** Both recommendation sheets, in the order they are written. */
export function recommendationSheets(rec: Recommendations): OutputSheet[] {
  return [recommendationsSheet(rec), municipalRecommendationsSheet(rec)].map(fitHeaderWords);
}
